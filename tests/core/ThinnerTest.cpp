// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/Thinner.h"
#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"

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

TEST(Thinner, DenseModelIsUnchangedAndUnsupportedArchitecturesAreRefused)
{
    auto model = core::Model::create("lenet5", mnistLike(), 1);
    const auto result = core::Thinner::thin(model);
    EXPECT_EQ(result.model.parameterCount(), model.parameterCount());
    const auto x = torch::rand({4, 1, 28, 28});
    EXPECT_LE((outputs(model, x) - outputs(result.model, x)).abs().max().item<float>(), 1e-5);
    EXPECT_THROW(core::Thinner::thin(core::Model::create("resnet20", mnistLike())), core::Error);
}
