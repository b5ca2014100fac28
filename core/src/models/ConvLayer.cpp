// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ConvLayer.h"

#include "sparsescope/core/Error.h"

#include <chrono>

namespace sparsescope::core {

ConvLayer::ConvLayer(torch::nn::Module &owner, const std::string &registerName,
                     std::string layerName, const ModelOptions &options, int in, int out,
                     int kernel, int stride, int padding, bool bias)
    : m_name(std::move(layerName))
    , m_in(in)
    , m_kernel(kernel)
    , m_stride(stride)
    , m_padding(padding)
{
    const auto kept = options.keptColumns.find(m_name);
    if (kept == options.keptColumns.end()) {
        m_conv = owner.register_module(registerName,
                                       torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                                             .stride(stride)
                                                             .padding(padding)
                                                             .bias(bias)));
        return;
    }
    const std::int64_t all = std::int64_t(in) * kernel * kernel;
    for (const auto c : kept->second)
        if (c < 0 || c >= all)
            throw Error("model options",
                        "kept column " + std::to_string(c) + " of layer " + m_name
                            + " is outside [0, " + std::to_string(all) + ")");
    if (kept->second.empty())
        throw Error("model options", "layer " + m_name + " keeps no columns");
    m_columns = torch::tensor(kept->second, torch::kInt64);
    const auto k = static_cast<int>(m_columns.numel());
    m_conv = owner.register_module(
        registerName, torch::nn::Conv2d(torch::nn::Conv2dOptions(k, out, 1).bias(bias)));
}

torch::Tensor ConvLayer::gatherIndex(std::int64_t height, std::int64_t width) const
{
    std::lock_guard lock(m_cache->mutex);
    const auto key = std::make_pair(height, width);
    if (auto it = m_cache->indices.find(key); it != m_cache->indices.end())
        return it->second;
    const std::int64_t hp = height + 2 * m_padding, wp = width + 2 * m_padding;
    const std::int64_t ho = (hp - m_kernel) / m_stride + 1, wo = (wp - m_kernel) / m_stride + 1;
    // Column col = c·k·k + i·k + j reads padded pixel (c, i + s·oy, j + s·ox).
    const auto col = m_columns;
    const auto kk = std::int64_t(m_kernel) * m_kernel;
    const auto c = col.div(kk, "floor");
    const auto i = col.remainder(kk).div(m_kernel, "floor");
    const auto j = col.remainder(m_kernel);
    const auto base = (c * hp + i) * wp + j; // [K]
    const auto oy = torch::arange(ho, torch::kInt64) * m_stride;
    const auto ox = torch::arange(wo, torch::kInt64) * m_stride;
    const auto offset = (oy.unsqueeze(1) * wp + ox.unsqueeze(0)).reshape({-1}); // [Ho·Wo]
    auto index = (base.unsqueeze(1) + offset.unsqueeze(0)).reshape({-1}).contiguous();
    m_cache->indices.emplace(key, index);
    return index;
}

torch::Tensor ConvLayer::forward(const torch::Tensor &x, Trace *trace) const
{
    auto conv = m_conv;
    if (!lowered())
        return tracedConv(trace, m_name, conv, x);
    if (x.dim() != 4 || x.size(1) != m_in)
        throw Error(m_name,
                    "lowered convolution expects N×" + std::to_string(m_in) + "×H×W input, got "
                        + std::to_string(x.dim()) + "-D");
    const std::int64_t hp = x.size(2) + 2 * m_padding, wp = x.size(3) + 2 * m_padding;
    const std::int64_t ho = (hp - m_kernel) / m_stride + 1, wo = (wp - m_kernel) / m_stride + 1;
    const auto start = std::chrono::steady_clock::now();
    auto padded = m_padding > 0
        ? torch::constant_pad_nd(x, {m_padding, m_padding, m_padding, m_padding}, 0)
        : x;
    const auto columns = padded.contiguous()
                             .flatten(1)
                             .index_select(1, gatherIndex(x.size(2), x.size(3)))
                             .view({-1, m_columns.numel(), ho, wo}); // no baked-in batch size
    if (!trace)
        return conv->forward(columns);
    const double gather
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto y = tracedConv(trace, m_name, conv, columns);
    // The record describes the whole lowered layer: the gather is part of its cost.
    auto &record = trace->back();
    record.seconds += gather;
    record.inputShape = {x.size(1), x.size(2), x.size(3)};
    record.stride = m_stride;
    record.padding = m_padding;
    return y;
}

} // namespace sparsescope::core
