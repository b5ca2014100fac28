// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20.1: the atlas' measures — cache keys, the κ bootstrap against a direct computation, the
// Pareto front against brute force, human comparison, the atlas table, a series measured twice.
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/AtlasTable.h"
#include "sparsescope/core/atlas/HumanComparison.h"
#include "sparsescope/core/atlas/KappaBootstrap.h"
#include "sparsescope/core/atlas/MeasureCache.h"
#include "sparsescope/core/atlas/ParetoFront.h"
#include "sparsescope/core/atlas/SeriesMeasure.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/psychophysics/ErrorConsistency.h"
#include "sparsescope/core/psychophysics/TrialTable.h"
#include "sparsescope/core/training/Trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

using namespace sparsescope;
namespace fs = std::filesystem;

TEST(MeasureCache, KeysFollowTheModelBytesAndTheSettings)
{
    test::TempDir dir;
    test::writeBytes(dir.file("a.pt"), "weights one");
    test::writeBytes(dir.file("b.pt"), "weights one");
    test::writeBytes(dir.file("c.pt"), "weights two");
    const auto a = core::MeasureCache::fileHash(dir.file("a.pt"));
    EXPECT_EQ(a.size(), 16u);
    EXPECT_EQ(a, core::MeasureCache::fileHash(dir.file("b.pt"))); // the bytes, not the name
    EXPECT_NE(a, core::MeasureCache::fileHash(dir.file("c.pt")));
    // FNV-1a 64 of "a" (a published test vector).
    EXPECT_EQ(core::MeasureCache::textHash("a"), "af63dc4c8601ec8c");
    const auto p1 = core::MeasureCache::entryPath("m", "clean", a, R"({"limit":100})");
    EXPECT_EQ(p1, core::MeasureCache::entryPath("m", "clean", a, R"({"limit":100})"));
    EXPECT_NE(p1, core::MeasureCache::entryPath("m", "clean", a, R"({"limit":200})"));
    EXPECT_NE(p1, core::MeasureCache::entryPath("m", "corruption", a, R"({"limit":100})"));
    EXPECT_EQ(fs::path(p1).parent_path(), fs::path("m"));
    EXPECT_THROW(core::MeasureCache::fileHash(dir.file("missing.pt")), core::Error);

    // Stored and loaded back, NaN included; a torn file is measured again, not an error.
    core::MeasureEntry entry;
    entry.values = {{"x", 0.25}, {"y", std::nan("")}};
    entry.notes = {"a note"};
    entry.seconds = 1.5;
    const std::string path = dir.file("cache/clean-x-y.json");
    core::MeasureCache::store(path, entry, R"({"limit":100})", a);
    const auto back = core::MeasureCache::load(path);
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(back->values.size(), 2u);
    EXPECT_DOUBLE_EQ(back->values[0].second, 0.25);
    EXPECT_TRUE(std::isnan(back->values[1].second));
    EXPECT_EQ(back->notes, entry.notes);
    test::writeBytes(path, "{\"values\": [");
    EXPECT_FALSE(core::MeasureCache::load(path).has_value());
}

TEST(KappaBootstrap, MatchesADirectComputation)
{
    std::mt19937 data(7);
    std::vector<bool> a, b;
    for (int i = 0; i < 60; ++i) {
        a.push_back(data() % 3 != 0);
        b.push_back(i % 4 == 0 ? !a.back() : a.back()); // agree mostly
    }
    const int resamples = 400;
    const auto interval = core::KappaBootstrap::interval(a, b, resamples, 11);

    // The same resamples drawn index by index, κ through ErrorConsistency, sorted, numpy-style
    // linear percentiles.
    std::mt19937_64 random(11);
    std::uniform_int_distribution<std::size_t> pick(0, a.size() - 1);
    std::vector<double> kappas;
    for (int r = 0; r < resamples; ++r) {
        std::vector<bool> ra, rb;
        for (std::size_t k = 0; k < a.size(); ++k) {
            const std::size_t i = pick(random);
            ra.push_back(a[i]);
            rb.push_back(b[i]);
        }
        kappas.push_back(core::ErrorConsistency::fromCorrectness(ra, rb).kappa);
    }
    std::sort(kappas.begin(), kappas.end());
    const auto quantile = [&kappas](double q) {
        const double position = q * double(kappas.size() - 1);
        const auto lo = std::size_t(position);
        return kappas[lo] + (position - double(lo)) * (kappas[lo + 1] - kappas[lo]);
    };
    EXPECT_NEAR(interval.low, quantile(0.025), 1e-12);
    EXPECT_NEAR(interval.high, quantile(0.975), 1e-12);
    const double kappa = core::ErrorConsistency::fromCorrectness(a, b).kappa;
    EXPECT_LT(interval.low, kappa);
    EXPECT_GT(interval.high, kappa);
    // More data, a narrower interval; no pairs, NaN.
    std::vector<bool> a4, b4;
    for (int copy = 0; copy < 4; ++copy) {
        a4.insert(a4.end(), a.begin(), a.end());
        b4.insert(b4.end(), b.begin(), b.end());
    }
    const auto narrow = core::KappaBootstrap::interval(a4, b4, resamples, 11);
    EXPECT_LT(narrow.high - narrow.low, interval.high - interval.low);
    EXPECT_TRUE(std::isnan(core::KappaBootstrap::interval({}, {}, 10, 1).low));
    EXPECT_DOUBLE_EQ(core::KappaBootstrap::percentile({3, 1, 2, 4}, 0.5), 2.5);
}

TEST(ParetoFront, AgreesWithBruteForceAndKeepsTies)
{
    // Hand-made: (cost, value).
    const std::vector<double> cost {1, 2, 2, 3, 4, 5, std::nan(""), 0.5};
    const std::vector<double> value {0.5, 0.7, 0.6, 0.7, 0.9, 0.9, 1.0, 0.5};
    // 0 is dominated by 7 (cheaper, same value); 2 by 1; 3 by 1; 5 by 4; 6 has NaN.
    EXPECT_EQ(core::ParetoFront::compute(cost, value), (std::vector<std::size_t> {7, 1, 4}));
    EXPECT_EQ(core::ParetoFront::compute({1, 1}, {2, 2}), (std::vector<std::size_t> {0, 1}));

    std::mt19937 random(3);
    for (int trial = 0; trial < 50; ++trial) {
        std::vector<double> x, y;
        for (int i = 0; i < 30; ++i) {
            x.push_back(double(random() % 10));
            y.push_back(double(random() % 10));
        }
        std::vector<std::size_t> brute;
        for (std::size_t i = 0; i < x.size(); ++i) {
            bool dominated = false;
            for (std::size_t j = 0; j < x.size(); ++j)
                dominated |= x[j] <= x[i] && y[j] >= y[i] && (x[j] < x[i] || y[j] > y[i]);
            if (!dominated)
                brute.push_back(i);
        }
        auto front = core::ParetoFront::compute(x, y);
        std::sort(front.begin(), front.end());
        EXPECT_EQ(front, brute) << "trial " << trial;
    }
}

TEST(HumanComparison, PairsHumanTrialsWithTheModelsAnswerOnTheSameImage)
{
    core::TrialTable model, humans;
    // The model: right on images 1-3, wrong on 4; images named differently but with the same
    // short id (the last two fields), as the 2018 files do.
    const char *images[] = {"n01_1.png", "n01_2.png", "n01_3.png", "n01_4.png"};
    for (int i = 0; i < 4; ++i)
        model.append({"noise", "net", core::ObserverKind::Dnn, 1, i + 1, std::nan(""),
                      i < 3 ? "cat" : "dog", "cat", "0.1",
                      std::string("0001_nse_dnn_0.1_cat_1_") + images[i]});
    // Two subjects: s1 agrees with the model everywhere, s2 is right on everything.
    for (int s = 0; s < 2; ++s)
        for (int i = 0; i < 4; ++i) {
            const bool right = s == 1 || i < 3;
            humans.append({"noise", s == 0 ? "subject-01" : "subject-02", core::ObserverKind::Human,
                           1, i + 1, 1.0, right ? "cat" : "dog", "cat", "0.1",
                           std::string("0002_nse_s0") + char('1' + s) + "_0.1_cat_1_" + images[i]});
        }
    humans.append({"contrast", "subject-01", core::ObserverKind::Human, 1, 1, 1.0, "cat", "cat",
                   "c", "x_n01_1.png"}); // another experiment: not paired
    const auto rows = core::HumanComparison::compare(model, humans, 200, 3);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].experiment, "noise");
    EXPECT_EQ(rows[0].trials, 8u);
    EXPECT_DOUBLE_EQ(rows[0].modelAccuracy, 0.75);
    EXPECT_DOUBLE_EQ(rows[0].humanAccuracy, 7.0 / 8.0);
    EXPECT_DOUBLE_EQ(rows[0].accuracyDifference, 0.75 - 7.0 / 8.0);
    std::vector<bool> a {1, 1, 1, 0, 1, 1, 1, 0}, b {1, 1, 1, 0, 1, 1, 1, 1};
    EXPECT_DOUBLE_EQ(rows[0].kappa, core::ErrorConsistency::fromCorrectness(a, b).kappa);
    EXPECT_LE(rows[0].kappaInterval.low, rows[0].kappa);
    EXPECT_GE(rows[0].kappaInterval.high, rows[0].kappa);
}

TEST(AtlasTable, CsvRoundTripWithKnobsNaNAndNotes)
{
    core::AtlasTable table;
    core::AtlasRow a {"s/x=1", "s", "x=1", "runs/a", {{"x", "1"}}, {{"clean_accuracy", 0.5}}, {}};
    core::AtlasRow b {"t/dense", "t", "dense", "runs/b, with comma", {}, {}, {"note, with comma"}};
    b.set("latency_b1_ms", 0.25);
    table.rows = {a, b};
    const auto text = table.toCsv();
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "member,series,label,path,knob:x,clean_accuracy,latency_b1_ms,notes");
    const auto back = core::AtlasTable::fromCsv(text, "atlas.csv");
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[1].path, "runs/b, with comma");
    EXPECT_EQ(back.rows[0].knobs, a.knobs);
    EXPECT_DOUBLE_EQ(back.rows[0].value("clean_accuracy"), 0.5);
    EXPECT_TRUE(std::isnan(back.rows[0].value("latency_b1_ms")));
    EXPECT_TRUE(std::isnan(back.rows[1].value("clean_accuracy")));
    EXPECT_EQ(back.rows[1].notes, b.notes);
    EXPECT_THROW(core::AtlasTable::fromCsv("a,b\n1,2\n", "atlas.csv"), core::Error);
    EXPECT_THROW(core::AtlasTable::fromCsv(text + "z,z\n", "atlas.csv"), core::Error);
}

TEST(SeriesMeasure, ScaledLevelsAndRelativeCorruptionError)
{
    // Blur sigmas are in pixels of 224-pixel images: 28-pixel images get an eighth.
    const auto lowPass = core::SeriesMeasure::scaledLevels("low-pass", 28);
    ASSERT_FALSE(lowPass.empty());
    EXPECT_DOUBLE_EQ(lowPass.back(), 40.0 / 8.0);
    EXPECT_EQ(core::SeriesMeasure::scaledLevels("contrast", 28),
              core::SeriesMeasure::scaledLevels("contrast", 224)); // unitless: as in the paper

    core::AtlasTable table;
    core::AtlasRow dense {"s/dense", "s", "dense", "", {}, {}, {}};
    dense.set("element_sparsity", 0.0);
    dense.set("corr:noise:1", 0.8); // errors 0.2 + 0.4
    dense.set("corr:noise:2", 0.6);
    dense.set("corr:noise:mean", 0.7);
    dense.set("corr:blur:1", 0.5); // error 0.5
    core::AtlasRow sparse = dense;
    sparse.member = "s/sparse";
    sparse.set("element_sparsity", 0.9);
    sparse.set("corr:noise:1", 0.7); // errors 0.3 + 0.6 = 0.9 -> 1.5
    sparse.set("corr:noise:2", 0.4);
    sparse.set("corr:blur:1", 0.5); // 1.0
    table.rows = {sparse, dense};
    core::SeriesMeasure::addRelativeCorruptionError(table, "");
    EXPECT_NEAR(table.rows[0].value("corruption_ce"), (1.5 + 1.0) / 2, 1e-12);
    EXPECT_NEAR(table.rows[1].value("corruption_ce"), 1.0, 1e-12);
    core::SeriesMeasure::addRelativeCorruptionError(table, "s/sparse");
    EXPECT_NEAR(table.rows[1].value("corruption_ce"), (0.6 / 0.9 + 1.0) / 2, 1e-12);
    EXPECT_THROW(core::SeriesMeasure::addRelativeCorruptionError(table, "s/none"), core::Error);
}

TEST(SeriesMeasure, MeasuresASeriesOnceThenFromTheCache)
{
    test::SyntheticIdxData data(256, 64);
    test::TempDir dir;
    for (int seed : {1, 2}) {
        core::TrainConfig config;
        config.data = data.train;
        config.testData = data.test;
        config.epochs = 1;
        config.seed = std::uint64_t(seed);
        config.pruneSparsity = seed == 2 ? 0.5 : 0.0;
        config.sparsity.freezeZeros = seed == 2;
        config.threads = 1;
        core::Trainer().run(config, dir.file("runs/s/m" + std::to_string(seed)),
                            core::quietObserver<core::TrainingObserver>(), {});
    }
    const auto series = core::Series::scan(dir.file("runs"));
    ASSERT_EQ(series.members.size(), 2u);
    core::MeasureSettings settings;
    settings.measures = {"structure", "clean", "corruption"};
    settings.degradations = {"contrast", "low-pass"};
    const auto first = core::SeriesMeasure::run(series, settings);
    ASSERT_EQ(first.rows.size(), 2u);
    EXPECT_EQ(first.rows[0].member, "s/s/m1");
    EXPECT_NEAR(first.rows[1].value("element_sparsity"), 0.5, 0.01);
    EXPECT_LT(first.rows[0].value("element_sparsity"), 0.05);
    EXPECT_EQ(first.rows[0].value("test_images"), 64.0);
    EXPECT_GT(first.rows[0].value("clean_accuracy"), 0.25);
    EXPECT_FALSE(std::isnan(first.rows[0].value("corr:low-pass:40")));
    EXPECT_DOUBLE_EQ(first.rows[0].value("corruption_ce"), 1.0); // the dense member itself
    ASSERT_TRUE(fs::is_directory(dir.path() / "runs/s/m1/measures"));

    // Again: every value from the cache, no new entry.
    const auto cachedOnly = [&] {
        std::size_t files = 0;
        for (const auto &entry : fs::recursive_directory_iterator(dir.path() / "runs"))
            files += entry.path().parent_path().filename() == "measures";
        return files;
    };
    const std::size_t cached = cachedOnly();
    EXPECT_EQ(cached, 6u);
    const auto second = core::SeriesMeasure::run(series, settings);
    EXPECT_EQ(second.toCsv(), first.toCsv());
    EXPECT_EQ(cachedOnly(), cached);
    // A changed setting measures again (a new entry beside the old).
    settings.limit = 32;
    const auto third = core::SeriesMeasure::run(series, settings);
    EXPECT_EQ(third.rows[0].value("test_images"), 32.0);
    EXPECT_EQ(cachedOnly(), cached + 4); // clean and corruption of each member; structure kept
}
