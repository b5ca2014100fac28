// SPDX-License-Identifier: GPL-3.0-or-later
// Private: first-layer sparsity counted three ways (issue 23).
#pragma once

#include "sparsescope/core/rln/RlnEvents.h"

#include <vector>

namespace sparsescope::core {

/// Counts a first weight layer's small weights at every threshold of kSparsityThresholds: the
/// edges with |w| ≤ τ, the noise inputs eliminated (every outgoing |w| ≤ τ) and the real inputs
/// kept (some outgoing |w| > τ). Real inputs are the first `realFeatures` columns.
class FirstLayerSparsity
{
public:
    /// `weights` is units × inputs, row-major (row = hidden unit).
    static std::vector<SmallWeights> count(const std::vector<float> &weights, int units, int inputs,
                                           int realFeatures);
};

} // namespace sparsescope::core
