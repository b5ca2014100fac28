// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelSnapshot.h"

#include "common/Snapshots_p.h"
#include "sparsescope/core/models/Model.h"

namespace sparsescope::core {

std::vector<LayerStructure> ModelSnapshot::structure(const Model &model)
{
    const ModelImpl &net = model.impl();
    return layerStructures(net, outputAreas(net));
}

FilterImages ModelSnapshot::filters(const Model &model)
{
    return firstConvFilters(model.impl());
}

} // namespace sparsescope::core
