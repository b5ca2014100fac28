// SPDX-License-Identifier: GPL-3.0-or-later
// The RLN update rule (methods.md §2.3) against direct computations (issue 8, item 6).
#include "rln/RlnUpdate.h"
#include "rln/RlnRegularizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

using namespace sparsescope;
using core::RlnSettings;
using core::RlnUpdate;

namespace {

double mean(const std::vector<double> &v)
{
    return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

} // namespace

TEST(RlnUpdate, OneStepOfATinyNetworkByHand)
{
    // A 3 → 2 linear layer, MSE on one sample, plain SGD (so ΔW = −η·∇L_D exactly).
    torch::manual_seed(3);
    torch::nn::Linear layer(3, 2);
    torch::optim::SGD sgd(layer->parameters(), torch::optim::SGDOptions(0.1));
    const RlnSettings settings {-4.0, 50.0, 1};
    core::RlnRegularizer rln(settings);
    rln.attach({layer->weight});
    const float *storage = layer->weight.data_ptr<float>();
    const auto x1 = torch::tensor({{0.5f, -1.0f, 2.0f}});
    const auto y1 = torch::tensor({{1.0f, -1.0f}});
    const auto x2 = torch::tensor({{-1.5f, 0.25f, 1.0f}});
    const auto y2 = torch::tensor({{0.0f, 2.0f}});
    auto weightsNow = [&] {
        auto w = layer->weight.detach().to(torch::kFloat64).contiguous();
        return std::vector<double>(w.data_ptr<double>(), w.data_ptr<double>() + w.numel());
    };
    auto step = [&](const torch::Tensor &x, const torch::Tensor &y) {
        sgd.zero_grad();
        torch::mse_loss(layer->forward(x), y).backward();
        sgd.step();
    };
    const double e = std::exp(settings.theta);

    // Batch 1: the optimizer step, then RLN's first call: no Λ update (no R_prev), every
    // weight shrinks by exp(Θ) towards zero (none is below the cap here).
    step(x1, y1);
    const auto afterStep1 = weightsNow();
    rln.afterStep();
    const auto w1 = weightsNow();
    std::vector<double> r1(6);
    for (int i = 0; i < 6; ++i) {
        ASSERT_GT(std::abs(afterStep1[i]), e) << "fixture: no weight at the cap";
        r1[i] = (afterStep1[i] > 0 ? 1.0 : -1.0) * e;
        EXPECT_FLOAT_EQ(float(w1[i]), float(afterStep1[i] - r1[i]));
        EXPECT_DOUBLE_EQ(rln.updates()[0].logStrengths()[i], settings.theta);
    }
    EXPECT_EQ(layer->weight.data_ptr<float>(), storage) << "the parameter was replaced";

    // Batch 2: ΔW = −η·∇L_D(Z₂, W₁), taken from autograd before the step.
    sgd.zero_grad();
    torch::mse_loss(layer->forward(x2), y2).backward();
    const auto gradient = layer->weight.grad().to(torch::kFloat64).contiguous().clone();
    sgd.step();
    const auto afterStep2 = weightsNow();
    rln.afterStep();
    const auto w2 = weightsNow();

    // By hand: Λ = Θ − ν·ΔW⊙R₁, re-centred to mean Θ, capped at log|w|, then the shrink.
    std::vector<double> lambda(6);
    for (int i = 0; i < 6; ++i) {
        const double dw = -0.1 * gradient.data_ptr<double>()[i];
        EXPECT_NEAR(afterStep2[i] - double(float(w1[i])), dw, 1e-7);
        // The reference is the float64 weight after RLN's step (as the authors' DataFrame).
        const double dwExact = afterStep2[i] - (afterStep1[i] - r1[i]);
        lambda[i] = settings.theta - settings.nu * dwExact * r1[i];
    }
    const double shift = settings.theta - mean(lambda);
    for (int i = 0; i < 6; ++i) {
        const double cap = std::log(std::abs(afterStep2[i]));
        lambda[i] = std::min(lambda[i] + shift, cap);
        const double expected = lambda[i] >= cap
            ? 0.0
            : afterStep2[i] - (afterStep2[i] > 0 ? 1 : -1) * std::exp(lambda[i]);
        EXPECT_NEAR(rln.updates()[0].logStrengths()[i], lambda[i], 1e-9) << i;
        EXPECT_FLOAT_EQ(float(w2[i]), float(expected)) << i;
    }
    // The data step of batch 2 moved some weights with the shrinkage and some against it, so
    // the strengths were redistributed (not all equal to Θ any more).
    EXPECT_GT(std::abs(lambda[0] - settings.theta) + std::abs(lambda[5] - settings.theta), 1e-6);
}

TEST(RlnUpdate, MeanOfLogStrengthsStaysAtTheta)
{
    std::mt19937 engine(5);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<float> w(500);
    for (auto &v : w) // |w| ≥ 0.5 ≫ exp(Θ) and the steps below: the cap never binds
        v = float((normal(engine) > 0 ? 1 : -1) * (0.5 + std::abs(normal(engine))));
    const RlnSettings settings {-10.0, 1e6, 1};
    RlnUpdate update(w.data(), w.size(), settings);
    for (int step = 0; step < 50; ++step) {
        for (auto &v : w)
            v += float(1e-3 * normal(engine)); // an optimizer step
        update.apply(w.data());
        EXPECT_NEAR(update.meanLogStrength(), settings.theta, 1e-9) << step;
    }
    // The counterfactual gradient spread the strengths out around Θ.
    const auto &lambda = update.logStrengths();
    const auto [lo, hi] = std::minmax_element(lambda.begin(), lambda.end());
    EXPECT_LT(*lo, settings.theta - 0.1);
    EXPECT_GT(*hi, settings.theta + 0.1);

    // With tiny weights the cap binds after the projection: the mean can only end below Θ.
    std::vector<float> small(200);
    for (auto &v : small)
        v = float(1e-3 * normal(engine));
    RlnUpdate capped(small.data(), small.size(), {-7.0, 1e6, 1});
    for (int step = 0; step < 10; ++step) {
        for (auto &v : small)
            v += float(1e-4 * normal(engine));
        capped.apply(small.data());
        EXPECT_LE(capped.meanLogStrength(), -7.0 + 1e-9);
    }
}

TEST(RlnUpdate, WeightsBelowTheCapBecomeExactlyZero)
{
    const RlnSettings settings {-7.5, 6e5, 1}; // exp(Θ) ≈ 5.5e-4
    std::vector<float> w {1e-5f, -3e-6f, 0.3f, -5.5e-4f, 0.0f};
    RlnUpdate update(w.data(), w.size(), settings);
    update.apply(w.data());
    EXPECT_EQ(w[0], 0.0f);
    EXPECT_EQ(w[1], 0.0f);
    EXPECT_FLOAT_EQ(w[2], float(0.3 - std::exp(-7.5)));
    EXPECT_EQ(w[3], 0.0f); // |w| < exp(Θ)
    EXPECT_EQ(w[4], 0.0f); // zero stays zero (D = 0: no step, no cap)
    EXPECT_DOUBLE_EQ(update.logStrengths()[0], std::log(double(1e-5f)));
    EXPECT_DOUBLE_EQ(update.lastStep()[0], double(1e-5f));
    EXPECT_DOUBLE_EQ(update.lastStep()[4], 0.0);
    // A zero weight the optimizer left at zero stays exactly zero.
    update.apply(w.data());
    EXPECT_EQ(w[0], 0.0f);
    EXPECT_EQ(w[4], 0.0f);

    // L2: D = 2w, the cap is log(1/2): with exp(Θ) ≥ 1/2 every weight lands on exactly 0.
    std::vector<float> v {0.7f, -0.2f, 1e-3f};
    RlnUpdate l2(v.data(), v.size(), {0.0, 1.0, 2});
    l2.apply(v.data());
    for (float x : v)
        EXPECT_EQ(x, 0.0f);
    EXPECT_DOUBLE_EQ(l2.logStrengths()[0], std::log(0.5));
    // Below the cap, L2 shrinks by 2w·exp(Θ).
    std::vector<float> u {0.7f};
    RlnUpdate l2small(u.data(), u.size(), {-3.0, 1.0, 2});
    l2small.apply(u.data());
    EXPECT_FLOAT_EQ(u[0], float(0.7f - 2.0 * double(0.7f) * std::exp(-3.0)));
}

TEST(RlnUpdate, KeepZerosHoldsCappedWeightsAtZeroAgainstTheOptimizer)
{
    // The authors' rule: a capped weight the optimizer moves off zero is live again.
    std::vector<float> w {1e-5f, 0.3f};
    RlnUpdate authors(w.data(), w.size(), {-7.5, 6e5, 1});
    authors.apply(w.data());
    ASSERT_EQ(w[0], 0.0f);
    w[0] = 2e-3f; // an optimizer step larger than exp(Λ)
    authors.apply(w.data());
    EXPECT_NE(w[0], 0.0f) << "revived";

    // keepZeros: the same sequence leaves it at zero, every time, with no step recorded.
    std::vector<float> v {1e-5f, 0.3f};
    RlnSettings keep {-7.5, 6e5, 1};
    keep.keepZeros = true;
    RlnUpdate kept(v.data(), v.size(), keep);
    kept.apply(v.data());
    ASSERT_EQ(v[0], 0.0f);
    for (int step = 0; step < 3; ++step) {
        v[0] = 2e-3f;
        v[1] += 1e-3f;
        kept.apply(v.data());
        EXPECT_EQ(v[0], 0.0f) << step;
        EXPECT_DOUBLE_EQ(kept.lastStep()[0], 0.0) << step;
        EXPECT_GT(v[1], 0.29f) << "other weights train on";
    }
}
