// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace sparsescope::core {

/// The members no other member beats on both axes: lower cost (x, e.g. MACs or latency) and
/// higher value (y, e.g. accuracy). A point is dominated when another has x ≤ and y ≥, one of
/// them strictly; equal points are all on the front. Points with a NaN coordinate are never on
/// it.
class ParetoFront
{
public:
    /// Indices of the front, by increasing x (then decreasing y).
    static std::vector<std::size_t> compute(const std::vector<double> &cost,
                                            const std::vector<double> &value);
};

} // namespace sparsescope::core
