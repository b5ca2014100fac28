// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ResNet.h"

namespace sparsescope::core {

ResNet::ResNet(const ModelOptions &options, int blocksPerStage)
    : TracedNet(options)
{
    const bool bn = options.batchNorm;
    m_conv1 = ConvLayer(*this, "conv1", "conv1", options, options.inChannels, 16, 3, 1, 1, !bn);
    if (bn)
        m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(16));
    const int widths[] = {16, 32, 64};
    int in = 16;
    for (int stage = 0; stage < 3; ++stage) {
        auto list = register_module("layer" + std::to_string(stage + 1), torch::nn::ModuleList());
        std::vector<std::shared_ptr<ResidualBlock>> blocks;
        for (int b = 0; b < blocksPerStage; ++b) {
            const int stride = (stage > 0 && b == 0) ? 2 : 1;
            const auto name = "layer" + std::to_string(stage + 1) + "." + std::to_string(b);
            auto block = std::make_shared<ResidualBlock>(name, options, in, widths[stage], stride);
            list->push_back(block);
            blocks.push_back(block);
            in = widths[stage];
        }
        m_stages.push_back(std::move(blocks));
    }
    m_fc = register_module("fc", torch::nn::Linear(64, options.numClasses));
}

torch::Tensor ResNet::body(const torch::Tensor &x, Trace *trace)
{
    auto y = m_conv1.forward(x, trace);
    if (m_bn1)
        y = m_bn1->forward(y);
    y = torch::relu(y);
    for (auto &stage : m_stages)
        for (auto &block : stage)
            y = block->forward(y, trace);
    y = y.mean({2, 3});
    return tracedLinear(trace, "fc", m_fc, y);
}

} // namespace sparsescope::core
