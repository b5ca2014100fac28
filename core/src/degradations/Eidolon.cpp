// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Eidolon.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/FlatConvolution.h"
#include "degradations/Fourier.h"
#include "degradations/PillowLanczos.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <memory>
#include <vector>

namespace sparsescope::core {

namespace {

// wrapper.py of Geirhos et al.: SZ = 256, MIN_SIGMA = 1/sqrt(2), MAX_SIGMA = SZ/4,
// SIGMA_FACTOR = sqrt(2).
constexpr int kSize = 256;
constexpr double kMaxSigma = kSize / 4.0;

int powerOfTwoCeiling(double n)
{
    if (n < 1)
        return 1;
    int p = 1;
    while (p < n)
        p *= 2;
    return p;
}

/// The toolbox's embedding geometry (Picture.GetEmbeddingData).
struct Embedding
{
    int w = 0, h = 0, ww = 0, hh = 0, dw = 0, dh = 0;
};

Embedding embedding(int width, int height)
{
    Embedding e;
    const double aspect = double(height) / width;
    if (aspect <= 1) {
        e.w = kSize;
        e.h = static_cast<int>(std::nearbyint(aspect * kSize)); // Python's round: half to even
    } else {
        e.h = kSize;
        e.w = static_cast<int>(std::nearbyint(kSize / aspect));
    }
    e.ww = powerOfTwoCeiling(e.w * 3 / 2.0);
    e.hh = powerOfTwoCeiling(e.h * 3 / 2.0);
    e.dw = static_cast<int>((e.ww - e.w) / 2.0);
    e.dh = static_cast<int>((e.hh - e.h) / 2.0);
    return e;
}

/// Picture.EmbedImage: the picture in the middle of the fat plane, mirrored borders.
std::vector<double> embed(const std::vector<std::uint8_t> &pic, const Embedding &e)
{
    std::vector<std::uint8_t> fat(static_cast<std::size_t>(e.hh) * e.ww, 0);
    auto at = [&](int r, int c) -> std::uint8_t & {
        return fat[static_cast<std::size_t>(r) * e.ww + c];
    };
    for (int r = 0; r < e.h; ++r) {
        const std::uint8_t *row = pic.data() + static_cast<std::size_t>(r) * e.w;
        for (int c = 0; c < e.dw; ++c)
            at(e.dh + r, c) = row[e.dw - 1 - c]; // fliplr(pic[:, 0:dw])
        for (int c = 0; c < e.w; ++c)
            at(e.dh + r, e.dw + c) = row[c];
        for (int c = 0; c < e.dw; ++c)
            at(e.dh + r, e.ww - e.dw + c) = row[e.w - 1 - c]; // fliplr(pic[:, w-dw:w])
    }
    for (int r = 0; r < e.dh; ++r)
        for (int c = 0; c < e.ww; ++c)
            at(r, c) = at(2 * e.dh - 1 - r, c); // flipud(fat[dh:2dh, :])
    for (int r = 0; r < e.dh; ++r)
        for (int c = 0; c < e.ww; ++c)
            at(e.hh - e.dh + r, c) = at(e.hh - e.dh - 1 - r, c); // flipud(fat[hh-2dh:hh-dh, :])
    return std::vector<double>(fat.begin(), fat.end());
}

/// RandomDataPlane.randomGaussianDataPlane into `plane`: normals scaled to 127.5 / max|z|,
/// clipped to ±127.
void gaussianPlane(NumpyRandom &random, double *plane, std::size_t n)
{
    const double peak = random.fillNormals(plane, n);
    for (std::size_t i = 0; i < n; ++i)
        plane[i] = std::clamp(127.5 * plane[i] / peak, -127.0, 127.0);
}

using Spectrum = std::vector<std::complex<double>>;

/// The Fourier side of BlurredRandomGaussianDataPlane. The toolbox blurs a plane (FlatConvolution:
/// c = irfft(rfft(plane) K)) and returns c - mean(c) / std(c) (sic: its operator precedence,
/// kept). Here the blurred plane stays a spectrum X = rfft(plane) K, and its mean and standard
/// deviation come from X: mean = X[0] / n, sum(c^2) = sum |X_k|^2 / n over all n frequencies
/// (Parseval; the half spectrum counts the others twice). Returns mean / std, the shift; `out`
/// gets X * factor (the coherent planes' sigma / MAX_SIGMA).
double blurredSpectrum(const std::complex<double> *planeSpectrum, const Spectrum &kernel,
                       std::complex<double> *out, std::size_t n, double factor = 1.0)
{
    const std::size_t m = kernel.size(); // n / 2 + 1
    const double dc = (planeSpectrum[0] * kernel[0]).real(); // before `out` may overwrite it
    double energy = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
        const std::complex<double> x = planeSpectrum[k] * kernel[k];
        out[k] = x * factor;
        const double e = x.real() * x.real() + x.imag() * x.imag();
        // k = 0 and k = n / 2 (n even) stand for themselves, the others for two frequencies.
        energy += (k == 0 || 2 * k == n) ? e : 2.0 * e;
    }
    const double dn = static_cast<double>(n);
    const double mean = dc / dn;
    const double variance = std::max(0.0, energy / dn / dn - mean * mean);
    return mean / std::sqrt(variance);
}

/// Buffers of one Eidolon image size, kept per thread between images (fresh 2 MB planes cost
/// more in page faults than their transforms).
struct Workspace
{
    Workspace(int height, int width, int levels)
        : hh(height)
        , ww(width)
        , n(static_cast<std::size_t>(height) * width)
        , fft(height * width)
        , image(n / 2 + 1)
        , coherent(2 * static_cast<std::size_t>(levels))
        , shifts(2 * static_cast<std::size_t>(levels))
        , slice(n)
    { }
    int hh, ww;
    std::size_t n;
    Fourier::Workspace1d fft;
    Spectrum image; ///< rfft of the embedded picture
    /// The coherent stacks (x levels, then y levels): the suffix sums over the levels of the
    /// scaled blurred planes' spectra, sum_{j >= L} (s_j / MAX_SIGMA) X_j, and of their shifts.
    std::vector<Spectrum> coherent;
    std::vector<double> shifts;
    std::vector<double> slice;
    std::vector<double> rows; ///< the disarray's source row per picture pixel
};

Workspace &workspace(int hh, int ww, int levels)
{
    thread_local std::unique_ptr<Workspace> ws;
    if (!ws || ws->hh != hh || ws->ww != ww || ws->shifts.size() != 2 * std::size_t(levels))
        ws = std::make_unique<Workspace>(hh, ww, levels);
    return *ws;
}

} // namespace

Eidolon::Eidolon(double coherence, double grain)
    : m_coherence(coherence)
    , m_grain(grain)
{ }

FloatImage Eidolon::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    const FloatImage g = degradation::grey(input);
    // The wrapper saves (g * 255).astype(uint8) and the toolbox reopens it with Pillow.
    std::vector<std::uint8_t> bytes(g.values.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<std::uint8_t>(std::clamp(g.values[i] * 255.0, 0.0, 255.0));
    const Embedding e = embedding(g.width, g.height);
    const std::vector<std::uint8_t> pic = PillowLanczos::resize(bytes, g.height, g.width, e.h, e.w);
    const std::vector<double> fat = embed(pic, e);
    const std::size_t n = fat.size();
    const std::size_t m = n / 2 + 1;
    const double scale = 1.0 / double(n); // numpy's irfft

    // Picture.BuildScaleLevels: ceil(2 log(MAX_SIGMA) / log 2) levels, each sqrt(2) times the last.
    const int levels = static_cast<int>(std::ceil(2 * std::log(kMaxSigma) / std::log(2.0)));
    std::vector<double> sigmas(static_cast<std::size_t>(levels));
    sigmas[0] = 1.0 / std::sqrt(2.0);
    for (int k = 1; k < levels; ++k)
        sigmas[k] = std::sqrt(2.0) * sigmas[k - 1];
    std::vector<std::shared_ptr<const Spectrum>> kernels(static_cast<std::size_t>(levels));
    for (int k = 0; k < levels; ++k)
        kernels[k] = FlatConvolution::kernelSpectrum(e.hh, e.ww, sigmas[k]);
    const auto grainKernel = FlatConvolution::kernelSpectrum(e.hh, e.ww, m_grain);

    Workspace &ws = workspace(e.hh, e.ww, levels);
    double *real = ws.fft.real();
    std::complex<double> *spectrum = ws.fft.spectrum();
    NumpyRandom random(settings.seed);
    const double coherence = m_coherence;

    // PartiallyCoherentScaledGaussianDataStack: CoherentRandomGaussianDataStack draws all the
    // coherent planes of x, then of y, when it is constructed; each is blurred at its level's
    // sigma and scaled by sigma / MAX_SIGMA. A coherence of 0 multiplies them by zero: their
    // numbers are drawn, their work skipped.
    for (int stack = 0; stack < 2; ++stack) {
        for (int k = 0; k < levels; ++k) {
            const std::size_t slot = std::size_t(stack) * levels + k;
            if (coherence == 0.0) {
                random.skipNormals(n);
                continue;
            }
            gaussianPlane(random, real, n);
            ws.fft.forward();
            Spectrum &q = ws.coherent[slot];
            q.resize(m);
            const double factor = sigmas[k] / kMaxSigma;
            const double shift = blurredSpectrum(spectrum, *kernels[k], q.data(), n, factor);
            ws.shifts[slot] = shift * factor;
        }
        // Level L uses the sum over levels j >= L (the toolbox subtracts the used levels).
        if (coherence != 0.0)
            for (int k = levels - 2; k >= 0; --k) {
                const std::size_t slot = std::size_t(stack) * levels + k;
                Spectrum &q = ws.coherent[slot];
                const Spectrum &next = ws.coherent[slot + 1];
                for (std::size_t i = 0; i < m; ++i)
                    q[i] += next[i];
                ws.shifts[slot] += ws.shifts[slot + 1];
            }
    }

    std::copy(fat.begin(), fat.end(), real);
    ws.fft.forward();
    std::copy(spectrum, spectrum + m, ws.image.begin());

    // Level L of the x or y displacement: (1 - c) * incoherent_L + c * coherent_L, the
    // incoherent plane (blurred at the grain) drawn now. Both parts are spectra, so one inverse
    // transform gives their blend; its constant part is subtracted afterwards. Leaves the field
    // in `real`.
    auto displacement = [&](int stack, int level) {
        const std::size_t slot = std::size_t(stack) * levels + level;
        double constant = 0.0;
        if (coherence == 1.0) {
            // (1 - 1) * incoherent is zero: draw the plane's numbers, skip its work.
            random.skipNormals(n);
            std::copy(ws.coherent[slot].begin(), ws.coherent[slot].end(), spectrum);
            constant = ws.shifts[slot];
        } else {
            gaussianPlane(random, real, n);
            ws.fft.forward();
            const double shift = blurredSpectrum(spectrum, *grainKernel, spectrum, n);
            if (coherence == 0.0) {
                constant = shift;
            } else {
                const double a = 1.0 - coherence;
                const Spectrum &q = ws.coherent[slot];
                for (std::size_t i = 0; i < m; ++i)
                    spectrum[i] = a * spectrum[i] + coherence * q[i];
                constant = a * shift + coherence * ws.shifts[slot];
            }
        }
        ws.fft.inverse();
        return constant;
    };

    // Only the middle (the picture) is kept at the end: disarray just those pixels.
    std::vector<double> result(static_cast<std::size_t>(e.h) * e.w, 0.0);
    ws.rows.resize(result.size());
    const double reach = settings.level;
    for (int k = 0; k < levels; ++k) {
        // DOGScaleSpace: B_k - B_{k+1} (one transform of the image's spectrum times the
        // difference of the kernels); the last slice is B_{n-1} itself.
        const Spectrum &kernel = *kernels[k];
        if (k + 1 < levels) {
            const Spectrum &next = *kernels[k + 1];
            for (std::size_t i = 0; i < m; ++i)
                spectrum[i] = ws.image[i] * (kernel[i] - next[i]);
        } else {
            for (std::size_t i = 0; i < m; ++i)
                spectrum[i] = ws.image[i] * kernel[i];
        }
        ws.fft.inverse();
        for (std::size_t i = 0; i < n; ++i)
            ws.slice[i] = real[i] * scale;
        // DataPlaneDisarray: rows = clip(X * reach + i, 0, hh-1).astype(int), same for columns.
        const double dxConstant = displacement(0, k);
        for (int r = 0; r < e.h; ++r) {
            const int i = r + e.dh;
            const double *dx = real + static_cast<std::size_t>(i) * e.ww + e.dw;
            double *rows = ws.rows.data() + static_cast<std::size_t>(r) * e.w;
            for (int c = 0; c < e.w; ++c) {
                const double x = dx[c] * scale - dxConstant;
                rows[c] = std::floor(std::clamp(x * reach + i, 0.0, double(e.hh - 1)));
            }
        }
        const double dyConstant = displacement(1, k);
        for (int r = 0; r < e.h; ++r) {
            const int i = r + e.dh;
            const double *dy = real + static_cast<std::size_t>(i) * e.ww + e.dw;
            const double *rows = ws.rows.data() + static_cast<std::size_t>(r) * e.w;
            double *out = result.data() + static_cast<std::size_t>(r) * e.w;
            for (int c = 0; c < e.w; ++c) {
                const int j = c + e.dw;
                const double y = dy[c] * scale - dyConstant;
                const double column = std::clamp(y * reach + j, 0.0, double(e.ww - 1));
                out[c] += ws.slice[static_cast<std::size_t>(rows[c]) * e.ww
                                   + static_cast<std::size_t>(column)];
            }
        }
    }
    // DisembedDataPlane: clip to 0..255, astype(uint8); returned as byte / 255.
    FloatImage out(e.h, e.w, 1);
    for (std::size_t i = 0; i < result.size(); ++i)
        out.values[i] = static_cast<std::uint8_t>(std::clamp(result[i], 0.0, 255.0)) / 255.0;
    return out;
}

} // namespace sparsescope::core
