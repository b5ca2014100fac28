// SPDX-License-Identifier: GPL-3.0-or-later
// Private: paired significance tests of per-seed differences (issue 23).
#pragma once

#include <vector>

namespace sparsescope::core {

/// Two-sided tests that the mean (t-test) or the median (sign test) of paired differences is 0.
class PairedTest
{
public:
    /// Student's t-test on the differences (scipy.stats.ttest_1samp(d, 0)): NaN with fewer
    /// than two differences; 0 when all differences are equal and non-zero; 1 when all are 0.
    static double tTestP(const std::vector<double> &differences);
    /// The exact two-sided sign test (scipy.stats.binomtest(k, n, 0.5)), zero differences
    /// dropped; 1 when none is left.
    static double signTestP(const std::vector<double> &differences);
    /// P(|T| ≥ |t|) for Student's t with `degrees` degrees of freedom.
    static double studentTwoSided(double t, double degrees);
    /// The regularised incomplete beta function I_x(a, b).
    static double incompleteBeta(double a, double b, double x);
};

} // namespace sparsescope::core
