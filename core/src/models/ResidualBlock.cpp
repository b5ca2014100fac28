// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ResidualBlock.h"

namespace sparsescope::core {

namespace {
torch::Tensor norm(torch::nn::BatchNorm2d &bn, const torch::Tensor &x)
{
    return bn ? bn->forward(x) : x;
}
} // namespace

ResidualBlock::ResidualBlock(const std::string &name, const ModelOptions &options, int in, int out,
                             int stride)
    : m_name(name)
{
    const bool bn = options.batchNorm;
    if (options.blockRemoved(name)) {
        m_constant = register_buffer("constant", torch::zeros({1, out, 1, 1}));
    } else {
        const int mid = options.layerWidth(name + ".conv1", out);
        m_conv1 = ConvLayer(*this, "conv1", name + ".conv1", options, in, mid, 3, stride, 1, !bn);
        m_conv2 = ConvLayer(*this, "conv2", name + ".conv2", options, mid, out, 3, 1, 1, !bn);
        if (bn) {
            m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(mid));
            m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(out));
        }
    }
    if (stride != 1 || in != out) {
        m_hasShortcut = true;
        m_shortcut
            = ConvLayer(*this, "shortcut", name + ".shortcut", options, in, out, 1, stride, 0, !bn);
        if (bn)
            m_shortcutBn = register_module("shortcut_bn", torch::nn::BatchNorm2d(out));
    }
}

torch::Tensor ResidualBlock::forward(const torch::Tensor &x, Trace *trace)
{
    const auto shortcut = m_hasShortcut ? norm(m_shortcutBn, m_shortcut.forward(x, trace)) : x;
    if (removed())
        return torch::relu(shortcut + m_constant);
    auto y = torch::relu(norm(m_bn1, m_conv1.forward(x, trace)));
    y = norm(m_bn2, m_conv2.forward(y, trace));
    return torch::relu(y + shortcut);
}

} // namespace sparsescope::core
