// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/BenchLatencyCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/sparsity/LatencyBench.h"

#include <cstdio>
#include <fstream>

namespace sparsescope::cli {

void BenchLatencyCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "bench-latency",
        "Latency per layer: the trained model, its thinned form and a non-structured (CSR) "
        "model of the same element sparsity");
    m_app->add_option("--model", m_model, "run folder, archive or built-in name")->required();
    m_app->add_option("--batch", m_batches, "batch sizes, comma-separated")
        ->delimiter(',')
        ->check(CLI::PositiveNumber);
    m_app->add_option("--repeats", m_repeats, "timed runs per measurement (median)")
        ->check(CLI::Range(1, 100000));
    m_app->add_option("--csv", m_csv, "also write the per-layer table as CSV");
    m_app->add_option("--threads", global.threads, "LibTorch threads (0: all cores)");
}

int BenchLatencyCommand::run(std::stop_token)
{
    const auto model = core::Model::load(m_model);
    core::LatencyOptions options;
    options.batches = m_batches;
    options.repeats = m_repeats;
    const auto reports = core::LatencyBench::run(model, options);
    std::string csv;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        std::printf("%s%s", i ? "\n" : "", reports[i].toText().c_str());
        csv += reports[i].toCsv(i == 0);
    }
    if (!m_csv.empty()) {
        std::ofstream out(m_csv);
        out << csv;
        if (!out)
            throw core::Error(m_csv, "cannot write the latency table");
    }
    return 0;
}

} // namespace sparsescope::cli
