// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Eidolon.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/FlatConvolution.h"
#include "degradations/PairwiseSum_p.h"
#include "degradations/PillowLanczos.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <algorithm>
#include <cmath>
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

/// RandomDataPlane.randomGaussianDataPlane: normals scaled to 127.5 / max|z|, clipped to ±127.
void gaussianPlane(NumpyRandom &random, std::vector<double> &plane)
{
    double peak = 0.0;
    for (double &v : plane) {
        v = random.normal();
        peak = std::max(peak, std::abs(v));
    }
    for (double &v : plane)
        v = std::clamp(127.5 * v / peak, -127.0, 127.0);
}

/// Advances `random` exactly as gaussianPlane would, without computing the normals: for the
/// planes that a coherence of 0 or 1 multiplies by zero.
void skipGaussianPlane(NumpyRandom &random, std::size_t count)
{
    for (std::size_t i = 0; i < count; i += 2) {
        double r2 = 0.0;
        do {
            const double x1 = 2.0 * random.randomSample() - 1.0;
            const double x2 = 2.0 * random.randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
    }
}

/// Buffers shared by all the blurs of one Eidolon image.
struct Scratch
{
    Scratch(int height, int width)
        : convolution(height, width)
        , squared(static_cast<std::size_t>(height) * width)
    { }
    FlatConvolution convolution;
    FlatConvolution::Spectrum spectrum;
    std::vector<double> squared;
};

/// BlurredRandomGaussianDataPlane: c = blur(plane, sigma); c - mean(c) / std(c) (sic: the
/// toolbox's operator precedence, kept).
void blurredPlane(NumpyRandom &random, std::vector<double> &plane, std::vector<double> &out,
                  const Embedding &e, double sigma, Scratch &scratch)
{
    gaussianPlane(random, plane);
    scratch.convolution.transform(plane.data(), scratch.spectrum);
    scratch.convolution.convolve(scratch.spectrum,
                                 *FlatConvolution::kernelSpectrum(e.hh, e.ww, sigma), out.data());
    const double n = static_cast<double>(out.size());
    const double mean = pairwiseSum(out.data(), out.size()) / n;
    // np.var: mean of (c - mean)^2, with numpy's pairwise sum.
    std::vector<double> &squared = scratch.squared;
    for (std::size_t i = 0; i < out.size(); ++i)
        squared[i] = (out[i] - mean) * (out[i] - mean);
    const double deviation = std::sqrt(pairwiseSum(squared.data(), squared.size()) / n);
    const double shift = mean / deviation;
    for (double &v : out)
        v = v - shift;
}

/// The x or y displacement stack of PartiallyCoherentScaledGaussianDataStack.
class DisplacementStack
{
public:
    DisplacementStack(NumpyRandom &random, const Embedding &e, const std::vector<double> &sigmas,
                      double coherence, double grain, Scratch &scratch)
        : m_random(random)
        , m_scratch(scratch)
        , m_e(e)
        , m_coherence(coherence)
        , m_grain(grain)
        , m_plane(static_cast<std::size_t>(e.hh) * e.ww)
        , m_sum(m_plane.size(), 0.0)
        , m_incoherent(m_plane.size())
    {
        // CoherentRandomGaussianDataStack draws all its planes when it is constructed.
        const std::size_t n = m_plane.size();
        for (double sigma : sigmas) {
            if (coherence == 0.0) {
                skipGaussianPlane(random, n);
                continue;
            }
            std::vector<double> scaled(n);
            blurredPlane(random, m_plane, scaled, e, sigma, scratch);
            const double factor = sigma / kMaxSigma;
            for (std::size_t i = 0; i < n; ++i) {
                scaled[i] = scaled[i] * factor;
                m_sum[i] += scaled[i];
            }
            m_coherentPlanes.push_back(std::move(scaled));
        }
    }

    /// Level k: (1 - c) * incoherent_k + c * coherent_k, the incoherent plane drawn now.
    const std::vector<double> &next()
    {
        const std::size_t n = m_plane.size();
        if (m_level > 0 && m_coherence != 0.0) {
            const std::vector<double> &previous = m_coherentPlanes[m_level - 1];
            for (std::size_t i = 0; i < n; ++i)
                m_sum[i] -= previous[i];
        }
        ++m_level;
        if (m_coherence == 1.0) {
            // (1 - 1) * incoherent is zero: draw the plane's numbers, skip its work.
            skipGaussianPlane(m_random, n);
            return m_sum;
        }
        blurredPlane(m_random, m_plane, m_incoherent, m_e, m_grain, m_scratch);
        if (m_coherence == 0.0)
            return m_incoherent;
        const double a = 1.0 - m_coherence;
        for (std::size_t i = 0; i < n; ++i)
            m_incoherent[i] = a * m_incoherent[i] + m_coherence * m_sum[i];
        return m_incoherent;
    }

private:
    NumpyRandom &m_random;
    Scratch &m_scratch;
    const Embedding &m_e;
    double m_coherence;
    double m_grain;
    std::vector<double> m_plane;
    std::vector<double> m_sum;
    std::vector<double> m_incoherent;
    std::vector<std::vector<double>> m_coherentPlanes;
    std::size_t m_level = 0;
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
    const std::vector<double> fat = embed(pic, e);
    const std::size_t n = fat.size();

    // Picture.BuildScaleLevels: ceil(2 log(MAX_SIGMA) / log 2) levels, each sqrt(2) times the last.
    const int levels = static_cast<int>(std::ceil(2 * std::log(kMaxSigma) / std::log(2.0)));
    std::vector<double> sigmas(static_cast<std::size_t>(levels));
    sigmas[0] = 1.0 / std::sqrt(2.0);
    for (int k = 1; k < levels; ++k)
        sigmas[k] = std::sqrt(2.0) * sigmas[k - 1];

    NumpyRandom random(settings.seed);
    Scratch scratch(e.hh, e.ww);
    DisplacementStack x(random, e, sigmas, m_coherence, m_grain, scratch);
    DisplacementStack y(random, e, sigmas, m_coherence, m_grain, scratch);

    FlatConvolution::Spectrum fatSpectrum;
    scratch.convolution.transform(fat.data(), fatSpectrum);
    std::vector<double> blurred(n);
    std::vector<double> nextBlurred(n);
    scratch.convolution.convolve(
        fatSpectrum, *FlatConvolution::kernelSpectrum(e.hh, e.ww, sigmas[0]), blurred.data());
    std::vector<double> slice(n);
    // Only the middle (the picture) is kept at the end: disarray just those pixels.
    std::vector<double> result(static_cast<std::size_t>(e.h) * e.w, 0.0);
    const double reach = settings.level;
    for (int k = 0; k < levels; ++k) {
        // DOGScaleSpace: B_k - B_{k+1}; the last slice is B_{n-1} itself.
        if (k + 1 < levels) {
            scratch.convolution.convolve(
                fatSpectrum, *FlatConvolution::kernelSpectrum(e.hh, e.ww, sigmas[k + 1]),
                nextBlurred.data());
            for (std::size_t i = 0; i < n; ++i)
                slice[i] = blurred[i] - nextBlurred[i];
            std::swap(blurred, nextBlurred);
        } else {
            slice = blurred;
        }
        const std::vector<double> &dx = x.next();
        const std::vector<double> &dy = y.next();
        // DataPlaneDisarray: rows = clip(X * reach + i, 0, hh-1).astype(int), same for columns.
        for (int r = 0; r < e.h; ++r) {
            const int i = r + e.dh;
            for (int c = 0; c < e.w; ++c) {
                const int j = c + e.dw;
                const std::size_t p = static_cast<std::size_t>(i) * e.ww + j;
                const double row = std::clamp(dx[p] * reach + i, 0.0, double(e.hh - 1));
                const double column = std::clamp(dy[p] * reach + j, 0.0, double(e.ww - 1));
                result[static_cast<std::size_t>(r) * e.w + c]
                    += slice[static_cast<std::size_t>(row) * e.ww
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
