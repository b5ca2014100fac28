// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Mlp.h"

namespace sparsescope::core {

Mlp::Mlp(const ModelOptions &options, const std::vector<int> &hidden)
    : TracedNet(options)
{
    std::int64_t in = std::int64_t(options.inChannels) * options.height * options.width;
    for (std::size_t i = 0; i <= hidden.size(); ++i) {
        const std::string name = "fc" + std::to_string(i + 1);
        // Widths and kept inputs differ from the defaults only in thinned models.
        const int out
            = i < hidden.size() ? options.layerWidth(name, hidden[i]) : options.numClasses;
        m_layers.push_back(register_module(name, torch::nn::Linear(inputCount(name, in), out)));
        in = out;
    }
}

torch::Tensor Mlp::body(const torch::Tensor &x, Trace *trace)
{
    auto y = x.flatten(1);
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const std::string name = "fc" + std::to_string(i + 1);
        y = tracedLinear(trace, name, m_layers[i], selectInputs(name, y));
        if (i + 1 < m_layers.size())
            y = torch::relu(y);
    }
    return y;
}

} // namespace sparsescope::core
