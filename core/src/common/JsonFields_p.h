// SPDX-License-Identifier: GPL-3.0-or-later
// Private: reading JSON configs with errors that name the file (TrainConfig, SweepConfig).
#pragma once

#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace sparsescope::core::json_fields {

/// Parses `text`; core::Error "malformed JSON: …" naming `origin`.
inline nlohmann::json parse(const std::string &text, const std::string &origin)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        throw Error(origin, std::string("malformed JSON: ") + e.what());
    }
}

/// Copies j[key] into `target` when present; core::Error naming `origin` on a wrong type.
template<typename T>
void take(const nlohmann::json &j, const char *key, T &target, const std::string &origin)
{
    auto it = j.find(key);
    if (it == j.end())
        return;
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
