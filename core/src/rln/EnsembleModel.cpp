// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/EnsembleModel.h"

#include "common/JsonFields_p.h"
#include "rln/OutOfFold.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sparsescope::core {

namespace {

/// Each row's loss under blended predictions: the squared error, or the cross-entropy of the
/// blended class probabilities.
std::vector<double> rowLosses(double w, const std::vector<float> &first,
                              const std::vector<float> &second, const std::vector<float> &targets,
                              TabularTask task, int outputs)
{
    const std::size_t rows = targets.size();
    std::vector<double> losses(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        if (task == TabularTask::Regression) {
            const double p = w * first[r] + (1.0 - w) * second[r];
            losses[r] = (p - targets[r]) * (p - targets[r]);
        } else {
            const std::size_t k = r * std::size_t(outputs) + std::size_t(targets[r]);
            const double p = w * first[k] + (1.0 - w) * second[k];
            losses[r] = -std::log(std::max(p, 1e-15));
        }
    }
    return losses;
}

double mean(const std::vector<double> &values)
{
    double sum = 0.0;
    for (double v : values)
        sum += v;
    return values.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / double(values.size());
}

bool usable(const std::vector<float> &first, const std::vector<float> &second,
            const std::vector<float> &targets, int outputs)
{
    const std::size_t expected = targets.size() * std::size_t(std::max(outputs, 1));
    return first.size() == expected && second.size() == expected && !targets.empty();
}

} // namespace

EnsembleModel::EnsembleModel(std::vector<std::string> members, Blend blend)
    : m_members(std::move(members))
    , m_blend(blend)
{ }

double EnsembleModel::bestWeight(const std::vector<float> &first, const std::vector<float> &second,
                                 const std::vector<float> &targets, TabularTask task, int outputs)
{
    if (!usable(first, second, targets, outputs))
        return 0.5;
    double best = std::numeric_limits<double>::infinity();
    double bestW = 0.5;
    for (int i = 0; i <= kGridSteps; ++i) {
        const double w = i / double(kGridSteps);
        const double loss = mean(rowLosses(w, first, second, targets, task, outputs));
        if (loss < best) {
            best = loss;
            bestW = w;
        }
    }
    return bestW;
}

EnsembleModel::WeightChoice EnsembleModel::chooseWeight(const std::vector<float> &first,
                                                        const std::vector<float> &second,
                                                        const std::vector<float> &targets,
                                                        TabularTask task, int outputs)
{
    WeightChoice choice;
    if (!usable(first, second, targets, outputs))
        return choice;
    choice.minimum = bestWeight(first, second, targets, task, outputs);
    const std::vector<double> atMinimum
        = rowLosses(choice.minimum, first, second, targets, task, outputs);
    choice.lossAtMinimum = mean(atMinimum);
    // The better member alone (the lower w on a tie), then towards the minimum.
    const double endpoint = mean(rowLosses(1.0, first, second, targets, task, outputs))
            < mean(rowLosses(0.0, first, second, targets, task, outputs))
        ? 1.0
        : 0.0;
    const int from = int(std::lround(endpoint * kGridSteps));
    const int to = int(std::lround(choice.minimum * kGridSteps));
    const int step = to >= from ? 1 : -1;
    const double n = double(targets.size());
    for (int i = from;; i += step) {
        const double w = i / double(kGridSteps);
        const std::vector<double> losses = rowLosses(w, first, second, targets, task, outputs);
        // The standard error of the mean paired difference to the minimum's losses.
        double sum = 0.0, squares = 0.0;
        for (std::size_t r = 0; r < losses.size(); ++r) {
            const double d = losses[r] - atMinimum[r];
            sum += d;
            squares += d * d;
        }
        const double meanDifference = sum / n;
        const double variance = n > 1
            ? std::max(0.0, (squares - n * meanDifference * meanDifference) / (n - 1))
            : 0.0;
        const double standardError = std::sqrt(variance / n);
        if (meanDifference <= standardError || i == to) {
            choice.chosen = w;
            choice.lossAtChosen = mean(losses);
            choice.standardError = standardError;
            return choice;
        }
    }
}

std::optional<ModelOutput> EnsembleModel::fit(ModelContext &context)
{
    std::vector<const ModelOutput *> members;
    for (const auto &name : m_members) {
        const ModelOutput *member = context.member(name);
        if (!member)
            return std::nullopt;
        if (!members.empty()
            && member->testPredictions.size() != members.front()->testPredictions.size())
            throw Error("", "ensemble member " + name + " predicts a different shape");
        members.push_back(member);
    }
    std::vector<double> weights(members.size(), 1.0 / double(members.size()));
    ModelOutput output;
    std::string names;
    for (const auto &name : m_members)
        names += (names.empty() ? "" : "+") + name;
    nlohmann::json details = {{"members", m_members}};
    if (m_blend == Blend::Weighted && members.size() == 2) {
        const auto &split = context.split;
        const bool have = !members[0]->outOfFoldPredictions.empty()
            && !members[1]->outOfFoldPredictions.empty() && split.fit.rows > 0;
        const WeightChoice choice = have
            ? chooseWeight(members[0]->outOfFoldPredictions, members[1]->outOfFoldPredictions,
                           split.fit.y, split.task, split.outputs())
            : WeightChoice {};
        const double w = choice.chosen;
        weights = {w, 1.0 - w};
        output.blendWeight = w;
        char text[96];
        std::snprintf(text, sizeof text, "w=%.2f", w);
        output.settings = std::string(text) + (have ? "" : " (no out-of-fold predictions: mean)");
        details["weights"] = weights;
        details["weights_from"] = have
            ? "out-of-fold predictions of the training + validation rows ("
                + std::to_string(OutOfFold::kFolds)
                + " folds), one-standard-error rule towards the better member"
            : "none: the mean";
        if (have)
            details["weight_choice"] = {{"minimum_loss_weight", choice.minimum},
                                        {"minimum_loss", choice.lossAtMinimum},
                                        {"chosen_weight", choice.chosen},
                                        {"chosen_loss", choice.lossAtChosen},
                                        {"standard_error", choice.standardError}};
    } else {
        output.settings = "mean of " + names;
    }
    output.testPredictions.assign(members.front()->testPredictions.size(), 0.0f);
    for (std::size_t m = 0; m < members.size(); ++m)
        for (std::size_t i = 0; i < output.testPredictions.size(); ++i)
            output.testPredictions[i] += float(weights[m] * double(members[m]->testPredictions[i]));
    output.detailsJson = json_fields::dump(details);
    return output;
}

} // namespace sparsescope::core
