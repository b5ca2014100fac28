// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Fourier.h"

#include <complex>
#include <memory>
#include <vector>

namespace sparsescope::core {

/// The Eidolon toolbox's Gaussian blur: irfft(rfft(data.flatten()) * rfft(kernel.flatten())), a
/// 1-D circular convolution of the row-major flattened plane with the flattened separable kernel
/// G(v_i) G(u_j) on wrap-around coordinates (v = 0..h/2, h/2-h+1..-1), G(t) = exp(-t^2 / 2s^2) /
/// (sqrt(2 pi) s). Not a 2-D convolution: a negative column offset also shifts the row by one,
/// which the released stimuli contain, so it is reproduced as is.
class FlatConvolution
{
public:
    using Spectrum = std::vector<std::complex<double>>;
    /// The kernel's spectrum for a height × width plane; cached per size and sigma, shared
    /// between threads.
    static std::shared_ptr<const Spectrum> kernelSpectrum(int height, int width, double sigma);

    /// A convolver for height × width planes; reuses its buffers (not thread-safe: one per
    /// thread).
    FlatConvolution(int height, int width);
    /// The spectrum (rfft) of a plane of height × width doubles into `out`.
    void transform(const double *plane, Spectrum &out);
    /// irfft(planeSpectrum × kernel) into `out` (height × width doubles).
    void convolve(const Spectrum &planeSpectrum, const Spectrum &kernel, double *out);

private:
    Fourier::Workspace1d m_workspace;
};

} // namespace sparsescope::core
