// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/Trainer.h"
#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/training/RunFolder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

/// Synthetic learnable IDX data in a temp folder, and a small fast config over it.
struct TinyData : test::SyntheticIdxData
{
    explicit TinyData(std::size_t trainCount = 512, std::size_t testCount = 128)
        : SyntheticIdxData(trainCount, testCount)
    { }

    core::TrainConfig config(const std::string &model = "lenet-300-100") const
    {
        core::TrainConfig c;
        c.model = model;
        c.data = train;
        c.testData = test;
        c.epochs = 2;
        c.batchSize = 32;
        c.learningRate = 0.02;
        c.seed = 7;
        return c;
    }
};

/// Records what the trainer reports; optional hooks run on the trainer's thread.
struct TrainingRecorder : core::TrainingObserver
{
    std::vector<core::BatchMetrics> batches;
    std::vector<core::EpochMetrics> epochs;
    int structures = 0;
    core::FilterImages filters;
    std::function<void(const core::BatchMetrics &)> batchHook;
    std::function<void(const core::EpochMetrics &)> epochHook;

    void onBatch(const core::BatchMetrics &m) override
    {
        batches.push_back(m);
        if (batchHook)
            batchHook(m);
    }
    void onEpochEnd(const core::EpochMetrics &m) override
    {
        epochs.push_back(m);
        if (epochHook)
            epochHook(m);
    }
    void onStructure(const std::vector<core::LayerStructure> &) override { ++structures; }
    void onFilters(const core::FilterImages &f) override { filters = f; }
};

} // namespace

TEST(Trainer, LossFallsAndRunFolderIsWritten)
{
    TinyData data;
    TrainingRecorder recorder;
    core::Trainer trainer;
    const auto run = data.dir.file("run");
    auto config = data.config("lenet5");
    const auto result = trainer.run(config, run, recorder, {});
    ASSERT_TRUE(result.ok()) << result.message;
    ASSERT_EQ(result.epochs.size(), 2u);
    double early = 0, late = 0;
    for (int i = 0; i < 4; ++i) {
        early += recorder.batches[i].loss;
        late += recorder.batches[recorder.batches.size() - 1 - i].loss;
    }
    EXPECT_LT(late, 0.5 * early);
    EXPECT_GT(result.epochs.back().testAccuracy, 0.9);
    EXPECT_EQ(recorder.epochs.size(), 2u);
    EXPECT_GE(recorder.structures, 2);
    EXPECT_EQ(recorder.filters.count, 20);
    EXPECT_EQ(recorder.filters.pixels.size(), 20u * 25);
    core::RunFolder folder(run);
    EXPECT_TRUE(fs::exists(folder.modelPath()));
    EXPECT_TRUE(fs::exists(folder.checkpointPath(1)));
    EXPECT_TRUE(fs::exists(folder.checkpointPath(2)));
    const auto metrics = folder.readMetrics();
    ASSERT_EQ(metrics.size(), 2u);
    EXPECT_NEAR(metrics[1].testAccuracy, result.epochs[1].testAccuracy, 1e-6);
    const auto json = folder.readRunJson();
    EXPECT_NE(json.find("\"status\": \"completed\""), std::string::npos);
    EXPECT_NE(json.find("\"libtorch\""), std::string::npos);
    // The saved model reproduces the final test accuracy exactly.
    const auto evaluation = core::Model::load(run).evaluate(core::Dataset::fromSpec(data.test));
    EXPECT_DOUBLE_EQ(evaluation.accuracy(), result.epochs.back().testAccuracy);
}

TEST(Trainer, LiveSnapshotsFollowTheObserversInterval)
{
    TinyData data;
    auto config = data.config("lenet5");
    config.epochs = 1;
    core::Trainer trainer;
    // Nobody watching (interval 0): one structure and filter snapshot, at the epoch's end.
    TrainingRecorder quiet;
    ASSERT_TRUE(trainer.run(config, data.dir.file("quiet"), quiet, {}).ok());
    EXPECT_EQ(quiet.structures, 1);
    // A watcher asking for a tiny interval gets one after (nearly) every step as well.
    struct Watching : TrainingRecorder
    {
        double snapshotInterval() const override { return 1e-9; }
    } watching;
    ASSERT_TRUE(trainer.run(config, data.dir.file("watching"), watching, {}).ok());
    ASSERT_GE(watching.batches.size(), 2u);
    EXPECT_GE(watching.structures, int(watching.batches.size()) / 2 + 1);
    EXPECT_EQ(watching.filters.count, 20);
}

TEST(Trainer, CancelReturnsWithinOneSecond)
{
    TinyData data(4096, 64);
    auto config = data.config("lenet5");
    config.epochs = 50;
    TrainingRecorder recorder;
    std::stop_source stop;
    std::atomic<std::chrono::steady_clock::time_point::rep> requestedAt {0};
    recorder.batchHook = [&](const core::BatchMetrics &m) {
        if (m.epoch == 1 && m.batch == 5) {
            requestedAt = std::chrono::steady_clock::now().time_since_epoch().count();
            stop.request_stop();
        }
    };
    core::Trainer trainer;
    core::TrainResult result;
    std::thread worker([&] { result = trainer.run(config, "", recorder, stop.get_token()); });
    worker.join();
    const auto returnedAt = std::chrono::steady_clock::now().time_since_epoch().count();
    EXPECT_EQ(result.status, core::TrainStatus::Cancelled);
    EXPECT_NE(result.message.find("epoch 1"), std::string::npos);
    const double seconds = std::chrono::duration<double>(
                               std::chrono::steady_clock::duration(returnedAt - requestedAt.load()))
                               .count();
    EXPECT_LT(seconds, 1.0);
    EXPECT_EQ(recorder.batches.size(), 5u);
}

TEST(Trainer, PauseHoldsTheRunAndStopEndsAPausedRun)
{
    TinyData data(1024, 64);
    auto config = data.config();
    config.epochs = 20;
    TrainingRecorder recorder;
    core::Trainer trainer;
    std::atomic<int> batches {0};
    recorder.batchHook = [&](const core::BatchMetrics &) {
        if (++batches == 3)
            trainer.pauseGate().pause();
    };
    std::stop_source stop;
    core::TrainResult result;
    std::thread worker([&] { result = trainer.run(config, "", recorder, stop.get_token()); });
    // Wait for the pause (not a fixed time: a loaded machine may take long for 3 steps), then
    // check that no step happens while paused.
    for (int i = 0; i < 1000 && !trainer.pauseGate().isPaused(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_TRUE(trainer.pauseGate().isPaused());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(batches.load(), 3); // no step while paused
    const auto t0 = std::chrono::steady_clock::now();
    stop.request_stop();
    worker.join();
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0);
    EXPECT_EQ(result.status, core::TrainStatus::Cancelled);
}

TEST(Trainer, NaNLossStopsWithClearMessageAndKeepsLastCheckpoint)
{
    TinyData data(256, 32);
    auto config = data.config("lenet-300-100");
    config.epochs = 3;
    config.schedule = "none";
    config.learningRate = 0.02;
    TrainingRecorder recorder;
    core::Trainer trainer;
    // Blow the weights up after the first epoch so that the second epoch's loss is NaN.
    const auto run = data.dir.file("run");
    // First a healthy epoch with a checkpoint, then resume with an absurd learning rate.
    config.epochs = 1;
    ASSERT_TRUE(trainer.run(config, run, recorder, {}).ok());
    auto exploding = config;
    exploding.epochs = 3;
    exploding.learningRate = 1e30;
    exploding.resumeFrom = run;
    const auto result = trainer.run(exploding, run, recorder, {});
    EXPECT_EQ(result.status, core::TrainStatus::Failed);
    EXPECT_TRUE(result.message.find("NaN") != std::string::npos
                || result.message.find("infinite") != std::string::npos)
        << result.message;
    EXPECT_NE(result.message.find("epoch-001.pt"), std::string::npos) << result.message;
    // The last good checkpoint is intact and loads.
    EXPECT_NO_THROW(core::Model::load(core::RunFolder(run).checkpointPath(1)));
    EXPECT_NE(core::RunFolder(run).readRunJson().find("\"failed\""), std::string::npos);
}

TEST(Trainer, ResumeEqualsUninterruptedRun)
{
    TinyData data(320, 64);
    auto config = data.config("lenet5");
    config.epochs = 3;
    config.threads = 1; // bitwise comparison: one intra-op thread
    core::Trainer trainer;

    TrainingRecorder straight;
    const auto runA = data.dir.file("a");
    const auto a = trainer.run(config, runA, straight, {});
    ASSERT_TRUE(a.ok()) << a.message;

    // Interrupted after epoch 1 ends, then resumed.
    const auto runB = data.dir.file("b");
    std::stop_source stop;
    TrainingRecorder interrupted;
    interrupted.epochHook = [&](const core::EpochMetrics &m) {
        if (m.epoch == 1)
            stop.request_stop();
    };
    const auto b1 = trainer.run(config, runB, interrupted, stop.get_token());
    ASSERT_EQ(b1.status, core::TrainStatus::Cancelled);
    auto resume = config;
    resume.resumeFrom = runB;
    TrainingRecorder resumed;
    const auto b2 = trainer.run(resume, runB, resumed, {});
    ASSERT_TRUE(b2.ok()) << b2.message;
    ASSERT_EQ(b2.epochs.size(), 3u);
    for (int e = 0; e < 3; ++e) {
        // Epoch 1 of the resumed run comes back from metrics.csv (6 decimals).
        EXPECT_NEAR(a.epochs[e].loss, b2.epochs[e].loss, 1e-6) << "epoch " << e + 1;
        EXPECT_NEAR(a.epochs[e].testAccuracy, b2.epochs[e].testAccuracy, 1e-6);
    }
    const auto pa = core::Model::load(runA).impl().parameters();
    const auto pb = core::Model::load(runB).impl().parameters();
    ASSERT_EQ(pa.size(), pb.size());
    for (std::size_t i = 0; i < pa.size(); ++i)
        EXPECT_TRUE(torch::equal(pa[i], pb[i])) << "parameter " << i;
}

// Issue 19.6: checkpoint_every writes step checkpoints inside an epoch; a run stopped between two
// resumes from the last one with the epoch's sums, and ends where an uninterrupted run ends. A
// checkpoint whose trainer state is missing (a kill between the two files) does not count.
TEST(Trainer, ResumeFromAStepCheckpointEqualsUninterruptedRun)
{
    TinyData data(320, 64); // 5 steps per epoch
    auto config = data.config("lenet5");
    config.epochs = 3;
    config.threads = 1;
    core::Trainer trainer;
    TrainingRecorder straight;
    const auto runA = data.dir.file("a");
    const auto a = trainer.run(config, runA, straight, {});
    ASSERT_TRUE(a.ok()) << a.message;

    config.checkpointEvery = 2;
    const auto runB = data.dir.file("b");
    const core::RunFolder folder(runB);
    std::stop_source stop;
    TrainingRecorder interrupted;
    interrupted.batchHook = [&](const core::BatchMetrics &m) {
        if (m.epoch == 2 && m.batch == 3)
            stop.request_stop(); // after step 3 of epoch 2: the last step checkpoint is at 2
    };
    ASSERT_EQ(trainer.run(config, runB, interrupted, stop.get_token()).status,
              core::TrainStatus::Cancelled);
    EXPECT_EQ(folder.lastCheckpoint(), folder.stepCheckpointPath(1, 2));
    EXPECT_FALSE(std::filesystem::exists(folder.stepCheckpointPath(0, 2)))
        << "epoch 1's step checkpoints went at its end";

    auto resume = config;
    resume.resumeFrom = runB;
    TrainingRecorder resumed;
    const auto b = trainer.run(resume, runB, resumed, {});
    ASSERT_TRUE(b.ok()) << b.message;
    ASSERT_FALSE(resumed.batches.empty());
    EXPECT_EQ(resumed.batches.front().epoch, 2);
    EXPECT_EQ(resumed.batches.front().batch, 3) << "continues after the checkpoint's step";
    ASSERT_EQ(b.epochs.size(), 3u);
    for (int e = 0; e < 3; ++e) {
        EXPECT_NEAR(a.epochs[e].loss, b.epochs[e].loss, 1e-6) << "epoch " << e + 1;
        EXPECT_NEAR(a.epochs[e].trainAccuracy, b.epochs[e].trainAccuracy, 1e-6);
    }
    EXPECT_EQ(folder.lastCheckpoint(), folder.checkpointPath(3)) << "step checkpoints removed";
    const auto pa = core::Model::load(runA).impl().parameters();
    const auto pb = core::Model::load(runB).impl().parameters();
    ASSERT_EQ(pa.size(), pb.size());
    for (std::size_t i = 0; i < pa.size(); ++i)
        EXPECT_TRUE(torch::equal(pa[i], pb[i])) << "parameter " << i;

    // Killed after epoch 3's model but before its state: epoch 3 is trained again, once.
    std::filesystem::remove(core::RunFolder::statePathFor(folder.checkpointPath(3)));
    EXPECT_EQ(folder.lastCheckpoint(), folder.checkpointPath(2));
    TrainingRecorder again;
    const auto c = trainer.run(resume, runB, again, {});
    ASSERT_TRUE(c.ok()) << c.message;
    EXPECT_EQ(again.epochs.size(), 1u);
    std::vector<int> epochs;
    for (const auto &e : folder.readMetrics())
        epochs.push_back(e.epoch);
    EXPECT_EQ(epochs, (std::vector<int> {1, 2, 3}));
    const auto pc = core::Model::load(runB).impl().parameters();
    for (std::size_t i = 0; i < pa.size(); ++i)
        EXPECT_TRUE(torch::equal(pa[i], pc[i])) << "parameter " << i;
}

TEST(Trainer, AdamAndStepScheduleTrain)
{
    TinyData data(256, 64);
    auto config = data.config("mlp");
    config.optimizer = "adam";
    config.learningRate = 1e-3;
    config.schedule = "step";
    config.stepEpochs = 1;
    config.gamma = 0.5;
    TrainingRecorder recorder;
    core::Trainer trainer;
    const auto result = trainer.run(config, "", recorder, {});
    ASSERT_TRUE(result.ok());
    EXPECT_DOUBLE_EQ(result.epochs[0].learningRate, 1e-3);
    EXPECT_DOUBLE_EQ(result.epochs[1].learningRate, 5e-4);
    EXPECT_GT(result.epochs.back().testAccuracy, 0.9);
}

TEST(Trainer, BadInputIsACoreError)
{
    TinyData data(64, 16);
    core::Trainer trainer;
    core::TrainingObserver observer;
    auto config = data.config();
    config.data = "idx:" + data.dir.file("nope") + "," + data.dir.file("nope2");
    EXPECT_THROW(trainer.run(config, "", observer, {}), core::Error);
    config = data.config();
    config.model = data.dir.file("missing-model.pt");
    EXPECT_THROW(trainer.run(config, "", observer, {}), core::Error);
    config = data.config();
    config.resumeFrom = data.dir.file("not-a-run");
    EXPECT_THROW(trainer.run(config, "", observer, {}), core::Error);
    config = data.config();
    config.epochs = 0;
    EXPECT_THROW(trainer.run(config, "", observer, {}), core::Error);
}

TEST(Trainer, StagedRunTrainsBaselineThenSslThenFrozenFineTune)
{
    TinyData data;
    auto base = data.config();
    base.epochs = 1;
    auto text = nlohmann::json::parse(base.toJson());
    text["stages"] = nlohmann::json::parse(R"([
        {"name": "baseline"},
        {"name": "ssl", "regularization": [{"layers": "fc1", "type": "filter", "strength": 20.0}],
         "update": "proximal"},
        {"name": "finetune", "regularization": [], "freeze_zeros": true, "lr": 0.005}])");
    const auto config = core::TrainConfig::fromJson(text.dump());
    ASSERT_EQ(config.stages.size(), 3u);
    EXPECT_EQ(config.stageConfig(1, "prev").model, "prev");
    EXPECT_EQ(config.stageConfig(1, "prev").sparsity.terms.size(), 1u);
    EXPECT_TRUE(config.stageConfig(2, "prev").sparsity.freezeZeros);
    EXPECT_TRUE(config.stageConfig(2, "prev").sparsity.terms.empty());
    EXPECT_DOUBLE_EQ(config.stageConfig(2, "prev").learningRate, 0.005);
    // The stages survive the run.json round trip.
    EXPECT_EQ(core::TrainConfig::fromJson(config.toJson()).stages.size(), 3u);

    test::TempDir dir;
    TrainingRecorder recorder;
    core::Trainer trainer;
    const auto result = trainer.runStages(config, dir.file("staged"), recorder, {});
    ASSERT_TRUE(result.ok()) << result.message;
    EXPECT_EQ(result.epochs.size(), 3u);
    for (const char *stage : {"1-baseline", "2-ssl", "3-finetune"})
        EXPECT_TRUE(fs::exists(dir.file("staged/" + std::string(stage) + "/model.pt"))) << stage;
    EXPECT_TRUE(fs::exists(dir.file("staged/stages.json")));
    // The SSL stage zeroed fc1 neurons; the frozen fine-tune kept them at exactly zero.
    const auto ssl = core::Model::load(dir.file("staged/2-ssl"));
    const auto final = core::Model::load(dir.file("staged"));
    const auto zeroRows = [](const core::Model &m) {
        const auto w = weightLayers(m.impl())[0].weight;
        return w.abs().sum(1).eq(0).sum().item<std::int64_t>();
    };
    EXPECT_GT(zeroRows(ssl), 0);
    EXPECT_GE(zeroRows(final), zeroRows(ssl));

    EXPECT_THROW(core::TrainConfig::fromJson(R"({"stages": [{"resume_from": "x"}]})"), core::Error);
    EXPECT_THROW(core::TrainConfig::fromJson(R"({"stages": [{"epochs": 0}]})"), core::Error);
    EXPECT_THROW(core::TrainConfig::fromJson(R"({"stages": []})"), core::Error);
}
