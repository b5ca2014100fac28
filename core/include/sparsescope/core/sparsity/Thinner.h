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
};

struct ThinningResult
{
    Model model;
    std::vector<ThinnedLayer> layers;
    /// thinning.json: per layer what was removed, with totals.
    std::string toJson() const;
};

/// Builds a physically smaller model from a trained one: zero filters / output neurons go with the
/// next layer's matching inputs (a zero filter's constant output relu(bias) is folded into the next
/// layer's bias), zero input channels / features are dropped. The thinned model computes the same
/// function (max |diff| ≤ 1e-4) and is a normal model for eval, save and load.
/// Implemented for the feed-forward ReLU architectures (lenet5, lenet-300-100, mlp); others are
/// refused with core::Error.
class Thinner
{
public:
    static bool supports(const Model &model);
    static ThinningResult thin(const Model &model);
};

} // namespace sparsescope::core
