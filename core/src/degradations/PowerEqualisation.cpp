// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/PowerEqualisation.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/Fourier.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"

#include <cmath>
#include <complex>

namespace sparsescope::core {

FloatImage PowerEqualisation::apply(const FloatImage &input,
                                    const DegradationSettings &settings) const
{
    const FloatImage g = degradation::grey(input);
    const double t = settings.level;
    // Level 0 is the paper's unmanipulated condition "0": the grey image itself.
    if (t == 0.0)
        return g;
    // Reference: P = angle(fftshift(fft2(g))); real(ifft2(ifftshift(A_mean e^{iP}))), clipped.
    const AmplitudeSpectrum &target = *settings.spectrum;
    const int h = g.height;
    const int w = g.width;
    // The new spectrum A' e^{i angle(F)}, A' = (1 - t)|F| + t A_mean, is Hermitian only when
    // A_mean is point-symmetric; real(ifft2(.)) is the inverse of its Hermitian part
    // F(k)/|F(k)| (A'(k) + A'(-k)) / 2 (|F(-k)| = |F(k)| for a real image).
    HalfSpectrum spectrum = Fourier::forward(g);
    for (int u = 0; u < h; ++u) {
        const int row = Fourier::shifted(u, h);
        const int mirrorRow = Fourier::shifted((h - u) % h, h);
        for (int v = 0; v < spectrum.columns(); ++v) {
            std::complex<double> &f = spectrum.at(u, v);
            const double amplitude = std::abs(f);
            const double wanted
                = (1.0 - t) * amplitude + t * target.at(row, Fourier::shifted(v, w));
            const double wantedMirror = (1.0 - t) * amplitude
                + t * target.at(mirrorRow, Fourier::shifted((w - v) % w, w));
            // e^{i angle(F)} = F / |F|; angle(0) = 0 as numpy's.
            const std::complex<double> unit = amplitude > 0.0 ? f / amplitude : 1.0;
            f = unit * (0.5 * (wanted + wantedMirror));
        }
    }
    FloatImage out = Fourier::inverse(spectrum);
    degradation::clip01(out);
    return out;
}

} // namespace sparsescope::core
