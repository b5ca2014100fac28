// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/AtlasTable.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <sstream>

namespace sparsescope::core {

double AtlasRow::value(const std::string &column) const
{
    for (const auto &[name, v] : values)
        if (name == column)
            return v;
    return std::numeric_limits<double>::quiet_NaN();
}

void AtlasRow::set(const std::string &column, double v)
{
    for (auto &[name, old] : values)
        if (name == column) {
            old = v;
            return;
        }
    values.emplace_back(column, v);
}

std::vector<std::string> AtlasTable::knobNames() const
{
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto &row : rows)
        for (const auto &[name, value] : row.knobs)
            if (seen.insert(name).second)
                out.push_back(name);
    return out;
}

std::vector<std::string> AtlasTable::valueColumns() const
{
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto &row : rows)
        for (const auto &[name, value] : row.values)
            if (seen.insert(name).second)
                out.push_back(name);
    return out;
}

namespace {

/// Splits one CSV line (RFC 4180 quotes; no line breaks inside fields).
std::vector<std::string> splitCsv(const std::string &line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

} // namespace

std::string AtlasTable::toCsv() const
{
    const auto knobs = knobNames();
    const auto columns = valueColumns();
    std::string out = "member,series,label,path";
    for (const auto &knob : knobs)
        out += "," + csvQuoted("knob:" + knob);
    for (const auto &column : columns)
        out += "," + csvQuoted(column);
    out += ",notes\n";
    for (const auto &row : rows) {
        out += csvQuoted(row.member) + "," + csvQuoted(row.series) + "," + csvQuoted(row.label)
            + "," + csvQuoted(row.path);
        for (const auto &knob : knobs) {
            std::string text;
            for (const auto &[name, value] : row.knobs)
                if (name == knob)
                    text = value;
            out += "," + csvQuoted(text);
        }
        for (const auto &column : columns)
            out += "," + csvNumberOrEmpty(row.value(column));
        std::string notes;
        for (const auto &note : row.notes)
            notes += (notes.empty() ? "" : "; ") + note;
        out += "," + csvQuoted(notes) + "\n";
    }
    return out;
}

AtlasTable AtlasTable::fromCsv(const std::string &text, const std::string &origin)
{
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line))
        throw Error(origin, "empty atlas table");
    const auto header = splitCsv(line);
    if (header.size() < 5 || header[0] != "member" || header[1] != "series" || header[2] != "label"
        || header[3] != "path" || header.back() != "notes")
        throw Error(origin, "not an atlas table (header must be member,series,label,path,…,notes)");
    AtlasTable table;
    int lineNumber = 1;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (line.empty() || line == "\r")
            continue;
        const auto fields = splitCsv(line);
        if (fields.size() != header.size())
            throw Error(origin,
                        "line " + std::to_string(lineNumber) + ": " + std::to_string(fields.size())
                            + " fields, the header has " + std::to_string(header.size()));
        AtlasRow row;
        row.member = fields[0];
        row.series = fields[1];
        row.label = fields[2];
        row.path = fields[3];
        for (std::size_t c = 4; c + 1 < header.size(); ++c) {
            if (header[c].rfind("knob:", 0) == 0) {
                if (!fields[c].empty())
                    row.knobs.emplace_back(header[c].substr(5), fields[c]);
                continue;
            }
            double value = std::numeric_limits<double>::quiet_NaN();
            if (!fields[c].empty()) {
                char *end = nullptr;
                value = std::strtod(fields[c].c_str(), &end);
                if (end == fields[c].c_str() || *end != '\0')
                    throw Error(origin,
                                "line " + std::to_string(lineNumber) + ": \"" + fields[c]
                                    + "\" in column " + header[c] + " is not a number");
            }
            row.values.emplace_back(header[c], value);
        }
        if (!fields.back().empty())
            row.notes.push_back(fields.back());
        table.rows.push_back(std::move(row));
    }
    return table;
}

AtlasTable AtlasTable::readFile(const std::string &path)
{
    return fromCsv(json_fields::readFile(path, "atlas table"), path);
}

void AtlasTable::writeFile(const std::string &path) const
{
    writeTextFile(path, toCsv());
}

} // namespace sparsescope::core
