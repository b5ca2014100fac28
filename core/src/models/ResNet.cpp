// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ResNet.h"

namespace sparsescope::core {

ResNet::ResNet(const ModelOptions &options, int blocksPerStage)
    : TracedNet(options)
{
    const bool bn = options.batchNorm;
    m_conv1 = register_module(
        "conv1",
        torch::nn::Conv2d(
            torch::nn::Conv2dOptions(options.inChannels, 16, 3).padding(1).bias(!bn)));
    if (bn)
        m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(16));
    const int widths[] = {16, 32, 64};
    int in = 16;
    for (int stage = 0; stage < 3; ++stage) {
        auto list = register_module("layer" + std::to_string(stage + 1), torch::nn::ModuleList());
        std::vector<std::shared_ptr<ResidualBlock>> blocks;
        for (int b = 0; b < blocksPerStage; ++b) {
            const int stride = (stage > 0 && b == 0) ? 2 : 1;
            auto block = std::make_shared<ResidualBlock>(in, widths[stage], stride, bn);
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
    auto y = tracedConv(trace, "conv1", m_conv1, x);
    if (m_bn1)
        y = m_bn1->forward(y);
    y = torch::relu(y);
    for (std::size_t stage = 0; stage < m_stages.size(); ++stage)
        for (std::size_t b = 0; b < m_stages[stage].size(); ++b)
            y = m_stages[stage][b]->forward(
                y, trace, "layer" + std::to_string(stage + 1) + "." + std::to_string(b));
    y = y.mean({2, 3});
    return tracedLinear(trace, "fc", m_fc, y);
}

} // namespace sparsescope::core
