// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// `measure --series DIR|FILE.json --measures LIST [--limit N] [--seed S] [--out DIR]`: one row
/// per member in atlas.csv (issue 20.1) — structure, latency, clean, adversarial, corruption and
/// human-likeness — each result cached in the member's folder; Ctrl+C keeps what finished.
class MeasureCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_series;
    std::string m_measures = "structure,latency,clean,adversarial,corruption,humans";
    std::string m_out;
    std::string m_data;
    std::size_t m_limit = 0;
    std::uint64_t m_seed = 1;
    std::vector<double> m_epsilons;
    std::size_t m_attackLimit = 500;
    std::string m_degradations;
    int m_latencyRepeats = 10;
    std::string m_stimuli;
    std::string m_humans;
    int m_bootstrap = 1000;
    std::string m_reference;
};

} // namespace sparsescope::cli
