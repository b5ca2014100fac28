// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/FlatConvolution.h"

#include "degradations/Fourier.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
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

} // namespace

std::shared_ptr<const FlatConvolution::Spectrum>
FlatConvolution::kernelSpectrum(int height, int width, double sigma)
{
    static std::mutex mutex;
    static std::map<std::tuple<int, int, double>, std::shared_ptr<const Spectrum>> cache;
    const auto key = std::make_tuple(height, width, sigma);
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end())
            return it->second;
    }
    const std::vector<double> column = profile(height, sigma);
    const std::vector<double> row = profile(width, sigma);
    std::vector<double> kernel(static_cast<std::size_t>(height) * width);
    for (int i = 0; i < height; ++i)
        for (int j = 0; j < width; ++j)
            kernel[static_cast<std::size_t>(i) * width + j] = row[j] * column[i];
    auto result
        = std::make_shared<const Spectrum>(Fourier::forward1d(kernel.data(), height * width));
    std::lock_guard lock(mutex);
    // Keep the cache small: the sizes of one run (usually one) times 13 sigmas.
    if (cache.size() > 64)
        cache.clear();
    cache.emplace(key, result);
    return result;
}

FlatConvolution::FlatConvolution(int height, int width)
    : m_workspace(height * width)
{ }

void FlatConvolution::transform(const double *plane, Spectrum &out)
{
    const std::size_t n = static_cast<std::size_t>(m_workspace.size());
    std::copy(plane, plane + n, m_workspace.real());
    m_workspace.forward();
    out.assign(m_workspace.spectrum(), m_workspace.spectrum() + n / 2 + 1);
}

void FlatConvolution::convolve(const Spectrum &planeSpectrum, const Spectrum &kernel, double *out)
{
    std::complex<double> *product = m_workspace.spectrum();
    for (std::size_t i = 0; i < planeSpectrum.size(); ++i)
        product[i] = planeSpectrum[i] * kernel[i];
    m_workspace.inverse();
    // numpy's irfft scales by 1 / n.
    const double scale = 1.0 / double(m_workspace.size());
    const double *real = m_workspace.real();
    for (int i = 0; i < m_workspace.size(); ++i)
        out[i] = real[i] * scale;
}

} // namespace sparsescope::core
