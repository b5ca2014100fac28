// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ConvLayer.h"

namespace sparsescope::core {

/// The CIFAR-10 ConvNet of SSL (Caffe's cifar10_full): conv5×5 32 → maxpool 3/2 → ReLU → conv5×5
/// 32 → ReLU → avgpool 3/2 → conv5×5 64 → ReLU → avgpool 3/2 → fc classes (pooling in Caffe's
/// ceil mode). Caffe's LRN layers are replaced by optional BatchNorm after each conv.
class ConvNet : public TracedNet
{
public:
    explicit ConvNet(const ModelOptions &options);

protected:
    torch::Tensor body(const torch::Tensor &x, Trace *trace) override;

private:
    torch::Tensor features(const torch::Tensor &x, Trace *trace);
    torch::Tensor maybeNorm(torch::nn::BatchNorm2d &bn, const torch::Tensor &x);
    ConvLayer m_conv1, m_conv2, m_conv3;
    torch::nn::BatchNorm2d m_bn1 {nullptr}, m_bn2 {nullptr}, m_bn3 {nullptr};
    torch::nn::Linear m_fc {nullptr};
};

} // namespace sparsescope::core
