// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX export checked against an independent runtime: every exported file is run by OpenCV DNN
// (cv::dnn::readNetFromONNX) and compared with LibTorch's outputs on the same random batch.
#include "Fixtures.h"
#include "models/BuiltinModel.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/export/ModelExport.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelRegistry.h"
#include "sparsescope/core/sparsity/Thinner.h"

#include <gtest/gtest.h>
#include <opencv2/dnn.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>

using namespace sparsescope;
using torch::indexing::Slice;

namespace {

constexpr float kOnnxTolerance = 1e-4f;

struct ArchitectureCase
{
    std::string label;
    std::string architecture;
    core::ModelOptions options;
};

void PrintTo(const ArchitectureCase &c, std::ostream *os)
{
    *os << c.label;
}

core::ModelOptions inputOf(int channels, int size, bool batchNorm)
{
    core::ModelOptions o;
    o.inChannels = channels;
    o.height = o.width = size;
    o.batchNorm = batchNorm;
    // Per-channel normalisation buffers, so the exported Sub/Div see real constants.
    for (int c = 0; c < channels; ++c) {
        o.mean.push_back(0.3f + 0.1f * float(c));
        o.std.push_back(0.35f - 0.05f * float(c));
    }
    return o;
}

torch::Tensor libtorchOutputs(const core::Model &model, const torch::Tensor &x)
{
    torch::NoGradGuard noGrad;
    model.impl().setTraining(false);
    return model.impl().forward(x).contiguous();
}

torch::Tensor opencvOutputs(cv::dnn::Net &net, const torch::Tensor &x)
{
    auto input = x.contiguous();
    std::vector<int> dims(input.sizes().begin(), input.sizes().end());
    cv::Mat blob(int(dims.size()), dims.data(), CV_32F, input.data_ptr<float>());
    net.setInput(blob);
    cv::Mat out = net.forward().clone();
    std::vector<std::int64_t> sizes(out.size.p, out.size.p + out.dims);
    return torch::from_blob(out.ptr<float>(), sizes, torch::kFloat32).clone();
}

/// Max |OpenCV − LibTorch| on a random batch, printed for the record.
float compare(const core::Model &model, cv::dnn::Net &net, int batch, const std::string &label)
{
    const auto &o = model.options();
    const auto x = torch::rand({batch, o.inChannels, o.height, o.width});
    const auto expected = libtorchOutputs(model, x);
    const auto actual = opencvOutputs(net, x);
    EXPECT_EQ(actual.sizes(), expected.sizes()) << label;
    if (actual.sizes() != expected.sizes())
        return std::numeric_limits<float>::infinity();
    const float diff = (actual - expected).abs().max().item<float>();
    std::printf("[ onnx     ] %-16s batch %d  max|diff| = %.3g  (max|logit| = %.3g)\n",
                label.c_str(), batch, diff, expected.abs().max().item<float>());
    return diff;
}

/// Gives every BatchNorm layer non-trivial affine parameters and running statistics (a few
/// train-mode forwards on shifted inputs), then returns the model to eval mode.
void randomizeBatchNorm(core::Model &model)
{
    torch::NoGradGuard noGrad;
    for (auto &[name, p] : model.impl().namedParameters())
        if (p.dim() == 1 && name.find("bn") != std::string::npos) {
            if (name.ends_with(".weight"))
                p.uniform_(0.5, 1.5);
            else
                p.uniform_(-0.3, 0.3);
        }
    const auto &o = model.options();
    model.impl().setTraining(true);
    for (int i = 0; i < 3; ++i)
        model.impl().forward(torch::rand({8, o.inChannels, o.height, o.width}) * 0.6 + 0.3);
    model.impl().setTraining(false);
}

bool hasBatchNorm(const core::Model &model)
{
    for (const auto &[name, p] : model.impl().namedParameters())
        if (name.find("bn") != std::string::npos)
            return true;
    return false;
}

/// A user's TorchScript classifier (as torch.jit.script output looks to LibTorch): conv, relu,
/// max pool, flatten, linear, and optionally an op the exporter does not know.
std::string writeScriptModule(const std::string &path, bool unsupportedOp)
{
    torch::manual_seed(0);
    torch::jit::Module module("UserNet");
    module.register_parameter("conv_weight", torch::randn({6, 1, 5, 5}) * 0.2, false);
    module.register_parameter("conv_bias", torch::randn({6}) * 0.1, false);
    module.register_parameter("head_weight", torch::randn({4, 6 * 12 * 12}) * 0.05, false);
    module.register_parameter("head_bias", torch::zeros({4}), false);
    module.define(
        std::string(R"JIT(
def forward(self, x):
    y = torch.conv2d(x, self.conv_weight, self.conv_bias)
    y = torch.max_pool2d(torch.relu(y), [2, 2])
)JIT") + (unsupportedOp ? "    y = torch.sin(y)\n" : "")
        + R"JIT(    return torch.linear(torch.flatten(y, 1), self.head_weight, self.head_bias)
)JIT");
    module.save(path);
    return path;
}

/// A TorchScript module of `body` (a TorchScript function of x returning logits) with one
/// linear head of `features` inputs.
std::string writeScript(const std::string &path, const std::string &body, int features)
{
    torch::manual_seed(1);
    torch::jit::Module module("PoolNet");
    module.register_parameter("head_weight", torch::randn({4, features}) * 0.3, false);
    module.register_parameter("head_bias", torch::randn({4}) * 0.1, false);
    module.define("def forward(self, x):\n" + body);
    module.save(path);
    return path;
}

class OnnxArchitectures : public ::testing::TestWithParam<ArchitectureCase>
{
};

} // namespace

TEST_P(OnnxArchitectures, OpenCvRunsTheExportLikeLibTorchAtTwoBatchSizes)
{
    const auto &c = GetParam();
    torch::manual_seed(7);
    auto model = core::Model::create(c.architecture, c.options, 5);
    if (hasBatchNorm(model))
        randomizeBatchNorm(model);
    test::TempDir dir;
    const auto path = dir.file(c.label + ".onnx");
    core::exportOnnx(model, path);

    // The file passes onnx::checker and strict shape inference, declares a dynamic batch.
    const auto info = core::checkOnnx(path);
    EXPECT_EQ(info.opset, 13);
    EXPECT_EQ(info.inputs, std::vector<std::string> {"input"});
    EXPECT_EQ(info.outputs, std::vector<std::string> {"logits"});
    const auto &o = c.options;
    EXPECT_EQ(info.inputDims,
              (std::vector<std::string> {"N", std::to_string(o.inChannels),
                                         std::to_string(o.height), std::to_string(o.width)}));
    EXPECT_EQ(info.outputDims, (std::vector<std::string> {"N", "10"}));
    EXPECT_EQ(std::count(info.opTypes.begin(), info.opTypes.end(), "BatchNormalization") > 0,
              hasBatchNorm(model));
    // Every parameter is in the file, plus the normalisation buffers and running statistics.
    EXPECT_GE(info.floatParameters, model.parameterCount());

    // One network, two batch sizes: the batch dimension is dynamic in OpenCV too.
    auto net = cv::dnn::readNetFromONNX(path);
    for (int batch : {2, 5})
        EXPECT_LE(compare(model, net, batch, c.label), kOnnxTolerance) << c.label;
}

INSTANTIATE_TEST_SUITE_P(
    BuiltIn, OnnxArchitectures,
    ::testing::Values(ArchitectureCase {"lenet5", "lenet5", inputOf(1, 28, false)},
                      ArchitectureCase {"lenet_300_100", "lenet-300-100", inputOf(1, 28, false)},
                      ArchitectureCase {"mlp", "mlp", inputOf(1, 12, false)},
                      ArchitectureCase {"convnet", "convnet", inputOf(1, 28, false)},
                      ArchitectureCase {"convnet_bn", "convnet", inputOf(3, 32, true)},
                      ArchitectureCase {"resnet20", "resnet20", inputOf(1, 16, false)},
                      ArchitectureCase {"resnet20_bn", "resnet20", inputOf(3, 16, true)}),
    [](const ::testing::TestParamInfo<ArchitectureCase> &info) { return info.param.label; });

TEST(OnnxExport, ThinnedLeNet5KeepsItsSmallerShapeAndItsFunction)
{
    core::ModelOptions options;
    options.mean = {0.3f};
    options.std = {0.35f};
    auto model = core::Model::create("lenet5", options, 4);
    {
        // Zero groups as in ThinnerTest: zero filters, unread channels and features.
        torch::NoGradGuard noGrad;
        auto layers = weightLayers(model.impl());
        auto &conv1 = layers[0], &conv2 = layers[1], &fc1 = layers[2];
        conv1.weight.index_put_({Slice(0, 8)}, 0.0);
        conv1.bias.index_put_({Slice(0, 4)}, 0.3);
        conv2.weight.index_put_({Slice(), Slice(10, 12)}, 0.0);
        conv2.weight.index_put_({Slice(0, 20)}, 0.0);
        conv2.bias.index_put_({Slice(0, 20)}, -1.0);
        conv2.bias.index_put_({Slice(0, 2)}, 0.5);
        fc1.weight.index_put_({Slice(), Slice(700, 720)}, 0.0);
        fc1.weight.index_put_({Slice(0, 300)}, 0.0);
    }
    const auto thinned = core::Thinner::thin(model).model;
    ASSERT_LT(thinned.parameterCount(), model.parameterCount() / 2);
    test::TempDir dir;
    const auto path = dir.file("thin.onnx");
    core::exportOnnx(thinned, path);
    const auto info = core::checkOnnx(path);
    // The file holds the thinned parameters and the two normalisation constants, nothing more.
    EXPECT_EQ(info.floatParameters, thinned.parameterCount() + 2);

    auto net = cv::dnn::readNetFromONNX(path);
    for (int batch : {2, 7})
        EXPECT_LE(compare(thinned, net, batch, "lenet5_thinned"), kOnnxTolerance);
    // And it still computes what the dense, masked model computes.
    const auto x = torch::rand({4, 1, 28, 28});
    EXPECT_LE((opencvOutputs(net, x) - libtorchOutputs(model, x)).abs().max().item<float>(),
              kOnnxTolerance);
}

TEST(OnnxExport, EveryRegisteredArchitectureExportsWithDefaultOptions)
{
    // The registry is the list: a new architecture is covered without editing this test.
    test::TempDir dir;
    for (const auto &entry : core::ModelRegistry::entries()) {
        auto model = core::Model::create(entry.name, {}, 3);
        if (hasBatchNorm(model))
            randomizeBatchNorm(model);
        const auto path = dir.file(entry.name + ".onnx");
        ASSERT_NO_THROW(core::exportOnnx(model, path)) << entry.name;
        auto net = cv::dnn::readNetFromONNX(path);
        EXPECT_LE(compare(model, net, 2, entry.name), kOnnxTolerance) << entry.name;
    }
}

namespace {
torch::Tensor parameterNamed(const core::Model &model, const std::string &name)
{
    for (const auto &[n, p] : model.impl().namedParameters())
        if (n == name)
            return p;
    throw std::runtime_error("no parameter " + name);
}

/// Zeroes filter-shape columns [from, to) of a conv weight in every filter.
void zeroWeightColumns(const torch::Tensor &weight, std::int64_t from, std::int64_t to)
{
    torch::NoGradGuard noGrad;
    auto mask = torch::zeros({weight[0].numel()}, torch::kBool);
    mask.index_put_({Slice(from, to)}, true);
    weight.masked_fill_(mask.view({1, weight.size(1), weight.size(2), weight.size(3)}), 0.0);
}
} // namespace

TEST(OnnxExport, ThinnedLeNet5WithLoweredConvolutions)
{
    // Zero filter-shape columns: the Thinner runs conv1 as a gather + 1×1 convolution.
    core::ModelOptions options;
    options.mean = {0.3f};
    options.std = {0.35f};
    auto model = core::Model::create("lenet5", options, 5);
    zeroWeightColumns(parameterNamed(model, "conv1.weight"), 0, 8);
    zeroWeightColumns(parameterNamed(model, "conv2.weight"), 100, 300);
    const auto thinned = core::Thinner::thin(model).model;
    ASSERT_FALSE(thinned.options().keptColumns.empty());
    test::TempDir dir;
    const auto path = dir.file("lowered.onnx");
    core::exportOnnx(thinned, path);
    const auto info = core::checkOnnx(path);
    // The lowered layer's gather becomes one Slice per run of consecutive pixels.
    std::printf("[ onnx     ] lenet5_lowered   %zu nodes, %lld Slice\n", info.opTypes.size(),
                (long long)std::count(info.opTypes.begin(), info.opTypes.end(), "Slice"));
    auto net = cv::dnn::readNetFromONNX(path);
    for (int batch : {2, 5})
        EXPECT_LE(compare(thinned, net, batch, "lenet5_lowered"), kOnnxTolerance);
}

TEST(OnnxExport, ThinnedResNetWithRemovedBlocks)
{
    auto model = core::Model::create("resnet20", inputOf(1, 16, true), 8);
    randomizeBatchNorm(model);
    {
        torch::NoGradGuard noGrad;
        for (const char *block : {"layer1.1", "layer2.0", "layer3.2"})
            parameterNamed(model, std::string(block) + ".conv2.weight").zero_();
        parameterNamed(model, "layer1.0.conv1.weight").index_put_({Slice(0, 6)}, 0.0);
    }
    const auto thinned = core::Thinner::thin(model).model;
    ASSERT_FALSE(thinned.options().removedBlocks.empty());
    test::TempDir dir;
    const auto path = dir.file("resnet-thin.onnx");
    core::exportOnnx(thinned, path);
    core::checkOnnx(path);
    auto net = cv::dnn::readNetFromONNX(path);
    for (int batch : {2, 5})
        EXPECT_LE(compare(thinned, net, batch, "resnet20_thinned"), kOnnxTolerance);
}

TEST(OnnxExport, EveryAcceptedOpsetGivesTheSameResults)
{
    auto model = core::Model::create("convnet", inputOf(3, 32, true), 3);
    randomizeBatchNorm(model);
    test::TempDir dir;
    for (int opset : {core::kMinOnnxOpset, 13, core::kMaxOnnxOpset}) {
        const auto path = dir.file("convnet-" + std::to_string(opset) + ".onnx");
        core::OnnxOptions options;
        options.opset = opset;
        core::exportOnnx(model, path, options);
        EXPECT_EQ(core::checkOnnx(path).opset, opset);
        auto net = cv::dnn::readNetFromONNX(path);
        EXPECT_LE(compare(model, net, 3, "convnet_opset" + std::to_string(opset)), kOnnxTolerance);
    }
}

TEST(OnnxExport, TheModelKeepsItsModeAndStatistics)
{
    auto model = core::Model::create("resnet20", inputOf(1, 16, true), 1);
    randomizeBatchNorm(model);
    model.impl().setTraining(true);
    auto &net = dynamic_cast<core::BuiltinModel &>(model.impl()).net();
    std::vector<torch::Tensor> before;
    for (const auto &b : net.buffers())
        before.push_back(b.clone());
    test::TempDir dir;
    core::exportOnnx(model, dir.file("resnet.onnx"));
    EXPECT_TRUE(net.is_training());
    const auto after = net.buffers();
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        EXPECT_TRUE(torch::equal(after[i], before[i])) << i;
}

TEST(OnnxExport, TorchScriptModelsExportWithAGivenInputShape)
{
    test::TempDir dir;
    const auto model = core::Model::load(writeScriptModule(dir.file("user.pt"), false));
    const auto path = dir.file("user.onnx");
    // The input size of a TorchScript model is unknown until given.
    try {
        core::exportOnnx(model, path);
        ADD_FAILURE() << "exported without an input shape";
    } catch (const core::Error &e) {
        EXPECT_NE(std::string(e.what()).find("input size"), std::string::npos) << e.what();
    }
    core::OnnxOptions options;
    options.inputShape = {1, 28, 28};
    core::exportOnnx(model, path, options);
    const auto info = core::checkOnnx(path);
    EXPECT_EQ(info.outputDims, (std::vector<std::string> {"N", "4"}));
    auto net = cv::dnn::readNetFromONNX(path);
    const auto x = torch::rand({3, 1, 28, 28});
    const float diff
        = (opencvOutputs(net, x) - libtorchOutputs(model, x)).abs().max().item<float>();
    std::printf("[ onnx     ] torchscript      batch 3  max|diff| = %.3g\n", diff);
    EXPECT_LE(diff, kOnnxTolerance);
}

TEST(OnnxExport, PaddedCeilModeAveragePoolingCountsLikePyTorch)
{
    // avg_pool2d with padding, ceil mode and PyTorch's default count_include_pad=True, then
    // one that excludes the padding: OpenCV 4.6 gets the first wrong unless the exporter pads
    // explicitly (OnnxOpMapping.cpp, mapPooling).
    test::TempDir dir;
    const auto model = core::Model::load(writeScript(dir.file("pool.pt"), R"JIT(
    y = torch.avg_pool2d(x, [3, 3], [2, 2], [1, 1], True, True, None)
    y = torch.avg_pool2d(y, [2, 2], [2, 2], [1, 1], False, False, None)
    return torch.linear(torch.flatten(y, 1), self.head_weight, self.head_bias)
)JIT",
                                                     9));
    core::OnnxOptions options;
    options.inputShape = {1, 9, 9};
    const auto path = dir.file("pool.onnx");
    core::exportOnnx(model, path, options);
    const auto info = core::checkOnnx(path);
    EXPECT_EQ(std::count(info.opTypes.begin(), info.opTypes.end(), "Pad"), 1);
    auto net = cv::dnn::readNetFromONNX(path);
    const auto x = torch::rand({3, 1, 9, 9}) * 4.0;
    const float diff
        = (opencvOutputs(net, x) - libtorchOutputs(model, x)).abs().max().item<float>();
    std::printf("[ onnx     ] padded avg pool  batch 3  max|diff| = %.3g\n", diff);
    EXPECT_LE(diff, kOnnxTolerance);
}

TEST(OnnxExport, UnsupportedOpsAreRefusedByName)
{
    test::TempDir dir;
    const auto script = writeScriptModule(dir.file("odd.pt"), true);
    const auto model = core::Model::load(script);
    core::OnnxOptions options;
    options.inputShape = {1, 28, 28};
    const auto path = dir.file("odd.onnx");
    try {
        core::exportOnnx(model, path, options);
        ADD_FAILURE() << "an op without ONNX mapping was exported";
    } catch (const core::Error &e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("cannot export: op aten::sin has no ONNX mapping"), std::string::npos)
            << what;
        EXPECT_NE(what.find(script), std::string::npos) << what; // names the model
    }
    EXPECT_FALSE(std::filesystem::exists(path));

    // A ceil-mode window that PyTorch drops and ONNX would keep (5 + 1 padding, kernel 2,
    // stride 2: PyTorch gives 3 outputs, ONNX's formula 4).
    const auto pooled = core::Model::load(writeScript(dir.file("ceil.pt"), R"JIT(
    y = torch.max_pool2d(x, [2, 2], [2, 2], [1, 1], [1, 1], True)
    return torch.linear(torch.flatten(y, 1), self.head_weight, self.head_bias)
)JIT",
                                                      9));
    options.inputShape = {1, 5, 5};
    try {
        core::exportOnnx(pooled, path, options);
        ADD_FAILURE() << "exported a pooling whose window count differs";
    } catch (const core::Error &e) {
        EXPECT_NE(std::string(e.what()).find("aten::max_pool2d"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("ceil_mode"), std::string::npos) << e.what();
    }
}

TEST(OnnxExport, BadOpsetsAndUnwritablePathsAreRefused)
{
    const auto model = core::Model::create("lenet5", {}, 1);
    test::TempDir dir;
    core::OnnxOptions options;
    options.opset = 9;
    EXPECT_THROW(core::exportOnnx(model, dir.file("a.onnx"), options), core::Error);
    options.opset = 18;
    EXPECT_THROW(core::exportOnnx(model, dir.file("a.onnx"), options), core::Error);
    const auto unwritable = dir.file("missing-folder/m.onnx");
    try {
        core::exportOnnx(model, unwritable);
        ADD_FAILURE() << "wrote into a missing folder";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), unwritable);
    }
    EXPECT_THROW(core::exportLibTorch(model, dir.file("missing-folder/m.pt")), core::Error);
    EXPECT_THROW(core::checkOnnx(dir.file("nothing.onnx")), core::Error);
    test::writeBytes(dir.file("garbage.onnx"), "not a protobuf at all");
    EXPECT_THROW(core::checkOnnx(dir.file("garbage.onnx")), core::Error);
}

TEST(OnnxExport, LibTorchExportLoadsBackWithTheSameOutputs)
{
    test::TempDir dir;
    auto model = core::Model::create("resnet20", inputOf(1, 16, true), 2);
    randomizeBatchNorm(model);
    core::exportLibTorch(model, dir.file("resnet.pt"));
    const auto loaded = core::Model::load(dir.file("resnet.pt"));
    const auto x = torch::rand({3, 1, 16, 16});
    EXPECT_TRUE(torch::equal(libtorchOutputs(loaded, x), libtorchOutputs(model, x)));

    const auto script = core::Model::load(writeScriptModule(dir.file("user.pt"), false));
    core::exportLibTorch(script, dir.file("copy.pt"));
    const auto scriptCopy = core::Model::load(dir.file("copy.pt"));
    EXPECT_TRUE(scriptCopy.isTorchScript());
    const auto y = torch::rand({2, 1, 28, 28});
    EXPECT_TRUE(torch::equal(libtorchOutputs(scriptCopy, y), libtorchOutputs(script, y)));
}
