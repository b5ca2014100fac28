// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace sparsescope::core {

class CsvTable;

/// Standardisation of a table's features (x − mean) / sd, fitted on training rows only (as
/// scikit-learn's StandardScaler: population sd, 1 for constant columns). Missing values (NaN)
/// are left out of the fit and become the training mean, i.e. 0 after scaling.
class TableScaler
{
public:
    static TableScaler fit(const CsvTable &table, const std::vector<std::size_t> &rows);

    /// rows.size() × features, row-major.
    std::vector<float> transform(const CsvTable &table, const std::vector<std::size_t> &rows) const;

    const std::vector<double> &mean() const { return m_mean; }
    const std::vector<double> &scale() const { return m_scale; }

private:
    std::vector<double> m_mean;
    std::vector<double> m_scale;
};

} // namespace sparsescope::core
