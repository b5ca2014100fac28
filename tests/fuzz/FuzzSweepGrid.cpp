// SPDX-License-Identifier: GPL-3.0-or-later
// SweepGrid::fromJson and expand (sweep plan --grid). Only core::Error may come out; an accepted
// grid survives toJson → fromJson unchanged, and its members have distinct folders and train
// configs core::TrainConfig accepts.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/SweepGrid.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <set>
#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(sweepGrid)
{
    core::SweepGrid grid;
    try {
        grid = core::SweepGrid::fromJson(std::string(fuzz::asText(data, size)), "fuzz");
    } catch (const core::Error &) {
        return 0;
    }
    // Accepted: the round trip may not throw.
    const std::string json = grid.toJson();
    if (core::SweepGrid::fromJson(json, "round trip").toJson() != json)
        throw std::logic_error("a grid does not survive toJson and fromJson");
    std::vector<core::SweepMemberPlan> members;
    try {
        members = grid.expand("fuzz"); // an axis that matches nothing, an invalid config: errors
    } catch (const core::Error &) {
        return 0;
    }
    std::set<std::string> folders;
    for (const auto &member : members) {
        if (!folders.insert(member.id()).second)
            throw std::logic_error("two members of a grid share a folder");
        core::TrainConfig::fromJson(member.config, "expanded member").validate("expanded member");
    }
    return 0;
}
