// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/TrialCsvWriter.h"

#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <tuple>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader
    = "subj,session,trial,rt,object_response,category,condition,imagename\n";

void appendNumber(std::string &out, double value)
{
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendNumber(std::string &out, std::int32_t value)
{
    char buffer[16];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendRow(std::string &out, const TrialTable &table, std::size_t i)
{
    out += table.observerNames().view(table.observers()[i]);
    out += ',';
    appendNumber(out, table.sessions()[i]);
    out += ',';
    appendNumber(out, table.trials()[i]);
    out += ',';
    appendNumber(out, table.rts()[i]);
    out += ',';
    out += table.labelNames().view(table.responses()[i]);
    out += ',';
    out += table.labelNames().view(table.categories()[i]);
    out += ',';
    out += table.conditionNames().view(table.conditions()[i]);
    out += ',';
    out += table.imageNames().view(table.images()[i]);
    out += '\n';
}

} // namespace

void TrialCsvWriter::write(const TrialTable &table, const std::string &path,
                           const std::vector<std::size_t> &rows)
{
    std::string text(kHeader);
    text.reserve(kHeader.size() + 96 * (rows.empty() ? table.size() : rows.size()));
    if (rows.empty()) {
        for (std::size_t i = 0; i < table.size(); ++i)
            appendRow(text, table, i);
    } else {
        for (const std::size_t i : rows) {
            if (i >= table.size())
                throw Error(path, "row " + std::to_string(i) + " is not in the table");
            appendRow(text, table, i);
        }
    }
    writeTextFile(path, text);
}

std::vector<std::string> TrialCsvWriter::writeExperimentFolders(const TrialTable &table,
                                                                const std::string &directory)
{
    std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < table.size(); ++i)
        groups[{table.experiments()[i], table.observers()[i], table.sessions()[i]}].push_back(i);
    std::vector<std::string> files;
    for (const auto &[key, rows] : groups) {
        const auto &[experiment, observer, session] = key;
        const std::string stem
            = std::string(table.experimentNames().view(experiment)) + "-experiment";
        const std::string observerName(table.observerNames().view(observer));
        if (observerName.find('/') != std::string::npos)
            throw Error(directory, "observer name '" + observerName + "' contains '/'");
        const fs::path folder = fs::path(directory) / stem;
        std::error_code error;
        fs::create_directories(folder, error);
        if (error)
            throw Error(folder.string(), "cannot create the folder: " + error.message());
        const fs::path file
            = folder / (stem + "_" + observerName + "_session_" + std::to_string(session) + ".csv");
        write(table, file.string(), rows);
        files.push_back(file.string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace sparsescope::core
