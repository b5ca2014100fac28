// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/TrialTable.h"

#include <cstdint>
#include <vector>

namespace sparsescope::core {

/// One observer unit in one condition of one experiment.
struct ResponseUnit
{
    std::int32_t experiment = 0;
    std::int32_t observer = 0;
    ObserverKind kind = ObserverKind::Human;
    std::int32_t session = -1; ///< -1: all sessions of the observer pooled
    std::int32_t condition = 0;
};

/// Per observer unit and condition, the category × response count matrix: everything the
/// accuracy, entropy, confusion and error-pattern metrics need, counted in one pass over the
/// table. Labels are the table's label ids (0 = "na"). Units are sorted by experiment, kind
/// (humans first), observer name, session and condition (ConditionOrder).
class ResponseCounts
{
public:
    enum class Grouping {
        /// The 2018 paper's units: a human subject (all its sessions), a DNN session.
        PaperUnits,
        /// One unit per observer, sessions pooled (DNN sessions saw different images).
        Observers,
    };

    /// Counts `table`; `experiment` >= 0 restricts to that experiment id.
    static ResponseCounts count(const TrialTable &table, Grouping grouping,
                                std::int32_t experiment = -1);

    std::size_t unitCount() const { return m_units.size(); }
    const ResponseUnit &unit(std::size_t u) const { return m_units[u]; }
    const std::vector<ResponseUnit> &units() const { return m_units; }
    /// Matrix side: the number of labels in the table, "na" included.
    std::int32_t labelCount() const { return m_labels; }

    /// Trials of unit `u` that showed `category` and got `response`.
    std::int64_t count(std::size_t u, std::int32_t category, std::int32_t response) const
    {
        return m_counts[(u * static_cast<std::size_t>(m_labels)
                         + static_cast<std::size_t>(category))
                            * static_cast<std::size_t>(m_labels)
                        + static_cast<std::size_t>(response)];
    }
    std::int64_t trials(std::size_t u) const;
    std::int64_t correct(std::size_t u) const;
    /// correct / trials; "na" counts as wrong. NaN for an empty unit.
    double accuracy(std::size_t u) const;
    /// Response counts of unit `u` by label, summed over categories ("na" at index 0).
    std::vector<std::int64_t> responseTotals(std::size_t u) const;
    /// Trials of unit `u` by presented category.
    std::vector<std::int64_t> categoryTotals(std::size_t u) const;

    /// Response-distribution entropy in bits as the 2018 R code computes it: p(r) over the
    /// responses r ≠ "na", "na" left out of numerator and denominator. NaN when every response
    /// is "na".
    double responseEntropy(std::size_t u) const;
    /// model-vs-human's `Entropy`: p(k) = #{response == k} / #all trials ("na" included), for
    /// each presented category k; terms with p ≤ 1e-5 skipped.
    double responseEntropyModelVsHuman(std::size_t u) const;

private:
    std::vector<ResponseUnit> m_units;
    std::vector<std::int32_t> m_counts; // unit × category × response
    std::int32_t m_labels = 0;
};

} // namespace sparsescope::core
