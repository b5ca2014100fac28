// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/MeasureCache.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

namespace sparsescope::core {

using nlohmann::json;

namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv(std::uint64_t hash, const char *data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= kFnvPrime;
    }
    return hash;
}

std::string hex(std::uint64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

} // namespace

std::string MeasureCache::fileHash(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, "cannot read the model file");
    std::uint64_t hash = kFnvOffset;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        hash = fnv(hash, buffer.data(), std::size_t(in.gcount()));
    }
    if (in.bad())
        throw Error(path, "cannot read the model file");
    return hex(hash);
}

std::string MeasureCache::textHash(const std::string &text)
{
    return hex(fnv(kFnvOffset, text.data(), text.size()));
}

std::string MeasureCache::entryPath(const std::string &directory, const std::string &measure,
                                    const std::string &modelHash, const std::string &settingsJson)
{
    return (std::filesystem::path(directory)
            / (measure + "-" + modelHash + "-" + textHash(settingsJson) + ".json"))
        .string();
}

std::optional<MeasureEntry> MeasureCache::load(const std::string &path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return std::nullopt;
    try {
        const json j = json_fields::parse(json_fields::readFile(path, "cache entry"), path);
        MeasureEntry entry;
        for (const auto &item : j.at("values")) {
            const auto &value = item.at(1);
            entry.values.emplace_back(item.at(0).get<std::string>(),
                                      value.is_null() ? std::numeric_limits<double>::quiet_NaN()
                                                      : value.get<double>());
        }
        for (const auto &note : j.at("notes"))
            entry.notes.push_back(note.get<std::string>());
        entry.seconds = j.at("seconds").get<double>();
        return entry;
    } catch (const Error &) {
        return std::nullopt;
    } catch (const json::exception &) {
        return std::nullopt;
    }
}

void MeasureCache::store(const std::string &path, const MeasureEntry &entry,
                         const std::string &settingsJson, const std::string &modelHash)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (ec)
        throw Error(path, "cannot create the cache folder: " + ec.message());
    json values = json::array();
    for (const auto &[column, value] : entry.values)
        values.push_back({column, std::isfinite(value) ? json(value) : json(nullptr)});
    const json j = {{"settings", json::parse(settingsJson)},
                    {"model_hash", modelHash},
                    {"values", values},
                    {"notes", entry.notes},
                    {"seconds", entry.seconds}};
    writeTextFile(path, json_fields::dump(j, 1) + "\n");
}

} // namespace sparsescope::core
