// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Eidolon.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/FlatConvolution.h"
#include "degradations/PillowLanczos.h"
#include "degradations/SimdKernels.h"
#include "degradations/SimdLevel.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
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
std::vector<std::uint8_t> embed(const std::vector<std::uint8_t> &pic, const Embedding &e)
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
    return fat;
}

using Spectrum = FlatConvolution::Spectrum;

/// The scaling and transposition of gaussianPlane for rows [r0, r0 + 8) with AVX2: 4 columns
/// at a time, two 4 x 4 transposes, one 64-byte line a column. The same two products and the same
/// clamp per value as the scalar loop, so the same bits.
__attribute__((target("avx2"))) void scaleTransposeAvx2(const double *scratch, double *transposed,
                                                        std::size_t stride, int w, int r0,
                                                        double factor)
{
    const __m256d half = _mm256_set1_pd(127.5);
    const __m256d f = _mm256_set1_pd(factor);
    const __m256d hi = _mm256_set1_pd(127.0);
    const __m256d lo = _mm256_set1_pd(-127.0);
    int c = 0;
    for (; c + 4 <= w; c += 4) {
        __m256d v[8];
        for (int t = 0; t < 8; ++t) {
            const __m256d z = _mm256_loadu_pd(scratch + std::size_t(r0 + t) * w + c);
            // clamp(x, -127, 127) as max(min(x, 127), -127): equal for every non-NaN x.
            v[t] = _mm256_max_pd(_mm256_min_pd(_mm256_mul_pd(_mm256_mul_pd(half, z), f), hi), lo);
        }
        for (std::ptrdiff_t half4 = 0; half4 < 2; ++half4) {
            const __m256d *q = v + 4 * half4;
            const __m256d t0 = _mm256_unpacklo_pd(q[0], q[1]); // a0 b0 a2 b2
            const __m256d t1 = _mm256_unpackhi_pd(q[0], q[1]); // a1 b1 a3 b3
            const __m256d t2 = _mm256_unpacklo_pd(q[2], q[3]); // c0 d0 c2 d2
            const __m256d t3 = _mm256_unpackhi_pd(q[2], q[3]); // c1 d1 c3 d3
            const __m256d col0 = _mm256_permute2f128_pd(t0, t2, 0x20);
            const __m256d col1 = _mm256_permute2f128_pd(t1, t3, 0x20);
            const __m256d col2 = _mm256_permute2f128_pd(t0, t2, 0x31);
            const __m256d col3 = _mm256_permute2f128_pd(t1, t3, 0x31);
            double *out = transposed + std::size_t(c) * stride + r0 + 4 * half4;
            _mm256_storeu_pd(out, col0);
            _mm256_storeu_pd(out + stride, col1);
            _mm256_storeu_pd(out + 2 * stride, col2);
            _mm256_storeu_pd(out + 3 * stride, col3);
        }
    }
    for (; c < w; ++c) {
        double *out = transposed + std::size_t(c) * stride + r0;
        for (int t = 0; t < 8; ++t)
            out[t]
                = std::clamp(127.5 * scratch[std::size_t(r0 + t) * w + c] * factor, -127.0, 127.0);
    }
}

/// RandomDataPlane.randomGaussianDataPlane: normals scaled to 127.5 / max|z|, clipped to ±127,
/// drawn into the row-major `scratch` and written transposed (the transform's layout, rows
/// `stride` apart), 8 rows at a time so that each write fills a 64-byte line.
void gaussianPlane(NumpyRandom &random, double *scratch, double *transposed, std::size_t stride,
                   int h, int w)
{
    static const bool avx2 = __builtin_cpu_supports("avx2");
    const std::size_t n = std::size_t(h) * w;
    // 127.5 z / peak as 127.5 z * (1 / peak): one rounding more (an ulp), no division per value.
    const double factor = 1.0 / random.fillNormals(scratch, n);
    int r0 = 0;
    for (; r0 + 8 <= h; r0 += 8) {
        if (avx2) {
            scaleTransposeAvx2(scratch, transposed, stride, w, r0, factor);
            continue;
        }
        for (int c = 0; c < w; ++c) {
            double *out = transposed + std::size_t(c) * stride + r0;
            for (int t = 0; t < 8; ++t)
                out[t] = std::clamp(127.5 * scratch[std::size_t(r0 + t) * w + c] * factor, -127.0,
                                    127.0);
        }
    }
    for (int r = r0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            transposed[std::size_t(c) * stride + r]
                = std::clamp(127.5 * scratch[std::size_t(r) * w + c] * factor, -127.0, 127.0);
}

/// The Fourier side of BlurredRandomGaussianDataPlane. The toolbox blurs a plane (c = irfft(
/// rfft(plane) K)) and returns c - mean(c) / std(c) (sic: its operator precedence, kept). Here
/// the blurred plane stays a spectrum X = rfft(plane) K (twisted, the kernel's band), and its
/// mean and standard deviation come from X: mean = X[0] / n, sum(c^2) = sum |X_k|^2 / n over all
/// n frequencies (Parseval; the stored columns 0 < k1 < h/2 stand for two). Writes X * factor
/// to `out` (may be `plane`) and returns mean / std, the shift. The sum of |X_k|^2 over a row
/// is SimdKernels' fixed-order sum (four partial sums), the same bits at every SIMD level.
double blurredSpectrum(SimdLevel::Level simd, const FlatConvolution &conv,
                       const std::complex<double> *plane, const FlatConvolution::Kernel &kernel,
                       std::complex<double> *out, double factor = 1.0)
{
    const int h = conv.height();
    const std::size_t stride = conv.stride();
    const double dc = multiply(plane[0], kernel.values[0]).real(); // before `out` may overwrite it
    double energy = 0.0;
    for (int k2 = 0; k2 < conv.width(); ++k2) {
        const std::size_t row = std::size_t(k2) * stride;
        // Column 0 and column h / 2 stand for one frequency each, the others for two.
        const int inner = std::min(kernel.band, h / 2);
        const std::complex<double> x0 = multiply(plane[row], kernel.values[row]);
        out[row] = x0 * factor;
        double single = x0.real() * x0.real() + x0.imag() * x0.imag();
        if (kernel.band > h / 2) {
            const std::size_t middle = row + std::size_t(h / 2);
            const std::complex<double> x = multiply(plane[middle], kernel.values[middle]);
            out[middle] = x * factor;
            single += x.real() * x.real() + x.imag() * x.imag();
        }
        const double twice = inner > 1
            ? SimdKernels::multiplyScaleEnergy(simd, out + row + 1, plane + row + 1,
                                               kernel.values.data() + row + 1,
                                               std::size_t(inner - 1), factor)
            : 0.0;
        energy += single + 2.0 * twice;
    }
    const double dn = double(h) * double(conv.width());
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
        , conv(height, width)
        , coherent(2 * static_cast<std::size_t>(levels))
        , shifts(2 * static_cast<std::size_t>(levels))
        , scratch(n)
        , slice(conv.allocatePlane())
    { }
    ~Workspace() { FlatConvolution::freePlane(slice); }
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;
    int hh, ww;
    std::size_t n;
    FlatConvolution conv;
    Spectrum image; ///< the embedded picture's spectrum
    /// The coherent stacks (x levels, then y levels): the suffix sums over the levels of the
    /// scaled blurred planes' spectra, sum_{j >= L} (s_j / MAX_SIGMA) X_j, and of their shifts.
    std::vector<Spectrum> coherent;
    std::vector<double> shifts;
    std::vector<double> scratch; ///< a row-major plane
    double *slice; ///< n * the level's slice, transposed (conv's planeStride())
    std::vector<std::int32_t> rows; ///< the disarray's source row per picture pixel
    std::vector<double> result; ///< the disarrayed picture, transposed
};

Workspace &workspace(int hh, int ww, int levels)
{
    thread_local std::unique_ptr<Workspace> ws;
    if (!ws || ws->hh != hh || ws->ww != ww || ws->shifts.size() != 2 * std::size_t(levels))
        ws = std::make_unique<Workspace>(hh, ww, levels);
    return *ws;
}

/// One image's disarray after the picture's embedding, the kernels and the workspace are set
/// up; run() leaves the disarrayed picture (transposed, 0..255 not yet clipped) in ws.result.
struct Disarray
{
    const Embedding &e;
    int levels;
    const std::vector<double> &sigmas;
    const std::vector<std::shared_ptr<const FlatConvolution::Kernel>> &kernels;
    const FlatConvolution::Kernel &grain;
    const std::vector<std::uint8_t> &fat; ///< the embedded picture, row-major
    double coherence;
    double reach;
    Workspace &ws;
    NumpyRandom &random;
    SimdLevel::Level simd;

    /// PartiallyCoherentScaledGaussianDataStack: CoherentRandomGaussianDataStack draws all the
    /// coherent planes of x, then of y, when it is constructed; each is blurred at its level's
    /// sigma and scaled by sigma / MAX_SIGMA. A coherence of 0 multiplies them by zero: their
    /// numbers are drawn, their work skipped.
    void coherentStacks()
    {
        FlatConvolution &conv = ws.conv;
        const std::size_t stride = conv.stride();
        for (int stack = 0; stack < 2; ++stack) {
            for (int k = 0; k < levels; ++k) {
                const std::size_t slot = std::size_t(stack) * levels + k;
                if (coherence == 0.0) {
                    random.skipNormals(ws.n);
                    continue;
                }
                gaussianPlane(random, ws.scratch.data(), conv.transposed(), conv.planeStride(),
                              e.hh, e.ww);
                conv.forward(kernels[k]->band);
                Spectrum &q = ws.coherent[slot];
                q.resize(conv.spectrumSize());
                const double factor = sigmas[k] / kMaxSigma;
                ws.shifts[slot] = factor
                    * blurredSpectrum(simd, conv, conv.spectrum(), *kernels[k], q.data(), factor);
            }
            // Level L uses the sum over levels j >= L (the toolbox subtracts the used levels);
            // the bands shrink with the level.
            if (coherence != 0.0)
                for (int k = levels - 2; k >= 0; --k) {
                    const std::size_t slot = std::size_t(stack) * levels + k;
                    std::complex<double> *q = ws.coherent[slot].data();
                    const std::complex<double> *next = ws.coherent[slot + 1].data();
                    const int band = kernels[k + 1]->band;
                    for (int k2 = 0; k2 < e.ww; ++k2)
                        for (int k1 = 0; k1 < band; ++k1)
                            q[k2 * stride + k1] += next[k2 * stride + k1];
                    ws.shifts[slot] += ws.shifts[slot + 1];
                }
        }
    }

    /// The picture's spectrum, into ws.image.
    void pictureSpectrum()
    {
        FlatConvolution &conv = ws.conv;
        double *plane = conv.transposed();
        const std::size_t planeStride = conv.planeStride();
        for (int c = 0; c < e.ww; ++c)
            for (int r = 0; r < e.hh; ++r)
                plane[std::size_t(c) * planeStride + r] = fat[std::size_t(r) * e.ww + c];
        conv.forward(kernels[0]->band);
        ws.image.assign(conv.spectrum(), conv.spectrum() + conv.spectrumSize());
    }

    /// Level L of the x or y displacement: (1 - c) * incoherent_L + c * coherent_L, the
    /// incoherent plane (blurred at the grain) drawn now. Both parts are spectra, so one inverse
    /// transform gives their blend (of the picture's columns only); its constant part is
    /// subtracted afterwards. Leaves n * the field (transposed) in conv.transposed() and
    /// returns the constant.
    double displacement(int stack, int level)
    {
        FlatConvolution &conv = ws.conv;
        const std::size_t stride = conv.stride();
        std::complex<double> *spectrum = conv.spectrum();
        const std::size_t slot = std::size_t(stack) * levels + level;
        const int coherentBand = kernels[level]->band;
        double constant = 0.0;
        int band = 0;
        if (coherence == 1.0) {
            // (1 - 1) * incoherent is zero, and nothing is drawn after the incoherent planes:
            // they need neither work nor numbers.
            const std::complex<double> *q = ws.coherent[slot].data();
            for (int k2 = 0; k2 < e.ww; ++k2)
                std::copy(q + k2 * stride, q + k2 * stride + coherentBand, spectrum + k2 * stride);
            constant = ws.shifts[slot];
            band = coherentBand;
        } else {
            gaussianPlane(random, ws.scratch.data(), conv.transposed(), conv.planeStride(), e.hh,
                          e.ww);
            conv.forward(grain.band);
            const double shift = blurredSpectrum(simd, conv, spectrum, grain, spectrum);
            band = grain.band;
            if (coherence == 0.0) {
                constant = shift;
            } else {
                const double a = 1.0 - coherence;
                const std::complex<double> *q = ws.coherent[slot].data();
                const int common = std::min(grain.band, coherentBand);
                for (int k2 = 0; k2 < e.ww; ++k2) {
                    std::complex<double> *x = spectrum + k2 * stride;
                    const std::complex<double> *y = q + k2 * stride;
                    for (int k1 = 0; k1 < common; ++k1)
                        x[k1] = a * x[k1] + coherence * y[k1];
                    for (int k1 = common; k1 < grain.band; ++k1)
                        x[k1] = a * x[k1];
                    for (int k1 = common; k1 < coherentBand; ++k1)
                        x[k1] = coherence * y[k1];
                }
                band = std::max(grain.band, coherentBand);
                constant = a * shift + coherence * ws.shifts[slot];
            }
        }
        conv.inverse(band, e.dw, e.w);
        return constant;
    }

    /// DOGScaleSpace's slice `k`: B_k - B_{k+1} (one transform of the picture's spectrum times
    /// the difference of the kernels); the last slice is B_{n-1} itself. n * the slice into
    /// ws.slice.
    void scaleSlice(int k)
    {
        FlatConvolution &conv = ws.conv;
        const std::size_t stride = conv.stride();
        std::complex<double> *spectrum = conv.spectrum();
        const FlatConvolution::Kernel &kernel = *kernels[k];
        const int band = kernel.band; // the wider of the two
        for (int k2 = 0; k2 < e.ww; ++k2) {
            const std::size_t row = std::size_t(k2) * stride;
            if (k + 1 < levels)
                SimdKernels::multiplyDifference(
                    simd, spectrum + row, ws.image.data() + row, kernel.values.data() + row,
                    kernels[k + 1]->values.data() + row, std::size_t(band));
            else
                SimdKernels::multiply(simd, spectrum + row, ws.image.data() + row,
                                      kernel.values.data() + row, std::size_t(band));
        }
        conv.inverse(band, 0, e.ww, ws.slice);
    }

    /// DataPlaneDisarray of every level: rows = clip(X * reach + i, 0, hh-1).astype(int), the
    /// same for columns; the level's slice at (rows, columns) is added to ws.result. The fields,
    /// the rows and the result are all transposed (column by column). The clipped coordinates
    /// are truncations of non-negative values: int conversion equals numpy's astype(int). Only
    /// the middle (the picture) is kept at the end: just those pixels are disarrayed.
    void run()
    {
        coherentStacks();
        pictureSpectrum();
        const double scale = 1.0 / double(ws.n); // numpy's irfft
        const double *plane = ws.conv.transposed();
        const std::size_t planeStride = ws.conv.planeStride();
        ws.result.assign(std::size_t(e.h) * e.w, 0.0);
        ws.rows.resize(ws.result.size());
        const double lastRow = double(e.hh - 1);
        const double lastColumn = double(e.ww - 1);
        for (int k = 0; k < levels; ++k) {
            scaleSlice(k);
            const double dxConstant = displacement(0, k);
            for (int c = 0; c < e.w; ++c)
                SimdKernels::disarrayRows(simd, ws.rows.data() + std::size_t(c) * e.h,
                                          plane + std::size_t(c + e.dw) * planeStride + e.dh,
                                          std::size_t(e.h), scale, dxConstant, reach, e.dh,
                                          lastRow);
            const double dyConstant = displacement(1, k);
            for (int c = 0; c < e.w; ++c) {
                const int j = c + e.dw;
                SimdKernels::disarrayGather(simd, ws.result.data() + std::size_t(c) * e.h,
                                            plane + std::size_t(j) * planeStride + e.dh,
                                            ws.rows.data() + std::size_t(c) * e.h, std::size_t(e.h),
                                            scale, dyConstant, reach, j, lastColumn, ws.slice,
                                            planeStride);
            }
        }
    }
};

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
    const std::vector<std::uint8_t> fat = embed(pic, e);

    // Picture.BuildScaleLevels: ceil(2 log(MAX_SIGMA) / log 2) levels, each sqrt(2) times the last.
    const int levels = static_cast<int>(std::ceil(2 * std::log(kMaxSigma) / std::log(2.0)));
    std::vector<double> sigmas(static_cast<std::size_t>(levels));
    sigmas[0] = 1.0 / std::sqrt(2.0);
    for (int k = 1; k < levels; ++k)
        sigmas[k] = std::sqrt(2.0) * sigmas[k - 1];
    std::vector<std::shared_ptr<const FlatConvolution::Kernel>> kernels(
        static_cast<std::size_t>(levels));
    for (int k = 0; k < levels; ++k)
        kernels[k] = FlatConvolution::kernel(e.hh, e.ww, sigmas[k]);
    const auto grain = FlatConvolution::kernel(e.hh, e.ww, m_grain);

    Workspace &ws = workspace(e.hh, e.ww, levels);
    NumpyRandom random(settings.seed);
    Disarray disarray {e,
                       levels,
                       sigmas,
                       kernels,
                       *grain,
                       fat,
                       m_coherence,
                       settings.level,
                       ws,
                       random,
                       SimdLevel::active()};
    disarray.run();
    // DisembedDataPlane: clip to 0..255, astype(uint8); returned as byte / 255.
    FloatImage out(e.h, e.w, 1);
    for (int r = 0; r < e.h; ++r)
        for (int c = 0; c < e.w; ++c)
            out.at(r, c) = static_cast<std::uint8_t>(
                               std::clamp(ws.result[std::size_t(c) * e.h + r], 0.0, 255.0))
                / 255.0;
    return out;
}

} // namespace sparsescope::core
