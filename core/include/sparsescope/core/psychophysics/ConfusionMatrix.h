// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/ResponseCounts.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// A response × presented-category contingency table, as `get.confusion` of the 2018 R code
/// builds it: columns are the presented categories (sorted by name), rows the same categories
/// plus any other label that was answered, then "na" last. percent() normalises per presented
/// category, so each column sums to 100 with its "na" cell.
class ConfusionMatrix
{
public:
    /// Pools the given units of `counts` (e.g. all human subjects of one condition, or all
    /// sessions of one DNN).
    static ConfusionMatrix pool(const ResponseCounts &counts, const std::vector<std::size_t> &units,
                                const StringPool &labels);

    std::size_t rowCount() const { return m_rowLabels.size(); }
    std::size_t columnCount() const { return m_columnLabels.size(); }
    /// Label ids of the rows (responses, "na" = TrialTable::kNoResponse last) and the columns.
    const std::vector<std::int32_t> &rowLabels() const { return m_rowLabels; }
    const std::vector<std::int32_t> &columnLabels() const { return m_columnLabels; }
    const std::vector<std::string> &rowNames() const { return m_rowNames; }
    const std::vector<std::string> &columnNames() const { return m_columnNames; }

    std::int64_t count(std::size_t row, std::size_t column) const
    {
        return m_counts[row * m_columnLabels.size() + column];
    }
    /// Trials that showed the column's category.
    std::int64_t columnTotal(std::size_t column) const { return m_columnTotals[column]; }
    /// 100 · count / columnTotal (0 for an empty column).
    double percent(std::size_t row, std::size_t column) const;

private:
    std::vector<std::int32_t> m_rowLabels, m_columnLabels;
    std::vector<std::string> m_rowNames, m_columnNames;
    std::vector<std::int64_t> m_counts, m_columnTotals;
};

} // namespace sparsescope::core
