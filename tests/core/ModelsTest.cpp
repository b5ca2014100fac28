// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelRegistry.h"

#include <gtest/gtest.h>

using namespace sparsescope;

namespace {
core::ModelOptions optionsFor(int channels, int size, int classes = 10)
{
    core::ModelOptions o;
    o.inChannels = channels;
    o.height = o.width = size;
    o.numClasses = classes;
    return o;
}

const core::LayerInfo &layer(const core::ModelStructure &s, const std::string &name)
{
    for (const auto &l : s.layers)
        if (l.name == name)
            return l;
    throw std::runtime_error("no layer " + name);
}
} // namespace

TEST(Models, EveryArchitectureGivesLogitsForGreyAndColourInput)
{
    for (const auto &entry : core::ModelRegistry::entries()) {
        for (auto [channels, size] : {std::pair {1, 28}, std::pair {3, 32}}) {
            auto model = core::Model::create(entry.name, optionsFor(channels, size, 7), 3);
            auto &impl = model.impl();
            impl.setTraining(false);
            torch::NoGradGuard noGrad;
            auto y = impl.forward(torch::rand({5, channels, size, size}));
            ASSERT_EQ(y.dim(), 2) << entry.name;
            EXPECT_EQ(y.size(0), 5) << entry.name;
            EXPECT_EQ(y.size(1), 7) << entry.name;
            EXPECT_TRUE(torch::isfinite(y).all().item<bool>()) << entry.name;
        }
    }
}

TEST(Models, LeNet5ShapesAndMacsMatchHandCount)
{
    const auto s = core::Model::create("lenet5", optionsFor(1, 28)).structure();
    ASSERT_EQ(s.layers.size(), 4u);
    // conv1: 20 filters of 1x5x5 over a 24x24 output.
    EXPECT_EQ(layer(s, "conv1").macs, 20LL * 24 * 24 * 25);
    EXPECT_EQ(layer(s, "conv1").parameters, 20 * 25 + 20);
    // conv2: 50 filters of 20x5x5 over 8x8.
    EXPECT_EQ(layer(s, "conv2").macs, 50LL * 8 * 8 * 20 * 25);
    EXPECT_EQ(layer(s, "fc1").weightShape, (std::vector<std::int64_t> {500, 800}));
    EXPECT_EQ(layer(s, "fc1").macs, 800LL * 500);
    EXPECT_EQ(layer(s, "fc2").macs, 500LL * 10);
    EXPECT_EQ(s.totalParameters, 520 + 25050 + 400500 + 5010);
    EXPECT_EQ(s.totalMacs, 288000 + 1600000 + 400000 + 5000);
}

TEST(Models, ResNetDepthAndShortcutsFollowTheCifarLayout)
{
    const auto s20 = core::Model::create("resnet20", optionsFor(3, 32)).structure();
    const auto s32 = core::Model::create("resnet32", optionsFor(3, 32)).structure();
    auto countMain = [](const core::ModelStructure &s) {
        int n = 0;
        for (const auto &l : s.layers)
            n += l.name.find("shortcut") == std::string::npos;
        return n;
    };
    EXPECT_EQ(countMain(s20), 20); // 19 convs + fc
    EXPECT_EQ(countMain(s32), 32);
    // Projection shortcuts where the stage changes width, 1x1 stride 2.
    EXPECT_EQ(layer(s20, "layer2.0.shortcut").weightShape,
              (std::vector<std::int64_t> {32, 16, 1, 1}));
    EXPECT_EQ(layer(s20, "layer2.0.shortcut").outputShape,
              (std::vector<std::int64_t> {32, 16, 16}));
    EXPECT_EQ(layer(s20, "conv1").macs, 16LL * 32 * 32 * 3 * 9);
    EXPECT_EQ(layer(s20, "layer3.2.conv2").macs, 64LL * 8 * 8 * 64 * 9);
    // About 0.27 M parameters (He et al. 2016, Table 6).
    EXPECT_NEAR(double(s20.totalParameters), 0.27e6, 0.01e6);
}

TEST(Models, SaveAndLoadGiveIdenticalOutputs)
{
    test::TempDir dir;
    auto model = core::Model::create("resnet20", optionsFor(1, 28), 5);
    const auto path = dir.file("m.pt");
    model.save(path);
    auto loaded = core::Model::load(path);
    EXPECT_EQ(loaded.architecture(), "resnet20");
    EXPECT_EQ(loaded.options().inChannels, 1);
    torch::NoGradGuard noGrad;
    auto x = torch::rand({3, 1, 28, 28});
    model.impl().setTraining(false);
    loaded.impl().setTraining(false);
    EXPECT_TRUE(torch::equal(model.impl().forward(x), loaded.impl().forward(x)));
}

TEST(Models, SeedMakesInitialisationReproducible)
{
    auto a = core::Model::create("lenet5", optionsFor(1, 28), 11);
    auto b = core::Model::create("lenet5", optionsFor(1, 28), 11);
    auto c = core::Model::create("lenet5", optionsFor(1, 28), 12);
    EXPECT_TRUE(torch::equal(a.impl().parameters()[0], b.impl().parameters()[0]));
    EXPECT_FALSE(torch::equal(a.impl().parameters()[0], c.impl().parameters()[0]));
}

TEST(Models, CloneIsIndependent)
{
    auto model = core::Model::create("lenet-300-100", optionsFor(1, 28), 1);
    auto copy = model.clone();
    {
        torch::NoGradGuard noGrad;
        copy.impl().parameters()[0].zero_();
    }
    EXPECT_GT(model.impl().parameters()[0].abs().sum().item<float>(), 0.0f);
}

TEST(Models, NormalisationIsInsideTheModel)
{
    auto o = optionsFor(1, 28);
    o.mean = {0.5f};
    o.std = {0.25f};
    auto shifted = core::Model::create("mlp", o, 2);
    auto plain = core::Model::create("mlp", optionsFor(1, 28), 2);
    torch::NoGradGuard noGrad;
    auto x = torch::rand({2, 1, 28, 28});
    EXPECT_TRUE(torch::allclose(shifted.impl().forward(x), plain.impl().forward((x - 0.5) / 0.25),
                                1e-5, 1e-5));
}

TEST(Models, LoadErrorsNameTheFile)
{
    test::TempDir dir;
    const auto missing = dir.file("missing.pt");
    try {
        core::Model::load(missing);
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), missing);
    }
    const auto garbage = dir.file("garbage.pt");
    test::writeBytes(garbage, "this is not a model");
    try {
        core::Model::load(garbage);
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), garbage);
        EXPECT_NE(std::string(e.what()).find("not a LibTorch archive"), std::string::npos);
    }
    // A truncated real archive.
    const auto good = dir.file("good.pt");
    core::Model::create("lenet5", optionsFor(1, 28)).save(good);
    const auto bytes = test::readBytes(good);
    const auto truncated = dir.file("truncated.pt");
    test::writeBytes(truncated, bytes.substr(0, bytes.size() / 2));
    EXPECT_THROW(core::Model::load(truncated), core::Error);
    EXPECT_THROW(core::Model::load("no-such-architecture"), core::Error);
}

TEST(Models, EvaluateCountsAndKeepsLogitsInOrder)
{
    auto images = test::syntheticImages(37, 4);
    core::Dataset data(images);
    auto model = core::Model::create("lenet5", optionsFor(1, 28, 4), 1);
    const auto small = model.evaluate(data, 8, true);
    const auto large = model.evaluate(data, 64, true);
    EXPECT_EQ(small.count, 37u);
    EXPECT_EQ(small.logits.size(), 37u * 4);
    ASSERT_EQ(small.logits.size(), large.logits.size());
    for (std::size_t i = 0; i < small.logits.size(); ++i)
        EXPECT_NEAR(small.logits[i], large.logits[i], 1e-4);
    EXPECT_EQ(small.correct, large.correct);
}

TEST(Models, WrongInputShapeIsAClearError)
{
    auto images = test::syntheticImages(4, 4, 1, 16, 16);
    core::Dataset data(images);
    auto model = core::Model::create("lenet-300-100", optionsFor(1, 28, 4), 1);
    EXPECT_THROW(model.evaluate(data), core::Error);
}
