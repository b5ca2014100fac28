// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/EnsembleModel.h"

#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sparsescope::core {

namespace {

/// The mean loss of blended predictions: squared error, or the cross-entropy of the blended
/// class probabilities.
double blendLoss(double w, const std::vector<float> &first, const std::vector<float> &second,
                 const std::vector<float> &targets, TabularTask task, int outputs)
{
    double sum = 0.0;
    const std::size_t rows = targets.size();
    for (std::size_t r = 0; r < rows; ++r) {
        if (task == TabularTask::Regression) {
            const double p = w * first[r] + (1.0 - w) * second[r];
            sum += (p - targets[r]) * (p - targets[r]);
        } else {
            const std::size_t k = r * std::size_t(outputs) + std::size_t(targets[r]);
            const double p = w * first[k] + (1.0 - w) * second[k];
            sum -= std::log(std::max(p, 1e-15));
        }
    }
    return rows ? sum / double(rows) : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

EnsembleModel::EnsembleModel(std::vector<std::string> members, Blend blend)
    : m_members(std::move(members))
    , m_blend(blend)
{ }

double EnsembleModel::bestWeight(const std::vector<float> &first, const std::vector<float> &second,
                                 const std::vector<float> &targets, TabularTask task, int outputs)
{
    const std::size_t expected = targets.size() * std::size_t(std::max(outputs, 1));
    if (first.size() != expected || second.size() != expected || targets.empty())
        return 0.5;
    double best = std::numeric_limits<double>::infinity();
    double bestW = 0.5;
    for (int i = 0; i <= 100; ++i) {
        const double w = i / 100.0;
        const double loss = blendLoss(w, first, second, targets, task, outputs);
        if (loss < best) {
            best = loss;
            bestW = w;
        }
    }
    return bestW;
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
    if (m_blend == Blend::ValidationWeighted && members.size() == 2) {
        const auto &split = context.split;
        const bool have = !members[0]->validationPredictions.empty()
            && !members[1]->validationPredictions.empty() && split.validation.rows > 0;
        const double w = have
            ? bestWeight(members[0]->validationPredictions, members[1]->validationPredictions,
                         split.validation.y, split.task, split.outputs())
            : 0.5;
        weights = {w, 1.0 - w};
        output.blendWeight = w;
        char text[96];
        std::snprintf(text, sizeof text, "w=%.2f", w);
        output.settings = std::string(text) + (have ? "" : " (no validation rows: mean)");
        details["weights"] = weights;
        details["weights_from"]
            = have ? "validation rows, members fitted on the training rows" : "none: the mean";
    } else {
        output.settings = "mean of " + names;
    }
    output.testPredictions.assign(members.front()->testPredictions.size(), 0.0f);
    for (std::size_t m = 0; m < members.size(); ++m)
        for (std::size_t i = 0; i < output.testPredictions.size(); ++i)
            output.testPredictions[i] += float(weights[m] * double(members[m]->testPredictions[i]));
    output.detailsJson = details.dump();
    return output;
}

} // namespace sparsescope::core
