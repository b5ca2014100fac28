// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ErrorPatternDistance.h"

#include "sparsescope/core/psychophysics/TrialTable.h"

#include <cmath>
#include <limits>

namespace sparsescope::core {

std::vector<double>
ErrorPatternDistance::errorDistribution(const ResponseCounts &counts, std::size_t u,
                                        const std::vector<std::int32_t> &categories)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> errors;
    errors.reserve(categories.size());
    double sum = 0.0;
    for (const std::int32_t k : categories) {
        std::int64_t answered = 0;
        for (std::int32_t r = 0; r < counts.labelCount(); ++r)
            if (r != TrialTable::kNoResponse)
                answered += counts.count(u, k, r);
        if (answered == 0) {
            errors.push_back(nan);
            continue;
        }
        const double rate
            = 1.0 - static_cast<double>(counts.count(u, k, k)) / static_cast<double>(answered);
        errors.push_back(rate);
        sum += rate;
    }
    for (double &e : errors)
        e = sum > 0.0 ? e / sum : nan;
    return errors;
}

double ErrorPatternDistance::distance(const std::vector<double> &p, const std::vector<double> &q)
{
    if (p.size() != q.size())
        return std::numeric_limits<double>::quiet_NaN();
    double sum = 0.0;
    for (std::size_t k = 0; k < p.size(); ++k)
        sum += (p[k] - q[k]) * (p[k] - q[k]); // NaN propagates
    return sum;
}

} // namespace sparsescope::core
