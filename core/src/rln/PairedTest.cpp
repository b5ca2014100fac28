// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/PairedTest.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sparsescope::core {

namespace {

/// ln Γ(x) without std::lgamma's write to the global signgam (a data race when two threads
/// summarise at once): glibc's reentrant lgamma_r.
double logGamma(double x)
{
    int sign = 0;
    return ::lgamma_r(x, &sign);
}

/// The continued fraction of I_x(a, b) by the modified Lentz method (converges for
/// x < (a + 1) / (a + b + 2)).
double betaContinuedFraction(double a, double b, double x)
{
    constexpr double tiny = 1e-300;
    constexpr double epsilon = 1e-15;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / (std::abs(d) < tiny ? tiny : d);
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        const double m2 = 2.0 * m;
        // Even step.
        double numerator = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + numerator * d;
        c = 1.0 + numerator / c;
        d = 1.0 / (std::abs(d) < tiny ? tiny : d);
        c = std::abs(c) < tiny ? tiny : c;
        h *= d * c;
        // Odd step.
        numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + numerator * d;
        c = 1.0 + numerator / c;
        d = 1.0 / (std::abs(d) < tiny ? tiny : d);
        c = std::abs(c) < tiny ? tiny : c;
        const double step = d * c;
        h *= step;
        if (std::abs(step - 1.0) < epsilon)
            break;
    }
    return h;
}

} // namespace

double PairedTest::incompleteBeta(double a, double b, double x)
{
    if (!(x > 0.0))
        return 0.0;
    if (!(x < 1.0))
        return 1.0;
    const double logFront
        = logGamma(a + b) - logGamma(a) - logGamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double PairedTest::studentTwoSided(double t, double degrees)
{
    if (std::isnan(t) || !(degrees > 0.0))
        return std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(t))
        return 0.0;
    return incompleteBeta(degrees / 2.0, 0.5, degrees / (degrees + t * t));
}

double PairedTest::tTestP(const std::vector<double> &differences)
{
    const std::size_t n = differences.size();
    if (n < 2)
        return std::numeric_limits<double>::quiet_NaN();
    double mean = 0.0;
    for (double d : differences)
        mean += d;
    mean /= double(n);
    double squares = 0.0;
    for (double d : differences)
        squares += (d - mean) * (d - mean);
    const double sd = std::sqrt(squares / double(n - 1));
    if (sd == 0.0)
        return mean == 0.0 ? 1.0 : 0.0;
    return studentTwoSided(mean / (sd / std::sqrt(double(n))), double(n - 1));
}

double PairedTest::signTestP(const std::vector<double> &differences)
{
    int negative = 0;
    int positive = 0;
    for (double d : differences) {
        negative += d < 0.0 ? 1 : 0;
        positive += d > 0.0 ? 1 : 0;
    }
    const int n = negative + positive;
    if (n == 0)
        return 1.0;
    const int k = std::min(negative, positive);
    // 2 · P(X ≤ k) for X ~ Binomial(n, 1/2), capped at 1 (equal tails: binomtest's two-sided).
    double tail = 0.0;
    for (int i = 0; i <= k; ++i)
        tail += std::exp(logGamma(n + 1.0) - logGamma(i + 1.0) - logGamma(n - i + 1.0)
                         - n * std::log(2.0));
    return std::min(1.0, 2.0 * tail);
}

} // namespace sparsescope::core
