// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sparsescope::core {

/// What a built-in architecture is built for. Inputs are in [0, 1]; the model normalises them
/// with `mean`/`std` (one entry per channel, or empty for 0 / 1) as its first operation.
struct ModelOptions
{
    int inChannels = 1;
    int height = 28;
    int width = 28;
    int numClasses = 10;
    bool batchNorm = true; ///< ResNets and ConvNet
    std::vector<int> hidden; ///< MLP hidden sizes (default 256, 128)
    std::vector<float> mean;
    std::vector<float> std;
    /// Thinned models: output channels / features of a layer (by layer name) when not the
    /// architecture's default.
    std::map<std::string, int> widths;
    /// Thinned models: the input channels / features a layer keeps (an index_select before it)
    /// when they are not simply all outputs of the previous layer.
    std::map<std::string, std::vector<std::int64_t>> keptInputs;
    /// Thinned models: the filter-shape columns (c·kh·kw + i·kw + j, over the layer's kept input
    /// channels) a conv layer keeps; such a layer runs as a GEMM over those columns only.
    std::map<std::string, std::vector<std::int64_t>> keptColumns;
    /// Thinned ResNets: residual blocks ("layer2.1") whose branch was removed; the block is its
    /// shortcut plus a per-channel constant.
    std::vector<std::string> removedBlocks;

    /// The width of `layer`, or `fallback` when it was not thinned.
    int layerWidth(const std::string &layer, int fallback) const
    {
        auto it = widths.find(layer);
        return it == widths.end() ? fallback : it->second;
    }

    bool blockRemoved(const std::string &block) const;

    std::string toJson() const;
    static ModelOptions fromJson(const std::string &json);
};

} // namespace sparsescope::core
