// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/ThinWorker.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/sparsity/LatencyBench.h"
#include "sparsescope/core/sparsity/Thinner.h"

#include <chrono>
#include <exception>

namespace sparsescope::app {

std::shared_ptr<const ThinComparison> ThinWorker::compare(const QString &model,
                                                          const QString &testData, int limit,
                                                          int repeats, core::JobObserver &observer,
                                                          std::stop_token stop)
{
    const auto start = std::chrono::steady_clock::now();
    const std::string reference = model.trimmed().toStdString();
    if (reference.empty())
        throw core::Error("", "no model to thin", "train one or choose a run folder");
    const core::Model dense = core::Model::load(reference);
    if (!core::Thinner::supports(dense))
        throw core::Error(reference, "this model cannot be thinned",
                          "thinning needs a built-in architecture, not TorchScript");
    auto result = std::make_shared<ThinComparison>();
    result->model = model;
    observer.onMessage("thinning " + reference);
    core::ThinningResult thinning = core::Thinner::thin(dense);
    result->thinned = thinning.model;
    result->thinningJson = QString::fromStdString(thinning.toJson());
    for (const auto &block : thinning.removedBlocks)
        result->removedBlocks << QString::fromStdString(block);

    if (stop.stop_requested())
        return nullptr;
    observer.onMessage("measuring the latency of both versions");
    core::LatencyOptions options;
    options.repeats = std::max(3, repeats);
    options.batches = {1, 64};
    for (const core::LatencyReport &report : core::LatencyBench::run(dense, options)) {
        result->elementSparsity = report.elementSparsity;
        if (report.batch == 1) {
            result->dense.latency1Ms = report.modelDenseMs;
            result->thin.latency1Ms = report.modelThinMs;
        } else {
            result->dense.latency64Ms = report.modelDenseMs;
            result->thin.latency64Ms = report.modelThinMs;
            const core::LayerLatency conv = report.total("conv");
            result->convDense64Ms = conv.denseMs;
            result->convThin64Ms = conv.thinMs;
            result->convSparse64Ms = conv.sparseMs;
        }
    }
    const core::ModelStructure before = dense.structure();
    const core::ModelStructure after = result->thinned.structure();
    result->dense.parameters = dense.parameterCount();
    result->thin.parameters = result->thinned.parameterCount();
    result->dense.macs = before.totalMacs;
    result->thin.macs = after.totalMacs;
    result->dense.architecture = QString::fromStdString(before.toText());
    result->thin.architecture = QString::fromStdString(after.toText());

    if (!testData.trimmed().isEmpty() && !stop.stop_requested()) {
        observer.onMessage("evaluating both versions on " + testData.toStdString());
        core::Dataset data = core::Dataset::fromSpec(testData.trimmed().toStdString());
        if (limit > 0 && std::size_t(limit) < data.size())
            data = data.first(std::size_t(limit));
        const core::Evaluation a = dense.evaluate(data);
        const core::Evaluation b = result->thinned.evaluate(data);
        result->dense.accuracy = a.accuracy();
        result->thin.accuracy = b.accuracy();
        result->evaluated = a.count;
    }
    result->seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace sparsescope::app
