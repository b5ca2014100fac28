// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/HumansConsistencyCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/ConsistencyTable.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include <cstdio>

namespace sparsescope::cli {

void HumansConsistencyCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "consistency",
        "Error consistency of every observer pair per condition (Cohen's kappa, observed and "
        "expected consistency, accuracy difference on shared images; 2018 error-pattern "
        "distance)");
    m_app
        ->add_option("--data", m_data,
                     "a clone of generalisation-humans-DNNs or model-vs-human, a raw-data "
                     "folder, or one experiment folder")
        ->required();
    m_app->add_option("--experiment", m_experiment, "the experiment (e.g. uniform-noise)")
        ->required();
    m_app->add_option("--out", m_out, "CSV file to write")->required();
    m_app
        ->add_option("--dnn-response", m_dnnResponse,
                     "column of the DNN decision in the 2018 TF files")
        ->check(CLI::IsMember({"object_response_sums", "object_response"}))
        ->capture_default_str();
    m_app->add_flag("--quiet", global.quiet, "print nothing on success");
}

int HumansConsistencyCommand::run(std::stop_token)
{
    core::TrialReadOptions options;
    options.dnnResponseColumn = m_dnnResponse;
    options.experiments = {m_experiment};
    const auto table = core::TrialCsvReader::readDirectory(m_data, options);
    const std::string name = core::TrialCsvReader::experimentName(m_experiment);
    const std::int32_t experiment = table.experimentNames().find(name);
    if (experiment < 0)
        throw core::Error(m_data, "no trials of experiment '" + name + "'");
    const auto rows = core::ConsistencyTable::compute(table, experiment);
    core::ConsistencyTable::writeCsv(rows, m_out);
    if (!m_global->quiet) {
        std::size_t matched = 0;
        for (const auto &row : rows)
            matched += row.consistency.n > 0;
        std::printf("wrote %s: %zu observer pairs x conditions, %zu with shared images\n",
                    m_out.c_str(), rows.size(), matched);
    }
    return 0;
}

} // namespace sparsescope::cli
