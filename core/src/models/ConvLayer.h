// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a convolution of a built-in network, dense or lowered over kept filter-shape columns.
#pragma once

#include "models/TracedNet.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace sparsescope::core {

/// A conv layer of a built-in net. Normally a torch Conv2d. When the model options list kept
/// filter-shape columns for it (`ModelOptions::keptColumns`, a thinned model), the layer runs
/// lowered, as in SSL's Caffe code: each output position gathers only the kept columns of its
/// receptive field (one index_select on the padded input) and a 1×1 convolution with the
/// [N, K, 1, 1] weight — a GEMM over K kept columns — does the rest. The parameter keeps the
/// layer's name ("<name>.weight"), so save, load, structure and the regularizers see it as a
/// conv layer with K inputs.
class ConvLayer
{
public:
    ConvLayer() = default;
    /// Builds and registers the layer as `registerName` on `owner`; `layerName` is its full
    /// dotted name in the model (the key of ModelOptions' per-layer maps).
    ConvLayer(torch::nn::Module &owner, const std::string &registerName, std::string layerName,
              const ModelOptions &options, int in, int out, int kernel, int stride, int padding,
              bool bias);

    torch::Tensor forward(const torch::Tensor &x, Trace *trace) const;
    const std::string &name() const { return m_name; }
    torch::nn::Conv2d &module() { return m_conv; }
    bool lowered() const { return m_columns.defined(); }

private:
    torch::Tensor gatherIndex(std::int64_t height, std::int64_t width) const;

    std::string m_name;
    torch::nn::Conv2d m_conv {nullptr};
    torch::Tensor m_columns; ///< kept columns (c·k·k + i·k + j), lowered layers only
    int m_in = 0;
    int m_kernel = 1;
    int m_stride = 1;
    int m_padding = 0;
    /// Gather indices per input size (H, W), built on first use.
    struct IndexCache
    {
        std::mutex mutex;
        std::map<std::pair<std::int64_t, std::int64_t>, torch::Tensor> indices;
    };
    std::shared_ptr<IndexCache> m_cache = std::make_shared<IndexCache>();
};

} // namespace sparsescope::core
