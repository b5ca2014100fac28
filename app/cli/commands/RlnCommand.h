// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include "sparsescope/core/rln/RlnConfig.h"

#include <string>
#include <vector>

namespace sparsescope::cli {

/// `rln --csv FILE --target COL [--skip-rows N] [--task …] [--noise-features N]
/// [--models rln,l1,l2,plain,gbt,ensemble] [--seeds K] --out DIR`: Regularization Learning
/// Networks against L1 / L2 / plain networks, gradient-boosted trees and the RLN + GBT ensemble
/// on a CSV table; writes DIR/results.csv, DIR/summary.csv and one run folder per model and
/// seed, and prints mean ± sd per model.
class RlnCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;
    /// The run's config from the parsed options (grid, test rows, CSV options), validated:
    /// core::Error names the option or file. Reads only the --test-rows file; the fuzz
    /// harness tests/fuzz/FuzzRlnOptions.cpp drives this.
    core::RlnConfig config() const;

private:
    core::RlnConfig m_config;
    std::string m_out;
    std::string m_task = "auto";
    std::string m_delimiter = ",";
    std::string m_layers = "first";
    std::string m_rlnGrid;
    CLI::Option *m_thetaOption = nullptr; ///< given: fixed Θ, no search
    CLI::Option *m_nuOption = nullptr;
    std::string m_testRows;
    bool m_noHeader = false;
    bool m_imputeMissing = false;
    bool m_listModels = false;
};

} // namespace sparsescope::cli
