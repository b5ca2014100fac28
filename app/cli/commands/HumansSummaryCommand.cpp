// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/HumansSummaryCommand.h"

#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include <chrono>
#include <cstdio>
#include <set>

namespace sparsescope::cli {

void HumansSummaryCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "summary",
        "Accuracy and response entropy per observer and condition (CSV: experiment, "
        "observer, kind, condition, n, accuracy, entropy)");
    m_app
        ->add_option("--data", m_data,
                     "a clone of generalisation-humans-DNNs, its raw-data folder, a folder of "
                     "experiment folders, or one experiment folder")
        ->required();
    m_app->add_option("--experiment", m_experiments,
                      "only this experiment (e.g. noise; repeatable; default: all)");
    m_app->add_option("--out", m_out, "CSV file to write")->required();
    m_app
        ->add_option("--dnn-response", m_dnnResponse,
                     "column of the DNN decision in the 2018 TF files (object_response_sums: the "
                     "paper's sum over each category's ImageNet classes)")
        ->check(CLI::IsMember({"object_response_sums", "object_response"}))
        ->capture_default_str();
    m_app->add_flag("--quiet", global.quiet, "print nothing on success");
}

int HumansSummaryCommand::run(std::stop_token)
{
    const auto start = std::chrono::steady_clock::now();
    core::TrialReadOptions options;
    options.dnnResponseColumn = m_dnnResponse;
    options.experiments = m_experiments;
    const auto table = core::TrialCsvReader::readDirectory(m_data, options);
    const auto rows = core::ConditionSummary::compute(table);
    core::ConditionSummary::writeCsv(rows, m_out);
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!m_global->quiet) {
        std::set<std::string> experiments;
        for (const auto &row : rows)
            experiments.insert(row.experiment);
        std::printf("wrote %s: %zu rows, %zu experiments, %zu trials (%.3f s)\n", m_out.c_str(),
                    rows.size(), experiments.size(), table.size(), seconds);
    }
    return 0;
}

} // namespace sparsescope::cli
