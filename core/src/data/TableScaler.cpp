// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/TableScaler.h"

#include "sparsescope/core/data/CsvTable.h"

#include <cmath>

namespace sparsescope::core {

TableScaler TableScaler::fit(const CsvTable &table, const std::vector<std::size_t> &rows)
{
    const std::size_t features = table.features();
    TableScaler scaler;
    scaler.m_mean.assign(features, 0.0);
    scaler.m_scale.assign(features, 1.0);
    std::vector<std::size_t> counts(features, 0);
    for (std::size_t r : rows)
        for (std::size_t k = 0; k < features; ++k) {
            const float v = table.value(r, k);
            if (!std::isnan(v)) {
                scaler.m_mean[k] += v;
                ++counts[k];
            }
        }
    for (std::size_t k = 0; k < features; ++k)
        scaler.m_mean[k] = counts[k] ? scaler.m_mean[k] / double(counts[k]) : 0.0;
    std::vector<double> squares(features, 0.0);
    for (std::size_t r : rows)
        for (std::size_t k = 0; k < features; ++k) {
            const float v = table.value(r, k);
            if (!std::isnan(v))
                squares[k] += (v - scaler.m_mean[k]) * (v - scaler.m_mean[k]);
        }
    for (std::size_t k = 0; k < features; ++k) {
        const double sd = counts[k] ? std::sqrt(squares[k] / double(counts[k])) : 0.0;
        // Constant columns keep their scale (scikit-learn: scale 1 where the variance is 0).
        scaler.m_scale[k] = sd > 1e-12 ? sd : 1.0;
    }
    return scaler;
}

std::vector<float> TableScaler::transform(const CsvTable &table,
                                          const std::vector<std::size_t> &rows) const
{
    const std::size_t features = table.features();
    std::vector<float> out(rows.size() * features);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t k = 0; k < features; ++k) {
            const float v = table.value(rows[i], k);
            out[i * features + k]
                = std::isnan(v) ? 0.0f : float((double(v) - m_mean[k]) / m_scale[k]);
        }
    return out;
}

} // namespace sparsescope::core
