// SPDX-License-Identifier: GPL-3.0-or-later
// Private: plain-value snapshots of a model's weights for observers.
#pragma once

#include "models/ModelImpl_p.h"
#include "sparsescope/core/training/TrainingEvents.h"

#include <map>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Per weight layer: exact zeros, all-zero rows (filters / output neurons) and columns
/// (filter-shape columns / input neurons), and row norms.
/// `outputArea` maps a conv layer's name to its output H·W (for MACs); layers missing from it
/// get macs = -1.
std::vector<LayerStructure> layerStructures(const ModelImpl &model,
                                            const std::map<std::string, std::int64_t> &outputArea);
/// H·W of every conv layer's output (1 for linear layers) from the model's structure.
std::map<std::string, std::int64_t> outputAreas(const ModelImpl &model);

/// The filters of the first conv layer as images scaled to [0, 1] over the layer
/// (mean over input channels). count == 0 when the model has no conv layer.
FilterImages firstConvFilters(const ModelImpl &model);

} // namespace sparsescope::core
