// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/GaussianFilter.h"

#include "degradations/PairwiseSum_p.h"

#include <cmath>

namespace sparsescope::core {

namespace {

/// acc[j] = a[j] * w0, then acc[j] += (left_k[j] + right_k[j]) * w[k] for k = r..1, row by
/// row: the inner loops run along contiguous rows and vectorise.
template<typename T, bool Fma>
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
            for (int j = 0; j < w; ++j) {
                if constexpr (Fma)
                    acc[j] = __builtin_fmaf(left[j] + right[j], wk, acc[j]);
                else
                    acc[j] += (left[j] + right[j]) * wk;
            }
        }
    }
}

/// The same along each row, padded with `cval`.
template<typename T, bool Fma>
inline __attribute__((always_inline)) void horizontalPass(const T *in, T *out, int h, int w,
                                                          const T *weights, int radius, T cval)
{
    std::vector<T> padded(static_cast<std::size_t>(w) + 2 * radius, cval);
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
            for (int j = 0; j < w; ++j) {
                if constexpr (Fma)
                    acc[j] = __builtin_fmaf(p[j - k] + p[j + k], wk, acc[j]);
                else
                    acc[j] += (p[j - k] + p[j + k]) * wk;
            }
        }
    }
}

template<typename T, bool Fma>
inline __attribute__((always_inline)) void filterBody(const T *in, T *tmp, T *out, int h, int w,
                                                      const T *weights, int radius, T cval)
{
    verticalPass<T, Fma>(in, tmp, h, w, weights, radius, cval);
    horizontalPass<T, Fma>(tmp, out, h, w, weights, radius, cval);
}

__attribute__((target("avx2,fma"))) void filterFloatAvx2(const float *in, float *tmp, float *out,
                                                         int h, int w, const float *weights,
                                                         int radius, float cval)
{
    filterBody<float, true>(in, tmp, out, h, w, weights, radius, cval);
}

void filterFloatPortable(const float *in, float *tmp, float *out, int h, int w,
                         const float *weights, int radius, float cval)
{
    filterBody<float, false>(in, tmp, out, h, w, weights, radius, cval);
}

__attribute__((target("avx2"))) void filterDoubleAvx2(const double *in, double *tmp, double *out,
                                                      int h, int w, const double *weights,
                                                      int radius, double cval)
{
    // No FMA here: the separate multiply and add keep scipy's rounding.
    filterBody<double, false>(in, tmp, out, h, w, weights, radius, cval);
}

void filterDoublePortable(const double *in, double *tmp, double *out, int h, int w,
                          const double *weights, int radius, double cval)
{
    filterBody<double, false>(in, tmp, out, h, w, weights, radius, cval);
}

bool hasAvx2Fma()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
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

FloatImage GaussianFilter::fast(const FloatImage &grey, double sigma, double cval)
{
    if (!(sigma > 1e-15))
        return grey;
    const std::vector<double> w = weights(sigma);
    const int radius = static_cast<int>(w.size()) - 1;
    std::vector<float> wf(w.begin(), w.end());
    std::vector<float> in(grey.values.begin(), grey.values.end());
    std::vector<float> tmp(in.size());
    std::vector<float> result(in.size());
    if (hasAvx2Fma())
        filterFloatAvx2(in.data(), tmp.data(), result.data(), grey.height, grey.width, wf.data(),
                        radius, static_cast<float>(cval));
    else
        filterFloatPortable(in.data(), tmp.data(), result.data(), grey.height, grey.width,
                            wf.data(), radius, static_cast<float>(cval));
    FloatImage out(grey.height, grey.width, 1);
    for (std::size_t i = 0; i < result.size(); ++i)
        out.values[i] = result[i];
    return out;
}

} // namespace sparsescope::core
