// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/TracedNet.h"

namespace sparsescope::core {

namespace {
std::vector<std::int64_t> perSampleShape(const torch::Tensor &y)
{
    auto sizes = y.sizes().vec();
    sizes.erase(sizes.begin());
    return sizes;
}
} // namespace

torch::Tensor tracedConv(Trace *trace, const std::string &name, torch::nn::Conv2d &conv,
                         const torch::Tensor &x)
{
    torch::Tensor y = conv->forward(x);
    if (trace) {
        const auto &w = conv->weight;
        const std::int64_t perOutput = w.size(1) * w.size(2) * w.size(3);
        trace->push_back(
            {name, "conv", w, conv->bias, perSampleShape(y), y[0].numel() * perOutput});
    }
    return y;
}

torch::Tensor tracedLinear(Trace *trace, const std::string &name, torch::nn::Linear &linear,
                           const torch::Tensor &x)
{
    torch::Tensor y = linear->forward(x);
    if (trace)
        trace->push_back({name, "linear", linear->weight, linear->bias, perSampleShape(y),
                          linear->weight.numel()});
    return y;
}

TracedNet::TracedNet(const ModelOptions &options)
    : m_options(options)
{
    const int c = options.inChannels;
    auto mean = torch::zeros({1, c, 1, 1});
    auto std = torch::ones({1, c, 1, 1});
    for (int i = 0; i < c; ++i) {
        if (static_cast<int>(options.mean.size()) == c)
            mean[0][i] = options.mean[i];
        if (static_cast<int>(options.std.size()) == c && options.std[i] > 0)
            std[0][i] = options.std[i];
    }
    for (const auto &[layer, indices] : options.keptInputs)
        m_keptInputs[layer] = torch::tensor(indices, torch::kInt64);
    m_mean = register_buffer("input_mean", mean);
    m_std = register_buffer("input_std", std);
}

torch::Tensor TracedNet::selectInputs(const std::string &layer, const torch::Tensor &x) const
{
    auto it = m_keptInputs.find(layer);
    return it == m_keptInputs.end() ? x : x.index_select(1, it->second);
}

std::int64_t TracedNet::inputCount(const std::string &layer, std::int64_t fallback) const
{
    auto it = m_keptInputs.find(layer);
    return it == m_keptInputs.end() ? fallback : it->second.numel();
}

void TracedNet::useChannelsLast()
{
    torch::NoGradGuard noGrad;
    for (auto &p : parameters())
        if (p.dim() == 4) {
            p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
            m_channelsLast = true;
        }
}

torch::Tensor TracedNet::forward(const torch::Tensor &input)
{
    const auto x = m_channelsLast && input.dim() == 4
        ? input.contiguous(at::MemoryFormat::ChannelsLast)
        : input;
    return body((x - m_mean) / m_std, nullptr);
}

Trace TracedNet::traceLayers()
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = is_training();
    eval();
    Trace trace;
    body(torch::zeros({1, m_options.inChannels, m_options.height, m_options.width}), &trace);
    train(wasTraining);
    return trace;
}

std::int64_t
TracedNet::featureSize(const std::function<torch::Tensor(const torch::Tensor &)> &features)
{
    // Eval mode so that BatchNorm's running statistics do not see the probe input.
    torch::NoGradGuard noGrad;
    const bool wasTraining = is_training();
    eval();
    auto y = features(torch::zeros({1, m_options.inChannels, m_options.height, m_options.width}));
    train(wasTraining);
    return y.numel();
}

} // namespace sparsescope::core
