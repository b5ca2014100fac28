// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/TracedNet.h"

namespace sparsescope::core {

/// A multilayer perceptron over the flattened input: fc1 … fcN with ReLU between. LeNet-300-100
/// is the MLP with hidden sizes {300, 100} (registered as its own name).
class Mlp : public TracedNet
{
public:
    Mlp(const ModelOptions &options, const std::vector<int> &hidden);

protected:
    torch::Tensor body(const torch::Tensor &x, Trace *trace) override;

private:
    std::vector<torch::nn::Linear> m_layers;
};

} // namespace sparsescope::core
