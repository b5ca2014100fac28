// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/DegradedEvaluation.h"

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/DegradationBatch.h"
#include "sparsescope/core/models/Model.h"

namespace sparsescope::core {

std::vector<LevelAccuracy> DegradedEvaluation::run(const Model &model, const Dataset &data,
                                                   const Config &config, JobObserver &observer,
                                                   std::stop_token stop)
{
    const DegradationInfo &info = DegradationRegistry::info(config.type);
    const std::vector<double> &levels = config.levels.empty() ? info.levels : config.levels;
    for (double level : levels)
        DegradationRegistry::checkLevel(info, level);
    std::vector<LevelAccuracy> results;
    for (std::size_t l = 0; l < levels.size(); ++l) {
        if (stop.stop_requested())
            break;
        DegradationSettings settings;
        settings.level = levels[l];
        settings.seed = config.seed;
        settings.spectrum = config.spectrum;
        const Dataset degraded(
            DegradationBatch::degradedSet(data, config.type, settings, config.threads, stop));
        if (stop.stop_requested())
            break;
        const Evaluation evaluation = model.evaluate(degraded, config.batchSize);
        LevelAccuracy point;
        point.level = levels[l];
        point.label = DegradationRegistry::levelLabel(info, levels[l]);
        point.correct = evaluation.correct;
        point.count = evaluation.count;
        point.loss = evaluation.loss;
        results.push_back(point);
        observer.onProgress(l + 1, levels.size());
    }
    return results;
}

} // namespace sparsescope::core
