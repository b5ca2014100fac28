// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include "common/Gunzip_p.h"
#include "sparsescope/core/Error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxTrials = std::size_t(1) << 24;

constexpr std::string_view kFormatHint
    = "expected the columns subj,session,trial,rt,object_response,category,condition,imagename";

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool isTrialFile(const fs::path &path)
{
    const std::string name = path.filename().string();
    return endsWith(name, ".csv") || endsWith(name, ".csv.gz");
}

std::string readFileBytes(const std::string &path)
{
    return readWholeFile(path);
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == y; });
}

std::string_view unquote(std::string_view field)
{
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
        return field.substr(1, field.size() - 2);
    return field;
}

/// Splits `line` at commas into `fields`; returns the field count (may exceed the capacity).
std::size_t split(std::string_view line, std::vector<std::string_view> &fields)
{
    // One pass over the characters: fields are short, so a loop beats a find() per field.
    std::size_t count = 0;
    const char *begin = line.data();
    const char *const end = line.data() + line.size();
    for (const char *p = begin;; ++p) {
        if (p == end || *p == ',') {
            if (count < fields.size())
                fields[count]
                    = unquote(std::string_view(begin, static_cast<std::size_t>(p - begin)));
            ++count;
            if (p == end)
                return count;
            begin = p + 1;
        }
    }
}

/// Splits the first line of `rest` at commas into `fields` and removes it (with its LF, and a CR
/// before it) from `rest`, in one pass over the characters (16 at a time with SSE2: the DNN
/// files are 51 MB of text). Returns the field count (may exceed the capacity of `fields`,
/// which must hold at least one).
std::size_t splitLine(std::string_view &rest, std::vector<std::string_view> &fields)
{
    std::size_t count = 0;
    const char *begin = rest.data();
    const char *const end = rest.data() + rest.size();
    // Handles the separator at `q`; true at the end of the line.
    const auto separator = [&](const char *q) {
        const bool lineEnd = q == end || *q == '\n';
        std::string_view field(begin, static_cast<std::size_t>(q - begin));
        if (lineEnd && !field.empty() && field.back() == '\r')
            field.remove_suffix(1);
        if (count < fields.size())
            fields[count] = unquote(field);
        ++count;
        if (lineEnd) {
            rest = q == end ? std::string_view()
                            : std::string_view(q + 1, static_cast<std::size_t>(end - q - 1));
            return true;
        }
        begin = q + 1;
        return false;
    };
    const char *p = begin;
#if defined(__SSE2__)
    const __m128i commas = _mm_set1_epi8(',');
    const __m128i newlines = _mm_set1_epi8('\n');
    for (; end - p >= 16; p += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(chunk, commas), _mm_cmpeq_epi8(chunk, newlines))));
        while (mask != 0) {
            if (separator(p + __builtin_ctz(mask)))
                return count;
            mask &= mask - 1;
        }
    }
#endif
    for (;; ++p)
        if ((p == end || *p == '\n' || *p == ',') && separator(p))
            return count;
}

/// A value as an error message shows it: in single quotes, at most 60 characters.
std::string shown(std::string_view text)
{
    return "'" + std::string(text.substr(0, 60)) + "'";
}

class RowError
{
public:
    RowError(const std::string &path, std::size_t line)
        : m_path(path)
        , m_line(line)
    { }
    [[noreturn]] void operator()(const std::string &problem) const
    {
        throw Error(m_path, "line " + std::to_string(m_line) + ": " + problem,
                    std::string(kFormatHint));
    }

private:
    const std::string &m_path;
    std::size_t m_line;
};

std::int32_t parseInt(std::string_view text, const char *column, const RowError &fail)
{
    std::int32_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        fail(std::string(column) + " " + shown(text) + " is not an integer");
    return value;
}

double parseRt(std::string_view text, const RowError &fail)
{
    if (text.empty() || equalsIgnoringCase(text, "nan") || text == "NA")
        return std::numeric_limits<double>::quiet_NaN();
    double value = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        fail("rt " + shown(text) + " is not a number");
    return value;
}

struct Columns
{
    std::size_t count = 0;
    std::size_t subj = 0, session = 0, trial = 0, rt = 0, response = 0, category = 0, condition = 0,
                image = 0, dnnResponse = 0;
};

Columns parseHeader(const std::string &path, std::string_view header,
                    const TrialReadOptions &options)
{
    std::vector<std::string_view> names(64);
    Columns columns;
    columns.count = split(header, names);
    if (columns.count > names.size())
        throw Error(path, "line 1: more than 64 columns", std::string(kFormatHint));
    const auto find = [&](std::string_view name, bool required) {
        for (std::size_t i = 0; i < columns.count; ++i)
            if (equalsIgnoringCase(names[i], name))
                return i;
        if (required)
            throw Error(path, "line 1: no column '" + std::string(name) + "' in the header",
                        std::string(kFormatHint));
        return std::string::npos;
    };
    columns.subj = find("subj", true);
    columns.session = find("session", true);
    columns.trial = find("trial", true);
    columns.rt = find("rt", true);
    columns.response = find("object_response", true);
    columns.category = find("category", true);
    columns.condition = find("condition", true);
    columns.image = find("imagename", true);
    columns.dnnResponse = columns.response;
    if (!options.dnnResponseColumn.empty()) {
        const auto chosen = find(options.dnnResponseColumn, false);
        if (chosen != std::string::npos)
            columns.dnnResponse = chosen;
    }
    return columns;
}

bool isHumanName(std::string_view observer)
{
    return observer.starts_with("subject-");
}

bool wanted(const std::string &experiment, const TrialReadOptions &options)
{
    if (options.experiments.empty())
        return true;
    return std::any_of(options.experiments.begin(), options.experiments.end(),
                       [&](const std::string &name) {
                           return TrialCsvReader::experimentName(name) == experiment;
                       });
}

std::vector<fs::path> sortedEntries(const fs::path &directory, bool folders)
{
    std::vector<fs::path> entries;
    for (const auto &entry : fs::directory_iterator(directory)) {
        if (folders ? entry.is_directory() : (entry.is_regular_file() && isTrialFile(entry.path())))
            entries.push_back(entry.path());
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

bool hasTrialFiles(const fs::path &directory)
{
    return !sortedEntries(directory, false).empty();
}

} // namespace

std::string TrialCsvReader::experimentName(std::string_view folderName)
{
    constexpr std::string_view suffix = "-experiment";
    if (endsWith(folderName, suffix) && folderName.size() > suffix.size())
        folderName.remove_suffix(suffix.size());
    return std::string(folderName);
}

namespace {

void parseTrials(const std::string &path, std::string_view data, std::string_view experiment,
                 TrialTable &table, const TrialReadOptions &options)
{
    std::string_view rest(data);
    const auto nextLine = [&rest]() {
        const auto newline = rest.find('\n');
        std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        return line;
    };
    if (rest.empty())
        throw Error(path, "empty file", std::string(kFormatHint));
    const Columns columns = parseHeader(path, nextLine(), options);

    const std::int32_t experimentId = table.experimentNames().intern(experiment);
    std::vector<std::string_view> fields(columns.count);
    std::string_view lastObserver;
    std::int32_t lastObserverId = -1;
    std::size_t lineNumber = 1;
    // The trial budget, checked before the table grows: the released studies hold well under
    // a million trials; 16 Mi trials take about 1 GiB here.
    const auto lines = static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1;
    if (lines > kMaxTrials)
        throw Error(path,
                    "holds " + std::to_string(lines) + " lines, more than the "
                        + std::to_string(kMaxTrials) + " trials read from one file",
                    "split it, or check that it is a trial file");
    table.reserveMore(lines);
    while (!rest.empty()) {
        ++lineNumber;
        const RowError fail(path, lineNumber);
        const std::size_t count = splitLine(rest, fields);
        if (count == 1 && fields[0].empty()) {
            if (rest.empty())
                break; // a blank last line
            fail("empty line");
        }
        if (count != columns.count)
            fail("expected " + std::to_string(columns.count) + " fields, found "
                 + std::to_string(count));
        const std::string_view observer = fields[columns.subj];
        if (observer.empty())
            fail("empty subj");
        if (observer != lastObserver) {
            lastObserverId = table.observerNames().intern(observer);
            lastObserver = observer;
        }
        const ObserverKind kind = isHumanName(observer) ? ObserverKind::Human : ObserverKind::Dnn;
        const std::string_view response
            = fields[kind == ObserverKind::Dnn ? columns.dnnResponse : columns.response];
        const std::string_view category = fields[columns.category];
        const std::string_view condition = fields[columns.condition];
        const std::string_view image = fields[columns.image];
        if (response.empty())
            fail("empty object_response (a missing answer is written 'na')");
        if (category.empty() || category == TrialTable::kNoResponseName)
            fail("category " + shown(category) + " is not a category");
        if (condition.empty())
            fail("empty condition");
        if (image.empty())
            fail("empty imagename");
        const std::int32_t session = parseInt(fields[columns.session], "session", fail);
        const std::int32_t trial = parseInt(fields[columns.trial], "trial", fail);
        const double rt = parseRt(fields[columns.rt], fail);
        table.appendIds(experimentId, lastObserverId, kind, session, trial, rt,
                        table.labelNames().intern(response), table.labelNames().intern(category),
                        table.conditionNames().intern(condition), table.imageNames().intern(image));
    }
}

} // namespace

void TrialCsvReader::readFile(const std::string &path, std::string_view experiment,
                              TrialTable &table, const TrialReadOptions &options)
{
    const std::string data = readFileBytes(path);
    parseTrials(path, data, experiment, table, options);
}

namespace {

/// Every trial file below `directory` of the experiments `options` asks for, in order, with its
/// experiment's name.
std::vector<std::pair<std::string, std::string>> trialFiles(const std::string &directory,
                                                            const TrialReadOptions &options)
{
    fs::path root(directory);
    if (!fs::is_directory(root))
        throw Error(directory, "not a directory",
                    "clone https://github.com/rgeirhos/generalisation-humans-DNNs and pass the "
                    "clone or its raw-data folder");
    if (fs::is_directory(root / "raw-data"))
        root /= "raw-data";

    // (folder, experiment, skip the human duplicates that upstream keeps in TF/)
    struct Source
    {
        fs::path folder;
        std::string experiment;
        bool dnnOnly;
    };
    std::vector<Source> sources;
    std::vector<std::string> seen;
    const auto add = [&](const fs::path &folder, bool dnnOnly) {
        const std::string experiment = TrialCsvReader::experimentName(folder.filename().string());
        seen.push_back(experiment);
        if (wanted(experiment, options))
            sources.push_back({folder, experiment, dnnOnly});
    };
    const bool layout2018 = fs::is_directory(root / "humans") || fs::is_directory(root / "TF");
    if (layout2018) {
        for (const char *part : {"humans", "TF"}) {
            if (!fs::is_directory(root / part))
                continue;
            for (const auto &folder : sortedEntries(root / part, true))
                if (endsWith(folder.filename().string(), "-experiment"))
                    add(folder, std::string_view(part) == "TF");
        }
    } else if (hasTrialFiles(root)) {
        add(root, false);
    } else {
        for (const auto &folder : sortedEntries(root, true))
            if (hasTrialFiles(folder))
                add(folder, false);
    }
    if (seen.empty())
        throw Error(directory, "no trial CSV files found",
                    "expected a clone of https://github.com/rgeirhos/generalisation-humans-DNNs, "
                    "its raw-data folder, or a folder of experiment folders");
    if (sources.empty()) {
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        std::string list;
        for (const auto &name : seen)
            list += (list.empty() ? "" : ", ") + name;
        throw Error(directory, "no such experiment", "available: " + list);
    }

    std::vector<std::pair<std::string, std::string>> files; // (path, experiment)
    for (const auto &source : sources) {
        for (const auto &file : sortedEntries(source.folder, false)) {
            const std::string name = file.filename().string();
            if (source.dnnOnly && name.find("_subject-") != std::string::npos)
                continue;
            files.emplace_back(file.string(), source.experiment);
        }
    }

    return files;
}

/// Parses `files` into one table while a second thread reads and gunzips the next few.
TrialTable readFiles(const std::vector<std::pair<std::string, std::string>> &files,
                     const TrialReadOptions &options)
{
    // Inflating is a third of the work for the 2018 data.
    constexpr std::size_t kAhead = 4;
    struct Loaded
    {
        std::string data;
        std::exception_ptr error;
        bool ready = false;
    };
    std::vector<Loaded> loaded(files.size());
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t consumed = 0;
    bool stop = false;
    std::jthread prefetch([&]() {
        for (std::size_t i = 0; i < files.size(); ++i) {
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || i < consumed + kAhead; });
                if (stop)
                    return;
            }
            Loaded item;
            try {
                item.data = readFileBytes(files[i].first);
            } catch (...) {
                item.error = std::current_exception();
            }
            item.ready = true;
            {
                std::lock_guard lock(mutex);
                loaded[i] = std::move(item);
            }
            changed.notify_all();
        }
    });

    TrialTable table;
    try {
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::string data;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return loaded[i].ready; });
                if (loaded[i].error)
                    std::rethrow_exception(loaded[i].error);
                data = std::move(loaded[i].data);
                consumed = i + 1;
            }
            changed.notify_all();
            parseTrials(files[i].first, data, files[i].second, table, options);
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        throw; // prefetch joins on destruction
    }
    return table;
}

} // namespace

TrialTable TrialCsvReader::readDirectory(const std::string &directory,
                                         const TrialReadOptions &options)
{
    return readFiles(trialFiles(directory, options), options);
}

} // namespace sparsescope::core
