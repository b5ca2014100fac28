// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/EvalDegradedCommand.h"

#include "commands/JobProgress.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/DegradedEvaluation.h"
#include "sparsescope/core/models/Model.h"

#include <cstdio>
#include <fstream>

namespace sparsescope::cli {

void EvalDegradedCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("eval-degraded",
                                  "Evaluate a model on a dataset degraded at a list of levels: "
                                  "accuracy per level");
    m_app->add_option("--model", m_model, "registry name, run folder, archive or TorchScript")
        ->required();
    m_app->add_option("--data", m_data, "dataset spec, e.g. fashion-mnist:test")->required();
    m_arguments.declare(*m_app);
    m_app->add_option("--levels", m_levels, "comma-separated levels (default: the paper's)");
    m_app->add_option("--out", m_out, "CSV to write: type,level,label,accuracy,correct,count,loss")
        ->required();
    m_app->add_option("--limit", m_limit, "evaluate the first N samples only");
    m_app->add_option("--batch-size", m_batchSize, "evaluation batch size")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--threads", global.threads, "threads (0: all cores)");
    m_app->add_flag("--quiet", m_quiet, "no per-level output");
}

int EvalDegradedCommand::run(std::stop_token stop)
{
    const auto data = core::Dataset::fromSpec(m_data).first(m_limit);
    const auto model = core::Model::loadFor(m_model, data);
    core::DegradedEvaluation::Config config;
    config.type = m_arguments.info().name;
    config.levels = m_arguments.parseLevels(m_levels);
    config.seed = m_arguments.seedOrDefault();
    config.spectrum = m_arguments.loadSpectrum();
    config.threads = m_global->threads;
    config.batchSize = m_batchSize;
    // Open the output first: a bad path should fail before minutes of work.
    std::ofstream out(m_out);
    if (!out)
        throw core::Error(m_out, "cannot write file");
    JobProgress<core::JobObserver> progress(m_quiet || m_global->quiet, "levels");
    const auto points = core::DegradedEvaluation::run(model, data, config, progress, stop);
    progress.onFinished(
        stop.stop_requested() ? core::JobStatus::Cancelled : core::JobStatus::Completed, "");
    out << "type,level,label,accuracy,correct,count,loss\n";
    char line[256];
    for (const auto &p : points) {
        std::snprintf(line, sizeof line, "%s,%.17g,%s,%.6f,%zu,%zu,%.6f\n", config.type.c_str(),
                      p.level, p.label.c_str(), p.accuracy(), p.correct, p.count, p.loss);
        out << line;
        if (!m_quiet)
            std::printf("%s %-6s accuracy=%.6f n=%zu\n", config.type.c_str(), p.label.c_str(),
                        p.accuracy(), p.count);
    }
    if (!out)
        throw core::Error(m_out, "cannot write file");
    if (stop.stop_requested())
        return 130;
    return 0;
}

} // namespace sparsescope::cli
