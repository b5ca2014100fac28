// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 23: paired tests, sparsity counted three ways, the validation-weighted blend, the
// default searches.
#include "rln/EnsembleModel.h"
#include "rln/FirstLayerSparsity.h"
#include "rln/OutOfFold.h"
#include "rln/PairedTest.h"
#include "sparsescope/core/rln/RlnConfig.h"
#include "sparsescope/core/rln/RlnSummary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
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

TEST(EnsembleBlend, OneStandardErrorRuleAgainstADirectComputation)
{
    // The rule, computed here directly: from the better member alone towards the minimum, the
    // first grid weight whose mean squared error exceeds the minimum's by at most the standard
    // error of the per-row differences.
    auto direct = [](const std::vector<float> &a, const std::vector<float> &b,
                     const std::vector<float> &y) {
        auto losses = [&](double w) {
            std::vector<double> l;
            for (std::size_t i = 0; i < y.size(); ++i) {
                const double e = w * a[i] + (1 - w) * b[i] - y[i];
                l.push_back(e * e);
            }
            return l;
        };
        auto meanOf = [](const std::vector<double> &v) {
            return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
        };
        const double wMin
            = core::EnsembleModel::bestWeight(a, b, y, core::TabularTask::Regression, 1);
        const auto lMin = losses(wMin);
        const double start = meanOf(losses(1.0)) < meanOf(losses(0.0)) ? 1.0 : 0.0;
        for (int k = 0; k <= 100; ++k) {
            const double w = start + (wMin - start) * k / 100.0; // passes every grid point
            const double snapped = std::round(w * 100.0) / 100.0;
            const auto l = losses(snapped);
            std::vector<double> d;
            for (std::size_t i = 0; i < l.size(); ++i)
                d.push_back(l[i] - lMin[i]);
            const double m = meanOf(d);
            double ss = 0;
            for (double x : d)
                ss += (x - m) * (x - m);
            const double se = std::sqrt(ss / double(d.size() - 1) / double(d.size()));
            if (m <= se + 1e-12)
                return snapped;
        }
        return wMin;
    };
    std::mt19937 engine(11);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    int interior = 0, endpoints = 0;
    for (int trial = 0; trial < 30; ++trial) {
        const std::size_t rows = 30 + 20 * std::size_t(trial % 5);
        std::vector<float> y(rows), a(rows), b(rows);
        const float scaleA = 0.3f + 0.15f * float(trial % 10);
        for (std::size_t i = 0; i < rows; ++i) {
            y[i] = 3.0f * normal(engine);
            a[i] = y[i] + scaleA * normal(engine);
            b[i] = y[i] + 1.0f * normal(engine);
        }
        const auto choice
            = core::EnsembleModel::chooseWeight(a, b, y, core::TabularTask::Regression, 1);
        EXPECT_EQ(choice.minimum,
                  core::EnsembleModel::bestWeight(a, b, y, core::TabularTask::Regression, 1));
        EXPECT_NEAR(choice.chosen, direct(a, b, y), 1e-9) << "trial " << trial;
        EXPECT_GE(choice.lossAtChosen, choice.lossAtMinimum);
        EXPECT_LE(choice.lossAtChosen - choice.lossAtMinimum, choice.standardError + 1e-9);
        (choice.chosen == 0.0 || choice.chosen == 1.0 ? endpoints : interior) += 1;
    }
    // Both outcomes occur: the rule is not a constant.
    EXPECT_GT(interior, 0);
    EXPECT_GT(endpoints, 0);

    // Two equally good members with independent errors over many rows: the blend clearly helps,
    // so the weight stays near the middle.
    std::vector<float> y(2000), a(2000), b(2000);
    for (std::size_t i = 0; i < y.size(); ++i) {
        y[i] = normal(engine);
        a[i] = y[i] + normal(engine);
        b[i] = y[i] + normal(engine);
    }
    const auto both = core::EnsembleModel::chooseWeight(a, b, y, core::TabularTask::Regression, 1);
    EXPECT_GT(both.chosen, 0.3);
    EXPECT_LT(both.chosen, 0.7);
    // A member that only adds noise is left out entirely.
    const auto noise = core::EnsembleModel::chooseWeight(y, b, y, core::TabularTask::Regression, 1);
    EXPECT_EQ(noise.chosen, 1.0);
}

TEST(OutOfFold, EveryRowIsPredictedOnceByAFitThatNeverSawIt)
{
    core::TabularArrays rows;
    rows.rows = 23;
    rows.columns = 2;
    for (std::size_t r = 0; r < rows.rows; ++r) {
        rows.x.insert(rows.x.end(), {float(r), -float(r)});
        rows.y.push_back(float(r)); // the row's own index
    }
    int fits = 0;
    std::vector<int> predictedTimes(rows.rows, 0);
    const auto predictions = core::OutOfFold::predictions(
        rows, 2, 5, [&](const core::TabularArrays &train, const core::TabularArrays &heldOut) {
            ++fits;
            EXPECT_EQ(train.rows + heldOut.rows, rows.rows);
            EXPECT_GE(heldOut.rows, 4u); // 23 rows into 5 folds: 4 or 5 each
            EXPECT_LE(heldOut.rows, 5u);
            std::vector<float> out;
            for (std::size_t i = 0; i < heldOut.rows; ++i) {
                const float row = heldOut.y[i];
                EXPECT_EQ(heldOut.x[2 * i], row); // features travel with their row
                for (float seen : train.y)
                    EXPECT_NE(seen, row);
                ++predictedTimes[std::size_t(row)];
                out.insert(out.end(), {row, 100.0f + row});
            }
            return std::optional<std::vector<float>>(out);
        });
    ASSERT_TRUE(predictions);
    EXPECT_EQ(fits, core::OutOfFold::kFolds);
    ASSERT_EQ(predictions->size(), rows.rows * 2);
    for (std::size_t r = 0; r < rows.rows; ++r) {
        EXPECT_EQ(predictedTimes[r], 1) << r;
        EXPECT_EQ((*predictions)[2 * r], float(r)); // back in row order
        EXPECT_EQ((*predictions)[2 * r + 1], 100.0f + float(r));
    }
    // The folds depend on the seed only.
    EXPECT_EQ(core::OutOfFold::foldOf(23, 5, 5), core::OutOfFold::foldOf(23, 5, 5));
    EXPECT_NE(core::OutOfFold::foldOf(23, 5, 5), core::OutOfFold::foldOf(23, 5, 6));
    // A stop inside a fold stops it all; too few rows is an error.
    EXPECT_FALSE(core::OutOfFold::predictions(
        rows, 2, 5, [](const core::TabularArrays &, const core::TabularArrays &) {
            return std::optional<std::vector<float>> {};
        }));
    rows.rows = 3;
    EXPECT_THROW(
        core::OutOfFold::predictions(rows, 1, 5,
                                     [](const core::TabularArrays &, const core::TabularArrays &) {
                                         return std::optional<std::vector<float>> {};
                                     }),
        std::exception);
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
