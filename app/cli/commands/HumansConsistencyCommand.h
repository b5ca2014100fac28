// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `humans consistency --data DIR --experiment E --out CSV [--dnn-response COLUMN]`: every
/// observer pair per condition — observed and expected consistency, Cohen's κ and accuracy
/// difference on the images both saw, and the 2018 error-pattern distance.
class HumansConsistencyCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_data;
    std::string m_experiment;
    std::string m_out;
    std::string m_dnnResponse = "object_response_sums";
};

} // namespace sparsescope::cli
