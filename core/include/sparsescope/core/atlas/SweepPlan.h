// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/SweepGrid.h"

#include <cstddef>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Where a member of a sweep stands, from its folder.
enum class MemberState { Pending, Running, Completed, Failed, Cancelled };
const char *toString(MemberState state);

/// An expanded grid on disk (issue 20): the sweep folder holds grid.json, plan.json and one folder
/// per member, members/<series>/<label>/, with train.json (its train config), member.json (series,
/// label, knobs) and — once a task ran it — task.json (state, exit code, seconds, host) and the
/// run's files. The folder is all a task needs: an executor on any machine that sees it (a
/// shared filesystem on a cluster) runs member i with `sparsescope-cli sweep task DIR --member i`.
class SweepPlan
{
public:
    /// Expands `grid` into `directory` (created when missing). Planning again keeps every member
    /// whose config is unchanged (a finished member stays finished, so a grown grid costs only
    /// its new members); a member whose config changed is an error naming it.
    static SweepPlan write(const SweepGrid &grid, const std::string &directory);
    /// Reads plan.json; core::Error naming the file when it is missing or malformed.
    static SweepPlan read(const std::string &directory);
    /// True when `directory` holds a plan.json.
    static bool isSweepFolder(const std::string &directory);

    const std::string &directory() const { return m_directory; }
    const std::string &name() const { return m_name; }
    const std::vector<SweepMemberPlan> &members() const { return m_members; }
    /// members/<series>/<label> below the sweep folder.
    std::string memberDirectory(std::size_t index) const;
    /// The member whose id ("series/label") or index (as text) is `reference`; core::Error
    /// listing a few ids when there is none.
    std::size_t find(const std::string &reference) const;
    MemberState state(std::size_t index) const;
    /// Indices of the members not completed, in plan order.
    std::vector<std::size_t> unfinished() const;
    /// One line per member: state, id, seconds, the last message.
    std::string statusText() const;

private:
    std::string m_directory;
    std::string m_name;
    std::vector<SweepMemberPlan> m_members;
};

} // namespace sparsescope::core
