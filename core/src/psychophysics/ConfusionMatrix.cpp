// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ConfusionMatrix.h"

#include "sparsescope/core/psychophysics/TrialTable.h"

#include <algorithm>

namespace sparsescope::core {

ConfusionMatrix ConfusionMatrix::pool(const ResponseCounts &counts,
                                      const std::vector<std::size_t> &units,
                                      const StringPool &labels)
{
    const auto n = static_cast<std::size_t>(counts.labelCount());
    std::vector<std::int64_t> pooled(n * n, 0); // category × response
    for (const std::size_t u : units)
        for (std::int32_t k = 0; k < counts.labelCount(); ++k)
            for (std::int32_t r = 0; r < counts.labelCount(); ++r)
                pooled[static_cast<std::size_t>(k) * n + static_cast<std::size_t>(r)]
                    += counts.count(u, k, r);

    std::vector<bool> presented(n, false), answered(n, false);
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t r = 0; r < n; ++r)
            if (pooled[k * n + r] > 0) {
                presented[k] = true;
                answered[r] = true;
            }
    ConfusionMatrix matrix;
    const auto byName = [&](std::int32_t a, std::int32_t b) {
        return labels.view(a) < labels.view(b);
    };
    for (std::size_t k = 1; k < n; ++k) {
        if (presented[k])
            matrix.m_columnLabels.push_back(static_cast<std::int32_t>(k));
        if (presented[k] || answered[k])
            matrix.m_rowLabels.push_back(static_cast<std::int32_t>(k));
    }
    std::sort(matrix.m_columnLabels.begin(), matrix.m_columnLabels.end(), byName);
    std::sort(matrix.m_rowLabels.begin(), matrix.m_rowLabels.end(), byName);
    matrix.m_rowLabels.push_back(TrialTable::kNoResponse);
    for (const auto label : matrix.m_rowLabels)
        matrix.m_rowNames.push_back(labels.string(label));
    for (const auto label : matrix.m_columnLabels)
        matrix.m_columnNames.push_back(labels.string(label));

    const std::size_t columns = matrix.m_columnLabels.size();
    matrix.m_counts.assign(matrix.m_rowLabels.size() * columns, 0);
    matrix.m_columnTotals.assign(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        const auto k = static_cast<std::size_t>(matrix.m_columnLabels[c]);
        for (std::size_t r = 0; r < matrix.m_rowLabels.size(); ++r) {
            const std::int64_t value
                = pooled[k * n + static_cast<std::size_t>(matrix.m_rowLabels[r])];
            matrix.m_counts[r * columns + c] = value;
            matrix.m_columnTotals[c] += value;
        }
    }
    return matrix;
}

double ConfusionMatrix::percent(std::size_t row, std::size_t column) const
{
    const std::int64_t total = m_columnTotals[column];
    return total == 0
        ? 0.0
        : 100.0 * static_cast<double>(count(row, column)) / static_cast<double>(total);
}

} // namespace sparsescope::core
