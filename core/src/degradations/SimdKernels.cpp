// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/SimdKernels.h"

#include <immintrin.h>

// GCC 12's AVX-512 intrinsics pass _mm512_undefined_*() (`__Y = __Y`) as the merge source that
// an all-ones mask discards, and warn about it where they are inlined (GCC bug 105593, fixed in
// GCC 13).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

namespace sparsescope::core {

namespace {

using Complex = SimdKernels::Complex;

// ---- Baseline: the definitions. ----
// Not inlined into the vector versions (which call them for their tails): GCC 12 turns these
// loops, once compiled for AVX-512 (which brings FMA), into vfmaddsub despite
// -ffp-contract=off, and the tails would then round differently.

inline Complex product(Complex a, Complex b)
{
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

/// max(v, lo) then min(., hi), as MAXPD / MINPD compute them (a NaN gives lo).
inline double clip(double v, double lo, double hi)
{
    const double low = v > lo ? v : lo;
    return low < hi ? low : hi;
}

__attribute__((noinline)) void multiplyBaseline(Complex *out, const Complex *a, const Complex *b,
                                                std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = product(a[i], b[i]);
}

__attribute__((noinline)) void multiplyConjugateBaseline(Complex *out, const Complex *a,
                                                         const Complex *b, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = product(a[i], std::conj(b[i]));
}

__attribute__((noinline)) void multiplyDifferenceBaseline(Complex *out, const Complex *a,
                                                          const Complex *b, const Complex *c,
                                                          std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = product(a[i], b[i] - c[i]);
}

/// From element `begin` on, into the four partial sums; returns the total.
__attribute__((noinline)) double energyTail(Complex *out, const Complex *a, const Complex *b,
                                            std::size_t begin, std::size_t n, double factor,
                                            double partial[4])
{
    for (std::size_t i = begin; i < n; ++i) {
        const Complex x = product(a[i], b[i]);
        out[i] = x * factor;
        partial[i % 4] += x.real() * x.real() + x.imag() * x.imag();
    }
    return (partial[0] + partial[1]) + (partial[2] + partial[3]);
}

double multiplyScaleEnergyBaseline(Complex *out, const Complex *a, const Complex *b, std::size_t n,
                                   double factor)
{
    double partial[4] = {0.0, 0.0, 0.0, 0.0};
    return energyTail(out, a, b, 0, n, factor, partial);
}

__attribute__((noinline)) void rowsTail(std::int32_t *rows, const double *dx, std::size_t begin,
                                        std::size_t n, double scale, double shift, double reach,
                                        int firstRow, double lastRow)
{
    for (std::size_t r = begin; r < n; ++r) {
        const double x = dx[r] * scale - shift;
        rows[r] = static_cast<std::int32_t>(
            clip(x * reach + double(static_cast<int>(r) + firstRow), 0.0, lastRow));
    }
}

__attribute__((noinline)) void gatherTail(double *sum, const double *dy, const std::int32_t *rows,
                                          std::size_t begin, std::size_t n, double scale,
                                          double shift, double reach, int j, double lastColumn,
                                          const double *slice, std::size_t planeStride)
{
    for (std::size_t r = begin; r < n; ++r) {
        const double y = dy[r] * scale - shift;
        const auto column = static_cast<std::int32_t>(clip(y * reach + double(j), 0.0, lastColumn));
        sum[r] += slice[std::size_t(column) * planeStride + std::size_t(rows[r])] * scale;
    }
}

// ---- AVX2: two complex values a vector. ----

__attribute__((target("avx2"), always_inline)) inline __m256d productAvx2(__m256d a, __m256d b)
{
    const __m256d t1 = _mm256_mul_pd(_mm256_movedup_pd(a), b); // ar br, ar bi
    const __m256d t2 = _mm256_mul_pd(_mm256_permute_pd(a, 0xF), _mm256_permute_pd(b, 0x5));
    return _mm256_addsub_pd(t1, t2); // ar br - ai bi, ar bi + ai br
}

__attribute__((target("avx2"))) void multiplyAvx2(Complex *out, const Complex *a, const Complex *b,
                                                  std::size_t n)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    std::size_t i = 0;
    for (; i + 2 <= n; i += 2)
        _mm256_storeu_pd(o + 2 * i,
                         productAvx2(_mm256_loadu_pd(x + 2 * i), _mm256_loadu_pd(y + 2 * i)));
    multiplyBaseline(out + i, a + i, b + i, n - i);
}

__attribute__((target("avx2"))) void multiplyConjugateAvx2(Complex *out, const Complex *a,
                                                           const Complex *b, std::size_t n)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    const __m256d imaginarySign = _mm256_setr_pd(0.0, -0.0, 0.0, -0.0);
    std::size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        const __m256d conj = _mm256_xor_pd(_mm256_loadu_pd(y + 2 * i), imaginarySign);
        _mm256_storeu_pd(o + 2 * i, productAvx2(_mm256_loadu_pd(x + 2 * i), conj));
    }
    multiplyConjugateBaseline(out + i, a + i, b + i, n - i);
}

__attribute__((target("avx2"))) void multiplyDifferenceAvx2(Complex *out, const Complex *a,
                                                            const Complex *b, const Complex *c,
                                                            std::size_t n)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    const auto *z = reinterpret_cast<const double *>(c);
    std::size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        const __m256d d = _mm256_sub_pd(_mm256_loadu_pd(y + 2 * i), _mm256_loadu_pd(z + 2 * i));
        _mm256_storeu_pd(o + 2 * i, productAvx2(_mm256_loadu_pd(x + 2 * i), d));
    }
    multiplyDifferenceBaseline(out + i, a + i, b + i, c + i, n - i);
}

__attribute__((target("avx2"))) double multiplyScaleEnergyAvx2(Complex *out, const Complex *a,
                                                               const Complex *b, std::size_t n,
                                                               double factor)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    const __m256d f = _mm256_set1_pd(factor);
    // acc0: elements 0 and 1 mod 4 (each twice: re^2 + im^2 and im^2 + re^2), acc1: 2 and 3.
    __m256d acc0 = _mm256_setzero_pd();
    __m256d acc1 = _mm256_setzero_pd();
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d p0 = productAvx2(_mm256_loadu_pd(x + 2 * i), _mm256_loadu_pd(y + 2 * i));
        const __m256d p1
            = productAvx2(_mm256_loadu_pd(x + 2 * i + 4), _mm256_loadu_pd(y + 2 * i + 4));
        _mm256_storeu_pd(o + 2 * i, _mm256_mul_pd(p0, f));
        _mm256_storeu_pd(o + 2 * i + 4, _mm256_mul_pd(p1, f));
        const __m256d s0 = _mm256_mul_pd(p0, p0);
        const __m256d s1 = _mm256_mul_pd(p1, p1);
        acc0 = _mm256_add_pd(acc0, _mm256_add_pd(s0, _mm256_permute_pd(s0, 0x5)));
        acc1 = _mm256_add_pd(acc1, _mm256_add_pd(s1, _mm256_permute_pd(s1, 0x5)));
    }
    alignas(32) double lanes0[4];
    alignas(32) double lanes1[4];
    _mm256_store_pd(lanes0, acc0);
    _mm256_store_pd(lanes1, acc1);
    double partial[4] = {lanes0[0], lanes0[2], lanes1[0], lanes1[2]};
    return energyTail(out, a, b, i, n, factor, partial);
}

__attribute__((target("avx2"))) void disarrayRowsAvx2(std::int32_t *rows, const double *dx,
                                                      std::size_t n, double scale, double shift,
                                                      double reach, int firstRow, double lastRow)
{
    const __m256d vScale = _mm256_set1_pd(scale);
    const __m256d vShift = _mm256_set1_pd(shift);
    const __m256d vReach = _mm256_set1_pd(reach);
    const __m256d zero = _mm256_setzero_pd();
    const __m256d last = _mm256_set1_pd(lastRow);
    const __m256d steps = _mm256_setr_pd(0.0, 1.0, 2.0, 3.0);
    std::size_t r = 0;
    for (; r + 4 <= n; r += 4) {
        const __m256d x = _mm256_sub_pd(_mm256_mul_pd(_mm256_loadu_pd(dx + r), vScale), vShift);
        const __m256d index
            = _mm256_add_pd(_mm256_set1_pd(double(static_cast<int>(r) + firstRow)), steps);
        const __m256d v = _mm256_add_pd(_mm256_mul_pd(x, vReach), index);
        const __m256d clipped = _mm256_min_pd(_mm256_max_pd(v, zero), last);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(rows + r), _mm256_cvttpd_epi32(clipped));
    }
    rowsTail(rows, dx, r, n, scale, shift, reach, firstRow, lastRow);
}

__attribute__((target("avx2"))) void
disarrayGatherAvx2(double *sum, const double *dy, const std::int32_t *rows, std::size_t n,
                   double scale, double shift, double reach, int j, double lastColumn,
                   const double *slice, std::size_t planeStride)
{
    const __m256d vScale = _mm256_set1_pd(scale);
    const __m256d vShift = _mm256_set1_pd(shift);
    const __m256d vReach = _mm256_set1_pd(reach);
    const __m256d vj = _mm256_set1_pd(double(j));
    const __m256d zero = _mm256_setzero_pd();
    const __m256d last = _mm256_set1_pd(lastColumn);
    const __m128i stride = _mm_set1_epi32(static_cast<int>(planeStride));
    std::size_t r = 0;
    for (; r + 4 <= n; r += 4) {
        const __m256d y = _mm256_sub_pd(_mm256_mul_pd(_mm256_loadu_pd(dy + r), vScale), vShift);
        const __m256d v = _mm256_add_pd(_mm256_mul_pd(y, vReach), vj);
        const __m128i column = _mm256_cvttpd_epi32(_mm256_min_pd(_mm256_max_pd(v, zero), last));
        const __m128i index
            = _mm_add_epi32(_mm_mullo_epi32(column, stride),
                            _mm_loadu_si128(reinterpret_cast<const __m128i *>(rows + r)));
        const __m256d values = _mm256_i32gather_pd(slice, index, 8);
        _mm256_storeu_pd(sum + r,
                         _mm256_add_pd(_mm256_loadu_pd(sum + r), _mm256_mul_pd(values, vScale)));
    }
    gatherTail(sum, dy, rows, r, n, scale, shift, reach, j, lastColumn, slice, planeStride);
}

// ---- AVX-512: four complex values a vector. ----

#define SPARSESCOPE_AVX512 "avx512f,avx512dq,avx512vl,avx512bw,avx2"

__attribute__((target(SPARSESCOPE_AVX512), always_inline)) inline __m512d productAvx512(__m512d a,
                                                                                        __m512d b)
{
    const __m512d realSign = _mm512_setr_pd(-0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0);
    const __m512d t1 = _mm512_mul_pd(_mm512_movedup_pd(a), b); // ar br, ar bi
    const __m512d t2 = _mm512_mul_pd(_mm512_permute_pd(a, 0xFF), _mm512_permute_pd(b, 0x55));
    // ar br + -(ai bi) is ar br - ai bi exactly.
    return _mm512_add_pd(t1, _mm512_xor_pd(t2, realSign));
}

__attribute__((target(SPARSESCOPE_AVX512))) void multiplyAvx512(Complex *out, const Complex *a,
                                                                const Complex *b, std::size_t n)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm512_storeu_pd(o + 2 * i,
                         productAvx512(_mm512_loadu_pd(x + 2 * i), _mm512_loadu_pd(y + 2 * i)));
    multiplyBaseline(out + i, a + i, b + i, n - i);
}

__attribute__((target(SPARSESCOPE_AVX512))) void
multiplyConjugateAvx512(Complex *out, const Complex *a, const Complex *b, std::size_t n)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    const __m512d imaginarySign = _mm512_setr_pd(0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m512d conj = _mm512_xor_pd(_mm512_loadu_pd(y + 2 * i), imaginarySign);
        _mm512_storeu_pd(o + 2 * i, productAvx512(_mm512_loadu_pd(x + 2 * i), conj));
    }
    multiplyConjugateBaseline(out + i, a + i, b + i, n - i);
}

__attribute__((target(SPARSESCOPE_AVX512))) void
multiplyDifferenceAvx512(Complex *out, const Complex *a, const Complex *b, const Complex *c,
                         std::size_t n)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    const auto *z = reinterpret_cast<const double *>(c);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m512d d = _mm512_sub_pd(_mm512_loadu_pd(y + 2 * i), _mm512_loadu_pd(z + 2 * i));
        _mm512_storeu_pd(o + 2 * i, productAvx512(_mm512_loadu_pd(x + 2 * i), d));
    }
    multiplyDifferenceBaseline(out + i, a + i, b + i, c + i, n - i);
}

__attribute__((target(SPARSESCOPE_AVX512))) double
multiplyScaleEnergyAvx512(Complex *out, const Complex *a, const Complex *b, std::size_t n,
                          double factor)
{
    auto *o = reinterpret_cast<double *>(out);
    const auto *x = reinterpret_cast<const double *>(a);
    const auto *y = reinterpret_cast<const double *>(b);
    const __m512d f = _mm512_set1_pd(factor);
    // Lanes 2k and 2k + 1: the elements k mod 4 (re^2 + im^2 and im^2 + re^2).
    __m512d acc = _mm512_setzero_pd();
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m512d p = productAvx512(_mm512_loadu_pd(x + 2 * i), _mm512_loadu_pd(y + 2 * i));
        _mm512_storeu_pd(o + 2 * i, _mm512_mul_pd(p, f));
        const __m512d s = _mm512_mul_pd(p, p);
        acc = _mm512_add_pd(acc, _mm512_add_pd(s, _mm512_permute_pd(s, 0x55)));
    }
    alignas(64) double lanes[8];
    _mm512_store_pd(lanes, acc);
    double partial[4] = {lanes[0], lanes[2], lanes[4], lanes[6]};
    return energyTail(out, a, b, i, n, factor, partial);
}

__attribute__((target(SPARSESCOPE_AVX512))) void
disarrayRowsAvx512(std::int32_t *rows, const double *dx, std::size_t n, double scale, double shift,
                   double reach, int firstRow, double lastRow)
{
    const __m512d vScale = _mm512_set1_pd(scale);
    const __m512d vShift = _mm512_set1_pd(shift);
    const __m512d vReach = _mm512_set1_pd(reach);
    const __m512d zero = _mm512_setzero_pd();
    const __m512d last = _mm512_set1_pd(lastRow);
    const __m512d steps = _mm512_setr_pd(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
    std::size_t r = 0;
    for (; r + 8 <= n; r += 8) {
        const __m512d x = _mm512_sub_pd(_mm512_mul_pd(_mm512_loadu_pd(dx + r), vScale), vShift);
        const __m512d index
            = _mm512_add_pd(_mm512_set1_pd(double(static_cast<int>(r) + firstRow)), steps);
        const __m512d v = _mm512_add_pd(_mm512_mul_pd(x, vReach), index);
        const __m512d clipped = _mm512_min_pd(_mm512_max_pd(v, zero), last);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(rows + r), _mm512_cvttpd_epi32(clipped));
    }
    rowsTail(rows, dx, r, n, scale, shift, reach, firstRow, lastRow);
}

__attribute__((target(SPARSESCOPE_AVX512))) void
disarrayGatherAvx512(double *sum, const double *dy, const std::int32_t *rows, std::size_t n,
                     double scale, double shift, double reach, int j, double lastColumn,
                     const double *slice, std::size_t planeStride)
{
    const __m512d vScale = _mm512_set1_pd(scale);
    const __m512d vShift = _mm512_set1_pd(shift);
    const __m512d vReach = _mm512_set1_pd(reach);
    const __m512d vj = _mm512_set1_pd(double(j));
    const __m512d zero = _mm512_setzero_pd();
    const __m512d last = _mm512_set1_pd(lastColumn);
    const __m256i stride = _mm256_set1_epi32(static_cast<int>(planeStride));
    std::size_t r = 0;
    for (; r + 8 <= n; r += 8) {
        const __m512d y = _mm512_sub_pd(_mm512_mul_pd(_mm512_loadu_pd(dy + r), vScale), vShift);
        const __m512d v = _mm512_add_pd(_mm512_mul_pd(y, vReach), vj);
        const __m256i column = _mm512_cvttpd_epi32(_mm512_min_pd(_mm512_max_pd(v, zero), last));
        const __m256i index
            = _mm256_add_epi32(_mm256_mullo_epi32(column, stride),
                               _mm256_loadu_si256(reinterpret_cast<const __m256i *>(rows + r)));
        const __m512d values = _mm512_i32gather_pd(index, slice, 8);
        _mm512_storeu_pd(sum + r,
                         _mm512_add_pd(_mm512_loadu_pd(sum + r), _mm512_mul_pd(values, vScale)));
    }
    gatherTail(sum, dy, rows, r, n, scale, shift, reach, j, lastColumn, slice, planeStride);
}

} // namespace

void SimdKernels::multiply(SimdLevel::Level level, Complex *out, const Complex *a, const Complex *b,
                           std::size_t n)
{
    switch (level) {
    case SimdLevel::Avx512:
        return multiplyAvx512(out, a, b, n);
    case SimdLevel::Avx2:
        return multiplyAvx2(out, a, b, n);
    case SimdLevel::Baseline:
        break;
    }
    multiplyBaseline(out, a, b, n);
}

void SimdKernels::multiplyConjugate(SimdLevel::Level level, Complex *out, const Complex *a,
                                    const Complex *b, std::size_t n)
{
    switch (level) {
    case SimdLevel::Avx512:
        return multiplyConjugateAvx512(out, a, b, n);
    case SimdLevel::Avx2:
        return multiplyConjugateAvx2(out, a, b, n);
    case SimdLevel::Baseline:
        break;
    }
    multiplyConjugateBaseline(out, a, b, n);
}

void SimdKernels::multiplyDifference(SimdLevel::Level level, Complex *out, const Complex *a,
                                     const Complex *b, const Complex *c, std::size_t n)
{
    switch (level) {
    case SimdLevel::Avx512:
        return multiplyDifferenceAvx512(out, a, b, c, n);
    case SimdLevel::Avx2:
        return multiplyDifferenceAvx2(out, a, b, c, n);
    case SimdLevel::Baseline:
        break;
    }
    multiplyDifferenceBaseline(out, a, b, c, n);
}

double SimdKernels::multiplyScaleEnergy(SimdLevel::Level level, Complex *out, const Complex *a,
                                        const Complex *b, std::size_t n, double factor)
{
    switch (level) {
    case SimdLevel::Avx512:
        return multiplyScaleEnergyAvx512(out, a, b, n, factor);
    case SimdLevel::Avx2:
        return multiplyScaleEnergyAvx2(out, a, b, n, factor);
    case SimdLevel::Baseline:
        break;
    }
    return multiplyScaleEnergyBaseline(out, a, b, n, factor);
}

void SimdKernels::disarrayRows(SimdLevel::Level level, std::int32_t *rows, const double *dx,
                               std::size_t n, double scale, double shift, double reach,
                               int firstRow, double lastRow)
{
    switch (level) {
    case SimdLevel::Avx512:
        return disarrayRowsAvx512(rows, dx, n, scale, shift, reach, firstRow, lastRow);
    case SimdLevel::Avx2:
        return disarrayRowsAvx2(rows, dx, n, scale, shift, reach, firstRow, lastRow);
    case SimdLevel::Baseline:
        break;
    }
    rowsTail(rows, dx, 0, n, scale, shift, reach, firstRow, lastRow);
}

void SimdKernels::disarrayGather(SimdLevel::Level level, double *sum, const double *dy,
                                 const std::int32_t *rows, std::size_t n, double scale,
                                 double shift, double reach, int j, double lastColumn,
                                 const double *slice, std::size_t planeStride)
{
    switch (level) {
    case SimdLevel::Avx512:
        return disarrayGatherAvx512(sum, dy, rows, n, scale, shift, reach, j, lastColumn, slice,
                                    planeStride);
    case SimdLevel::Avx2:
        return disarrayGatherAvx2(sum, dy, rows, n, scale, shift, reach, j, lastColumn, slice,
                                  planeStride);
    case SimdLevel::Baseline:
        break;
    }
    gatherTail(sum, dy, rows, 0, n, scale, shift, reach, j, lastColumn, slice, planeStride);
}

} // namespace sparsescope::core
