// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// One knob of a sweep: a name and the values it takes, written into the members' train
/// configs at JSON pointers (`paths`, e.g. "/seed", "/stages/1/lr") and/or as the strength of
/// every regularization term of the given group types (`strengthTypes`, e.g. filter and channel:
/// one knob for both), in the config and in every stage.
struct SweepAxis
{
    std::string name;
    std::vector<std::string> paths;
    std::vector<std::string> strengthTypes;
    std::vector<std::string> values; ///< JSON texts ("0.3", "\"proximal\"")
};

/// One series of a sweep: the base config with `patch` applied (a JSON merge patch, RFC 7386),
/// crossed over its own axes and then the grid's shared axes.
struct SweepSeries
{
    std::string name;
    std::string patch = "{}";
    std::vector<SweepAxis> axes;
};

/// One member of an expanded grid: a train config and where it lives in the sweep folder.
struct SweepMemberPlan
{
    std::string series;
    std::string label; ///< "filter=0.3_seed=1" ("dense" for a member without knobs)
    std::vector<std::pair<std::string, std::string>> knobs; ///< name, value text (in axis order)
    std::string config; ///< the member's TrainConfig as JSON
    /// "<series>/<label>": the member's folder below the sweep's members/ folder.
    std::string id() const { return series + "/" + label; }
};

/// A grid of training runs (issue 20): a base train config (staged pipelines included), series
/// that patch it, axes crossed into members. Read from JSON:
/// {"name": …, "base": {train config}, "axes": [shared axes],
///  "series": [{"name": …, "patch": {…}, "axes": [{"name": …, "path": "/…" | [ … ],
///              "strength": "filter" | [ … ], "values": [ … ]}]}]}
/// Without "series" the grid is one series named after the grid.
struct SweepGrid
{
    std::string name;
    std::string base = "{}";
    std::vector<SweepAxis> axes; ///< shared by every series, crossed after the series' own
    std::vector<SweepSeries> series;

    /// Every member, series by series, the first axis varying slowest. Each member's config is
    /// validated as a TrainConfig; core::Error naming `origin` for an axis that matches nothing,
    /// two members in one folder, or a config that does not validate.
    std::vector<SweepMemberPlan> expand(const std::string &origin = "grid") const;
    std::string toJson() const;
    /// Unknown keys and wrong types are errors naming `origin`.
    static SweepGrid fromJson(const std::string &json, const std::string &origin = "grid");
    static SweepGrid fromFile(const std::string &path);
    /// A value text as a folder-safe knob value ("0.3", "proximal").
    static std::string valueLabel(const std::string &valueJson);
};

} // namespace sparsescope::core
