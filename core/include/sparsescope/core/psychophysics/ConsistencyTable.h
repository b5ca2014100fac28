// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/ErrorConsistency.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// One observer pair in one condition.
struct ConsistencyRow
{
    std::string experiment, condition;
    std::string observerA, observerB;
    ObserverKind kindA = ObserverKind::Human, kindB = ObserverKind::Human;
    ErrorConsistencyResult consistency; ///< on the images both saw (n = 0: none shared)
    double errorPatternDistance = 0.0; ///< the 2018 L2 distance, on all their trials
};

/// Every unordered observer pair of one experiment, per condition: observed and expected
/// consistency, Cohen's κ and the accuracy difference on the shared images (matched by short
/// image id, DNN sessions pooled), and the 2018 error-pattern distance.
class ConsistencyTable
{
public:
    static std::vector<ConsistencyRow> compute(const TrialTable &table, std::int32_t experiment);
    /// Writes experiment,condition,observer_a,kind_a,observer_b,kind_b,n,accuracy_a,
    /// accuracy_b,observed,expected,kappa,accuracy_difference,error_pattern_distance.
    static void writeCsv(const std::vector<ConsistencyRow> &rows, const std::string &path);
};

} // namespace sparsescope::core
