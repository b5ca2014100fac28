// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ResidualBlock.h"

namespace sparsescope::core {

namespace {
torch::nn::Conv2d conv(int in, int out, int kernel, int stride, bool bias)
{
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(bias));
}
torch::Tensor norm(torch::nn::BatchNorm2d &bn, const torch::Tensor &x)
{
    return bn ? bn->forward(x) : x;
}
} // namespace

ResidualBlock::ResidualBlock(int in, int out, int stride, bool batchNorm)
{
    m_conv1 = register_module("conv1", conv(in, out, 3, stride, !batchNorm));
    m_conv2 = register_module("conv2", conv(out, out, 3, 1, !batchNorm));
    if (batchNorm) {
        m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(out));
        m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(out));
    }
    if (stride != 1 || in != out) {
        m_shortcut = register_module("shortcut", conv(in, out, 1, stride, !batchNorm));
        if (batchNorm)
            m_shortcutBn = register_module("shortcut_bn", torch::nn::BatchNorm2d(out));
    }
}

torch::Tensor ResidualBlock::forward(const torch::Tensor &x, Trace *trace,
                                     const std::string &prefix)
{
    auto y = torch::relu(norm(m_bn1, tracedConv(trace, prefix + ".conv1", m_conv1, x)));
    y = norm(m_bn2, tracedConv(trace, prefix + ".conv2", m_conv2, y));
    auto shortcut = m_shortcut
        ? norm(m_shortcutBn, tracedConv(trace, prefix + ".shortcut", m_shortcut, x))
        : x;
    return torch::relu(y + shortcut);
}

} // namespace sparsescope::core
