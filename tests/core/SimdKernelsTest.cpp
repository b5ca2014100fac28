// SPDX-License-Identifier: GPL-3.0-or-later
// The degradations' vector kernels: every SIMD level this CPU has gives the baseline's bits
// (lengths with tails, values that the disarray clips), the energy is the documented fixed-order
// sum, and Eidolon's output is the same at every level.
#include "degradations/SimdKernels.h"
#include "degradations/SimdLevel.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstring>
#include <random>
#include <vector>

using namespace sparsescope;
using core::SimdKernels;
using core::SimdLevel;
using Complex = std::complex<double>;

namespace {

/// Restores the cap when a test ends (the cap is process-wide).
struct CapGuard
{
    ~CapGuard() { SimdLevel::setCap(SimdLevel::Avx512); }
};

std::vector<SimdLevel::Level> levelsOfThisCpu()
{
    std::vector<SimdLevel::Level> levels {SimdLevel::Baseline};
    if (SimdLevel::detected() >= SimdLevel::Avx2)
        levels.push_back(SimdLevel::Avx2);
    if (SimdLevel::detected() >= SimdLevel::Avx512)
        levels.push_back(SimdLevel::Avx512);
    return levels;
}

std::vector<Complex> randomComplex(std::size_t n, std::uint32_t seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> value(0.0, 100.0);
    std::vector<Complex> v(n);
    for (Complex &c : v)
        c = {value(random), value(random)};
    return v;
}

bool sameBits(const std::vector<Complex> &a, const std::vector<Complex> &b)
{
    // Empty vectors may have null data(), which memcmp must not get (UBSan, issue 19.4).
    return a.size() == b.size()
        && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(Complex)) == 0);
}

} // namespace

TEST(SimdKernels, ComplexProductsAreTheTextbookFormulaAtEveryLevel)
{
    for (const std::size_t n : {0u, 1u, 2u, 3u, 5u, 8u, 66u, 257u}) {
        const std::vector<Complex> a = randomComplex(n, 1);
        const std::vector<Complex> b = randomComplex(n, 2);
        const std::vector<Complex> c = randomComplex(n, 3);
        std::vector<Complex> product(n), conjugate(n), difference(n);
        for (std::size_t i = 0; i < n; ++i) {
            auto mul = [](Complex x, Complex y) {
                return Complex {x.real() * y.real() - x.imag() * y.imag(),
                                x.real() * y.imag() + x.imag() * y.real()};
            };
            product[i] = mul(a[i], b[i]);
            conjugate[i] = mul(a[i], std::conj(b[i]));
            difference[i] = mul(a[i], b[i] - c[i]);
        }
        for (const SimdLevel::Level level : levelsOfThisCpu()) {
            std::vector<Complex> out(n);
            SimdKernels::multiply(level, out.data(), a.data(), b.data(), n);
            EXPECT_TRUE(sameBits(out, product)) << "multiply, level " << level << ", n " << n;
            std::vector<Complex> inPlace = a;
            SimdKernels::multiplyConjugate(level, inPlace.data(), inPlace.data(), b.data(), n);
            EXPECT_TRUE(sameBits(inPlace, conjugate))
                << "conjugate, level " << level << ", n " << n;
            SimdKernels::multiplyDifference(level, out.data(), a.data(), b.data(), c.data(), n);
            EXPECT_TRUE(sameBits(out, difference)) << "difference, level " << level << ", n " << n;
        }
    }
}

TEST(SimdKernels, EnergyIsTheFixedOrderSumAtEveryLevel)
{
    for (const std::size_t n : {0u, 1u, 3u, 4u, 7u, 65u, 256u}) {
        const std::vector<Complex> a = randomComplex(n, 4);
        const std::vector<Complex> b = randomComplex(n, 5);
        const double factor = 0.3;
        std::vector<Complex> expected(n);
        double partial[4] = {0.0, 0.0, 0.0, 0.0};
        for (std::size_t i = 0; i < n; ++i) {
            const Complex x {a[i].real() * b[i].real() - a[i].imag() * b[i].imag(),
                             a[i].real() * b[i].imag() + a[i].imag() * b[i].real()};
            expected[i] = x * factor;
            partial[i % 4] += x.real() * x.real() + x.imag() * x.imag();
        }
        const double energy = (partial[0] + partial[1]) + (partial[2] + partial[3]);
        for (const SimdLevel::Level level : levelsOfThisCpu()) {
            std::vector<Complex> out(n);
            const double got = SimdKernels::multiplyScaleEnergy(level, out.data(), a.data(),
                                                                b.data(), n, factor);
            EXPECT_EQ(std::memcmp(&got, &energy, sizeof got), 0)
                << "level " << level << ", n " << n << ": " << got << " vs " << energy;
            EXPECT_TRUE(sameBits(out, expected)) << "level " << level << ", n " << n;
        }
    }
}

TEST(SimdKernels, DisarrayRowsAndGatherClipLikeNumpyAtEveryLevel)
{
    // A 40 x 48 slice (transposed, rows 48 apart), fields that reach past both edges.
    const int hh = 40, ww = 36;
    const std::size_t planeStride = 48;
    std::vector<double> slice(std::size_t(ww) * planeStride);
    for (std::size_t i = 0; i < slice.size(); ++i)
        slice[i] = double(i % 97) - 13.5;
    std::mt19937 random(6);
    std::normal_distribution<double> field(0.0, 3000.0);
    const std::size_t n = 29; // a tail for both vector widths
    std::vector<double> dx(n), dy(n);
    for (std::size_t r = 0; r < n; ++r) {
        dx[r] = field(random);
        dy[r] = field(random);
    }
    const double scale = 1.0 / 1440.0, shift = 0.25, reach = 8.0;
    const int firstRow = 5, j = 7;
    std::vector<std::int32_t> expectedRows(n);
    std::vector<double> expectedSum(n, 1.0);
    for (std::size_t r = 0; r < n; ++r) {
        const double row = std::clamp((dx[r] * scale - shift) * reach + double(int(r) + firstRow),
                                      0.0, double(hh - 1));
        expectedRows[r] = static_cast<std::int32_t>(std::floor(row));
        const double column
            = std::clamp((dy[r] * scale - shift) * reach + double(j), 0.0, double(ww - 1));
        expectedSum[r]
            += slice[std::size_t(std::floor(column)) * planeStride + std::size_t(expectedRows[r])]
            * scale;
    }
    int clippedLow = 0, clippedHigh = 0;
    for (const std::int32_t row : expectedRows) {
        clippedLow += row == 0;
        clippedHigh += row == hh - 1;
    }
    ASSERT_GT(clippedLow, 0) << "the test fields should reach past the first row";
    ASSERT_GT(clippedHigh, 0) << "the test fields should reach past the last row";
    for (const SimdLevel::Level level : levelsOfThisCpu()) {
        std::vector<std::int32_t> rows(n, -1);
        SimdKernels::disarrayRows(level, rows.data(), dx.data(), n, scale, shift, reach, firstRow,
                                  double(hh - 1));
        EXPECT_EQ(rows, expectedRows) << "level " << level;
        std::vector<double> sum(n, 1.0);
        SimdKernels::disarrayGather(level, sum.data(), dy.data(), expectedRows.data(), n, scale,
                                    shift, reach, j, double(ww - 1), slice.data(), planeStride);
        EXPECT_EQ(std::memcmp(sum.data(), expectedSum.data(), n * sizeof(double)), 0)
            << "level " << level;
    }
}

TEST(SimdKernels, CapLimitsTheActiveLevel)
{
    CapGuard guard;
    SimdLevel::setCap(SimdLevel::Baseline);
    EXPECT_EQ(SimdLevel::active(), SimdLevel::Baseline);
    SimdLevel::setCap(SimdLevel::Avx512);
    EXPECT_EQ(SimdLevel::active(), SimdLevel::detected());
}

TEST(SimdKernels, EidolonGivesTheSameImageAtEveryLevel)
{
    CapGuard guard;
    // A 96 x 80 grey picture with edges (the toolbox embeds it in a 512 x 512 plane).
    core::FloatImage picture(96, 80, 1);
    for (int i = 0; i < picture.height; ++i)
        for (int k = 0; k < picture.width; ++k)
            picture.at(i, k) = ((i / 12 + k / 10) % 2 ? 0.8 : 0.2) + 0.1 * std::sin(0.3 * i * k);
    for (const char *type : {"eidolon-1", "eidolon-2", "eidolon-3"}) {
        core::DegradationSettings settings;
        settings.level = 16;
        settings.seed = 3;
        std::vector<core::FloatImage> outputs;
        for (const SimdLevel::Level level : levelsOfThisCpu()) {
            SimdLevel::setCap(level);
            outputs.push_back(core::DegradationRegistry::apply(type, picture, settings));
        }
        ASSERT_FALSE(outputs.front().empty());
        for (std::size_t l = 1; l < outputs.size(); ++l)
            EXPECT_EQ(outputs[l].values, outputs.front().values) << type << ", level " << l;
        double low = 1.0, high = 0.0;
        for (const double v : outputs.front().values) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
        EXPECT_LT(low, 0.3) << type; // a disarrayed picture, not a constant
        EXPECT_GT(high, 0.7) << type;
    }
}
