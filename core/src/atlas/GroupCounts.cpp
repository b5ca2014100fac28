// SPDX-License-Identifier: GPL-3.0-or-later
#include "atlas/GroupCounts_p.h"

#include "sparsescope/core/models/ModelSnapshot.h"

namespace sparsescope::core {

GroupCounts groupCounts(const Model &model)
{
    GroupCounts c;
    for (const auto &layer : ModelSnapshot::structure(model)) {
        c.filters += layer.rows;
        c.filtersZero += layer.zeroRows;
        c.channels += layer.channels;
        c.channelsZero += layer.zeroChannels;
        c.shapes += layer.columns;
        c.shapesZero += layer.zeroColumns;
        c.kernels += layer.kernels;
        c.kernelsZero += layer.zeroKernels;
        c.layers += 1;
        c.layersZero += layer.zeroParameters == layer.parameters;
        c.weights += layer.parameters;
        c.weightsZero += layer.zeroParameters;
        if (layer.kind == "conv" && layer.denseMacs >= 0) {
            c.convMacs += layer.denseMacs;
            c.convMacsKept += layer.macs;
        }
    }
    return c;
}

} // namespace sparsescope::core
