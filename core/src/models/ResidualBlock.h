// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/TracedNet.h"

namespace sparsescope::core {

/// The basic block of CIFAR ResNets: conv3×3 → BN → ReLU → conv3×3 → BN, added to the shortcut
/// (identity, or a 1×1 stride-2 projection conv + BN when the shape changes, as in SSL's
/// resnet_generator.py), then ReLU.
class ResidualBlock : public torch::nn::Module
{
public:
    ResidualBlock(int in, int out, int stride, bool batchNorm);
    torch::Tensor forward(const torch::Tensor &x, Trace *trace, const std::string &prefix);

private:
    torch::nn::Conv2d m_conv1 {nullptr}, m_conv2 {nullptr}, m_shortcut {nullptr};
    torch::nn::BatchNorm2d m_bn1 {nullptr}, m_bn2 {nullptr}, m_shortcutBn {nullptr};
};

} // namespace sparsescope::core
