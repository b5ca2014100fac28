// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <memory>
#include <vector>

namespace sparsescope::cli {

/// `humans summary|consistency`: the psychophysics data of Geirhos et al. 2018 (and
/// model-vs-human) against DNNs. Holds the subcommands and runs the one that was parsed.
class HumansCommand : public Command
{
public:
    HumansCommand();
    ~HumansCommand() override;
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::vector<std::unique_ptr<Command>> m_subcommands;
};

} // namespace sparsescope::cli
