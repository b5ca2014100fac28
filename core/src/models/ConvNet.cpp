// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConvNet.h"

namespace sparsescope::core {

namespace F = torch::nn::functional;

ConvNet::ConvNet(const ModelOptions &options)
    : TracedNet(options)
{
    const bool bn = options.batchNorm;
    // Widths differ from 32/32/64 only in thinned models.
    const int c1 = options.layerWidth("conv1", 32);
    const int c2 = options.layerWidth("conv2", 32);
    const int c3 = options.layerWidth("conv3", 64);
    auto conv5 = [&](const char *name, int in, int out) {
        return ConvLayer(*this, name, name, options, in, out, 5, 1, 2, !bn);
    };
    m_conv1 = conv5("conv1", options.inChannels, c1);
    m_conv2 = conv5("conv2", c1, c2);
    m_conv3 = conv5("conv3", c2, c3);
    if (bn) {
        m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(c1));
        m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(c2));
        m_bn3 = register_module("bn3", torch::nn::BatchNorm2d(c3));
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
    auto y = maybeNorm(m_bn1, m_conv1.forward(x, trace));
    y = torch::relu(pool(y, true));
    y = torch::relu(maybeNorm(m_bn2, m_conv2.forward(y, trace)));
    y = pool(y, false);
    y = torch::relu(maybeNorm(m_bn3, m_conv3.forward(y, trace)));
    return pool(y, false);
}

torch::Tensor ConvNet::body(const torch::Tensor &x, Trace *trace)
{
    return tracedLinear(trace, "fc", m_fc, features(x, trace).flatten(1));
}

} // namespace sparsescope::core
