// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/CsvTable.h"

#include "common/Gunzip_p.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>

namespace sparsescope::core {

std::string toString(TabularTask task)
{
    return task == TabularTask::Classification ? "classification" : "regression";
}

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
/// The budgets of a table (issue 19.2): what a tabular data set can need, checked while the
/// text is split, so that no file makes the reader take more than about 2 GiB.
constexpr std::size_t kMaxTextBytes = std::size_t(512) << 20;
constexpr std::size_t kMaxFieldBytes = std::size_t(1) << 20;
constexpr std::size_t kMaxLineBytes = std::size_t(16) << 20;
constexpr std::size_t kMaxFields = std::size_t(1) << 24;

/// One CSV record with the physical line it starts on.
struct Record
{
    int line = 0;
    std::vector<std::string> fields;
};

std::string trimmed(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos)
        return {};
    const auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

std::string lowered(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool isMissing(const std::string &field)
{
    const std::string t = lowered(trimmed(field));
    return t.empty() || t == "na" || t == "n/a" || t == "nan" || t == "?" || t == "null"
        || t == "none";
}

/// A finite number in C locale syntax (an optional leading '+' allowed), or false.
bool parseNumber(const std::string &field, double &value)
{
    std::string t = trimmed(field);
    if (!t.empty() && t.front() == '+')
        t.erase(0, 1);
    if (t.empty())
        return false;
    const char *end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(t.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

std::string lineText(int line)
{
    return "line " + std::to_string(line);
}

/// Moves `field` into `record` (as its `count`-th field of the table) within the budgets.
void addField(Record &record, std::string &field, std::size_t count, const std::string &source)
{
    if (field.size() > kMaxFieldBytes)
        throw Error(source,
                    lineText(record.line) + ": a field of " + std::to_string(field.size())
                        + " bytes (at most 1 MiB)",
                    "is the delimiter right? quotes closed?");
    if (count > kMaxFields)
        throw Error(source, "holds more than " + std::to_string(kMaxFields) + " fields",
                    "tables of at most 16 Mi cells are read");
    record.fields.push_back(std::move(field));
    field.clear();
}

/// Splits `text` into records (RFC 4180): quoted fields may hold delimiters, doubled quotes and
/// line breaks. Lines before `skipRows` are dropped; blank lines are skipped.
std::vector<Record> splitRecords(const std::string &text, const std::string &source,
                                 const CsvOptions &options)
{
    std::vector<Record> records;
    std::size_t i = 0;
    int line = 1;
    // Skip physical lines first (a count line is not necessarily valid CSV).
    for (int skipped = 0; skipped < options.skipRows && i < text.size(); ++skipped) {
        const auto end = text.find('\n', i);
        i = end == std::string::npos ? text.size() : end + 1;
        ++line;
    }
    const char delimiter = options.delimiter;
    std::size_t fields = 0;
    const auto take = [&](Record &record, std::string &field) {
        addField(record, field, ++fields, source);
    };
    while (i < text.size()) {
        Record record;
        record.line = line;
        const std::size_t recordStart = i;
        std::string field;
        bool fieldQuoted = false;
        bool endOfRecord = false;
        while (!endOfRecord) {
            if (i >= text.size()) {
                endOfRecord = true;
                break;
            }
            const char c = text[i];
            if (c == '"' && trimmed(field).empty() && !fieldQuoted) {
                // A quoted field: read up to the closing quote.
                const int quoteLine = line;
                field.clear();
                fieldQuoted = true;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    const char q = text[i];
                    if (q == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (q == '\n')
                        ++line;
                    field += q;
                    ++i;
                }
                if (!closed)
                    throw Error(source, lineText(quoteLine) + ": unterminated quoted field",
                                "a field that starts with \" must end with \"");
                // Only spaces may follow the closing quote before the delimiter.
                while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')
                       && text[i] != delimiter)
                    ++i;
                if (i < text.size() && text[i] != delimiter && text[i] != '\n')
                    throw Error(source, lineText(line) + ": text after a closing quote",
                                "quote the whole field");
                continue;
            }
            if (c == delimiter) {
                take(record, field);
                fieldQuoted = false;
                ++i;
                continue;
            }
            if (c == '\n') {
                ++i;
                ++line;
                endOfRecord = true;
                break;
            }
            if (c != '\r' || fieldQuoted)
                field += c;
            ++i;
        }
        if (i - recordStart > kMaxLineBytes)
            throw Error(source,
                        lineText(record.line) + ": a line of " + std::to_string(i - recordStart)
                            + " bytes (at most 16 MiB)");
        take(record, field);
        const bool blank = record.fields.size() == 1 && trimmed(record.fields[0]).empty();
        if (!blank)
            records.push_back(std::move(record));
    }
    return records;
}

/// The numeric order of class labels when all are numbers, else lexicographic.
std::vector<std::string> sortedClasses(const std::map<std::string, double> &labels, bool numeric)
{
    std::vector<std::pair<std::string, double>> list(labels.begin(), labels.end());
    if (numeric)
        std::stable_sort(list.begin(), list.end(),
                         [](const auto &a, const auto &b) { return a.second < b.second; });
    std::vector<std::string> names;
    for (const auto &entry : list)
        names.push_back(entry.first);
    return names;
}

/// The data rows of a parsed file (after the header).
struct DataRows
{
    const std::vector<Record> &records;
    std::size_t firstData = 0;
    std::size_t size() const { return records.size() - firstData; }
    const std::string &field(std::size_t row, std::size_t column) const
    {
        return records[firstData + row].fields[column];
    }
    int line(std::size_t row) const { return records[firstData + row].line; }
};

/// The column names (the header, or 0, 1, …) after checking that every row has them all;
/// `firstData` is the first data record.
std::vector<std::string> columnNames(const std::vector<Record> &records, const CsvOptions &options,
                                     const std::string &source, std::size_t &firstData)
{
    std::vector<std::string> names;
    firstData = 0;
    if (options.header) {
        for (const auto &name : records[0].fields)
            names.push_back(trimmed(name));
        firstData = 1;
    } else {
        for (std::size_t c = 0; c < records[0].fields.size(); ++c)
            names.push_back(std::to_string(c));
    }
    const std::size_t columns = names.size();
    if (columns < 2)
        throw Error(source, lineText(records[0].line) + ": found one column only",
                    std::string("is the delimiter '") + options.delimiter + "'?");
    if (records.size() <= firstData)
        throw Error(source, "has a header but no data rows");
    for (std::size_t r = firstData; r < records.size(); ++r)
        if (records[r].fields.size() != columns)
            throw Error(source,
                        lineText(records[r].line) + ": expected " + std::to_string(columns)
                            + " fields, found " + std::to_string(records[r].fields.size()),
                        "quote fields that contain the delimiter");
    return names;
}

/// The target column: the named one, else the last.
std::size_t targetColumn(const std::vector<std::string> &names, const CsvOptions &options,
                         const std::string &source)
{
    if (options.target.empty())
        return names.size() - 1;
    const auto it = std::find(names.begin(), names.end(), options.target);
    if (it == names.end()) {
        std::string list;
        for (std::size_t c = 0; c < names.size() && c < 20; ++c)
            list += (c ? ", " : "") + names[c];
        throw Error(source, "no column named '" + options.target + "'",
                    "columns: " + list + (names.size() > 20 ? ", …" : ""));
    }
    return std::size_t(it - names.begin());
}

/// Class labels of a classification target in their order, and each row's class index.
/// Numeric labels are keyed by value, so "1" and "1.0" are one class.
std::vector<std::string> classLabels(const DataRows &rows, std::size_t target, bool numeric,
                                     const std::string &targetName, const std::string &source,
                                     std::vector<float> &targets)
{
    std::map<std::string, double> labels;
    std::map<double, std::string> byValue;
    std::vector<std::string> keys(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string label = trimmed(rows.field(r, target));
        double v = 0;
        if (numeric && parseNumber(label, v)) {
            auto [it, inserted] = byValue.emplace(v, label);
            label = it->second;
        }
        keys[r] = label;
        labels.emplace(label, numeric ? v : 0.0);
    }
    if (labels.size() < 2)
        throw Error(source, "target '" + targetName + "' has a single class");
    std::vector<std::string> classes = sortedClasses(labels, numeric);
    std::map<std::string, int> index;
    for (std::size_t k = 0; k < classes.size(); ++k)
        index[classes[k]] = int(k);
    for (std::size_t r = 0; r < rows.size(); ++r)
        targets[r] = float(index[keys[r]]);
    return classes;
}

/// The target column's values: numbers (regression) or class indices (classification).
struct Targets
{
    TabularTask task = TabularTask::Regression;
    std::vector<float> values;
    std::vector<std::string> classNames; ///< classification
};

Targets readTargets(const DataRows &data, std::size_t target, const CsvOptions &options,
                    const std::string &targetName, const std::string &source)
{
    const std::size_t rows = data.size();
    bool numeric = true;
    for (std::size_t r = 0; r < rows; ++r) {
        if (isMissing(data.field(r, target)))
            throw Error(source,
                        lineText(data.line(r)) + ": missing value in the target column '"
                            + targetName + "'",
                        "remove the row");
        double v = 0;
        if (!parseNumber(data.field(r, target), v))
            numeric = false;
    }
    Targets targets;
    targets.task = options.autoTask
        ? (numeric ? TabularTask::Regression : TabularTask::Classification)
        : options.task;
    targets.values.resize(rows);
    if (targets.task == TabularTask::Classification) {
        targets.classNames = classLabels(data, target, numeric, targetName, source, targets.values);
        return targets;
    }
    for (std::size_t r = 0; r < rows; ++r) {
        double v = 0;
        if (!parseNumber(data.field(r, target), v))
            throw Error(source,
                        lineText(data.line(r)) + ": target '" + targetName + "' is not a number ('"
                            + trimmed(data.field(r, target)) + "')",
                        "use --task classification for class labels");
        targets.values[r] = float(v);
    }
    return targets;
}

/// A feature column of the file: numeric, or one-hot categories when allowed.
struct FeatureColumn
{
    std::size_t source = 0;
    std::vector<std::string> categories; ///< empty: numeric
};

std::vector<FeatureColumn> featureColumns(const DataRows &rows,
                                          const std::vector<std::string> &names, std::size_t target,
                                          const CsvOptions &options, const std::string &source)
{
    std::vector<FeatureColumn> columns;
    for (std::size_t c = 0; c < names.size(); ++c) {
        if (c == target)
            continue;
        FeatureColumn column {c, {}};
        std::size_t firstText = rows.size();
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const std::string &f = rows.field(r, c);
            double v = 0;
            if (isMissing(f)) {
                if (options.missing == MissingValues::Error)
                    throw Error(source,
                                lineText(rows.line(r)) + ": missing value in column '" + names[c]
                                    + "'",
                                "use --impute-missing to fill in the training mean");
                continue;
            }
            if (!parseNumber(f, v) && firstText == rows.size())
                firstText = r;
        }
        if (firstText < rows.size()) {
            if (!options.oneHot)
                throw Error(source,
                            lineText(rows.line(firstText)) + ": column '" + names[c]
                                + "' is not numeric ('" + trimmed(rows.field(firstText, c)) + "')",
                            "use --one-hot for categorical columns");
            std::map<std::string, int> seen;
            for (std::size_t r = 0; r < rows.size(); ++r)
                if (!isMissing(rows.field(r, c)))
                    seen.emplace(trimmed(rows.field(r, c)), 0);
            for (const auto &entry : seen)
                column.categories.push_back(entry.first);
        }
        columns.push_back(std::move(column));
    }
    return columns;
}

/// Box–Muller from a 64-bit Mersenne Twister: the same draws with every standard library
/// (std::normal_distribution is implementation-defined).
class PortableNormal
{
public:
    explicit PortableNormal(std::uint64_t seed)
        : m_engine(seed)
    { }
    double next()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = 0.0;
        do
            u1 = uniform();
        while (u1 <= 0.0);
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * M_PI * u2;
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

private:
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

} // namespace

CsvTable CsvTable::read(const std::string &path, const CsvOptions &options)
{
    return parse(readWholeFile(path, kMaxTextBytes), path, options);
}

CsvTable CsvTable::parse(const std::string &text, const std::string &source,
                         const CsvOptions &options)
{
    const std::vector<Record> records = splitRecords(text, source, options);
    if (records.empty())
        throw Error(source, "has no rows", options.skipRows > 0 ? "check --skip-rows" : "");
    DataRows data {records, 0};
    const std::vector<std::string> names = columnNames(records, options, source, data.firstData);
    const std::size_t target = targetColumn(names, options, source);

    CsvTable table;
    table.m_source = source;
    table.m_targetName = names[target];
    const std::size_t rows = data.size();
    for (std::size_t r = 0; r < rows; ++r)
        table.m_lines.push_back(data.line(r));
    Targets targets = readTargets(data, target, options, table.m_targetName, source);
    table.m_task = targets.task;
    table.m_targets = std::move(targets.values);
    table.m_classNames = std::move(targets.classNames);

    const std::vector<FeatureColumn> columns = featureColumns(data, names, target, options, source);
    for (const auto &column : columns) {
        if (column.categories.empty())
            table.m_featureNames.push_back(names[column.source]);
        else
            for (const auto &category : column.categories)
                table.m_featureNames.push_back(names[column.source] + "=" + category);
    }
    const std::size_t features = table.m_featureNames.size();
    if (features == 0)
        throw Error(source, "has no feature columns besides the target");
    table.m_values.assign(rows * features, 0.0f);
    for (std::size_t r = 0; r < rows; ++r) {
        float *out = table.m_values.data() + r * features;
        std::size_t k = 0;
        for (const auto &column : columns) {
            const std::string &f = data.field(r, column.source);
            const bool missing = isMissing(f);
            table.m_missing += missing ? 1 : 0;
            if (column.categories.empty()) {
                double v = 0;
                if (!missing)
                    parseNumber(f, v); // checked by featureColumns
                out[k++] = missing ? kMissing : float(v);
                continue;
            }
            const std::string value = trimmed(f);
            for (const auto &category : column.categories)
                out[k++] = missing ? kMissing : (category == value ? 1.0f : 0.0f);
        }
    }
    return table;
}

CsvTable CsvTable::withNoiseFeatures(int count, std::uint64_t seed) const
{
    if (count <= 0)
        return *this;
    CsvTable out = *this;
    const std::size_t oldFeatures = features();
    const std::size_t newFeatures = oldFeatures + std::size_t(count);
    for (int i = 1; i <= count; ++i)
        out.m_featureNames.push_back("noise" + std::to_string(i));
    out.m_values.assign(rows() * newFeatures, 0.0f);
    PortableNormal normal(seed);
    for (std::size_t r = 0; r < rows(); ++r) {
        std::copy_n(m_values.data() + r * oldFeatures, oldFeatures,
                    out.m_values.data() + r * newFeatures);
        for (std::size_t k = oldFeatures; k < newFeatures; ++k)
            out.m_values[r * newFeatures + k] = float(normal.next());
    }
    return out;
}

} // namespace sparsescope::core
