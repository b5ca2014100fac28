// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ConvLayer.h"

namespace sparsescope::core {

/// LeNet-5 as in SSL's Caffe LeNet: conv5×5 20 → maxpool 2 → conv5×5 50 → maxpool 2 → fc 500 →
/// ReLU → fc classes. A ReLU follows each pooling as in most LeNet-5 ports (Caffe's has none
/// there).
class LeNet5 : public TracedNet
{
public:
    explicit LeNet5(const ModelOptions &options);

protected:
    torch::Tensor body(const torch::Tensor &x, Trace *trace) override;

private:
    torch::Tensor features(const torch::Tensor &x, Trace *trace);
    ConvLayer m_conv1;
    ConvLayer m_conv2;
    torch::nn::Linear m_fc1 {nullptr};
    torch::nn::Linear m_fc2 {nullptr};
};

} // namespace sparsescope::core
