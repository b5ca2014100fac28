// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/KappaBootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace sparsescope::core {

namespace {

/// κ from the four cell counts, as ErrorConsistency computes it.
double kappaOfCounts(std::size_t bothRight, std::size_t bothWrong, std::size_t aRight,
                     std::size_t bRight, std::size_t n)
{
    const double p1 = double(aRight) / double(n);
    const double p2 = double(bRight) / double(n);
    const double observed = double(bothRight + bothWrong) / double(n);
    const double expected = p1 * p2 + (1.0 - p1) * (1.0 - p2);
    if (observed == 1.0)
        return 1.0;
    return (observed - expected) / (1.0 - expected);
}

} // namespace

double KappaBootstrap::percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double position = std::clamp(q, 0.0, 1.0) * double(values.size() - 1);
    const auto below = std::size_t(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - double(below);
    return values[below] + fraction * (values[above] - values[below]);
}

Interval KappaBootstrap::interval(const std::vector<bool> &a, const std::vector<bool> &b,
                                  int resamples, std::uint64_t seed, double level)
{
    const std::size_t n = std::min(a.size(), b.size());
    if (n == 0 || resamples <= 0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    std::vector<double> kappas;
    kappas.reserve(std::size_t(resamples));
    for (int r = 0; r < resamples; ++r) {
        std::size_t bothRight = 0, bothWrong = 0, aRight = 0, bRight = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t i = pick(random);
            aRight += a[i];
            bRight += b[i];
            bothRight += a[i] && b[i];
            bothWrong += !a[i] && !b[i];
        }
        kappas.push_back(kappaOfCounts(bothRight, bothWrong, aRight, bRight, n));
    }
    const double tail = (1.0 - level) / 2.0;
    return {percentile(kappas, tail), percentile(kappas, 1.0 - tail)};
}

} // namespace sparsescope::core
