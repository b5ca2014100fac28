// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/models/Model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// What thinning did to one weight layer.
struct ThinnedLayer
{
    std::string name;
    std::int64_t outputsBefore = 0; ///< filters / output neurons
    std::int64_t outputsAfter = 0;
    std::int64_t inputsBefore = 0; ///< input channels / input features
    std::int64_t inputsAfter = 0;
    std::int64_t parametersBefore = 0;
    std::int64_t parametersAfter = 0;
    std::int64_t macsBefore = 0;
    std::int64_t macsAfter = 0;
    std::int64_t columnsBefore = 0; ///< conv layers: filter-shape columns C·kh·kw
    std::int64_t columnsAfter = 0;
};

struct ThinOptions
{
    /// Lower conv layers over their kept filter-shape columns.
    bool columns = true;
    /// ... when at least this fraction of a layer's columns is zero (below it the dense
    /// convolution is faster than the gather + GEMM).
    double minColumnFraction = 0.1;
};

struct ThinningResult
{
    Model model;
    std::vector<ThinnedLayer> layers;
    std::vector<std::string> removedBlocks; ///< residual blocks reduced to their shortcut
    /// thinning.json: per layer what was removed, with totals.
    std::string toJson() const;
};

/// Builds a physically smaller model from a trained one, for every built-in architecture:
/// - zero filters / output neurons go with the next layer's matching inputs and BatchNorm entries
///   (in lenet5 / mlp a zero filter's constant output relu(bias) is folded into the next bias;
///   in convnet / resnets a zero filter whose constant after BatchNorm and ReLU is not 0 is kept,
///   since zero padding downstream makes its effect position-dependent);
/// - inputs that the next layer does not read are dropped with their producers;
/// - a residual block whose second conv is zero becomes its shortcut plus a per-channel constant;
/// - conv layers with enough zero filter-shape columns run as a GEMM over the kept columns.
/// The thinned model computes the same function in eval mode (max |diff| ≤ 1e-4) and is a normal
/// model for eval, save and load. TorchScript modules and already thinned models are refused.
class Thinner
{
public:
    static bool supports(const Model &model);
    static ThinningResult thin(const Model &model, const ThinOptions &options = {});
};

} // namespace sparsescope::core
