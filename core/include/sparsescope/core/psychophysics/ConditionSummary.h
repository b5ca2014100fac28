// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/ResponseCounts.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// One line of the per-condition summary.
struct ConditionSummaryRow
{
    std::string experiment;
    std::string observer; ///< a subject, a DNN, or "humans" (the mean over subjects)
    ObserverKind kind = ObserverKind::Human;
    std::string condition;
    std::int64_t n = 0; ///< trials behind the row
    int units = 0; ///< subjects (humans row) or sessions (DNN) averaged
    double accuracy = 0.0; ///< mean over units of the unit's accuracy ("na" wrong)
    double accuracyMin = 0.0, accuracyMax = 0.0; ///< range over units (the paper's error bars)
    double entropy = 0.0; ///< mean over units of the 2018 response-distribution entropy (bits)
};

/// Accuracy and response-distribution entropy per observer and condition, aggregated as the
/// 2018 paper does (data-analysis/plotting_results/plot_accuracy.R, plot_homing.R): a human's
/// value is over all its trials in the condition, a DNN's is the mean over its sessions, and the
/// `humans` row is the mean over subjects of their values.
class ConditionSummary
{
public:
    static constexpr std::string_view kHumansName = "humans";

    /// Rows per experiment: each observer's conditions (humans first), then the `humans` rows.
    static std::vector<ConditionSummaryRow> compute(const TrialTable &table);
    static std::vector<ConditionSummaryRow> compute(const TrialTable &table,
                                                    const ResponseCounts &paperUnits);

    /// Writes `experiment,observer,kind,condition,n,accuracy,entropy`.
    static void writeCsv(const std::vector<ConditionSummaryRow> &rows, const std::string &path);
};

} // namespace sparsescope::core
