// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `sweep status DIR`: every member's state (pending, running, completed, failed, cancelled),
/// its seconds and last message; exit 0 when all completed, 3 otherwise (for scripts).
class SweepStatusCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_directory;
};

} // namespace sparsescope::cli
