// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>
#include <vector>

namespace sparsescope::cli {

/// `humans summary --data DIR [--experiment E] --out CSV [--dnn-response COLUMN]`: accuracy and
/// response-distribution entropy per observer and condition, plus the `humans` rows (the mean
/// over subjects), aggregated as the 2018 paper does.
class HumansSummaryCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_data;
    std::vector<std::string> m_experiments;
    std::string m_out;
    std::string m_dnnResponse = "object_response_sums";
};

} // namespace sparsescope::cli
