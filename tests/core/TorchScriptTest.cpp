// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/training/Trainer.h"

#include <gtest/gtest.h>

using namespace sparsescope;

namespace {
/// A small TorchScript classifier written by the test itself (conv → relu → linear), as a user's
/// torch.jit.script output would look to LibTorch.
std::string writeScriptModule(const std::string &path, int classes)
{
    torch::manual_seed(0);
    torch::jit::Module conv("Conv");
    conv.register_parameter("weight", torch::randn({6, 1, 5, 5}) * 0.2, false);
    conv.register_parameter("bias", torch::zeros({6}), false);
    torch::jit::Module head("Head");
    head.register_parameter("weight", torch::randn({classes, 6 * 12 * 12}) * 0.01, false);
    head.register_parameter("bias", torch::zeros({classes}), false);
    torch::jit::Module module("UserNet");
    module.register_module("conv", conv);
    module.register_module("head", head);
    module.define(R"JIT(
def forward(self, x):
    y = torch.conv2d(x, self.conv.weight, self.conv.bias)
    y = torch.max_pool2d(torch.relu(y), [2, 2])
    return torch.linear(torch.flatten(y, 1), self.head.weight, self.head.bias)
)JIT");
    module.save(path);
    return path;
}
} // namespace

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
