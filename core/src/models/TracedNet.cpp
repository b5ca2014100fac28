// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/TracedNet.h"

#include <chrono>

namespace sparsescope::core {

namespace {
double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::int64_t paddingOf(const torch::nn::detail::ConvNdOptions<2> &options)
{
    const auto *p = c10::get_if<torch::ExpandingArray<2>>(&options.padding());
    return p ? (**p)[0] : 0;
}

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
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor y = conv->forward(x);
    if (trace) {
        const double seconds = secondsSince(start);
        const auto &w = conv->weight;
        const std::int64_t perOutput = w.size(1) * w.size(2) * w.size(3);
        const auto &o = conv->options;
        trace->push_back({name, "conv", w, conv->bias, perSampleShape(y), y[0].numel() * perOutput,
                          perSampleShape(x), (*o.stride())[0], paddingOf(o), seconds});
    }
    return y;
}

torch::Tensor tracedLinear(Trace *trace, const std::string &name, torch::nn::Linear &linear,
                           const torch::Tensor &x)
{
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor y = linear->forward(x);
    if (trace)
        trace->push_back({name, "linear", linear->weight, linear->bias, perSampleShape(y),
                          linear->weight.numel(), perSampleShape(x), 1, 0, secondsSince(start)});
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

Trace TracedNet::timeLayers(const torch::Tensor &input)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = is_training();
    eval();
    Trace trace;
    const auto x = m_channelsLast && input.dim() == 4
        ? input.contiguous(at::MemoryFormat::ChannelsLast)
        : input;
    body((x - m_mean) / m_std, &trace);
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
