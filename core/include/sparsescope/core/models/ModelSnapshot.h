// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <vector>

namespace sparsescope::core {

class Model;

/// A trained model's weights as the plain values a training run sends live: per weight layer
/// its zero groups (filters, channels, filter shapes, kernels, MACs kept) and the first conv
/// layer's filters as images — for views of finished runs (the Atlas panel's selected member).
class ModelSnapshot
{
public:
    static std::vector<LayerStructure> structure(const Model &model);
    /// count == 0 when the model has no conv layer.
    static FilterImages filters(const Model &model);
};

} // namespace sparsescope::core
