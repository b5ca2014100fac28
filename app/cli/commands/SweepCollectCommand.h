// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `sweep collect DIR [--out FILE]`: the completed members of a sweep as a series file
/// (default DIR/series.json), for `measure --series`.
class SweepCollectCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_directory;
    std::string m_out;
};

} // namespace sparsescope::cli
