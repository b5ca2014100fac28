// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConvNet.h"

namespace sparsescope::core {

namespace F = torch::nn::functional;

namespace {
torch::nn::Conv2d conv5(int in, int out, bool bias)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 5).padding(2).bias(bias));
}
} // namespace

ConvNet::ConvNet(const ModelOptions &options)
    : TracedNet(options)
{
    const bool bn = options.batchNorm;
    m_conv1 = register_module("conv1", conv5(options.inChannels, 32, !bn));
    m_conv2 = register_module("conv2", conv5(32, 32, !bn));
    m_conv3 = register_module("conv3", conv5(32, 64, !bn));
    if (bn) {
        m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(32));
        m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(32));
        m_bn3 = register_module("bn3", torch::nn::BatchNorm2d(64));
    }
    const auto flat = featureSize([this](const torch::Tensor &x) { return features(x, nullptr); });
    m_fc = register_module("fc", torch::nn::Linear(flat, options.numClasses));
}

torch::Tensor ConvNet::maybeNorm(torch::nn::BatchNorm2d &bn, const torch::Tensor &x)
{
    return bn ? bn->forward(x) : x;
}

torch::Tensor ConvNet::features(const torch::Tensor &x, Trace *trace)
{
    auto pool = [](const torch::Tensor &t, bool max) {
        return max ? F::max_pool2d(t, F::MaxPool2dFuncOptions(3).stride(2).ceil_mode(true))
                   : F::avg_pool2d(t, F::AvgPool2dFuncOptions(3).stride(2).ceil_mode(true));
    };
    auto y = maybeNorm(m_bn1, tracedConv(trace, "conv1", m_conv1, x));
    y = torch::relu(pool(y, true));
    y = torch::relu(maybeNorm(m_bn2, tracedConv(trace, "conv2", m_conv2, y)));
    y = pool(y, false);
    y = torch::relu(maybeNorm(m_bn3, tracedConv(trace, "conv3", m_conv3, y)));
    return pool(y, false);
}

torch::Tensor ConvNet::body(const torch::Tensor &x, Trace *trace)
{
    return tracedLinear(trace, "fc", m_fc, features(x, trace).flatten(1));
}

} // namespace sparsescope::core
