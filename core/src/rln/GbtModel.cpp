// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/GbtModel.h"

#include "common/JsonFields_p.h"
#include "rln/GradientBoostedTrees.h"
#include "rln/OutOfFold.h"
#include "sparsescope/core/Runtime.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace sparsescope::core {

std::optional<ModelOutput> GbtModel::fit(ModelContext &context)
{
    const PreparedSplit &split = context.split;
    const GbtSettings &settings = context.config.gbt;
    const int threads = Runtime::threads();
    int rounds = settings.rounds;
    nlohmann::json details = {{"learning_rate", settings.learningRate},
                              {"max_depth", settings.maxDepth},
                              {"subsample", settings.subsample},
                              {"colsample_bytree", settings.columnSample},
                              {"min_child_weight", settings.minChildWeight},
                              {"tree_method", "hist"}};
    if (split.validation.rows > 0) {
        GradientBoostedTrees search(settings, split.task, split.numClasses, split.seed, threads);
        if (!search.fit(split.train, &split.validation, settings.rounds, context.stop))
            return std::nullopt;
        rounds = std::max(1, search.bestRounds());
        details["early_stopping"] = {{"best_rounds", rounds},
                                     {"rounds_tried", search.validationLosses().size()},
                                     {"validation_losses", search.validationLosses()}};
    }
    ModelOutput output;
    if (context.wantOutOfFoldPredictions) {
        // An ensemble weighs the trees: out-of-fold predictions at the early-stopped rounds.
        auto predictions = OutOfFold::predictions(
            split.fit, split.outputs(), split.seed,
            [&](const TabularArrays &train, const TabularArrays &heldOut) {
                GradientBoostedTrees fold(settings, split.task, split.numClasses, split.seed,
                                          threads);
                if (!fold.fit(train, nullptr, rounds, context.stop))
                    return std::optional<std::vector<float>> {};
                return std::optional<std::vector<float>> {fold.predict(heldOut)};
            });
        if (!predictions)
            return std::nullopt;
        output.outOfFoldPredictions = std::move(*predictions);
    }
    GradientBoostedTrees trees(settings, split.task, split.numClasses, split.seed, threads);
    if (!trees.fit(split.fit, nullptr, rounds, context.stop))
        return std::nullopt;
    if (!context.runDirectory.empty()) {
        std::filesystem::create_directories(context.runDirectory);
        trees.save(context.runDirectory + "/model.json");
    }
    output.testPredictions = trees.predict(split.test);
    output.featuresRemaining = trees.featuresUsed();
    output.featuresTotal = int(split.fit.columns);
    output.settings = "rounds=" + std::to_string(rounds);
    details["rounds"] = rounds;
    output.detailsJson = json_fields::dump(details);
    return output;
}

} // namespace sparsescope::core
