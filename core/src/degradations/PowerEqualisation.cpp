// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/PowerEqualisation.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/Fourier.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <vector>

namespace sparsescope::core {

FloatImage PowerEqualisation::apply(const FloatImage &input,
                                    const DegradationSettings &settings) const
{
    const double t = settings.level;
    // Level 0 is the paper's unmanipulated condition "0": the grey image itself.
    if (t == 0.0)
        return degradation::grey(input);
    // Reference: P = angle(fftshift(fft2(g))); real(ifft2(ifftshift(A_mean e^{iP}))), clipped.
    const AmplitudeSpectrum &target = *settings.spectrum;
    const int h = input.height;
    const int w = input.width;
    const std::size_t n = input.pixelCount();
    // The grey image goes straight into the thread's FFTW buffer, and the spectrum is changed
    // in place there: the output is the only image allocated.
    Fourier::Workspace2d ws = Fourier::workspace2d(h, w);
    if (input.channels == 3)
        degradation::greyPixels(input.values.data(), ws.real, n);
    else
        std::copy(input.values.begin(), input.values.end(), ws.real);
    const int columns = ws.columns();
    const Fourier::ShiftedColumns &shiftedColumns = Fourier::shiftedColumns(w);
    const std::vector<int> &shiftedColumn = shiftedColumns.column;
    const std::vector<int> &shiftedMirror = shiftedColumns.mirror;
    // The new spectrum A' e^{i angle(F)}, A' = (1 - t)|F| + t A_mean, is Hermitian only when
    // A_mean is point-symmetric; real(ifft2(.)) is the inverse of its Hermitian part
    // F(k)/|F(k)| (A'(k) + A'(-k)) / 2 (|F(-k)| = |F(k)| for a real image).
    ws.forward();
    for (int u = 0; u < h; ++u) {
        const double *targetRow = target.values().data() + std::size_t(Fourier::shifted(u, h)) * w;
        const double *targetMirror
            = target.values().data() + std::size_t(Fourier::shifted((h - u) % h, h)) * w;
        std::complex<double> *row = ws.spectrum + std::size_t(u) * columns;
        for (int v = 0; v < columns; ++v) {
            const double re = row[v].real();
            const double im = row[v].imag();
            // |F| as sqrt(re^2 + im^2) (libm's hypot, numpy's, was a tenth of the time; the
            // two differ by an ulp at most).
            const double amplitude = std::sqrt(re * re + im * im);
            const double wanted = (1.0 - t) * amplitude + t * targetRow[shiftedColumn[v]];
            const double wantedMirror = (1.0 - t) * amplitude + t * targetMirror[shiftedMirror[v]];
            // e^{i angle(F)} = F / |F|; angle(0) = 0 as numpy's.
            const double magnitude = 0.5 * (wanted + wantedMirror);
            if (amplitude > 0.0)
                row[v] = {re / amplitude * magnitude, im / amplitude * magnitude};
            else
                row[v] = {magnitude, 0.0};
        }
    }
    ws.inverse();
    FloatImage out(h, w, 1);
    const double scale = 1.0 / (double(h) * double(w));
    for (std::size_t k = 0; k < n; ++k)
        out.values[k] = degradation::clip01(ws.real[k] * scale);
    return out;
}

} // namespace sparsescope::core
