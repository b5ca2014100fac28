// SPDX-License-Identifier: GPL-3.0-or-later
// The tabular comparison job end to end on a CSV the test writes (issue 8).
#include "sparsescope/core/rln/RlnBenchmark.h"
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/Version.h"
#include "sparsescope/core/rln/RlnSummary.h"
#include "sparsescope/core/rln/TabularModelRegistry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

/// y = 2a − b + 0.5c + noise (regression) or its sign (classification), 90 rows.
std::string writeTable(const test::TempDir &dir, bool classification)
{
    std::mt19937 engine(4);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::string text = "a,b,c,y\n";
    for (int r = 0; r < 90; ++r) {
        const double a = normal(engine), b = normal(engine), c = normal(engine);
        const double y = 2 * a - b + 0.5 * c + 0.1 * normal(engine);
        text += std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(c) + ","
            + (classification ? std::string(y > 0 ? "up" : "down") : std::to_string(y)) + "\n";
    }
    const auto path = dir.file(classification ? "classes.csv" : "table.csv");
    test::writeBytes(path, text);
    return path;
}

core::RlnConfig tinyConfig(const std::string &csv)
{
    core::RlnConfig config;
    config.csv = csv;
    config.csvOptions.target = "y";
    config.noiseFeatures = 5;
    config.seeds = 1;
    config.network.hidden = {4};
    config.network.epochs = 3;
    config.network.learningRate = 1e-2;
    config.l1Grid = {1e-3, 1e-2};
    config.rlnGrid = {{-8.0, 1e5, 1, false}, {-10.0, 1e6, 1, false}};
    config.l2Grid = {1e-3};
    config.gbt.rounds = 30;
    config.gbt.earlyStoppingRounds = 5;
    return config;
}

struct RlnRecorder : core::RlnObserver
{
    std::vector<core::RlnEpoch> epochs;
    std::vector<core::ModelScore> finished;
    std::vector<std::string> features;
    int batches = 0;
    int stopAfter = -1;
    std::stop_source *source = nullptr;
    void onFeatures(const std::vector<std::string> &names) override { features = names; }
    void onBatch(const core::BatchMetrics &) override
    {
        if (++batches == stopAfter && source)
            source->request_stop();
    }
    void onEpoch(const core::RlnEpoch &e) override { epochs.push_back(e); }
    void onModelFinished(const core::ModelScore &s) override { finished.push_back(s); }
};

std::string firstLine(const std::string &path)
{
    const auto text = test::readBytes(path);
    return text.substr(0, text.find('\n'));
}

} // namespace

TEST(RlnBenchmark, RegistryListsTheModels)
{
    std::vector<std::string> names;
    for (const auto &e : core::TabularModelRegistry::entries())
        names.push_back(e.name);
    EXPECT_EQ(names,
              (std::vector<std::string> {"rln", "l1", "l2", "plain", "gbt", "ensemble",
                                         "ensemble-mean"}));
    EXPECT_EQ(core::TabularModelRegistry::entry("ensemble").members,
              (std::vector<std::string> {"rln", "gbt"}));
    EXPECT_EQ(core::TabularModelRegistry::entry("ensemble-mean").members,
              (std::vector<std::string> {"rln", "gbt"}));
    EXPECT_THROW(core::TabularModelRegistry::entry("forest"), core::Error);
}

TEST(RlnBenchmark, AllModelsWriteResultsAndRunFolders)
{
    test::TempDir dir;
    const auto config = tinyConfig(writeTable(dir, false));
    const auto out = dir.file("out");
    RlnRecorder recorder;
    core::RlnBenchmark benchmark;
    const auto result = benchmark.run(config, out, recorder, {});
    ASSERT_EQ(result.status, core::RlnStatus::Completed);
    ASSERT_EQ(result.scores.size(), 6u);
    EXPECT_EQ(recorder.finished.size(), 6u);
    EXPECT_EQ(recorder.features.size(), 3u + 5u);
    EXPECT_EQ(recorder.features.back(), "noise5");
    for (const auto &s : result.scores) {
        EXPECT_TRUE(std::isfinite(s.testMse)) << s.model;
        EXPECT_TRUE(std::isfinite(s.testExplainedVariance)) << s.model;
        EXPECT_EQ(s.testPredictions.size(), 18u) << s.model; // 20 % of 90 rows
        EXPECT_TRUE(fs::exists(s.runDirectory + "/run.json")) << s.model;
        EXPECT_TRUE(fs::exists(s.runDirectory + "/predictions.csv")) << s.model;
    }
    const auto &rln = result.scores[0];
    EXPECT_EQ(rln.model, "rln");
    EXPECT_EQ(rln.edgesTotal, 4 * 8);
    EXPECT_EQ(rln.featuresTotal, 8);
    for (const char *file : {"metrics.csv", "structure.csv", "rln.csv", "model.pt"})
        EXPECT_TRUE(fs::exists(rln.runDirectory + "/" + file)) << file;
    EXPECT_NE(test::readBytes(rln.runDirectory + "/run.json")
                  .find(std::string("\"sparsescope_version\": \"") + core::kVersion + "\""),
              std::string::npos);
    EXPECT_TRUE(fs::exists(result.scores[4].runDirectory + "/model.json"));
    EXPECT_EQ(result.scores[1].settings.rfind("l1=", 0), 0u) << result.scores[1].settings;

    // The ensemble blends the RLN and GBT predictions with the weight chosen on their
    // out-of-fold predictions (w for RLN, 1 − w for the trees).
    const auto &gbt = result.scores[4];
    const auto &ensemble = result.scores[5];
    ASSERT_EQ(gbt.model, "gbt");
    ASSERT_EQ(ensemble.model, "ensemble");
    const double w = ensemble.blendWeight;
    ASSERT_GE(w, 0.0);
    ASSERT_LE(w, 1.0);
    EXPECT_EQ(ensemble.settings.rfind("w=", 0), 0u) << ensemble.settings;
    EXPECT_TRUE(std::isnan(rln.blendWeight));
    for (std::size_t i = 0; i < ensemble.testPredictions.size(); ++i)
        EXPECT_NEAR(ensemble.testPredictions[i],
                    w * rln.testPredictions[i] + (1.0 - w) * gbt.testPredictions[i], 1e-5);

    // RLN searched the two settings of the grid and says which it kept.
    EXPECT_TRUE(rln.settings == "theta=-8 nu=100000 norm=1"
                || rln.settings == "theta=-10 nu=1e+06 norm=1")
        << rln.settings;
    // Sparsity three ways: every network counts its first layer at each threshold, and the
    // counts grow with τ.
    int networks = 0;
    for (const auto &s : result.scores) {
        if (s.edgesTotal < 0) {
            EXPECT_TRUE(s.smallWeights.empty()) << s.model;
            continue;
        }
        ++networks;
        ASSERT_EQ(s.smallWeights.size(), core::kSparsityThresholds.size()) << s.model;
        EXPECT_EQ(s.smallWeights[0].edges, s.edgesTotal - s.edgesRemaining) << s.model;
        EXPECT_EQ(s.noiseFeatures, 5);
        EXPECT_EQ(s.realFeatures, 3);
        for (std::size_t t = 1; t < s.smallWeights.size(); ++t) {
            EXPECT_GE(s.smallWeights[t].edges, s.smallWeights[t - 1].edges);
            EXPECT_GE(s.smallWeights[t].noiseEliminated, s.smallWeights[t - 1].noiseEliminated);
            EXPECT_LE(s.smallWeights[t].realKept, s.smallWeights[t - 1].realKept);
        }
        EXPECT_LE(s.smallWeights.back().realKept, 3);
        EXPECT_LE(s.smallWeights.back().noiseEliminated, 5);
    }
    EXPECT_GE(networks, 2) << "the RLN and the plain network count their first layers";

    // Live views: per-epoch strength and magnitude matrices of the first layer.
    int rlnEpochs = 0;
    for (const auto &e : recorder.epochs) {
        EXPECT_EQ(e.weightMagnitudes.size(), std::size_t(e.units * e.inputs));
        EXPECT_EQ(e.featureImportance.size(), std::size_t(e.inputs));
        if (e.model != "rln")
            continue;
        ++rlnEpochs;
        ASSERT_EQ(e.logStrengths.size(), std::size_t(4 * 8));
        double mean = 0;
        for (float l : e.logStrengths)
            mean += l;
        EXPECT_LE(mean / 32.0, config.rln.theta + 1e-4);
    }
    EXPECT_EQ(rlnEpochs, 3);

    const auto results = out + "/results.csv";
    EXPECT_EQ(firstLine(results).rfind("model,seed,test_mse,test_explained_variance,"
                                       "edges_remaining,features_remaining",
                                       0),
              0u);
    const auto text = test::readBytes(results);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 7);
    EXPECT_NE(firstLine(results).find(",edges_le_0,edges_le_1e-4,edges_le_1e-3,edges_le_1e-2,"
                                      "noise_features,noise_eliminated_0,"),
              std::string::npos);
    EXPECT_NE(firstLine(results).find(",real_kept_1e-2,blend_weight"), std::string::npos);
    EXPECT_TRUE(fs::exists(out + "/summary.csv"));
    EXPECT_TRUE(fs::exists(out + "/config.json"));
    // paired.csv: RLN − L1 and ensemble − the better of RLN and GBT, one seed each.
    const auto paired = test::readBytes(out + "/paired.csv");
    EXPECT_NE(paired.find("\nrln,l1,test MSE,1,0,"), std::string::npos) << paired;
    EXPECT_NE(paired.find("\nensemble,\"best of rln, gbt\",test MSE,1,0,"), std::string::npos)
        << paired;
    const auto summary = core::RlnSummary::summarize(result.scores);
    ASSERT_EQ(summary.size(), 6u);
    EXPECT_NE(core::RlnSummary::toText(summary, core::TabularTask::Regression).find("ensemble"),
              std::string::npos);

    // The folder is not overwritten.
    EXPECT_THROW(benchmark.run(config, out, recorder, {}), core::Error);
}

TEST(RlnBenchmark, ClassificationFoldsAndMembersOnDemand)
{
    test::TempDir dir;
    auto config = tinyConfig(writeTable(dir, true));
    config.models = {"ensemble"}; // fits rln and gbt without reporting them
    config.folds = 3;
    RlnRecorder recorder;
    core::RlnBenchmark benchmark;
    const auto result = benchmark.run(config, dir.file("out"), recorder, {});
    ASSERT_EQ(result.task, core::TabularTask::Classification);
    ASSERT_EQ(result.scores.size(), 3u);
    std::size_t tested = 0;
    for (const auto &s : result.scores) {
        EXPECT_EQ(s.model, "ensemble");
        EXPECT_GE(s.testAccuracy, 0.6);
        EXPECT_TRUE(std::isfinite(s.testAuc));
        tested += s.testTargets.size();
    }
    EXPECT_EQ(tested, 90u); // the folds' test rows partition the table
    EXPECT_EQ(
        firstLine(dir.file("out") + "/results.csv").rfind("model,seed,test_accuracy,test_auc", 0),
        0u);
    EXPECT_FALSE(fs::exists(dir.file("out") + "/rln-seed1-fold1"));
    EXPECT_TRUE(fs::exists(dir.file("out") + "/ensemble-seed1-fold1/run.json"));
}

TEST(RlnBenchmark, StopTokenCancelsAndKeepsFinishedResults)
{
    test::TempDir dir;
    auto config = tinyConfig(writeTable(dir, false));
    config.models = {"plain", "rln"};
    config.network.epochs = 50;
    std::stop_source source;
    RlnRecorder recorder;
    recorder.source = &source;
    recorder.stopAfter = 50 * 8 + 20; // during the second model (8 batches per epoch)
    core::RlnBenchmark benchmark;
    const auto result = benchmark.run(config, dir.file("out"), recorder, source.get_token());
    EXPECT_EQ(result.status, core::RlnStatus::Cancelled);
    ASSERT_EQ(result.scores.size(), 1u);
    EXPECT_EQ(result.scores[0].model, "plain");
    const auto text = test::readBytes(dir.file("out") + "/results.csv");
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(RlnBenchmark, BadConfigAndBadTableAreErrors)
{
    test::TempDir dir;
    RlnRecorder recorder;
    core::RlnBenchmark benchmark;
    auto config = tinyConfig(writeTable(dir, false));
    config.models = {"rln", "forest"};
    EXPECT_THROW(benchmark.run(config, "", recorder, {}), core::Error);
    config.models = {"l1"};
    config.validationFraction = 0.0;
    EXPECT_THROW(benchmark.run(config, "", recorder, {}), core::Error);
    config = tinyConfig(dir.file("absent.csv"));
    try {
        benchmark.run(config, "", recorder, {});
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), dir.file("absent.csv"));
    }
}
