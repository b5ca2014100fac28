// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

namespace sparsescope::core {

/// a * b by the textbook formula: what std::complex's operator* computes for finite values,
/// without its NaN check, so that loops over it vectorise.
inline std::complex<double> multiply(std::complex<double> a, std::complex<double> b)
{
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

/// The Eidolon toolbox's Gaussian blur: irfft(rfft(data.flatten()) * rfft(kernel.flatten())), a
/// 1-D circular convolution of the row-major flattened plane with the flattened separable kernel
/// G(v_i) G(u_j) on wrap-around coordinates (v = 0..h/2, h/2-h+1..-1), G(t) = exp(-t^2 / 2s^2) /
/// (sqrt(2 pi) s). Not a 2-D convolution: a negative column offset also shifts the row by one,
/// which the released stimuli contain, so it is reproduced as is.
///
/// The 1-D transform of the n = h * w values is computed in four steps (Cooley-Tukey with
/// n = h * w): real transforms of length h along the plane's columns, twiddle factors, complex
/// transforms of length w. The spectrum X[k1 + h k2] is kept "twisted", at row k2, column k1
/// (k1 = 0..h/2: the others follow from X(-k) = conj X(k)). The kernel's spectrum is
/// G^(k1) R(k) with G^ the length-h transform of the column profile, a Gaussian in k1: for a
/// large sigma all but the first columns k1 are below 1e-14 of the largest value (the
/// transform's own rounding is near 1e-16): products, sums and the second and third steps run
/// over those columns only, the kernel's band (sigma 32: 21 of 257 columns; the toolbox's grain
/// 10: 66). Plans are FFTW_ESTIMATE (every process computes the same bits).
class FlatConvolution
{
public:
    using Spectrum = std::vector<std::complex<double>>;

    /// A kernel's twisted spectrum and band (columns k1 >= band are below 1e-14 of its largest
    /// value, and treated as zero).
    struct Kernel
    {
        Spectrum values; ///< w rows of stride() values
        int band = 0;
    };
    /// Cached per size and sigma, shared between threads.
    static std::shared_ptr<const Kernel> kernel(int height, int width, double sigma);

    /// Buffers for one plane size; one per thread (not thread-safe).
    FlatConvolution(int height, int width);
    ~FlatConvolution();
    FlatConvolution(const FlatConvolution &) = delete;
    FlatConvolution &operator=(const FlatConvolution &) = delete;

    int height() const { return m_h; }
    int width() const { return m_w; }
    /// Columns of the twisted spectrum: h / 2 + 1, padded to a multiple of 4 (64-byte rows).
    std::size_t stride() const { return m_stride; }
    /// Complex values of a twisted spectrum: w rows of stride().
    std::size_t spectrumSize() const { return std::size_t(m_w) * m_stride; }
    /// Doubles from one row of a transposed plane to the next: h rounded up to a multiple of 8,
    /// plus 8. Rows of a power-of-two size (4 KB for h = 512) put a column of the plane into one
    /// cache set: transposing into such rows took 7 to 12 times longer than into padded ones
    /// (measured with 512 x 512).
    std::size_t planeStride() const { return m_planeStride; }
    /// Doubles of a transposed plane: w rows of planeStride().
    std::size_t planeSize() const { return std::size_t(m_w) * m_planeStride; }
    /// The plane, transposed: w rows (one per column of the plane) of h values, planeStride()
    /// apart.
    double *transposed() { return m_plane; }
    std::complex<double> *spectrum() { return m_spectrum; }

    /// spectrum() = the twisted spectrum of the plane in transposed(), columns k1 < band.
    void forward(int band);
    /// transposed() rows [first, first + count) = n * irfft of spectrum() (columns k1 < band;
    /// spectrum() is overwritten).
    void inverse(int band, int first, int count) { inverse(band, first, count, m_plane); }
    /// The same into `out` (w rows of planeStride(), from allocatePlane()) instead of
    /// transposed().
    void inverse(int band, int first, int count, double *out);
    /// A plane of planeSize() doubles with transposed()'s alignment, for inverse(); free with
    /// freePlane().
    double *allocatePlane() const;
    static void freePlane(double *plane);

private:
    int m_h;
    int m_w;
    std::size_t m_stride;
    std::size_t m_planeStride;
    double *m_plane;
    std::complex<double> *m_spectrum;
    std::shared_ptr<const Spectrum> m_twiddles; ///< e^{-2 pi i c k1 / n}, w rows of stride()
};

} // namespace sparsescope::core
