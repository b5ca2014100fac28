// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/Thinner.h"
#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/sparsity/LatencyBench.h"
#include "sparsity/CsrMatrix.h"

#include <gtest/gtest.h>

using namespace sparsescope;
using torch::indexing::Slice;

namespace {
core::ModelOptions mnistLike()
{
    core::ModelOptions o;
    o.mean = {0.3f};
    o.std = {0.35f};
    return o;
}

torch::Tensor outputs(const core::Model &model, const torch::Tensor &x)
{
    torch::NoGradGuard noGrad;
    model.impl().setTraining(false);
    return model.impl().forward(x);
}

/// A parameter or buffer by its full name.
torch::Tensor tensorNamed(const core::Model &model, const std::string &name)
{
    for (const auto &[n, t] : model.impl().namedParameters())
        if (n == name)
            return t;
    ADD_FAILURE() << "no parameter " << name;
    return {};
}

/// Train-mode forwards so that BatchNorm's running statistics are not the defaults.
void warmBatchNorm(const core::Model &model, int channels, int size)
{
    torch::NoGradGuard noGrad;
    model.impl().setTraining(true);
    for (int i = 0; i < 3; ++i)
        model.impl().forward(torch::rand({8, channels, size, size}));
    model.impl().setTraining(false);
}

/// Zeroes filter-shape columns [from, to) of a conv weight for every filter.
void zeroColumns(const torch::Tensor &weight, std::int64_t from, std::int64_t to)
{
    torch::NoGradGuard noGrad;
    // A mask broadcast over the filters: works for channels-last weights too.
    auto mask = torch::zeros({weight[0].numel()}, torch::kBool);
    mask.index_put_({Slice(from, to)}, true);
    weight.masked_fill_(mask.view({1, weight.size(1), weight.size(2), weight.size(3)}), 0.0);
}

float maxDiff(const core::Model &a, const core::Model &b, const torch::Tensor &x)
{
    return (outputs(a, x) - outputs(b, x)).abs().max().item<float>();
}
} // namespace

TEST(Thinner, LeNet5WithZeroFiltersChannelsAndNeuronsComputesTheSameFunction)
{
    auto model = core::Model::create("lenet5", mnistLike(), 4);
    {
        torch::NoGradGuard noGrad;
        auto layers = weightLayers(model.impl());
        auto &conv1 = layers[0], &conv2 = layers[1], &fc1 = layers[2];
        conv1.weight.index_put_({Slice(0, 8)}, 0.0); // 8 zero filters, biases kept: folded
        conv1.bias.index_put_({Slice(0, 4)}, 0.3);
        conv2.weight.index_put_({Slice(), Slice(10, 12)}, 0.0); // channels 10, 11 unread
        conv2.weight.index_put_({Slice(0, 20)}, 0.0); // 20 zero filters
        conv2.bias.index_put_({Slice(0, 20)}, -1.0); // relu → 0: nothing to fold
        conv2.bias.index_put_({Slice(0, 2)}, 0.5); // two constant channels to fold into fc1
        fc1.weight.index_put_({Slice(), Slice(700, 720)}, 0.0); // unread input features
        fc1.weight.index_put_({Slice(0, 300)}, 0.0); // 300 zero output neurons
    }
    const auto result = core::Thinner::thin(model);
    const auto x = torch::rand({16, 1, 28, 28});
    const auto diff = (outputs(model, x) - outputs(result.model, x)).abs().max().item<float>();
    EXPECT_LE(diff, 1e-4);
    ASSERT_EQ(result.layers.size(), 4u);
    // conv1: filters 0..7 have no weights, 10 and 11 are read by no conv2 filter.
    EXPECT_EQ(result.layers[0].outputsAfter, 10);
    EXPECT_EQ(result.layers[1].inputsAfter, 10);
    // conv2: filters 0..19 have no weights; fc1 reads nothing of channel 44 (features 704..719).
    EXPECT_EQ(result.layers[1].outputsAfter, 29);
    EXPECT_EQ(result.layers[2].outputsAfter, 200);
    EXPECT_LT(result.layers[2].inputsAfter, 30 * 16);
    EXPECT_LT(result.model.parameterCount(), model.parameterCount() / 2);
    EXPECT_LT(result.model.structure().totalMacs, model.structure().totalMacs);
    EXPECT_NE(result.toJson().find("\"conv2\""), std::string::npos);

    // A thinned model saves, loads and still computes the same.
    test::TempDir dir;
    result.model.save(dir.file("thin.pt"));
    const auto loaded = core::Model::load(dir.file("thin.pt"));
    EXPECT_LE((outputs(loaded, x) - outputs(model, x)).abs().max().item<float>(), 1e-4);
    EXPECT_EQ(loaded.parameterCount(), result.model.parameterCount());
}

TEST(Thinner, MlpDropsZeroInputPixelsAndNeurons)
{
    auto model = core::Model::create("lenet-300-100", mnistLike(), 2);
    {
        torch::NoGradGuard noGrad;
        auto layers = weightLayers(model.impl());
        layers[0].weight.index_put_({Slice(), Slice(0, 100)}, 0.0); // first 100 pixels unread
        layers[0].weight.index_put_({Slice(0, 150)}, 0.0); // 150 hidden neurons
        layers[1].weight.index_put_({Slice(0, 40)}, 0.0);
        layers[1].bias.index_put_({Slice(0, 40)}, 0.2); // constant neurons folded into fc3
    }
    const auto result = core::Thinner::thin(model);
    const auto x = torch::rand({8, 1, 28, 28});
    EXPECT_LE((outputs(model, x) - outputs(result.model, x)).abs().max().item<float>(), 1e-4);
    EXPECT_EQ(result.layers[0].inputsAfter, 784 - 100);
    EXPECT_EQ(result.layers[0].outputsAfter, 150);
    EXPECT_EQ(result.layers[1].outputsAfter, 60);
    EXPECT_EQ(result.layers[2].inputsAfter, 60);
}

TEST(Thinner, ALayerWithNothingLeftKeepsOneZeroUnitAndTheSameFunction)
{
    // Every neuron of fc2 zero (one with a constant output): the network's output no longer
    // depends on its input, and the thinned model must still be buildable and equal.
    auto model = core::Model::create("lenet-300-100", mnistLike(), 4);
    {
        torch::NoGradGuard noGrad;
        auto layers = weightLayers(model.impl());
        layers[1].weight.zero_();
        layers[1].bias.zero_();
        layers[1].bias.index_put_({3}, 0.5); // folded into fc3's bias
    }
    const auto result = core::Thinner::thin(model);
    const auto x = torch::rand({8, 1, 28, 28});
    EXPECT_LE(maxDiff(model, result.model, x), 1e-5);
    EXPECT_EQ(result.layers[1].outputsAfter, 1) << "one placeholder neuron";
    EXPECT_EQ(result.layers[0].outputsAfter, 0 + 1)
        << "fc1 is read by nothing either: a placeholder too";
    EXPECT_LT(result.model.parameterCount(), model.parameterCount() / 100);

    // fc1 all zero as well: it reads a single (zero-weighted) pixel.
    {
        torch::NoGradGuard noGrad;
        weightLayers(model.impl())[0].weight.zero_();
    }
    const auto bare = core::Thinner::thin(model);
    EXPECT_LE(maxDiff(model, bare.model, x), 1e-5);
    EXPECT_EQ(bare.layers[0].inputsAfter, 1);
}

TEST(Thinner, DenseModelIsUnchangedAndThinnedModelsAreRefused)
{
    for (const char *arch : {"lenet5", "convnet", "resnet20"}) {
        SCOPED_TRACE(arch);
        auto model = core::Model::create(arch, mnistLike(), 1);
        const auto result = core::Thinner::thin(model);
        EXPECT_EQ(result.model.parameterCount(), model.parameterCount());
        EXPECT_TRUE(result.removedBlocks.empty());
        EXPECT_LE(maxDiff(model, result.model, torch::rand({4, 1, 28, 28})), 1e-5);
    }
    auto model = core::Model::create("lenet5", mnistLike(), 1);
    {
        torch::NoGradGuard noGrad;
        weightLayers(model.impl())[0].weight.index_put_({Slice(0, 5)}, 0.0);
    }
    const auto once = core::Thinner::thin(model);
    EXPECT_THROW(core::Thinner::thin(once.model), core::Error);
}

TEST(Thinner, LeNet5ZeroFilterShapeColumnsRunAsALoweredGemm)
{
    auto model = core::Model::create("lenet5", mnistLike(), 5);
    const auto layers = weightLayers(model.impl());
    zeroColumns(layers[0].weight, 0, 8); // conv1: 8 of 25 pixels
    zeroColumns(layers[1].weight, 100, 300); // conv2: 200 of 500 columns (channels 4..11)
    zeroColumns(layers[1].weight, 401, 407); // and 6 scattered columns of channel 16
    const auto result = core::Thinner::thin(model);
    const auto x = torch::rand({16, 1, 28, 28});
    EXPECT_LE(maxDiff(model, result.model, x), 1e-4);
    ASSERT_EQ(result.layers.size(), 4u);
    // Channels 4..11 of conv2's input are unread: conv1 loses those filters; conv2's remaining
    // partial columns (6 in channel 16) are below the 10 % lowering threshold.
    EXPECT_EQ(result.layers[0].outputsAfter, 12);
    EXPECT_EQ(result.layers[0].columnsAfter, 17);
    EXPECT_EQ(result.model.options().keptColumns.count("conv1"), 1u);
    EXPECT_EQ(result.model.options().keptColumns.count("conv2"), 0u);
    EXPECT_EQ(result.layers[1].inputsAfter, 12);
    // MACs of conv1 fall with the kept columns and filters: 24·24 positions × 12 × 17.
    EXPECT_EQ(result.layers[0].macsAfter, 24 * 24 * 12 * 17);

    // With 30 % of conv2's columns zero across all its kept channels, conv2 is lowered too.
    auto model2 = core::Model::create("lenet5", mnistLike(), 6);
    zeroColumns(weightLayers(model2.impl())[1].weight, 0, 150);
    {
        torch::NoGradGuard noGrad;
        auto w = weightLayers(model2.impl())[1].weight;
        w.index_put_({Slice(), Slice(), 0}, 0.0); // kernel row 0 of every channel
    }
    const auto lowered = core::Thinner::thin(model2);
    EXPECT_LE(maxDiff(model2, lowered.model, x), 1e-4);
    const auto &kept = lowered.model.options().keptColumns;
    ASSERT_EQ(kept.count("conv2"), 1u);
    EXPECT_EQ(kept.at("conv2").size(), std::size_t(14 * 20));
    EXPECT_EQ(lowered.layers[1].columnsAfter, 14 * 20);
    EXPECT_NE(lowered.toJson().find("\"columns\""), std::string::npos);

    test::TempDir dir;
    lowered.model.save(dir.file("lowered.pt"));
    const auto loaded = core::Model::load(dir.file("lowered.pt"));
    EXPECT_LE(maxDiff(model2, loaded, x), 1e-4);
    EXPECT_EQ(loaded.structure().totalMacs, lowered.model.structure().totalMacs);
    // A lowered model trains: its gradients reach the kept columns.
    auto params = loaded.impl().parameters();
    loaded.impl().setTraining(true);
    loaded.impl().forward(x).sum().backward();
    EXPECT_TRUE(tensorNamed(loaded, "conv2.weight").grad().defined());
}

TEST(Thinner, ConvNetDropsZeroFiltersWithTheirBatchNormEntriesAndLowersColumns)
{
    for (const bool bn : {true, false}) {
        SCOPED_TRACE(bn ? "batch norm" : "no batch norm");
        auto options = mnistLike();
        options.batchNorm = bn;
        auto model = core::Model::create("convnet", options, 7);
        {
            torch::NoGradGuard noGrad;
            auto layers = weightLayers(model.impl());
            layers[0].weight.index_put_({Slice(0, 6)}, 0.0); // conv1 filters 0..5
            layers[1].weight.index_put_({Slice(), Slice(10, 12)}, 0.0); // conv1 10, 11 unread
            layers[2].weight.index_put_({Slice(0, 10)}, 0.0); // conv3 filters 0..9
            // The constant output of a zero filter: 0 after ReLU for 0..2 (dropped), positive for
            // 3..5 (kept: zero padding makes its effect position-dependent).
            auto shift = bn ? tensorNamed(model, "bn1.bias") : layers[0].bias;
            shift.index_put_({Slice(0, 3)}, -1.0);
            shift.index_put_({Slice(3, 6)}, 0.5);
            auto shift3 = bn ? tensorNamed(model, "bn3.bias") : layers[2].bias;
            shift3.index_put_({Slice(0, 10)}, -1.0);
        }
        zeroColumns(weightLayers(model.impl())[1].weight, 0, 300); // conv2: 12 of 32 channels
        {
            // conv3: kernel rows 0 and 1 of every channel, 40 % of its columns: lowered.
            torch::NoGradGuard noGrad;
            weightLayers(model.impl())[2].weight.index_put_({Slice(), Slice(), Slice(0, 2)}, 0.0);
        }
        if (bn)
            warmBatchNorm(model, 1, 28);
        const auto result = core::Thinner::thin(model);
        const auto x = torch::rand({8, 1, 28, 28});
        EXPECT_LE(maxDiff(model, result.model, x), 1e-4);
        // conv1: 0..2 (zero, constant 0) and 10, 11 (unread) dropped; 0..11 are also unread by
        // conv2 (its columns 0..299 are zero), so only 12..31 remain.
        EXPECT_EQ(result.layers[0].outputsAfter, 20);
        EXPECT_EQ(result.layers[2].outputsAfter, 54);
        EXPECT_EQ(result.model.options().keptColumns.count("conv3"), 1u);
        if (bn) {
            EXPECT_EQ(tensorNamed(result.model, "bn1.weight").numel(), 20);
            EXPECT_EQ(tensorNamed(result.model, "bn3.weight").numel(), 54);
        }
        test::TempDir dir;
        result.model.save(dir.file("convnet.pt"));
        EXPECT_LE(maxDiff(model, core::Model::load(dir.file("convnet.pt")), x), 1e-4);
    }
}

TEST(Thinner, ResNetRemovesZeroBlocksAndThinsBranchChannels)
{
    auto model = core::Model::create("resnet20", mnistLike(), 8);
    {
        torch::NoGradGuard noGrad;
        // Three blocks whose second conv is zero: one with an identity shortcut, one with the
        // stride-2 projection shortcut, one at the end; their constants are non-zero.
        for (const char *block : {"layer1.1", "layer2.0", "layer3.2"}) {
            tensorNamed(model, std::string(block) + ".conv2.weight").zero_();
            tensorNamed(model, std::string(block) + ".bn2.bias").uniform_(-0.5, 0.5);
        }
        // layer1.0: inner filters 0..3 zero (constant 0 after ReLU: dropped), 4..5 zero with a
        // positive constant (kept), inner channels 6, 7 unread by conv2 (dropped).
        tensorNamed(model, "layer1.0.conv1.weight").index_put_({Slice(0, 6)}, 0.0);
        tensorNamed(model, "layer1.0.bn1.bias").index_put_({Slice(0, 4)}, -1.0);
        tensorNamed(model, "layer1.0.bn1.bias").index_put_({Slice(4, 6)}, 0.3);
        tensorNamed(model, "layer1.0.conv2.weight").index_put_({Slice(), Slice(6, 8)}, 0.0);
        // layer2.2: conv2 non-zero, but BN2's scale is zero: the branch is BN2's shift.
        tensorNamed(model, "layer2.2.bn2.weight").zero_();
        tensorNamed(model, "layer2.2.bn2.bias").uniform_(-0.5, 0.5);
    }
    zeroColumns(tensorNamed(model, "layer3.0.conv1.weight"), 0, 144); // 16 of 32 channels
    {
        // Kernel row 0 of every channel: a third of the columns, no whole channel.
        torch::NoGradGuard noGrad;
        tensorNamed(model, "layer3.1.conv2.weight").index_put_({Slice(), Slice(), 0}, 0.0);
    }
    warmBatchNorm(model, 1, 28);
    const auto result = core::Thinner::thin(model);
    const auto x = torch::rand({6, 1, 28, 28});
    EXPECT_LE(maxDiff(model, result.model, x), 1e-4);
    EXPECT_EQ(result.removedBlocks,
              (std::vector<std::string> {"layer1.1", "layer2.0", "layer2.2", "layer3.2"}));
    EXPECT_EQ(result.model.options().layerWidth("layer1.0.conv1", 16), 10);
    EXPECT_EQ(result.model.options().keptColumns.count("layer3.0.conv1"), 1u);
    ASSERT_EQ(result.model.options().keptColumns.count("layer3.1.conv2"), 1u);
    EXPECT_EQ(result.model.options().keptColumns.at("layer3.1.conv2").size(), 64u * 6u);
    // The removed blocks' convs are gone; the projection shortcut stays.
    const auto structure = result.model.structure();
    int convs = 0;
    bool shortcut = false;
    for (const auto &layer : structure.layers) {
        convs += layer.name.rfind("layer2.0.conv", 0) == 0;
        shortcut |= layer.name == "layer2.0.shortcut";
    }
    EXPECT_EQ(convs, 0);
    EXPECT_TRUE(shortcut);
    EXPECT_LT(structure.totalMacs, model.structure().totalMacs * 3 / 4);
    EXPECT_NE(result.toJson().find("layer3.2"), std::string::npos);

    test::TempDir dir;
    result.model.save(dir.file("resnet.pt"));
    const auto loaded = core::Model::load(dir.file("resnet.pt"));
    EXPECT_LE(maxDiff(model, loaded, x), 1e-4);
    EXPECT_EQ(loaded.options().removedBlocks.size(), 4u);
}

TEST(LatencyBench, CsrKernelEqualsDenseProduct)
{
    torch::manual_seed(3);
    auto w = torch::randn({37, 53});
    w.masked_fill_(torch::rand({37, 53}).lt(0.7), 0.0);
    w.index_put_({5}, 0.0); // an empty row
    const core::CsrMatrix csr(w);
    EXPECT_EQ(csr.nonzeros(), w.count_nonzero().item<std::int64_t>());
    const auto x = torch::randn({53, 29});
    EXPECT_LE((csr.multiply(x) - w.matmul(x)).abs().max().item<float>(), 1e-4);
    EXPECT_THROW(csr.multiply(torch::randn({52, 29})), std::invalid_argument);
}

TEST(LatencyBench, ReportsEveryLayerInThreeFormsWithThinnedMacs)
{
    auto model = core::Model::create("lenet5", mnistLike(), 9);
    {
        torch::NoGradGuard noGrad;
        weightLayers(model.impl())[0].weight.index_put_({Slice(0, 10)}, 0.0);
        weightLayers(model.impl())[0].bias.index_put_({Slice(0, 10)}, -1.0);
    }
    core::LatencyOptions options;
    options.batches = {1, 3};
    options.repeats = 2;
    options.warmup = 1;
    const auto reports = core::LatencyBench::run(model, options);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[1].batch, 3);
    ASSERT_EQ(reports[0].layers.size(), 4u);
    const auto &conv1 = reports[0].layers[0];
    EXPECT_EQ(conv1.name, "conv1");
    EXPECT_EQ(conv1.nonzeros, 10 * 25);
    EXPECT_EQ(conv1.thinMacs * 2, conv1.macs);
    for (const auto &l : reports[0].layers) {
        EXPECT_GT(l.denseMs, 0) << l.name;
        EXPECT_GT(l.thinMs, 0) << l.name;
        EXPECT_GT(l.sparseMs, 0) << l.name;
    }
    EXPECT_NEAR(reports[0].elementSparsity, 250.0 / (500 + 25000 + 400000 + 5000), 1e-6);
    const auto conv = reports[0].total("conv");
    EXPECT_EQ(conv.macs, conv1.macs + reports[0].layers[1].macs);
    EXPECT_NE(reports[0].toText().find("structured / non-structured"), std::string::npos);
    const auto csv = reports[0].toCsv(true);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 4 + 2);
    EXPECT_THROW(core::LatencyBench::run(model, {{0}, 1, 0, 1}), core::Error);
}
