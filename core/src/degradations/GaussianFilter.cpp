// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/GaussianFilter.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/PairwiseSum_p.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include <immintrin.h>

namespace sparsescope::core {

namespace {

// exact(): double precision, padding with cval, no FMA.

/// acc[j] = a[j] * w0, then acc[j] += (left_k[j] + right_k[j]) * w[k] for k = r..1, row by
/// row: the inner loops run along contiguous rows and vectorise.
template<typename T>
inline __attribute__((always_inline)) void verticalPass(const T *in, T *out, int h, int w,
                                                        const T *weights, int radius, T cval)
{
    std::vector<T> constantRow(static_cast<std::size_t>(w), cval);
    for (int i = 0; i < h; ++i) {
        T *acc = out + static_cast<std::size_t>(i) * w;
        const T *centre = in + static_cast<std::size_t>(i) * w;
        const T w0 = weights[0];
        for (int j = 0; j < w; ++j)
            acc[j] = centre[j] * w0;
        for (int k = radius; k >= 1; --k) {
            const T *left
                = i - k >= 0 ? in + static_cast<std::size_t>(i - k) * w : constantRow.data();
            const T *right
                = i + k < h ? in + static_cast<std::size_t>(i + k) * w : constantRow.data();
            const T wk = weights[k];
            for (int j = 0; j < w; ++j)
                acc[j] += (left[j] + right[j]) * wk;
        }
    }
}

/// The same along each row, padded with `cval`.
template<typename T>
inline __attribute__((always_inline)) void horizontalPass(const T *in, T *out, int h, int w,
                                                          const T *weights, int radius, T cval)
{
    std::vector<T> padded(static_cast<std::size_t>(w) + 2 * static_cast<std::size_t>(radius), cval);
    for (int i = 0; i < h; ++i) {
        const T *row = in + static_cast<std::size_t>(i) * w;
        for (int j = 0; j < w; ++j)
            padded[radius + j] = row[j];
        const T *p = padded.data() + radius;
        T *acc = out + static_cast<std::size_t>(i) * w;
        const T w0 = weights[0];
        for (int j = 0; j < w; ++j)
            acc[j] = p[j] * w0;
        for (int k = radius; k >= 1; --k) {
            const T wk = weights[k];
            for (int j = 0; j < w; ++j)
                acc[j] += (p[j - k] + p[j + k]) * wk;
        }
    }
}

template<typename T>
inline __attribute__((always_inline)) void filterBody(const T *in, T *tmp, T *out, int h, int w,
                                                      const T *weights, int radius, T cval)
{
    verticalPass<T>(in, tmp, h, w, weights, radius, cval);
    horizontalPass<T>(tmp, out, h, w, weights, radius, cval);
}

/// A float plane with a row stride (in floats) that may exceed its width.
struct Strided
{
    float *data = nullptr;
    std::ptrdiff_t stride = 0;
    float *row(std::ptrdiff_t i) const { return data + i * stride; }
};

/// A row stride for `cols` floats whose rows start on 64-byte lines and spread over all sets of
/// the L1 cache (an odd number of lines): with 224 floats (14 lines) the rows that one output
/// row of a sigma = 40 pass reaches filled only half of the sets and thrashed them.
std::ptrdiff_t paddedStride(int cols)
{
    std::ptrdiff_t lines = (cols + 15) / 16;
    if (lines % 2 == 0)
        ++lines;
    return 16 * lines;
}

/// The first 64-byte boundary at or after `p` (within 16 floats).
float *aligned(float *p)
{
    const auto address = reinterpret_cast<std::uintptr_t>(p);
    return p + ((64 - address % 64) % 64) / sizeof(float);
}

/// The largest tap offset that reaches an input row from output row `i` of a plane of `rows`
/// rows (further taps only reach padding).
inline int reach(int i, int rows, int radius)
{
    return std::min(radius, std::max(i, rows - 1 - i));
}

/// The filter along the slow axis of a rows x cols plane whose `radius` rows above and below
/// hold zeros, in scipy's order per value: acc = x[i] w0, then acc += (x[i-k] + x[i+k]) w[k] for
/// k = r..1. Taps that only reach zero rows are skipped (they add exactly nothing). Plain loops
/// along contiguous rows, which the compiler vectorises with the baseline instruction set.
void columnPassPortable(Strided in, Strided out, int rows, int cols, const float *w, int radius)
{
    for (int i = 0; i < rows; ++i) {
        const float *centre = in.row(i);
        float *acc = out.row(i);
        for (int j = 0; j < cols; ++j)
            acc[j] = centre[j] * w[0];
        for (int k = reach(i, rows, radius); k >= 1; --k) {
            const float *left = in.row(i - k);
            const float *right = in.row(i + k);
            for (int j = 0; j < cols; ++j)
                acc[j] += (left[j] + right[j]) * w[k];
        }
    }
}

/// The same with AVX2 and FMA for a strip of 8 * Vectors columns, Rows output rows at a time
/// (Rows * Vectors independent accumulators in registers), from row `begin`; returns the first
/// row not done.
template<int Vectors, int Rows>
__attribute__((target("avx2,fma"), always_inline)) inline int
columnStripAvx2(Strided in, Strided out, int begin, int rows, const float *w, int radius)
{
    int i = begin;
    for (; i + Rows <= rows; i += Rows) {
        int kMax = 0;
        for (int t = 0; t < Rows; ++t)
            kMax = std::max(kMax, reach(i + t, rows, radius));
        const __m256 w0 = _mm256_set1_ps(w[0]);
        __m256 acc[Rows][Vectors];
        for (int t = 0; t < Rows; ++t)
            for (std::ptrdiff_t v = 0; v < Vectors; ++v)
                acc[t][v] = _mm256_mul_ps(_mm256_loadu_ps(in.row(i + t) + 8 * v), w0);
        for (int k = kMax; k >= 1; --k) {
            const __m256 wk = _mm256_set1_ps(w[k]);
            for (int t = 0; t < Rows; ++t) {
                const float *left = in.row(i + t - k);
                const float *right = in.row(i + t + k);
                for (std::ptrdiff_t v = 0; v < Vectors; ++v)
                    acc[t][v] = _mm256_fmadd_ps(_mm256_add_ps(_mm256_loadu_ps(left + 8 * v),
                                                              _mm256_loadu_ps(right + 8 * v)),
                                                wk, acc[t][v]);
            }
        }
        for (int t = 0; t < Rows; ++t)
            for (std::ptrdiff_t v = 0; v < Vectors; ++v)
                _mm256_storeu_ps(out.row(i + t) + 8 * v, acc[t][v]);
    }
    return i;
}

/// A sliding window over the input rows, for Rows output rows of one vector each: the pair of
/// output row i + t at offset k is (x[i+t-k], x[i+t+k]); from k to k - 1 the left rows move
/// down by one and the right rows up by one, so each step loads two rows, not 2 * Rows. The sums
/// are the same, in the same order, as columnStripAvx2's.
template<int Rows>
__attribute__((target("avx2,fma"), always_inline)) inline int
windowStripAvx2(Strided in, Strided out, int begin, int rows, const float *w, int radius)
{
    int i = begin;
    for (; i + Rows <= rows; i += Rows) {
        int kMax = 0;
        for (int t = 0; t < Rows; ++t)
            kMax = std::max(kMax, reach(i + t, rows, radius));
        const __m256 w0 = _mm256_set1_ps(w[0]);
        __m256 acc[Rows];
        __m256 left[Rows];
        __m256 right[Rows];
        for (int t = 0; t < Rows; ++t) {
            acc[t] = _mm256_mul_ps(_mm256_loadu_ps(in.row(i + t)), w0);
            left[t] = _mm256_loadu_ps(in.row(i + t - kMax));
            right[t] = _mm256_loadu_ps(in.row(i + t + kMax));
        }
        for (int k = kMax; k >= 1; --k) {
            const __m256 wk = _mm256_set1_ps(w[k]);
            for (int t = 0; t < Rows; ++t)
                acc[t] = _mm256_fmadd_ps(_mm256_add_ps(left[t], right[t]), wk, acc[t]);
            for (int t = 0; t + 1 < Rows; ++t)
                left[t] = left[t + 1];
            for (int t = Rows - 1; t > 0; --t)
                right[t] = right[t - 1];
            left[Rows - 1] = _mm256_loadu_ps(in.row(i + Rows - k));
            right[0] = _mm256_loadu_ps(in.row(i + k - 1));
        }
        for (int t = 0; t < Rows; ++t)
            _mm256_storeu_ps(out.row(i + t), acc[t]);
    }
    return i;
}

template<int Rows>
__attribute__((target("avx512f,avx2,fma"), always_inline)) inline int
windowStripAvx512(Strided in, Strided out, int begin, int rows, const float *w, int radius)
{
    int i = begin;
    for (; i + Rows <= rows; i += Rows) {
        int kMax = 0;
        for (int t = 0; t < Rows; ++t)
            kMax = std::max(kMax, reach(i + t, rows, radius));
        const __m512 w0 = _mm512_set1_ps(w[0]);
        __m512 acc[Rows];
        __m512 left[Rows];
        __m512 right[Rows];
        for (int t = 0; t < Rows; ++t) {
            acc[t] = _mm512_mul_ps(_mm512_loadu_ps(in.row(i + t)), w0);
            left[t] = _mm512_loadu_ps(in.row(i + t - kMax));
            right[t] = _mm512_loadu_ps(in.row(i + t + kMax));
        }
        for (int k = kMax; k >= 1; --k) {
            const __m512 wk = _mm512_set1_ps(w[k]);
            for (int t = 0; t < Rows; ++t)
                acc[t] = _mm512_fmadd_ps(_mm512_add_ps(left[t], right[t]), wk, acc[t]);
            for (int t = 0; t + 1 < Rows; ++t)
                left[t] = left[t + 1];
            for (int t = Rows - 1; t > 0; --t)
                right[t] = right[t - 1];
            left[Rows - 1] = _mm512_loadu_ps(in.row(i + Rows - k));
            right[0] = _mm512_loadu_ps(in.row(i + k - 1));
        }
        for (int t = 0; t < Rows; ++t)
            _mm512_storeu_ps(out.row(i + t), acc[t]);
    }
    return i;
}

/// Columns [begin, cols) of a pass with AVX2: strips of 8 columns (a window of 4 rows, then
/// single rows), then single columns.
__attribute__((target("avx2,fma"), always_inline)) inline void
columnTailAvx2(Strided in, Strided out, int rows, int begin, int cols, const float *w, int radius)
{
    int j = begin;
    for (; j + 8 <= cols; j += 8) {
        const Strided stripIn {in.data + j, in.stride};
        const Strided stripOut {out.data + j, out.stride};
        const int done = windowStripAvx2<4>(stripIn, stripOut, 0, rows, w, radius);
        columnStripAvx2<1, 1>(stripIn, stripOut, done, rows, w, radius);
    }
    for (; j < cols; ++j) {
        for (int i = 0; i < rows; ++i) {
            const float *centre = in.row(i) + j;
            float acc = centre[0] * w[0];
            for (int k = reach(i, rows, radius); k >= 1; --k)
                acc = __builtin_fmaf(centre[-k * in.stride] + centre[k * in.stride], w[k], acc);
            out.row(i)[j] = acc;
        }
    }
}

__attribute__((target("avx2,fma"))) void columnPassAvx2(Strided in, Strided out, int rows, int cols,
                                                        const float *w, int radius)
{
    columnTailAvx2(in, out, rows, 0, cols, w, radius);
}

/// With AVX-512: strips of 16 columns (one 64-byte line a row) with a window of 8 rows (24 of
/// the 32 registers), twice as fast as AVX2 on Zen 4; the same operations, so the same bits.
__attribute__((target("avx512f,avx2,fma"))) void
columnPassAvx512(Strided in, Strided out, int rows, int cols, const float *w, int radius)
{
    int j = 0;
    for (; j + 16 <= cols; j += 16) {
        const Strided stripIn {in.data + j, in.stride};
        const Strided stripOut {out.data + j, out.stride};
        const int done = windowStripAvx512<8>(stripIn, stripOut, 0, rows, w, radius);
        columnStripAvx2<2, 1>(stripIn, stripOut, done, rows, w, radius);
    }
    columnTailAvx2(in, out, rows, j, cols, w, radius);
}

/// out (cols x rows) = transpose of in (rows x cols).
void transposePortable(Strided in, Strided out, int rows, int cols)
{
    constexpr int block = 16;
    for (int i0 = 0; i0 < rows; i0 += block)
        for (int j0 = 0; j0 < cols; j0 += block)
            for (int i = i0; i < std::min(rows, i0 + block); ++i)
                for (int j = j0; j < std::min(cols, j0 + block); ++j)
                    out.row(j)[i] = in.row(i)[j];
}

/// The same by 8 x 8 blocks in AVX registers.
__attribute__((target("avx2"))) void transposeAvx2(Strided in, Strided out, int rows, int cols)
{
    const int fullRows = rows - rows % 8;
    const int fullCols = cols - cols % 8;
    for (int i0 = 0; i0 < fullRows; i0 += 8) {
        for (int j0 = 0; j0 < fullCols; j0 += 8) {
            __m256 r[8];
            for (int t = 0; t < 8; ++t)
                r[t] = _mm256_loadu_ps(in.row(i0 + t) + j0);
            const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]);
            const __m256 t1 = _mm256_unpackhi_ps(r[0], r[1]);
            const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]);
            const __m256 t3 = _mm256_unpackhi_ps(r[2], r[3]);
            const __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]);
            const __m256 t5 = _mm256_unpackhi_ps(r[4], r[5]);
            const __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]);
            const __m256 t7 = _mm256_unpackhi_ps(r[6], r[7]);
            const __m256 s0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 s1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 s2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 s3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 s4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 s5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 s6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 s7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
            _mm256_storeu_ps(out.row(j0 + 0) + i0, _mm256_permute2f128_ps(s0, s4, 0x20));
            _mm256_storeu_ps(out.row(j0 + 1) + i0, _mm256_permute2f128_ps(s1, s5, 0x20));
            _mm256_storeu_ps(out.row(j0 + 2) + i0, _mm256_permute2f128_ps(s2, s6, 0x20));
            _mm256_storeu_ps(out.row(j0 + 3) + i0, _mm256_permute2f128_ps(s3, s7, 0x20));
            _mm256_storeu_ps(out.row(j0 + 4) + i0, _mm256_permute2f128_ps(s0, s4, 0x31));
            _mm256_storeu_ps(out.row(j0 + 5) + i0, _mm256_permute2f128_ps(s1, s5, 0x31));
            _mm256_storeu_ps(out.row(j0 + 6) + i0, _mm256_permute2f128_ps(s2, s6, 0x31));
            _mm256_storeu_ps(out.row(j0 + 7) + i0, _mm256_permute2f128_ps(s3, s7, 0x31));
        }
        for (int i = i0; i < i0 + 8; ++i)
            for (int j = fullCols; j < cols; ++j)
                out.row(j)[i] = in.row(i)[j];
    }
    for (int i = fullRows; i < rows; ++i)
        for (int j = 0; j < cols; ++j)
            out.row(j)[i] = in.row(i)[j];
}

__attribute__((target("avx2"))) void filterDoubleAvx2(const double *in, double *tmp, double *out,
                                                      int h, int w, const double *weights,
                                                      int radius, double cval)
{
    // No FMA here: the separate multiply and add keep scipy's rounding.
    filterBody<double>(in, tmp, out, h, w, weights, radius, cval);
}

void filterDoublePortable(const double *in, double *tmp, double *out, int h, int w,
                          const double *weights, int radius, double cval)
{
    filterBody<double>(in, tmp, out, h, w, weights, radius, cval);
}

bool hasAvx2Fma()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}

bool hasAvx512()
{
    static const bool has = hasAvx2Fma() && __builtin_cpu_supports("avx512f");
    return has;
}

} // namespace

std::vector<double> GaussianFilter::weights(double sigma)
{
    // scipy _gaussian_kernel1d: x = arange(-r, r + 1); phi = exp(-0.5 / sigma2 * x ** 2);
    // phi / phi.sum() (numpy's pairwise sum).
    const int radius = static_cast<int>(4.0 * sigma + 0.5);
    const double sigma2 = sigma * sigma;
    std::vector<double> full(2 * static_cast<std::size_t>(radius) + 1);
    for (int x = -radius; x <= radius; ++x)
        full[x + radius] = std::exp(-0.5 / sigma2 * static_cast<double>(x * x));
    const double sum = pairwiseSum(full.data(), full.size());
    std::vector<double> half(static_cast<std::size_t>(radius) + 1);
    for (int k = 0; k <= radius; ++k)
        half[k] = full[radius + k] / sum;
    return half;
}

FloatImage GaussianFilter::exact(const FloatImage &grey, double sigma, double cval)
{
    // scipy skips axes whose sigma is not above 1e-15.
    if (!(sigma > 1e-15))
        return grey;
    const std::vector<double> w = weights(sigma);
    const int radius = static_cast<int>(w.size()) - 1;
    FloatImage out(grey.height, grey.width, 1);
    std::vector<double> tmp(grey.values.size());
    if (hasAvx2Fma())
        filterDoubleAvx2(grey.values.data(), tmp.data(), out.values.data(), grey.height, grey.width,
                         w.data(), radius, cval);
    else
        filterDoublePortable(grey.values.data(), tmp.data(), out.values.data(), grey.height,
                             grey.width, w.data(), radius, cval);
    return out;
}

GaussianFilter::Plane GaussianFilter::filterOffset(const FloatImage &image, double sigma,
                                                   double cval)
{
    const std::vector<double> w = weights(sigma);
    const int radius = static_cast<int>(w.size()) - 1;
    const int h = image.height;
    const int width = image.width;
    // Axis 0 is filtered along columns; the plane is then transposed, so that axis 1 is filtered
    // the same way, and transposed back. Per-thread buffers: fresh ones cost more in page faults
    // than the filter; their zero rows (above and below the plane) are only written when the
    // geometry changes. Row strides of an odd number of 64-byte lines.
    struct Buffers
    {
        int h = -1, w = -1, radius = -1;
        std::vector<float> weights, rows, columns, pass;
        std::vector<double> grey;
    };
    thread_local Buffers b;
    const std::ptrdiff_t rowStride = paddedStride(width);
    const std::ptrdiff_t columnStride = paddedStride(h);
    const std::ptrdiff_t passStride = paddedStride(std::max(h, width));
    if (b.h != h || b.w != width || b.radius != radius) {
        // 16 floats more, for the alignment to 64-byte lines.
        b.rows.assign((h + 2 * std::size_t(radius)) * rowStride + 16, 0.0f);
        b.columns.assign((width + 2 * std::size_t(radius)) * columnStride + 16, 0.0f);
        b.pass.assign(std::size_t(std::max(h, width)) * passStride + 16, 0.0f);
        b.grey.resize(std::size_t(width));
        b.h = h;
        b.w = width;
        b.radius = radius;
    }
    b.weights.assign(w.begin(), w.end());
    const float *wf = b.weights.data();
    const Strided rows {aligned(b.rows.data()) + radius * rowStride, rowStride}; // h x width
    const Strided columns {aligned(b.columns.data()) + radius * columnStride,
                           columnStride}; // width x h
    const Strided pass {aligned(b.pass.data()), passStride};
    for (int i = 0; i < h; ++i) {
        const double *g = image.values.data() + std::size_t(i) * width * image.channels;
        if (image.channels == 3) {
            degradation::greyPixels(g, b.grey.data(), std::size_t(width));
            g = b.grey.data();
        }
        float *row = rows.row(i);
        for (int j = 0; j < width; ++j)
            row[j] = static_cast<float>(g[j] - cval);
    }
    if (hasAvx512()) {
        columnPassAvx512(rows, pass, h, width, wf, radius);
        transposeAvx2(pass, columns, h, width);
        columnPassAvx512(columns, pass, width, h, wf, radius);
        transposeAvx2(pass, rows, width, h);
    } else if (hasAvx2Fma()) {
        columnPassAvx2(rows, pass, h, width, wf, radius);
        transposeAvx2(pass, columns, h, width);
        columnPassAvx2(columns, pass, width, h, wf, radius);
        transposeAvx2(pass, rows, width, h);
    } else {
        columnPassPortable(rows, pass, h, width, wf, radius);
        transposePortable(pass, columns, h, width);
        columnPassPortable(columns, pass, width, h, wf, radius);
        transposePortable(pass, rows, width, h);
    }
    return {rows.data, rows.stride};
}

FloatImage GaussianFilter::fast(const FloatImage &grey, double sigma, double cval)
{
    if (!(sigma > 1e-15))
        return grey;
    const Plane plane = filterOffset(grey, sigma, cval);
    FloatImage out(grey.height, grey.width, 1);
    for (int i = 0; i < grey.height; ++i) {
        const float *row = plane.row(i);
        double *o = out.values.data() + std::size_t(i) * grey.width;
        for (int j = 0; j < grey.width; ++j)
            o[j] = static_cast<double>(row[j]) + cval;
    }
    return out;
}

} // namespace sparsescope::core
