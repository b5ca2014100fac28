// SPDX-License-Identifier: GPL-3.0-or-later
// Private: reading JSON configs with errors that name the file (TrainConfig, SweepConfig).
#pragma once

#include "sparsescope/core/Error.h"
#include "sparsescope/core/Spelling.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace sparsescope::core::json_fields {

/// No config, run folder or model file nests deeper; deeper input is refused while parsing
/// (copying or printing a 200 000-deep value recurses once per level and overflows the stack).
constexpr int kMaxJsonDepth = 64;

/// Parses `text`; core::Error "malformed JSON: …" naming `origin`, also for nesting deeper than
/// kMaxJsonDepth.
inline nlohmann::json parse(const std::string &text, const std::string &origin)
{
    const auto limitDepth = [&origin](int depth, nlohmann::json::parse_event_t, nlohmann::json &) {
        if (depth > kMaxJsonDepth)
            throw Error(origin,
                        "malformed JSON: nested deeper than " + std::to_string(kMaxJsonDepth)
                            + " levels");
        return true;
    };
    try {
        return nlohmann::json::parse(text, limitDepth);
    } catch (const nlohmann::json::exception &e) {
        // parse_error, and out_of_range for a number beyond double (found by fuzz-sweep-config).
        throw Error(origin, std::string("malformed JSON: ") + e.what());
    }
}

/// `j` as text (`indent` < 0: compact). Bytes that are not UTF-8 (a Latin-1 file name given on
/// the command line) are written as U+FFFD instead of throwing (found by fuzz-rln-options).
inline std::string dump(const nlohmann::json &j, int indent = -1)
{
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// core::Error naming `origin` for the first key of `j` not in `known`, with "did you mean" the
/// nearest known key (a typo must never train silently with a default). `where` follows the key
/// in the message (" in stage 2", "").
inline void checkKeys(const nlohmann::json &j, const std::set<std::string> &known,
                      const std::string &origin, const std::string &where = {})
{
    for (const auto &item : j.items()) {
        if (known.count(item.key()))
            continue;
        const std::string nearest
            = Spelling::nearest(item.key(), std::vector<std::string>(known.begin(), known.end()));
        std::string list;
        for (const std::string &k : known)
            list += (list.empty() ? "" : ", ") + k;
        throw Error(origin,
                    "unknown key \"" + item.key() + "\"" + where
                        + (nearest.empty() ? "" : " (did you mean \"" + nearest + "\"?)"),
                    "known keys: " + list);
    }
}

/// Copies j[key] into `target` when present; core::Error naming `origin` on a wrong type.
template<typename T>
void take(const nlohmann::json &j, const char *key, T &target, const std::string &origin)
{
    auto it = j.find(key);
    if (it == j.end())
        return;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        // nlohmann converts 2.7 to 2 and -5 to 2^64 - 5 for an unsigned target: refuse both.
        if (it->is_number_float())
            throw Error(origin, std::string(key) + " must be an integer, got " + it->dump());
        if constexpr (std::is_unsigned_v<T>)
            if (it->is_number_integer() && it->template get<long long>() < 0)
                throw Error(origin, std::string(key) + " must be 0 or more, got " + it->dump());
    }
    try {
        target = it->get<T>();
    } catch (const nlohmann::json::exception &) {
        throw Error(origin,
                    std::string("key \"") + key + "\" has the wrong type (" + it->type_name()
                        + ")");
    }
}

/// The whole file; core::Error "cannot open <what>" naming `path`.
inline std::string readFile(const std::string &path, const std::string &what)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path, "cannot open " + what);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace sparsescope::core::json_fields
