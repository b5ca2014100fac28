// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <complex>
#include <mutex>
#include <vector>

namespace sparsescope::core {

/// The half spectrum of a real plane (FFTW's r2c layout): height × (width / 2 + 1) complex
/// values, row-major, unshifted; the other half follows from F(-k) = conj(F(k)).
struct HalfSpectrum
{
    int height = 0;
    int width = 0; ///< of the plane; the rows hold width / 2 + 1 values
    std::vector<std::complex<double>> values;

    int columns() const { return width / 2 + 1; }
    std::complex<double> &at(int u, int v) { return values[std::size_t(u) * columns() + v]; }
    std::complex<double> at(int u, int v) const { return values[std::size_t(u) * columns() + v]; }
    /// F(u, v) for any v in [0, width), from the stored half.
    std::complex<double> full(int u, int v) const
    {
        return v < columns() ? at(u, v) : std::conj(at((height - u) % height, width - v));
    }
};

/// The Fourier transforms of the degradations, with FFTW (plans cached per size, created under a
/// lock, FFTW_ESTIMATE so that every process computes the same bits). Conventions of numpy and
/// scipy.fftpack: unnormalised forward transform, 1 / N on the inverse.
class Fourier
{
public:
    /// FFTW's planner is not thread-safe (executing a plan on new arrays is): every plan of the
    /// degradations is made under this lock.
    static std::mutex &plannerMutex();

    /// fft2 of a one-channel image.
    static HalfSpectrum forward(const FloatImage &grey);
    /// ifft2 of a Hermitian spectrum given by its half (the real result).
    static FloatImage inverse(const HalfSpectrum &spectrum);

    /// rfft of `n` reals (n / 2 + 1 values).
    static std::vector<std::complex<double>> forward1d(const double *data, int n);
    /// irfft to `n` reals (1 / n scaling) from n / 2 + 1 values.
    static void inverse1d(const std::vector<std::complex<double>> &spectrum, double *out, int n);

    /// Buffers and plans for repeated 1-D real transforms of one length: no allocation per
    /// transform (the Eidolon planes are 2^18 values, dozens per image).
    class Workspace1d
    {
    public:
        explicit Workspace1d(int n);
        ~Workspace1d();
        Workspace1d(const Workspace1d &) = delete;
        Workspace1d &operator=(const Workspace1d &) = delete;
        int size() const { return m_n; }
        double *real() { return m_real; }
        std::complex<double> *spectrum() { return m_spectrum; }
        /// spectrum() = rfft(real())
        void forward();
        /// real() = n * irfft(spectrum()) (unscaled; spectrum() is overwritten)
        void inverse();

    private:
        int m_n;
        double *m_real;
        std::complex<double> *m_spectrum;
    };

    /// Per-thread FFTW buffers of one 2-D size, kept between calls (no allocation, so no page
    /// faults, per image): fill real(), forward() leaves fft2 in spectrum() (the half layout of
    /// HalfSpectrum); fill spectrum(), inverse() leaves the unscaled inverse in real()
    /// (h * w * ifft2; the spectrum is overwritten). Valid until the thread uses another size.
    struct Workspace2d
    {
        int height = 0;
        int width = 0;
        double *real = nullptr; ///< height x width
        std::complex<double> *spectrum = nullptr; ///< height x (width / 2 + 1)
        int columns() const { return width / 2 + 1; }
        void forward();
        void inverse();
    };
    static Workspace2d workspace2d(int height, int width);

    /// The unshifted index of row (or column) `shifted` of the fftshift-ed spectrum of size `n`.
    static int unshifted(int shifted, int n) { return ((shifted - n / 2) % n + n) % n; }
    /// The fftshift-ed index of unshifted row (or column) `index`.
    static int shifted(int index, int n) { return (index + n / 2) % n; }

    /// For each stored column v < width / 2 + 1 of a real transform's spectrum, the shifted
    /// column of v and of its mirror (width - v) % width. Kept per thread for the last width.
    struct ShiftedColumns
    {
        std::vector<int> column;
        std::vector<int> mirror;
    };
    static const ShiftedColumns &shiftedColumns(int width);
};

} // namespace sparsescope::core
