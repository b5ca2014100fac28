// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Mlp.h"

namespace sparsescope::core {

Mlp::Mlp(const ModelOptions &options, const std::vector<int> &hidden)
    : TracedNet(options)
{
    std::int64_t in = std::int64_t(options.inChannels) * options.height * options.width;
    std::vector<int> sizes = hidden;
    sizes.push_back(options.numClasses);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        m_layers.push_back(
            register_module("fc" + std::to_string(i + 1), torch::nn::Linear(in, sizes[i])));
        in = sizes[i];
    }
}

torch::Tensor Mlp::body(const torch::Tensor &x, Trace *trace)
{
    auto y = x.flatten(1);
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        y = tracedLinear(trace, "fc" + std::to_string(i + 1), m_layers[i], y);
        if (i + 1 < m_layers.size())
            y = torch::relu(y);
    }
    return y;
}

} // namespace sparsescope::core
