// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/HumanComparison.h"

#include "sparsescope/core/psychophysics/ErrorConsistency.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <string_view>
#include <unordered_map>

namespace sparsescope::core {

std::vector<HumanComparisonRow> HumanComparison::compare(const TrialTable &model,
                                                         const TrialTable &humans, int resamples,
                                                         std::uint64_t seed)
{
    std::vector<HumanComparisonRow> rows;
    for (std::int32_t e = 0; e < std::int32_t(model.experimentNames().size()); ++e) {
        const std::string experiment(model.experimentNames().view(e));
        // The model's answer per image (its first trial on it).
        std::unordered_map<std::string_view, bool> modelCorrect;
        for (std::size_t i = 0; i < model.size(); ++i)
            if (model.experiments()[i] == e)
                modelCorrect.emplace(
                    TrialTable::shortImageId(model.imageNames().view(model.images()[i])),
                    model.correct(i));
        const std::int32_t h = humans.experimentNames().find(experiment);
        if (modelCorrect.empty() || h < 0)
            continue;
        std::vector<bool> a, b;
        for (std::size_t i = 0; i < humans.size(); ++i) {
            if (humans.experiments()[i] != h || humans.kinds()[i] != ObserverKind::Human)
                continue;
            const auto it = modelCorrect.find(
                TrialTable::shortImageId(humans.imageNames().view(humans.images()[i])));
            if (it == modelCorrect.end())
                continue;
            a.push_back(it->second);
            b.push_back(humans.correct(i));
        }
        if (a.empty())
            continue;
        const auto result = ErrorConsistency::fromCorrectness(a, b);
        HumanComparisonRow row;
        row.experiment = experiment;
        row.trials = a.size();
        row.modelAccuracy = result.accuracyA;
        row.humanAccuracy = result.accuracyB;
        row.accuracyDifference = result.accuracyA - result.accuracyB;
        row.kappa = result.kappa;
        row.kappaInterval = KappaBootstrap::interval(a, b, resamples, seed);
        rows.push_back(row);
    }
    return rows;
}

} // namespace sparsescope::core
