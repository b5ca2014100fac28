// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

namespace sparsescope::cli {

/// `robustness-sweep --config F --out DIR`: prune a trained model to a series of sparsities,
/// fine-tune each with frozen zeros, attack every member; DIR/summary.csv and a table on stdout.
class RobustnessSweepCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_config;
    std::string m_out;
    bool m_quiet = false;
};

} // namespace sparsescope::cli
