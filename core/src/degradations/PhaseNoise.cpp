// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/PhaseNoise.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/Fourier.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

namespace sparsescope::core {

namespace {

/// cos and sin of every x in [-pi, pi], to a few ulp: Taylor series of the half angle (degree 23,
/// remainder below 1e-18), then the double-angle formulas. A plain loop without calls, so that
/// it vectorises; libm's sincos was the largest cost of the whole degradation.
template<bool Avx2>
inline __attribute__((always_inline)) void sinCosBody(const double *x, double *c, double *s,
                                                      std::size_t n)
{
    // (-1)^k / (2k + 1)! and (-1)^k / (2k)!, k = 0..11.
    constexpr double sinTerms[12] = {1.0,
                                     -1.0 / 6.0,
                                     1.0 / 120.0,
                                     -1.0 / 5040.0,
                                     1.0 / 362880.0,
                                     -1.0 / 39916800.0,
                                     1.0 / 6227020800.0,
                                     -1.0 / 1307674368000.0,
                                     1.0 / 355687428096000.0,
                                     -1.0 / 121645100408832000.0,
                                     1.0 / 51090942171709440000.0,
                                     -1.0 / 25852016738884976640000.0};
    constexpr double cosTerms[12] = {1.0,
                                     -1.0 / 2.0,
                                     1.0 / 24.0,
                                     -1.0 / 720.0,
                                     1.0 / 40320.0,
                                     -1.0 / 3628800.0,
                                     1.0 / 479001600.0,
                                     -1.0 / 87178291200.0,
                                     1.0 / 20922789888000.0,
                                     -1.0 / 6402373705728000.0,
                                     1.0 / 2432902008176640000.0,
                                     -1.0 / 1124000727777607680000.0};
    for (std::size_t i = 0; i < n; ++i) {
        const double h = 0.5 * x[i];
        const double h2 = h * h;
        double sinH = sinTerms[11];
        double cosH = cosTerms[11];
        for (int k = 10; k >= 0; --k) {
            sinH = sinTerms[k] + h2 * sinH;
            cosH = cosTerms[k] + h2 * cosH;
        }
        sinH *= h;
        s[i] = 2.0 * sinH * cosH;
        c[i] = (cosH - sinH) * (cosH + sinH);
    }
}

__attribute__((target("avx2"))) void sinCosAvx2(const double *x, double *c, double *s,
                                                std::size_t n)
{
    sinCosBody<true>(x, c, s, n);
}

void sinCosPortable(const double *x, double *c, double *s, std::size_t n)
{
    sinCosBody<false>(x, c, s, n);
}

void sinCos(const double *x, double *c, double *s, std::size_t n)
{
    static const bool avx2 = __builtin_cpu_supports("avx2");
    if (avx2)
        sinCosAvx2(x, c, s, n);
    else
        sinCosPortable(x, c, s, n);
}

} // namespace

FloatImage PhaseNoise::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    // Reference (phase_scrambling): F = fftshift(fft2(g)); L = (H-1)(W-1);
    // s = (random(L//2) - 0.5) * 2 * width / 180 * pi; on q = P[1:, 1:].flatten():
    // q[:L//2] += s, q[L//2+1:] -= s (same order, not mirrored; the centre is DC);
    // g2 = real(ifft2(ifftshift(A e^{iP}))), clipped.
    const int h = input.height;
    const int w = input.width;
    const std::size_t n = input.pixelCount();
    const std::size_t count = static_cast<std::size_t>(h - 1) * (w - 1);
    const std::size_t half = count / 2;
    // The grey image goes straight into the thread's FFTW buffer, and the spectrum is changed
    // in place there: the output is the only image allocated.
    Fourier::Workspace2d ws = Fourier::workspace2d(h, w);
    if (input.channels == 3)
        degradation::greyPixels(input.values.data(), ws.real, n);
    else
        std::copy(input.values.begin(), input.values.end(), ws.real);

    thread_local std::vector<double> shifts;
    thread_local std::vector<double> cosines;
    thread_local std::vector<double> sines;
    shifts.resize(half);
    cosines.resize(half);
    sines.resize(half);
    NumpyRandom random(settings.seed);
    random.fillRandomSample(shifts.data(), half);
    for (double &s : shifts)
        s = (s - 0.5) * 2.0 * settings.level / 180.0 * std::numbers::pi;
    sinCos(shifts.data(), cosines.data(), sines.data(), half);

    // e^{i delta} at shifted frequency (i, j); 1 where the reference adds nothing (row 0 and
    // column 0 of the shifted spectrum, and its centre, the DC term).
    auto rotation = [&](int i, int j) -> std::complex<double> {
        if (i == 0 || j == 0)
            return 1.0;
        const std::size_t q = static_cast<std::size_t>(i - 1) * (w - 1) + (j - 1);
        if (q < half)
            return {cosines[q], sines[q]};
        // For odd (H-1)(W-1) (even H and W, the reference's case) the second half has exactly
        // `half` entries; otherwise it is one shorter and the last shift is unused.
        if (q > half && q - half - 1 < half)
            return {cosines[q - half - 1], -sines[q - half - 1]};
        return 1.0;
    };
    // The shifted column of each stored column v and of its mirror (w - v) % w.
    const int columns = ws.columns();
    const Fourier::ShiftedColumns &shiftedColumns = Fourier::shiftedColumns(w);
    const std::vector<int> &shiftedColumn = shiftedColumns.column;
    const std::vector<int> &shiftedMirror = shiftedColumns.mirror;
    // The new spectrum X = F e^{i delta} is not Hermitian; real(ifft2(X)) is the inverse of its
    // Hermitian part (X(k) + conj(X(-k))) / 2 = F(k) (e(k) + conj(e(-k))) / 2, as F is real's.
    ws.forward();
    for (int u = 0; u < h; ++u) {
        const int i = Fourier::shifted(u, h);
        const int mirrorI = Fourier::shifted((h - u) % h, h);
        std::complex<double> *row = ws.spectrum + std::size_t(u) * columns;
        for (int v = 0; v < columns; ++v)
            row[v] *= 0.5
                * (rotation(i, shiftedColumn[v]) + std::conj(rotation(mirrorI, shiftedMirror[v])));
    }
    ws.inverse();
    FloatImage out(h, w, 1);
    const double scale = 1.0 / (double(h) * double(w));
    for (std::size_t k = 0; k < n; ++k)
        out.values[k] = degradation::clip01(ws.real[k] * scale);
    return out;
}

} // namespace sparsescope::core
