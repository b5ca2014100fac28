// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fixtures.h"
#include "ScriptModule.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelFile.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/core/training/Trainer.h"

#include <gtest/gtest.h>

using namespace sparsescope;

using test::writeScriptModule;

TEST(TorchScript, LoadFindsConvAndLinearWeightsByShape)
{
    test::TempDir dir;
    const auto path = writeScriptModule(dir.file("user.pt"), 4);
    auto model = core::Model::load(path);
    EXPECT_TRUE(model.isTorchScript());
    const auto s = model.structure();
    ASSERT_EQ(s.layers.size(), 2u);
    EXPECT_EQ(s.layers[0].kind, "conv");
    EXPECT_EQ(s.layers[0].name, "conv");
    EXPECT_EQ(s.layers[0].parameters, 6 * 25 + 6);
    EXPECT_EQ(s.layers[1].kind, "linear");
    EXPECT_EQ(s.layers[1].macs, 4 * 6 * 12 * 12);
    EXPECT_EQ(model.options().numClasses, 4);
}

TEST(TorchScript, TrainsEvaluatesAndSavesAsTorchScript)
{
    test::TempDir dir;
    const auto path = writeScriptModule(dir.file("user.pt"), 4);
    auto images = test::syntheticImages(256, 4);
    test::writeIdx(images, dir.file("img.idx"), dir.file("lab.idx"));
    core::TrainConfig config;
    config.model = path;
    config.data = "idx:" + dir.file("img.idx") + "," + dir.file("lab.idx") + ",4";
    config.testData = config.data;
    config.epochs = 3;
    config.batchSize = 32;
    config.learningRate = 0.05;
    config.schedule = "none";
    core::TrainingObserver observer;
    core::Trainer trainer;
    const auto run = dir.file("run");
    const auto result = trainer.run(config, run, observer, {});
    ASSERT_TRUE(result.ok()) << result.message;
    EXPECT_LT(result.epochs.back().loss, result.epochs.front().loss);
    EXPECT_GT(result.epochs.back().testAccuracy, 0.9);
    // The run's model.pt is TorchScript again and evaluates to the same accuracy.
    auto trained = core::Model::load(run);
    EXPECT_TRUE(trained.isTorchScript());
    const auto evaluation = trained.evaluate(core::Dataset(images));
    EXPECT_DOUBLE_EQ(evaluation.accuracy(), result.epochs.back().testAccuracy);
}

// Issue 19.8: a model file is inspected from its zip records, without loading it. TorchScript
// methods are code; the archives SparseScope writes (models, checkpoints, trainer states) hold
// none, so loading them runs nothing of the file's.
TEST(TorchScript, ModelFilesAreInspectedWithoutLoadingThem)
{
    test::TempDir dir;
    const auto script = core::ModelFile::inspect(writeScriptModule(dir.file("user.pt"), 4));
    EXPECT_TRUE(script.containsCode());
    EXPECT_FALSE(script.isSparseScopeArchive());
    ASSERT_FALSE(script.codeRecords().empty());
    EXPECT_EQ(script.codeRecords().front().rfind("code/", 0), 0u);
    try {
        core::Model::loadWithoutCode(dir.file("user.pt"));
        ADD_FAILURE() << "a TorchScript file was loaded without consent";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), dir.file("user.pt"));
        EXPECT_NE(std::string(e.what()).find("TorchScript"), std::string::npos) << e.what();
    }

    // A built-in model, its run folder's checkpoint and trainer state: no code.
    auto images = test::syntheticImages(64, 4);
    test::writeIdx(images, dir.file("img.idx"), dir.file("lab.idx"));
    core::TrainConfig config;
    config.model = "lenet5";
    config.data = "idx:" + dir.file("img.idx") + "," + dir.file("lab.idx") + ",4";
    config.testData.clear();
    config.epochs = 1;
    config.batchSize = 32;
    core::TrainingObserver observer;
    const auto run = dir.file("run");
    ASSERT_TRUE(core::Trainer().run(config, run, observer, {}).ok());
    const auto archive = core::ModelFile::inspect(run);
    EXPECT_EQ(archive.path(), run + "/model.pt");
    EXPECT_FALSE(archive.containsCode());
    EXPECT_TRUE(archive.isSparseScopeArchive());
    const core::RunFolder folder(run);
    EXPECT_FALSE(core::ModelFile::inspect(folder.checkpointPath(1)).containsCode());
    EXPECT_FALSE(core::ModelFile::inspect(core::RunFolder::statePathFor(folder.checkpointPath(1)))
                     .containsCode());
    EXPECT_EQ(core::Model::loadWithoutCode(run).architecture(), "lenet5");

    // Not a model: named in the error.
    test::writeBytes(dir.file("notes.pt"), "just text");
    EXPECT_THROW(core::ModelFile::inspect(dir.file("notes.pt")), core::Error);
    EXPECT_THROW(core::ModelFile::inspect(dir.file("missing.pt")), core::Error);
}
