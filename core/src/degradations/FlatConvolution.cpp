// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/FlatConvolution.h"

#include "degradations/Fourier.h"
#include "degradations/SimdKernels.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <new>
#include <numbers>
#include <tuple>

namespace sparsescope::core {

namespace {

std::vector<double> profile(int n, double sigma)
{
    // v = [0, 1, ..., n/2, n/2 - n + 1, ..., -1]; Gaussian(v, sigma) of the toolbox.
    std::vector<double> g(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const double v = i <= n / 2 ? i : i - n;
        g[i] = std::exp(-(v * v) / (2.0 * (sigma * sigma)))
            / (std::sqrt(2 * std::numbers::pi) * sigma);
    }
    return g;
}

std::size_t paddedStride(int h)
{
    return (std::size_t(h / 2 + 1) + 3) / 4 * 4;
}

std::size_t paddedPlaneStride(int h)
{
    return (std::size_t(h) + 7) / 8 * 8 + 8;
}

enum class Step { ColumnsForward, RowsForward, RowsInverse, ColumnsInverse };

/// FFTW_ESTIMATE plans per (step, size, count), made on scratch arrays of the layout's
/// alignment (fftw_malloc; rows of 64 * k bytes keep it for any first row).
fftw_plan plan(Step step, int h, int w, int count)
{
    static std::map<std::tuple<Step, int, int, int>, fftw_plan> plans;
    std::lock_guard lock(Fourier::plannerMutex());
    const auto key = std::make_tuple(step, h, w, count);
    if (auto it = plans.find(key); it != plans.end())
        return it->second;
    const int stride = static_cast<int>(paddedStride(h));
    const int planeStride = static_cast<int>(paddedPlaneStride(h));
    double *real = fftw_alloc_real(std::size_t(planeStride) * w);
    fftw_complex *spectrum = fftw_alloc_complex(std::size_t(w) * stride);
    if (!real || !spectrum)
        throw std::bad_alloc();
    const unsigned flags = FFTW_ESTIMATE;
    int hn[1] = {h};
    int wn[1] = {w};
    fftw_plan p = nullptr;
    switch (step) {
    case Step::ColumnsForward: // count plane columns (rows of the transposed plane), length h
        p = fftw_plan_many_dft_r2c(1, hn, count, real, nullptr, 1, planeStride, spectrum, nullptr,
                                   1, stride, flags);
        break;
    case Step::RowsForward: // count spectrum columns k1 (stride apart), length w
        p = fftw_plan_many_dft(1, wn, count, spectrum, nullptr, stride, 1, spectrum, nullptr,
                               stride, 1, FFTW_FORWARD, flags);
        break;
    case Step::RowsInverse:
        p = fftw_plan_many_dft(1, wn, count, spectrum, nullptr, stride, 1, spectrum, nullptr,
                               stride, 1, FFTW_BACKWARD, flags);
        break;
    case Step::ColumnsInverse:
        p = fftw_plan_many_dft_c2r(1, hn, count, spectrum, nullptr, 1, stride, real, nullptr, 1,
                                   planeStride, flags);
        break;
    }
    fftw_free(real);
    fftw_free(spectrum);
    if (!p)
        throw std::bad_alloc();
    plans.emplace(key, p);
    return p;
}

std::shared_ptr<const FlatConvolution::Spectrum> twiddles(int h, int w)
{
    static std::mutex mutex;
    static std::map<std::pair<int, int>, std::shared_ptr<const FlatConvolution::Spectrum>> cache;
    std::lock_guard lock(mutex);
    const auto key = std::make_pair(h, w);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    const std::size_t stride = paddedStride(h);
    const double n = double(h) * double(w);
    auto t = std::make_shared<FlatConvolution::Spectrum>(std::size_t(w) * stride);
    for (int c = 0; c < w; ++c)
        for (int k1 = 0; k1 <= h / 2; ++k1) {
            const double angle = -2.0 * std::numbers::pi * (double(c) * double(k1) / n);
            (*t)[std::size_t(c) * stride + k1] = {std::cos(angle), std::sin(angle)};
        }
    cache.emplace(key, t);
    return t;
}

} // namespace

FlatConvolution::FlatConvolution(int height, int width)
    : m_h(height)
    , m_w(width)
    , m_stride(paddedStride(height))
    , m_planeStride(paddedPlaneStride(height))
    , m_plane(fftw_alloc_real(paddedPlaneStride(height) * width))
    , m_spectrum(reinterpret_cast<std::complex<double> *>(
          fftw_alloc_complex(std::size_t(width) * paddedStride(height))))
    , m_twiddles(twiddles(height, width))
{
    if (!m_plane || !m_spectrum) {
        fftw_free(m_plane);
        fftw_free(m_spectrum);
        throw std::bad_alloc();
    }
    std::fill(m_spectrum, m_spectrum + spectrumSize(), std::complex<double>());
}

FlatConvolution::~FlatConvolution()
{
    fftw_free(m_plane);
    fftw_free(m_spectrum);
}

void FlatConvolution::forward(int band)
{
    auto *spectrum = reinterpret_cast<fftw_complex *>(m_spectrum);
    // X[k1 + h k2] = sum_c e^{-2 pi i c k2 / w} e^{-2 pi i c k1 / n} sum_r x[r][c] e^{-2 pi i r k1
    // / h}
    fftw_execute_dft_r2c(plan(Step::ColumnsForward, m_h, m_w, m_w), m_plane, spectrum);
    const std::complex<double> *t = m_twiddles->data();
    const SimdLevel::Level simd = SimdLevel::active();
    for (int c = 0; c < m_w; ++c) {
        std::complex<double> *row = m_spectrum + std::size_t(c) * m_stride;
        SimdKernels::multiply(simd, row, row, t + std::size_t(c) * m_stride, std::size_t(band));
    }
    fftw_execute_dft(plan(Step::RowsForward, m_h, m_w, band), spectrum, spectrum);
}

double *FlatConvolution::allocatePlane() const
{
    double *plane = fftw_alloc_real(planeSize());
    if (!plane)
        throw std::bad_alloc();
    return plane;
}

void FlatConvolution::freePlane(double *plane)
{
    fftw_free(plane);
}

void FlatConvolution::inverse(int band, int first, int count, double *out)
{
    auto *spectrum = reinterpret_cast<fftw_complex *>(m_spectrum);
    fftw_execute_dft(plan(Step::RowsInverse, m_h, m_w, band), spectrum, spectrum);
    const std::complex<double> *t = m_twiddles->data();
    const int columns = m_h / 2 + 1;
    const SimdLevel::Level simd = SimdLevel::active();
    for (int c = first; c < first + count; ++c) {
        std::complex<double> *row = m_spectrum + std::size_t(c) * m_stride;
        SimdKernels::multiplyConjugate(simd, row, row, t + std::size_t(c) * m_stride,
                                       std::size_t(band));
        // The columns outside the band are zero (the c2r below overwrote them last time).
        std::fill(row + band, row + columns, std::complex<double>());
    }
    fftw_execute_dft_c2r(plan(Step::ColumnsInverse, m_h, m_w, count),
                         spectrum + std::size_t(first) * m_stride,
                         out + std::size_t(first) * m_planeStride);
}

std::shared_ptr<const FlatConvolution::Kernel> FlatConvolution::kernel(int height, int width,
                                                                       double sigma)
{
    static std::mutex mutex;
    static std::map<std::tuple<int, int, double>, std::shared_ptr<const Kernel>> cache;
    const auto key = std::make_tuple(height, width, sigma);
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end())
            return it->second;
    }
    const std::vector<double> column = profile(height, sigma);
    const std::vector<double> row = profile(width, sigma);
    FlatConvolution transform(height, width);
    // The flattened kernel k[i * w + j] = row[j] column[i], transposed: [j][i].
    for (int j = 0; j < width; ++j)
        for (int i = 0; i < height; ++i)
            transform.transposed()[std::size_t(j) * transform.planeStride() + i]
                = row[j] * column[i];
    const int columns = height / 2 + 1;
    transform.forward(columns);
    auto result = std::make_shared<Kernel>();
    result->values.assign(transform.spectrum(), transform.spectrum() + transform.spectrumSize());
    double largest = 0.0;
    for (const auto &v : result->values)
        largest = std::max(largest, std::abs(v));
    int band = 1;
    for (int j = 0; j < width; ++j)
        for (int k1 = band; k1 < columns; ++k1)
            if (std::abs(result->values[std::size_t(j) * transform.stride() + k1])
                > 1e-14 * largest)
                band = k1 + 1;
    result->band = band;
    for (int j = 0; j < width; ++j)
        std::fill(result->values.begin() + std::ptrdiff_t(j * transform.stride() + band),
                  result->values.begin() + std::ptrdiff_t((j + 1) * transform.stride()),
                  std::complex<double>());
    std::lock_guard lock(mutex);
    // Keep the cache small: the sizes of one run (usually one) times 13 sigmas.
    if (cache.size() > 64)
        cache.clear();
    cache.emplace(key, result);
    return result;
}

} // namespace sparsescope::core
