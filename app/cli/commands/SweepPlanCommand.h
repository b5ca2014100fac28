// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `sweep plan --grid GRID.json --out DIR`: one train config per member (members/<series>/
/// <label>/train.json), plan.json and grid.json; planning a grown grid again keeps the members
/// already there.
class SweepPlanCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_grid;
    std::string m_out;
};

} // namespace sparsescope::cli
