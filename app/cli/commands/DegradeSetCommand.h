// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"
#include "commands/DegradationArguments.h"

namespace sparsescope::cli {

/// `degrade-set --data SPEC --type T [--levels L1,L2,...] --out DIR [--seed S] [--limit N]`:
/// writes DIR/<level>/<class>/<index>.png and DIR/manifest.csv (file,source,type,level,seed);
/// image i uses seed S + i. Each level folder reads back as `folder:DIR/<level>`.
class DegradeSetCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_data;
    std::string m_levels;
    std::string m_out;
    std::size_t m_limit = 0;
    bool m_quiet = false;
    DegradationArguments m_arguments;
};

} // namespace sparsescope::cli
