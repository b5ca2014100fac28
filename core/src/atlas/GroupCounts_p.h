// SPDX-License-Identifier: GPL-3.0-or-later
// Private: zero groups of a model's weight layers, as plain counts (the one atlas source that
// needs torch computes them; the measures use plain values).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

class Model;

/// Over the conv and linear layers: totals and exactly-zero counts of each SSL group type
/// (filters = output rows, channels = inputs, shapes = filter-shape columns, kernels, whole
/// layers = depth) and of single weights; MACs of the lowered GEMMs with zero rows and columns
/// dropped (dense and kept), over conv layers and over all.
struct GroupCounts
{
    std::int64_t filters = 0, filtersZero = 0;
    std::int64_t channels = 0, channelsZero = 0;
    std::int64_t shapes = 0, shapesZero = 0;
    std::int64_t kernels = 0, kernelsZero = 0;
    std::int64_t layers = 0, layersZero = 0;
    std::int64_t weights = 0, weightsZero = 0;
    double convMacs = 0, convMacsKept = 0;
};

GroupCounts groupCounts(const Model &model);

} // namespace sparsescope::core
