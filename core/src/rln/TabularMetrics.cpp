// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/TabularMetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sparsescope::core {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double TabularMetrics::meanSquaredError(const std::vector<float> &truth,
                                        const std::vector<float> &predicted)
{
    if (truth.empty() || truth.size() != predicted.size())
        return kNaN;
    double sum = 0.0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double d = double(truth[i]) - double(predicted[i]);
        sum += d * d;
    }
    return sum / double(truth.size());
}

double TabularMetrics::explainedVariance(const std::vector<float> &truth,
                                         const std::vector<float> &predicted)
{
    if (truth.size() < 2 || truth.size() != predicted.size())
        return kNaN;
    const double n = double(truth.size());
    double meanTruth = 0.0;
    double meanError = 0.0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        meanTruth += truth[i];
        meanError += double(truth[i]) - double(predicted[i]);
    }
    meanTruth /= n;
    meanError /= n;
    double varTruth = 0.0;
    double varError = 0.0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double t = double(truth[i]) - meanTruth;
        const double e = double(truth[i]) - double(predicted[i]) - meanError;
        varTruth += t * t;
        varError += e * e;
    }
    return varTruth > 0.0 ? 1.0 - varError / varTruth : kNaN;
}

std::vector<float> TabularMetrics::predictedClasses(const std::vector<float> &probabilities,
                                                    int classes)
{
    const std::size_t k = std::size_t(std::max(1, classes));
    std::vector<float> out(probabilities.size() / k);
    for (std::size_t r = 0; r < out.size(); ++r) {
        const float *row = probabilities.data() + r * k;
        out[r] = float(std::max_element(row, row + k) - row);
    }
    return out;
}

double TabularMetrics::accuracy(const std::vector<float> &classes,
                                const std::vector<float> &probabilities, int numClasses)
{
    const auto predicted = predictedClasses(probabilities, numClasses);
    if (classes.empty() || predicted.size() != classes.size())
        return kNaN;
    std::size_t correct = 0;
    for (std::size_t i = 0; i < classes.size(); ++i)
        correct += predicted[i] == classes[i] ? 1 : 0;
    return double(correct) / double(classes.size());
}

double TabularMetrics::rocAuc(const std::vector<bool> &positive, const std::vector<float> &scores)
{
    // Mann–Whitney U with average ranks for ties.
    const std::size_t n = scores.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double rankSumPositive = 0.0;
    std::size_t positives = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]])
            ++j;
        const double averageRank = 0.5 * double(i + 1 + j); // ranks i+1 … j
        for (std::size_t k = i; k < j; ++k)
            if (positive[order[k]]) {
                rankSumPositive += averageRank;
                ++positives;
            }
        i = j;
    }
    const std::size_t negatives = n - positives;
    if (positives == 0 || negatives == 0)
        return kNaN;
    const double u = rankSumPositive - double(positives) * double(positives + 1) / 2.0;
    return u / (double(positives) * double(negatives));
}

double TabularMetrics::auc(const std::vector<float> &classes,
                           const std::vector<float> &probabilities, int numClasses)
{
    const std::size_t k = std::size_t(std::max(2, numClasses));
    if (classes.empty() || probabilities.size() != classes.size() * k)
        return kNaN;
    auto oneVersusRest = [&](std::size_t c) {
        std::vector<bool> positive(classes.size());
        std::vector<float> scores(classes.size());
        for (std::size_t r = 0; r < classes.size(); ++r) {
            positive[r] = std::size_t(classes[r]) == c;
            scores[r] = probabilities[r * k + c];
        }
        return rocAuc(positive, scores);
    };
    if (k == 2)
        return oneVersusRest(1);
    double sum = 0.0;
    int counted = 0;
    for (std::size_t c = 0; c < k; ++c) {
        const double a = oneVersusRest(c);
        if (!std::isnan(a)) {
            sum += a;
            ++counted;
        }
    }
    return counted ? sum / counted : kNaN;
}

} // namespace sparsescope::core
