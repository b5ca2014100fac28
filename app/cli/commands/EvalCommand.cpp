// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/EvalCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"

#include <cstdio>
#include <fstream>

namespace sparsescope::cli {

void EvalCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("eval",
                                  "Evaluate a model on a dataset; prints "
                                  "accuracy=<fraction> n=<count>");
    m_app->add_option("--model", m_model, "registry name, run folder, archive or TorchScript")
        ->required();
    m_app->add_option("--data", m_data, "dataset spec, e.g. fashion-mnist:test")->required();
    m_app->add_option("--limit", m_limit, "evaluate the first N samples only");
    m_app->add_option("--batch-size", m_batchSize, "evaluation batch size")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--logits", m_logits, "write index,label,prediction,logit_0.. per sample");
    m_app->add_option("--threads", global.threads, "LibTorch threads (0: all cores)");
}

int EvalCommand::run(std::stop_token)
{
    const auto data = core::Dataset::fromSpec(m_data).first(m_limit);
    const auto model = core::Model::loadFor(m_model, data);
    const auto evaluation = model.evaluate(data, m_batchSize, !m_logits.empty());
    if (!m_logits.empty()) {
        std::ofstream out(m_logits);
        if (!out)
            throw core::Error(m_logits, "cannot write logits file");
        const int k = evaluation.numClasses;
        out << "index,label,prediction";
        for (int j = 0; j < k; ++j)
            out << ",logit_" << j;
        out << "\n";
        char value[32];
        for (std::size_t i = 0; i < evaluation.count; ++i) {
            const float *row = evaluation.logits.data() + i * k;
            int best = 0;
            for (int j = 1; j < k; ++j)
                if (row[j] > row[best])
                    best = j;
            out << i << "," << data.label(i) << "," << best;
            for (int j = 0; j < k; ++j) {
                std::snprintf(value, sizeof value, ",%.9g", row[j]);
                out << value;
            }
            out << "\n";
        }
        if (!out)
            throw core::Error(m_logits, "cannot write logits file");
    }
    std::printf("accuracy=%.6f n=%zu\n", evaluation.accuracy(), evaluation.count);
    return 0;
}

} // namespace sparsescope::cli
