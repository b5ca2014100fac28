// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"

#include "common/ParallelFor_p.h"
#include "degradations/DegradationMath_p.h"
#include "degradations/Fourier.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/NpyFile.h"

#include <cmath>

namespace sparsescope::core {

AmplitudeSpectrum::AmplitudeSpectrum(int height, int width, std::vector<double> values)
    : m_height(height)
    , m_width(width)
    , m_values(std::move(values))
{
    if (height <= 0 || width <= 0
        || m_values.size() != static_cast<std::size_t>(height) * static_cast<std::size_t>(width))
        throw Error({},
                    "amplitude spectrum: " + std::to_string(m_values.size())
                        + " values do not make a " + std::to_string(height) + "x"
                        + std::to_string(width) + " array");
}

AmplitudeSpectrum AmplitudeSpectrum::ofImage(const FloatImage &image)
{
    const FloatImage g = degradation::grey(image);
    const HalfSpectrum spectrum = Fourier::forward(g);
    std::vector<double> values(g.values.size());
    for (int i = 0; i < g.height; ++i) {
        const int u = Fourier::unshifted(i, g.height);
        for (int j = 0; j < g.width; ++j)
            values[static_cast<std::size_t>(i) * g.width + j]
                = std::abs(spectrum.full(u, Fourier::unshifted(j, g.width)));
    }
    return AmplitudeSpectrum(g.height, g.width, std::move(values));
}

AmplitudeSpectrum AmplitudeSpectrum::mean(const Dataset &data, int threads)
{
    if (data.empty())
        throw Error(data.source(), "cannot compute a mean spectrum of an empty dataset");
    const int h = data.height();
    const int w = data.width();
    const int c = data.channels();
    const std::size_t plane = static_cast<std::size_t>(h) * w;
    // Per-image spectra are summed in a fixed order (blocks of images in index order, then the
    // blocks in order), so the result does not depend on the thread count.
    const std::size_t blockSize = 64;
    const std::size_t blocks = (data.size() + blockSize - 1) / blockSize;
    std::vector<std::vector<double>> sums(blocks, std::vector<double>(plane, 0.0));
    parallelFor(blocks, threads, [&](std::size_t block) {
        std::vector<float> pixels(plane * c);
        std::int64_t label = 0;
        for (std::size_t i = block * blockSize; i < std::min(data.size(), (block + 1) * blockSize);
             ++i) {
            data.fill(&i, 1, pixels.data(), &label);
            FloatImage image(h, w, c);
            for (std::size_t p = 0; p < plane; ++p)
                for (int k = 0; k < c; ++k)
                    // Dataset delivers byte / 255 as float: recover the byte, divide in double.
                    image.values[p * c + k] = std::round(pixels[k * plane + p] * 255.0f) / 255.0;
            const AmplitudeSpectrum s = ofImage(image);
            for (std::size_t p = 0; p < plane; ++p)
                sums[block][p] += s.m_values[p];
        }
    });
    std::vector<double> total(plane, 0.0);
    for (const auto &sum : sums)
        for (std::size_t p = 0; p < plane; ++p)
            total[p] += sum[p];
    for (double &v : total)
        v /= static_cast<double>(data.size());
    return AmplitudeSpectrum(h, w, std::move(total));
}

AmplitudeSpectrum AmplitudeSpectrum::load(const std::string &path)
{
    const NpyFile file = NpyFile::read(path);
    if (file.shape.size() != 2)
        throw Error(path,
                    "an amplitude spectrum must be a 2-D array, this one has "
                        + std::to_string(file.shape.size()) + " dimensions",
                    "compute one with: sparsescope-cli spectrum --data SPEC --out FILE.npy");
    for (double v : file.values)
        if (!std::isfinite(v) || v < 0.0)
            throw Error(path, "an amplitude spectrum must hold finite values >= 0");
    return AmplitudeSpectrum(static_cast<int>(file.shape[0]), static_cast<int>(file.shape[1]),
                             file.values);
}

void AmplitudeSpectrum::save(const std::string &path) const
{
    NpyFile file;
    file.shape = {static_cast<std::size_t>(m_height), static_cast<std::size_t>(m_width)};
    file.values = m_values;
    file.write(path);
}

} // namespace sparsescope::core
