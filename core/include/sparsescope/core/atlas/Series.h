// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// One member of a series: a trained model (run folder or model file) with its label, the
/// series it belongs to and its knob values (e.g. filter=0.3).
struct SeriesMember
{
    std::string label;
    std::string series;
    std::string path; ///< run folder or model file
    std::vector<std::pair<std::string, std::string>> knobs; ///< name, value text
    /// "<series>/<label>", the member column of atlas.csv.
    std::string id() const { return series + "/" + label; }
};

/// Members to measure side by side (issue 20). Read from a series file
/// {"name": …, "members": [{"label", "series", "path", "knobs": {…}}]} (paths relative to the
/// file's folder) or found in a folder: a sweep folder's completed members, or every run folder
/// below any other folder.
struct Series
{
    std::string name;
    std::vector<SeriesMember> members;

    /// `baseDirectory`: what relative paths in the file are relative to.
    static Series fromJson(const std::string &json, const std::string &origin,
                           const std::string &baseDirectory);
    static Series fromFile(const std::string &path);
    /// A sweep folder: its completed members (member.json gives label, series and knobs). Any
    /// other folder: every run folder below it (a folder with model.pt and run.json or
    /// stages.json; not searched further), labelled by its path below `directory`, in the
    /// series of its parent folder. core::Error when none is found.
    static Series scan(const std::string &directory);
    /// A series file or a folder (scan).
    static Series load(const std::string &reference);
    /// As a series file whose relative paths are relative to `baseDirectory`.
    std::string toJson(const std::string &baseDirectory) const;
    /// The folder a member's cached measures go to: the run folder, or beside a model file.
    static std::string cacheDirectory(const SeriesMember &member);
    /// The model file of a member (model.pt of a run folder).
    static std::string modelFile(const SeriesMember &member);
};

} // namespace sparsescope::core
