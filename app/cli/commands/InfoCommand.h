// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

namespace sparsescope::cli {

/// `info --model M [--json]`: layers, shapes, parameters and MACs.
class InfoCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    bool m_json = false;
    std::vector<int> m_input {1, 28, 28};
    int m_classes = 10;
};

} // namespace sparsescope::cli
