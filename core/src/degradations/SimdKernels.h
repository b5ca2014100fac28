// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the inner loops of the flattened Fourier convolution and of Eidolon's disarray, in
// one copy per SimdLevel (baseline C++, AVX2 and AVX-512 intrinsics). GCC leaves loops over
// std::complex scalar, and the reductions and gathers here do not vectorise by themselves.
// Every level does the same IEEE operations on every value, so all levels give the same bits
// (tests compare them); the complex products are the textbook formula of multiply().
#pragma once

#include "degradations/SimdLevel.h"

#include <complex>
#include <cstddef>
#include <cstdint>

namespace sparsescope::core {

class SimdKernels
{
public:
    using Complex = std::complex<double>;

    /// out[i] = a[i] * b[i], i < n (out may be a).
    static void multiply(SimdLevel::Level level, Complex *out, const Complex *a, const Complex *b,
                         std::size_t n);
    /// out[i] = a[i] * conj(b[i]) (out may be a).
    static void multiplyConjugate(SimdLevel::Level level, Complex *out, const Complex *a,
                                  const Complex *b, std::size_t n);
    /// out[i] = a[i] * (b[i] - c[i]) (out may be a).
    static void multiplyDifference(SimdLevel::Level level, Complex *out, const Complex *a,
                                   const Complex *b, const Complex *c, std::size_t n);
    /// x = a[i] * b[i]; out[i] = x * factor (out may be a); returns the sum of |x|^2 in a fixed
    /// order: four partial sums over i mod 4, each in increasing i, then (s0 + s1) + (s2 + s3).
    static double multiplyScaleEnergy(SimdLevel::Level level, Complex *out, const Complex *a,
                                      const Complex *b, std::size_t n, double factor);

    /// The disarray's source rows of one column of the picture:
    /// rows[r] = int(clip((dx[r] * scale - shift) * reach + (r + firstRow), 0, lastRow)), r < n.
    static void disarrayRows(SimdLevel::Level level, std::int32_t *rows, const double *dx,
                             std::size_t n, double scale, double shift, double reach, int firstRow,
                             double lastRow);
    /// The disarray's gather for one column j: column[r] = int(clip((dy[r] * scale - shift) *
    /// reach + j, 0, lastColumn)); sum[r] += slice[column[r] * planeStride + rows[r]] * scale.
    static void disarrayGather(SimdLevel::Level level, double *sum, const double *dy,
                               const std::int32_t *rows, std::size_t n, double scale, double shift,
                               double reach, int j, double lastColumn, const double *slice,
                               std::size_t planeStride);
};

} // namespace sparsescope::core
