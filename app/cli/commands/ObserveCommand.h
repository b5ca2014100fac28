// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <cstdint>
#include <optional>
#include <string>

namespace sparsescope::cli {

/// `observe --model M --data SPEC|DIR [--degradations all|T1,T2] [--levels ...]
/// [--mapping sum|mean] [--limit N] [--seed S] --out DIR`: a model as an observer of the 2018
/// psychophysics. A stimulus folder is answered by an ImageNet model (1000 classes mapped to
/// the 16 categories); a dataset spec by a model of its classes over the degradations. Writes
/// the trials as DIR/<experiment>-experiment/<experiment>-experiment_<observer>_session_1.csv,
/// which `humans summary --data DIR` reads.
class ObserveCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::string m_data;
    std::string m_degradations = "all";
    std::string m_levels;
    std::string m_mapping = "sum";
    std::size_t m_limit = 0;
    std::optional<std::uint32_t> m_seed;
    std::string m_spectrum;
    std::string m_observer;
    std::string m_experiment;
    int m_inputSize = 224;
    int m_batchSize = 64;
    bool m_includeSlow = false;
    std::string m_out;
    bool m_quiet = false;
};

} // namespace sparsescope::cli
