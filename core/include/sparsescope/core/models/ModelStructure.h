// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// One weight layer of a model, as plain values.
struct LayerInfo
{
    std::string name; ///< parameter path, e.g. "conv1" or "layer1.0.conv2"
    std::string kind; ///< "conv", "linear", "batchnorm"
    std::vector<std::int64_t> weightShape;
    std::vector<std::int64_t> outputShape; ///< per sample (C,H,W or N); empty when unknown
    std::int64_t parameters = 0; ///< weights + bias
    std::int64_t nonzeroParameters = 0;
    std::int64_t macs = -1; ///< multiply-accumulates per sample; -1 when unknown
};

/// The layers of a model with totals.
struct ModelStructure
{
    std::string architecture;
    std::vector<std::int64_t> inputShape; ///< C,H,W
    std::vector<LayerInfo> layers;
    std::int64_t totalParameters = 0; ///< all parameters, including ones in no listed layer
    std::int64_t totalMacs = 0; ///< sum of known layer MACs

    /// A fixed-width table for terminals.
    std::string toText() const;
    std::string toJson() const;
};

} // namespace sparsescope::core
