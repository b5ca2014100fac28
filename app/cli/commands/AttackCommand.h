// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

namespace sparsescope::cli {

/// `attack --model M --data SPEC --attack NAME [--eps E | --eps-list ...] [--limit N] --out CSV`:
/// one row per sample and ε (index,label,pred_clean,pred_adv,eps,success,l2,linf,rho2), a summary
/// per ε on stdout, optionally the first examples as PNGs.
class AttackCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::string m_data;
    std::string m_attack;
    double m_epsilon = 0.1;
    std::string m_epsilonList;
    std::size_t m_limit = 0;
    std::string m_out;
    std::string m_summary;
    std::string m_examplesDirectory;
    std::size_t m_exampleCount = 16;
    int m_steps = 0;
    double m_stepSize = 0.0;
    bool m_noRandomStart = false;
    double m_overshoot = 0.02;
    double m_confidence = 0.0;
    int m_binarySearchSteps = 9;
    double m_initialConstant = 1e-3;
    double m_learningRate = 0.01;
    std::string m_target = "none";
    std::uint64_t m_seed = 1;
    int m_batchSize = 100;
    int m_workers = 0;
    bool m_quiet = false;
};

} // namespace sparsescope::cli
