// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

namespace sparsescope::cli {

/// `eval --model M --data SPEC [--limit N] [--logits OUT.csv]`: prints `accuracy=<f> n=<count>`.
class EvalCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::string m_data;
    std::size_t m_limit = 0;
    int m_batchSize = 256;
    std::string m_logits;
};

} // namespace sparsescope::cli
