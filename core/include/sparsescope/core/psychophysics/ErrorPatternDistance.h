// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/ResponseCounts.h"

#include <cstdint>
#include <vector>

namespace sparsescope::core {

/// The 2018 repository's "error consistency" (plot_error_consistency.R), which is not Cohen's κ:
/// per presented category k the error rate e_k over the non-"na" trials, normalised to
/// P = e / Σe, and the squared L2 distance Σ_k (P_k − Q_k)² between two observers. Needs no
/// shared images.
class ErrorPatternDistance
{
public:
    /// P of unit `u` (use ResponseCounts::Grouping::Observers: DNN sessions pooled), one value
    /// per entry of `categories` (label ids). NaN entries when a category has no answered trial,
    /// all NaN when the unit made no error.
    static std::vector<double> errorDistribution(const ResponseCounts &counts, std::size_t u,
                                                 const std::vector<std::int32_t> &categories);
    /// Σ (P_k − Q_k)²; NaN when any entry is NaN or the sizes differ.
    static double distance(const std::vector<double> &p, const std::vector<double> &q);
};

} // namespace sparsescope::core
