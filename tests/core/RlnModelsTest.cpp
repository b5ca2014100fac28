// SPDX-License-Identifier: GPL-3.0-or-later
// RLN networks, the XGBoost wrapper and the tabular metrics on tiny fixtures (issue 8).
#include "rln/GradientBoostedTrees.h"
#include "rln/RlnRegularizer.h"
#include "rln/TabularMetrics.h"
#include "rln/TabularNetwork.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace sparsescope;
using core::TabularArrays;
using core::TabularTask;

namespace {

/// rows × columns standard-normal features; `target` maps a row to its target.
TabularArrays syntheticArrays(std::size_t rows, std::size_t columns, unsigned seed,
                              const std::function<float(const float *)> &target)
{
    std::mt19937 engine(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    TabularArrays a;
    a.rows = rows;
    a.columns = columns;
    a.x.resize(rows * columns);
    for (auto &v : a.x)
        v = normal(engine);
    for (std::size_t r = 0; r < rows; ++r)
        a.y.push_back(target(a.x.data() + r * columns));
    return a;
}

float linearTarget(const float *x)
{
    return 3.0f * x[0] - 2.0f * x[1] + x[2];
}

double variance(const std::vector<float> &v)
{
    double mean = 0, squares = 0;
    for (float x : v)
        mean += x;
    mean /= double(v.size());
    for (float x : v)
        squares += (x - mean) * (x - mean);
    return squares / double(v.size());
}

} // namespace

TEST(TabularMetrics, MatchScikitLearnDefinitions)
{
    using M = core::TabularMetrics;
    EXPECT_DOUBLE_EQ(M::meanSquaredError({1, 2, 3, 4}, {1, 2, 3, 5}), 0.25);
    EXPECT_DOUBLE_EQ(M::explainedVariance({1, 2, 3, 4}, {1, 2, 3, 5}), 1.0 - 0.1875 / 1.25);
    // A constant offset costs MSE but no explained variance.
    EXPECT_DOUBLE_EQ(M::explainedVariance({1, 2, 3}, {2, 3, 4}), 1.0);
    // Ties count one half: (0.5 + 1 + 0 + 1) / 4.
    EXPECT_DOUBLE_EQ(M::rocAuc({true, false, true, false}, {0.9f, 0.9f, 0.8f, 0.1f}), 0.625);
    EXPECT_TRUE(std::isnan(M::rocAuc({true, true}, {0.1f, 0.2f})));
    const std::vector<float> probabilities {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f};
    EXPECT_DOUBLE_EQ(M::accuracy({0, 1, 1}, probabilities, 2), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(M::auc({0, 1, 1}, probabilities, 2), 1.0);
    // Three classes: the macro mean of one-vs-rest AUCs.
    const std::vector<float> three {0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.1f, 0.1f, 0.8f};
    EXPECT_DOUBLE_EQ(M::auc({0, 1, 2}, three, 3), 1.0);
}

TEST(GradientBoostedTrees, LearnsAThresholdAndALinearFunction)
{
    core::GbtSettings settings;
    settings.rounds = 200;
    settings.earlyStoppingRounds = 20;
    settings.learningRate = 0.1;
    auto step = [](const float *x) {
        return x[0] > 0.0f ? 1.0f : 0.0f;
    };
    const auto train = syntheticArrays(400, 3, 1, step);
    const auto validation = syntheticArrays(100, 3, 2, step);
    const auto test = syntheticArrays(200, 3, 3, step);
    core::GradientBoostedTrees classifier(settings, TabularTask::Classification, 2, 1, 1);
    ASSERT_TRUE(classifier.fit(train, &validation, settings.rounds));
    EXPECT_GT(classifier.bestRounds(), 0);
    EXPECT_LE(classifier.bestRounds(), settings.rounds);
    const auto probabilities = classifier.predict(test);
    ASSERT_EQ(probabilities.size(), 2 * test.rows);
    EXPECT_GT(core::TabularMetrics::accuracy(test.y, probabilities, 2), 0.95);
    EXPECT_GT(core::TabularMetrics::auc(test.y, probabilities, 2), 0.98);
    EXPECT_GE(classifier.featuresUsed(), 1);
    EXPECT_LE(classifier.featuresUsed(), 3);

    auto linear = [](const float *x) {
        return 2.0f * x[0] - x[1];
    };
    const auto rtrain = syntheticArrays(400, 3, 4, linear);
    const auto rvalidation = syntheticArrays(100, 3, 5, linear);
    const auto rtest = syntheticArrays(200, 3, 6, linear);
    core::GradientBoostedTrees regressor(settings, TabularTask::Regression, 0, 1, 1);
    ASSERT_TRUE(regressor.fit(rtrain, &rvalidation, settings.rounds));
    const auto predicted = regressor.predict(rtest);
    ASSERT_EQ(predicted.size(), rtest.rows);
    EXPECT_LT(core::TabularMetrics::meanSquaredError(rtest.y, predicted), 0.1 * variance(rtest.y));
    // Validation losses fall while it learns.
    const auto &losses = regressor.validationLosses();
    ASSERT_GE(losses.size(), 2u);
    EXPECT_LT(losses[std::size_t(regressor.bestRounds() - 1)], losses.front());

    // Multi-class: softprob rows sum to one.
    auto third = [](const float *x) {
        return x[0] < -0.5f ? 0.0f : (x[0] < 0.5f ? 1.0f : 2.0f);
    };
    core::GradientBoostedTrees multi(settings, TabularTask::Classification, 3, 1, 1);
    ASSERT_TRUE(multi.fit(syntheticArrays(300, 2, 7, third), nullptr, 30));
    const auto p = multi.predict(syntheticArrays(10, 2, 8, third));
    ASSERT_EQ(p.size(), 30u);
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-5);
}

TEST(TabularNetwork, GeometricWidthsOfTheTutorial)
{
    core::NetworkSettings settings;
    // numpy: round(1013^(3/4)) = round(179.57) = 180 (methods.md §2.4 says 179).
    EXPECT_EQ(core::TabularNetwork::hiddenWidths(1013, settings), (std::vector<int> {180, 32, 6}));
    EXPECT_EQ(core::TabularNetwork::hiddenWidths(13, settings), (std::vector<int> {7, 4, 2}));
    settings.hidden = {5};
    EXPECT_EQ(core::TabularNetwork::hiddenWidths(13, settings), (std::vector<int> {5}));
}

TEST(TabularNetwork, RlnShrinksNoiseEdgesAndKeepsTheSignal)
{
    // 3 informative + 27 noise features; RLN against the same network without regularisation.
    const auto train = syntheticArrays(200, 30, 11, linearTarget);
    const auto test = syntheticArrays(100, 30, 12, linearTarget);
    core::NetworkSettings settings;
    settings.hidden = {8};
    settings.epochs = 20;
    settings.learningRate = 3e-3;
    // Mean |w| of the first layer over the informative and the noise inputs, exact zeros.
    struct Magnitudes
    {
        double signal = 0, noise = 0;
        int zeros = 0;
    };
    auto magnitudes = [](const core::TabularNetwork &network) {
        const auto w = network.firstLayer(); // 8 × 30
        Magnitudes m;
        for (int u = 0; u < 8; ++u)
            for (int i = 0; i < 30; ++i) {
                const float v = w[std::size_t(u * 30 + i)];
                (i < 3 ? m.signal : m.noise) += std::abs(v) / (i < 3 ? 24.0 : 216.0);
                m.zeros += v == 0.0f;
            }
        return m;
    };

    core::TabularNetwork plain(30, 1, settings, 1);
    ASSERT_TRUE(plain.train(train, nullptr, TabularTask::Regression, settings, 1, nullptr, {}));
    core::TabularNetwork network(30, 1, settings, 1);
    const float *storage = network.weights(core::RegularizedLayers::First)[0].data_ptr<float>();
    core::RlnRegularizer rln({-6.0, 1e5, 1});
    std::vector<double> losses;
    core::NetworkHooks hooks;
    hooks.onEpoch = [&](int, double trainLoss, double) {
        losses.push_back(trainLoss);
    };
    ASSERT_TRUE(network.train(train, &test, TabularTask::Regression, settings, 1, &rln, hooks));
    ASSERT_EQ(losses.size(), 20u);
    EXPECT_LT(losses.back(), 0.2 * losses.front());
    // The update wrote through the optimizer's own parameter (methods.md §2.8).
    EXPECT_EQ(network.weights(core::RegularizedLayers::First)[0].data_ptr<float>(), storage);
    EXPECT_LE(rln.updates()[0].meanLogStrength(), -6.0 + 1e-9);

    const auto p = magnitudes(plain);
    const auto r = magnitudes(network);
    EXPECT_EQ(p.zeros, 0);
    EXPECT_GT(r.zeros, 8 * 30 / 10) << "exact zeros";
    EXPECT_LT(r.noise / r.signal, 0.5 * p.noise / p.signal)
        << "noise/signal magnitude: RLN " << r.noise / r.signal << ", plain " << p.noise / p.signal;
    const auto predicted = network.predict(test, TabularTask::Regression);
    EXPECT_LT(core::TabularMetrics::meanSquaredError(test.y, predicted), 0.25 * variance(test.y));
}

TEST(TabularNetwork, ClassificationOutputsProbabilities)
{
    auto step = [](const float *x) {
        return x[0] + x[1] > 0.0f ? 1.0f : 0.0f;
    };
    const auto train = syntheticArrays(200, 4, 21, step);
    core::NetworkSettings settings;
    settings.hidden = {6};
    settings.epochs = 15;
    settings.learningRate = 1e-2;
    core::TabularNetwork network(4, 2, settings, 2);
    ASSERT_TRUE(
        network.train(train, nullptr, TabularTask::Classification, settings, 2, nullptr, {}));
    const auto test = syntheticArrays(100, 4, 22, step);
    const auto p = network.predict(test, TabularTask::Classification);
    ASSERT_EQ(p.size(), 200u);
    EXPECT_NEAR(p[0] + p[1], 1.0, 1e-5);
    EXPECT_GT(core::TabularMetrics::accuracy(test.y, p, 2), 0.9);
}
