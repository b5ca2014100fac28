// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/LeNet5.h"

namespace sparsescope::core {

namespace F = torch::nn::functional;

LeNet5::LeNet5(const ModelOptions &options)
    : TracedNet(options)
{
    // Widths and kept inputs differ from 20/50/500 only in thinned models.
    const int c1 = options.layerWidth("conv1", 20);
    const int c2 = options.layerWidth("conv2", 50);
    const int f1 = options.layerWidth("fc1", 500);
    m_conv1 = register_module("conv1",
                              torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                  inputCount("conv1", options.inChannels), c1, 5)));
    m_conv2 = register_module(
        "conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(inputCount("conv2", c1), c2, 5)));
    // The flattened size before fc1's own input selection.
    const auto flat = featureSize([this](const torch::Tensor &x) { return features(x, nullptr); });
    m_fc1 = register_module("fc1", torch::nn::Linear(inputCount("fc1", flat), f1));
    m_fc2 = register_module("fc2", torch::nn::Linear(inputCount("fc2", f1), options.numClasses));
}

torch::Tensor LeNet5::features(const torch::Tensor &x, Trace *trace)
{
    auto y = tracedConv(trace, "conv1", m_conv1, selectInputs("conv1", x));
    y = torch::relu(F::max_pool2d(y, F::MaxPool2dFuncOptions(2)));
    y = tracedConv(trace, "conv2", m_conv2, selectInputs("conv2", y));
    return torch::relu(F::max_pool2d(y, F::MaxPool2dFuncOptions(2)));
}

torch::Tensor LeNet5::body(const torch::Tensor &x, Trace *trace)
{
    auto y = selectInputs("fc1", features(x, trace).flatten(1));
    y = torch::relu(tracedLinear(trace, "fc1", m_fc1, y));
    return tracedLinear(trace, "fc2", m_fc2, selectInputs("fc2", y));
}

} // namespace sparsescope::core
