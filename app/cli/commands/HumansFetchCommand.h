// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `humans fetch [--dest DIR] [--from URL]`: a shallow clone of the 2018 trial data
/// (github.com/rgeirhos/generalisation-humans-DNNs, CC BY 4.0) into the user's data folder,
/// where the GUI's humans panel finds it by itself; prints what arrived and the attribution.
class HumansFetchCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_destination;
    std::string m_url;
};

} // namespace sparsescope::cli
