// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"
#include "commands/DegradationArguments.h"

namespace sparsescope::cli {

/// `degrade --list`, or `degrade --input IMG --type T --level L [--seed S] --output OUT.png
/// [--float OUT.tiff] [--spectrum FILE]`: one image degraded the way Geirhos et al. (2018) made
/// their stimuli (8-bit truncation for the PNG; 32-bit float TIFF on request).
class DegradeCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    bool m_list = false;
    std::string m_input;
    std::string m_level;
    std::string m_output;
    std::string m_float;
    DegradationArguments m_arguments;
};

} // namespace sparsescope::cli
