// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ConvLayer.h"

namespace sparsescope::core {

/// The basic block of CIFAR ResNets: conv3×3 → BN → ReLU → conv3×3 → BN, added to the shortcut
/// (identity, or a 1×1 stride-2 projection conv + BN when the shape changes, as in SSL's
/// resnet_generator.py), then ReLU.
class ResidualBlock : public torch::nn::Module
{
public:
    /// `name` is the block's path ("layer2.0"). In thinned models the branch's inner width is
    /// ModelOptions::widths["<name>.conv1"], and a block listed in removedBlocks keeps only its
    /// shortcut and a per-channel constant (the branch's output, which no longer depends on x).
    ResidualBlock(const std::string &name, const ModelOptions &options, int in, int out,
                  int stride);
    torch::Tensor forward(const torch::Tensor &x, Trace *trace);
    bool removed() const { return m_constant.defined(); }

private:
    std::string m_name;
    ConvLayer m_conv1, m_conv2, m_shortcut;
    bool m_hasShortcut = false;
    torch::Tensor m_constant; ///< [1, out, 1, 1], removed blocks only
    torch::nn::BatchNorm2d m_bn1 {nullptr}, m_bn2 {nullptr}, m_shortcutBn {nullptr};
};

} // namespace sparsescope::core
