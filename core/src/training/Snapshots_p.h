// SPDX-License-Identifier: GPL-3.0-or-later
// Private: plain-value snapshots of a model's weights for observers.
#pragma once

#include "models/ModelImpl_p.h"
#include "sparsescope/core/training/TrainingEvents.h"

#include <vector>

namespace sparsescope::core {

/// Per weight layer: exact zeros, all-zero rows (filters / output neurons) and columns
/// (filter-shape columns / input neurons), and row norms.
std::vector<LayerStructure> layerStructures(const ModelImpl &model);

/// The filters of the first conv layer as images scaled to [0, 1] over the layer
/// (mean over input channels). count == 0 when the model has no conv layer.
FilterImages firstConvFilters(const ModelImpl &model);

} // namespace sparsescope::core
