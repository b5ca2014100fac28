// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"
#include "commands/DegradationArguments.h"

namespace sparsescope::cli {

/// `eval-degraded --model M --data SPEC --type T [--levels ...] --out CSV`: accuracy of a model
/// at each level (type,level,label,accuracy,correct,count,loss), the psychometric curve.
class EvalDegradedCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::string m_data;
    std::string m_levels;
    std::string m_out;
    std::size_t m_limit = 0;
    int m_batchSize = 256;
    bool m_quiet = false;
    DegradationArguments m_arguments;
};

} // namespace sparsescope::cli
