// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 23: paired tests, sparsity counted three ways, the validation-weighted blend, the
// default searches.
#include "rln/EnsembleModel.h"
#include "rln/FirstLayerSparsity.h"
#include "rln/PairedTest.h"
#include "sparsescope/core/rln/RlnConfig.h"
#include "sparsescope/core/rln/RlnSummary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace sparsescope;
using core::PairedTest;

// Expected values from SciPy 1.10.1 (Debian python3-scipy):
//   stats.ttest_1samp(d, 0).pvalue, 2 * stats.t.sf(t, df), stats.binomtest(k, n).pvalue
TEST(PairedTest, StudentTMatchesScipy)
{
    EXPECT_NEAR(PairedTest::tTestP({-3.1, -2.4, -0.7, -4.2, 1.1}), 0.11698956793717308, 1e-12);
    EXPECT_NEAR(PairedTest::tTestP({-1.0, -2.0, -1.5, -0.5, -3.0}), 0.020475874420910676, 1e-12);
    EXPECT_NEAR(PairedTest::studentTwoSided(2.5, 3), 0.08770664700806555, 1e-12);
    EXPECT_NEAR(PairedTest::studentTwoSided(-2.5, 3), 0.08770664700806555, 1e-12);
    EXPECT_NEAR(PairedTest::studentTwoSided(0.3, 1), 0.8144528418445154, 1e-12);
    EXPECT_NEAR(PairedTest::studentTwoSided(10, 30) / 4.5752514082296097e-11, 1.0, 1e-8);
    EXPECT_DOUBLE_EQ(PairedTest::studentTwoSided(0.0, 4), 1.0);
}

TEST(PairedTest, DegenerateDifferences)
{
    EXPECT_TRUE(std::isnan(PairedTest::tTestP({-1.0})));
    EXPECT_EQ(PairedTest::tTestP({-2.0, -2.0, -2.0}), 0.0); // no spread, all lower
    EXPECT_EQ(PairedTest::tTestP({0.0, 0.0}), 1.0);
}

TEST(PairedTest, SignTestMatchesScipy)
{
    EXPECT_NEAR(PairedTest::signTestP({-1, -2, -3, 4, -5}), 0.375, 1e-12);
    EXPECT_NEAR(PairedTest::signTestP({-1, -2, -3, -4, -5}), 0.0625, 1e-12);
    EXPECT_NEAR(PairedTest::signTestP({1, 1, -1, -1, -1, -1, -1, -1, -1, -1}), 0.109375, 1e-12);
    EXPECT_NEAR(PairedTest::signTestP({-1, 0, 0, -2}), 0.5, 1e-12); // zeros dropped: 0 of 2
    EXPECT_EQ(PairedTest::signTestP({0.0, 0.0}), 1.0);
}

TEST(FirstLayerSparsity, CountsEdgesAndFeaturesAtEveryThreshold)
{
    // 2 units × 4 inputs; inputs 0, 1 real, 2, 3 noise.
    const std::vector<float> w {0.5f, 0.0f,     0.0005f, 0.0f, //
                                0.0f, 0.00005f, 0.0f,    0.02f};
    const auto counts = core::FirstLayerSparsity::count(w, 2, 4, 2);
    ASSERT_EQ(counts.size(), core::kSparsityThresholds.size());
    const std::int64_t edges[] = {4, 5, 6, 6}; // 0.5 and 0.02 stay above every τ
    const int noiseOut[] = {0, 0, 1, 1};
    const int realKept[] = {2, 1, 1, 1};
    for (std::size_t t = 0; t < counts.size(); ++t) {
        SCOPED_TRACE(t);
        EXPECT_EQ(counts[t].tau, core::kSparsityThresholds[t]);
        EXPECT_EQ(counts[t].edges, edges[t]);
        EXPECT_EQ(counts[t].noiseEliminated, noiseOut[t]);
        EXPECT_EQ(counts[t].realKept, realKept[t]);
    }
    // A negative weight counts by its magnitude.
    const auto negative = core::FirstLayerSparsity::count({-0.002f}, 1, 1, 1);
    EXPECT_EQ(negative[2].edges, 0);
    EXPECT_EQ(negative[3].edges, 1);
    EXPECT_THROW(core::FirstLayerSparsity::count(w, 3, 4, 2), std::exception);
}

TEST(EnsembleBlend, GridWeightIsTheNearestToTheLeastSquaresWeight)
{
    std::mt19937 engine(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<float> y(40), a(40), b(40);
        const float scaleA = 0.2f + 0.1f * float(trial);
        for (std::size_t i = 0; i < y.size(); ++i) {
            y[i] = 3.0f * normal(engine);
            a[i] = y[i] + scaleA * normal(engine);
            b[i] = y[i] + 1.0f * normal(engine);
        }
        // argmin_w Σ (y − b − w (a − b))², clamped to [0, 1].
        double num = 0.0, den = 0.0;
        for (std::size_t i = 0; i < y.size(); ++i) {
            num += (double(y[i]) - b[i]) * (double(a[i]) - b[i]);
            den += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
        }
        const double exact = std::clamp(num / den, 0.0, 1.0);
        const double w = core::EnsembleModel::bestWeight(a, b, y, core::TabularTask::Regression, 1);
        EXPECT_NEAR(w, std::round(exact * 100.0) / 100.0, 1e-9) << "exact " << exact;
    }
    // One perfect member takes all the weight.
    const std::vector<float> y {1, 2, 3}, off {2, 0, 5};
    EXPECT_EQ(core::EnsembleModel::bestWeight(y, off, y, core::TabularTask::Regression, 1), 1.0);
    EXPECT_EQ(core::EnsembleModel::bestWeight(off, y, y, core::TabularTask::Regression, 1), 0.0);
    // Classes: probabilities rows × 2; the first member is right, the second unsure.
    const std::vector<float> labels {0, 1, 1};
    const std::vector<float> right {0.9f, 0.1f, 0.2f, 0.8f, 0.1f, 0.9f};
    const std::vector<float> unsure {0.5f, 0.5f, 0.5f, 0.5f, 0.6f, 0.4f};
    EXPECT_EQ(core::EnsembleModel::bestWeight(right, unsure, labels,
                                              core::TabularTask::Classification, 2),
              1.0);
    // Shapes that do not match: the mean.
    EXPECT_EQ(core::EnsembleModel::bestWeight({1, 2}, y, y, core::TabularTask::Regression, 1), 0.5);
}

namespace {
core::ModelScore scoreOf(const std::string &model, std::uint64_t seed, double mse)
{
    core::ModelScore s;
    s.model = model;
    s.seed = seed;
    s.testMse = mse;
    return s;
}
} // namespace

TEST(RlnSummary, PairedComparisonsBySeed)
{
    std::vector<core::ModelScore> scores;
    const double rln[] = {20, 25, 22, 30, 21};
    const double l1[] = {24, 26, 27, 29, 25};
    const double gbt[] = {16, 18, 23, 17, 22};
    const double ensemble[] = {15, 19, 20, 16, 20};
    for (std::uint64_t s = 1; s <= 5; ++s) {
        scores.push_back(scoreOf("rln", s, rln[s - 1]));
        scores.push_back(scoreOf("l1", s, l1[s - 1]));
        scores.push_back(scoreOf("gbt", s, gbt[s - 1]));
        scores.push_back(scoreOf("ensemble", s, ensemble[s - 1]));
    }
    scores.push_back(scoreOf("rln", 6, 10)); // no partner: left out
    const auto paired = core::RlnSummary::paired(scores);
    ASSERT_EQ(paired.size(), 2u);
    EXPECT_EQ(paired[0].model, "rln");
    EXPECT_EQ(paired[0].against, "l1");
    EXPECT_EQ(paired[0].metric, "test MSE");
    const std::vector<double> rlnMinusL1 {-4, -1, -5, 1, -4};
    EXPECT_EQ(paired[0].differences, rlnMinusL1);
    EXPECT_EQ(paired[0].lower, 4);
    EXPECT_EQ(paired[0].higher, 1);
    EXPECT_DOUBLE_EQ(paired[0].difference.mean, -2.6);
    EXPECT_DOUBLE_EQ(paired[0].tTestP, PairedTest::tTestP(rlnMinusL1));
    EXPECT_DOUBLE_EQ(paired[0].signTestP, 0.375);
    EXPECT_EQ(paired[1].model, "ensemble");
    EXPECT_EQ(paired[1].against, "best of rln, gbt");
    const std::vector<double> ensembleMinusBest {-1, 1, -2, -1, -1};
    EXPECT_EQ(paired[1].differences, ensembleMinusBest);
    EXPECT_EQ(paired[1].lower, 4);
    const auto text = core::RlnSummary::pairedText(paired);
    EXPECT_NE(text.find("rln − l1 (test MSE, per seed): mean -2.600"), std::string::npos) << text;
    const auto csv = core::RlnSummary::pairedCsv(paired);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * (5 + 1)) << csv;
}

TEST(RlnConfig, DefaultSearchesHoldTheTutorialsSettings)
{
    const auto grid = core::RlnConfig::defaultRlnGrid();
    EXPECT_EQ(grid.size(), 9u);
    const std::pair<double, double> tutorial[]
        = {{-8, 1e6}, {-10, 1e5}, {-10, 1e6}, {-10, 1e7}, {-12, 1e6}};
    for (const auto &[theta, nu] : tutorial) {
        bool found = false;
        for (const auto &s : grid)
            found = found || (s.theta == theta && s.nu == nu && s.norm == 1);
        EXPECT_TRUE(found) << theta << " " << nu;
    }
    const core::RlnConfig config;
    EXPECT_EQ(config.rlnGrid.size(), 9u);
    ASSERT_EQ(config.l1Grid.size(), 9u);
    ASSERT_GE(config.l2Grid.size(), 8u);
    EXPECT_EQ(config.l1Grid.front(), 1e-3);
    EXPECT_EQ(config.l1Grid[2], 1e-2);
    EXPECT_NEAR(config.l1Grid[1], std::sqrt(1e-3 * 1e-2), 1e-15);
    EXPECT_EQ(config.l1Grid.back(), 10.0);
    for (std::size_t i = 1; i < config.l2Grid.size(); ++i)
        EXPECT_NEAR(config.l2Grid[i] / config.l2Grid[i - 1], std::sqrt(10.0), 1e-9);
    EXPECT_EQ(core::RlnSummary::tauName(1e-3), "1e-3");
    EXPECT_EQ(core::RlnSummary::tauName(0.0), "0");
}
