// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// One measure's result for one member.
struct MeasureEntry
{
    std::vector<std::pair<std::string, double>> values; ///< column, value (NaN allowed)
    std::vector<std::string> notes;
    double seconds = 0.0; ///< what measuring took
};

/// Results of (member, measure, settings) kept in the member's folder (Series::cacheDirectory),
/// keyed by a hash of the model file's bytes and of the measure's settings: re-measuring a series
/// after adding a member measures only that member, and retraining a member (new weights) or
/// changing a setting measures again.
class MeasureCache
{
public:
    /// 64-bit FNV-1a of the file's bytes, 16 hex digits; core::Error naming an unreadable file.
    static std::string fileHash(const std::string &path);
    static std::string textHash(const std::string &text);
    /// `directory`/<measure>-<model hash>-<hash of settingsJson>.json
    static std::string entryPath(const std::string &directory, const std::string &measure,
                                 const std::string &modelHash, const std::string &settingsJson);
    /// The entry, or nothing when the file is missing or unreadable (then it is measured again).
    static std::optional<MeasureEntry> load(const std::string &path);
    /// Written atomically (NaN as null), with the settings and model hash for the curious.
    static void store(const std::string &path, const MeasureEntry &entry,
                      const std::string &settingsJson, const std::string &modelHash);
};

} // namespace sparsescope::core
