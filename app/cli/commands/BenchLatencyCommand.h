// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <vector>

namespace sparsescope::cli {

/// `bench-latency --model M [--batch 1,64] [--repeats N] [--csv FILE]`: per layer and in total,
/// parameters, MACs and median latency of the model as trained (dense kernels over its zeros),
/// thinned, and non-structured (same element sparsity, scattered, CSR kernel), with speedups.
class BenchLatencyCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::vector<int> m_batches {1, 64};
    int m_repeats = 20;
    std::string m_csv;
};

} // namespace sparsescope::cli
