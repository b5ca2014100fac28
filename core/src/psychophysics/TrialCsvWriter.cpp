// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/TrialCsvWriter.h"

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

void writeBytes(const std::string &path, const std::string &text)
{
    const bool gzip = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (gzip) {
        gzFile file = gzopen(path.c_str(), "wb6");
        if (file == nullptr)
            throw Error(path, "cannot create the file");
        const int written
            = text.empty() ? 0 : gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
        const int closed = gzclose(file);
        if (static_cast<std::size_t>(written) != text.size() || closed != Z_OK)
            throw Error(path, "write error");
        return;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "wb"),
                                                          &std::fclose);
    if (!file)
        throw Error(path, "cannot create the file");
    if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size()
        || std::fflush(file.get()) != 0)
        throw Error(path, "write error");
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
    writeBytes(path, text);
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
