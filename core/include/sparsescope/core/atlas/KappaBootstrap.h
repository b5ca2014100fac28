// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace sparsescope::core {

/// A two-sided interval.
struct Interval
{
    double low = 0.0;
    double high = 0.0;
};

/// Bootstrap interval of error consistency κ (ErrorConsistency) over paired trials: resample the
/// pairs with replacement, compute κ of each resample, take percentiles (Efron's percentile
/// interval). Resample r draws n indices in order from one std::mt19937_64(seed) through
/// std::uniform_int_distribution<std::size_t>(0, n − 1); percentiles interpolate linearly
/// between order statistics (numpy's default), so a direct computation reproduces it exactly.
class KappaBootstrap
{
public:
    /// `a`, `b`: correctness of the two observers on the same trials. NaN bounds when there are
    /// no pairs.
    static Interval interval(const std::vector<bool> &a, const std::vector<bool> &b,
                             int resamples = 1000, std::uint64_t seed = 1, double level = 0.95);
    /// The q-quantile (q in [0, 1]) of `values`, linear between order statistics.
    static double percentile(std::vector<double> values, double q);
};

} // namespace sparsescope::core
