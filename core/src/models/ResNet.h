// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ResidualBlock.h"

namespace sparsescope::core {

/// CIFAR ResNet (He et al. 2016, §4.2): conv3×3 16 → three stages of n basic blocks with 16, 32,
/// 64 channels (stride 2 at the start of stages 2 and 3) → global average pool → fc. n = 3 gives
/// ResNet-20, n = 5 ResNet-32. 1- or 3-channel input of any size; BatchNorm optional.
class ResNet : public TracedNet
{
public:
    ResNet(const ModelOptions &options, int blocksPerStage);

protected:
    torch::Tensor body(const torch::Tensor &x, Trace *trace) override;

private:
    ConvLayer m_conv1;
    torch::nn::BatchNorm2d m_bn1 {nullptr};
    std::vector<std::vector<std::shared_ptr<ResidualBlock>>> m_stages;
    torch::nn::Linear m_fc {nullptr};
};

} // namespace sparsescope::core
