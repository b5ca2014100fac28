// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/LeNet5.h"

namespace sparsescope::core {

namespace F = torch::nn::functional;

LeNet5::LeNet5(const ModelOptions &options)
    : TracedNet(options)
{
    m_conv1 = register_module(
        "conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(options.inChannels, 20, 5)));
    m_conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(20, 50, 5)));
    const auto flat = featureSize([this](const torch::Tensor &x) { return features(x, nullptr); });
    m_fc1 = register_module("fc1", torch::nn::Linear(flat, 500));
    m_fc2 = register_module("fc2", torch::nn::Linear(500, options.numClasses));
}

torch::Tensor LeNet5::features(const torch::Tensor &x, Trace *trace)
{
    auto y = torch::relu(
        F::max_pool2d(tracedConv(trace, "conv1", m_conv1, x), F::MaxPool2dFuncOptions(2)));
    return torch::relu(
        F::max_pool2d(tracedConv(trace, "conv2", m_conv2, y), F::MaxPool2dFuncOptions(2)));
}

torch::Tensor LeNet5::body(const torch::Tensor &x, Trace *trace)
{
    auto y = features(x, trace).flatten(1);
    y = torch::relu(tracedLinear(trace, "fc1", m_fc1, y));
    return tracedLinear(trace, "fc2", m_fc2, y);
}

} // namespace sparsescope::core
