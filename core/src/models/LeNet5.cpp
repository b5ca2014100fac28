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
    m_conv1
        = ConvLayer(*this, "conv1", "conv1", options,
                    static_cast<int>(inputCount("conv1", options.inChannels)), c1, 5, 1, 0, true);
    m_conv2 = ConvLayer(*this, "conv2", "conv2", options, static_cast<int>(inputCount("conv2", c1)),
                        c2, 5, 1, 0, true);
    // The flattened size before fc1's own input selection.
    const auto flat = featureSize([this](const torch::Tensor &x) { return features(x, nullptr); });
    m_fc1 = register_module("fc1", torch::nn::Linear(inputCount("fc1", flat), f1));
    m_fc2 = register_module("fc2", torch::nn::Linear(inputCount("fc2", f1), options.numClasses));
}

torch::Tensor LeNet5::features(const torch::Tensor &x, Trace *trace)
{
    auto y = m_conv1.forward(selectInputs("conv1", x), trace);
    y = torch::relu(F::max_pool2d(y, F::MaxPool2dFuncOptions(2)));
    y = m_conv2.forward(selectInputs("conv2", y), trace);
    return torch::relu(F::max_pool2d(y, F::MaxPool2dFuncOptions(2)));
}

torch::Tensor LeNet5::body(const torch::Tensor &x, Trace *trace)
{
    auto y = selectInputs("fc1", features(x, trace).flatten(1));
    y = torch::relu(tracedLinear(trace, "fc1", m_fc1, y));
    return tracedLinear(trace, "fc2", m_fc2, selectInputs("fc2", y));
}

} // namespace sparsescope::core
