// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/DegradationRegistry.h"

#include "degradations/Contrast.h"
#include "degradations/Eidolon.h"
#include "degradations/Greyscale.h"
#include "degradations/HighPass.h"
#include "degradations/LowPass.h"
#include "degradations/OpponentColour.h"
#include "degradations/PhaseNoise.h"
#include "degradations/PowerEqualisation.h"
#include "degradations/Rotation.h"
#include "degradations/SaltAndPepper.h"
#include "degradations/UniformNoise.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>

namespace sparsescope::core {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Registered
{
    DegradationInfo info;
    std::shared_ptr<const Degradation> degradation;
};

DegradationInfo make(std::string name, std::string parameter, std::string description,
                     std::vector<double> levels, std::vector<std::string> labels, double minimum,
                     double maximum)
{
    DegradationInfo info;
    info.name = std::move(name);
    info.parameter = std::move(parameter);
    info.description = std::move(description);
    info.levels = std::move(levels);
    info.labels = std::move(labels);
    info.minimum = minimum;
    info.maximum = maximum;
    return info;
}

DegradationInfo discrete(DegradationInfo info)
{
    info.continuous = false;
    return info;
}

DegradationInfo colourOnly(DegradationInfo info)
{
    info.colourOnly = true;
    return info;
}

DegradationInfo seeded(DegradationInfo info, std::uint32_t seed)
{
    info.random = true;
    info.defaultSeed = seed;
    return info;
}

DegradationInfo withSpectrum(DegradationInfo info)
{
    info.needsSpectrum = true;
    return info;
}

DegradationInfo eidolon(std::string name, std::string description)
{
    DegradationInfo info = seeded(
        make(std::move(name), "reach",
             std::move(description)
                 + " (output: the toolbox's size, longer side 256; np.random.seed(0))",
             {1, 2, 4, 8, 16, 32, 64, 128}, {"1", "2", "4", "8", "16", "32", "64", "128"}, 0, 1024),
        0);
    info.slow = true;
    return info;
}

DegradationInfo matrixLevel(DegradationInfo info, double level)
{
    info.matrixTestLevel = level;
    return info;
}

DegradationInfo identityOnGrey(DegradationInfo info)
{
    info.identityOnGrey = true;
    return info;
}

DegradationInfo minimumSize(DegradationInfo info, int size)
{
    info.minimumSize = size;
    return info;
}

// One entry per degradation: a new one is one file pair plus one entry here. Levels and labels
// are those of the paper and its released trial data (methods.md §4.4.1); default seeds are those
// of the reference stimuli (RandomState(42) for the noises, np.random.seed(0) otherwise).
const std::vector<Registered> &table()
{
    static const std::vector<Registered> registered = {
        {matrixLevel(
             identityOnGrey(make("greyscale", "greyness t (0 colour, 1 grey)",
                                 "colour vs greyscale: skimage rgb2gray (0.2125 R + 0.7154 G + "
                                 "0.0721 B)",
                                 {0, 1}, {"cr", "bw"}, 0, 1)),
             1.0),
         std::make_shared<Greyscale>()},
        {matrixLevel(make("contrast", "contrast c", "grey image at contrast c: (1 - c)/2 + c g",
                          {1.0, 0.5, 0.3, 0.15, 0.1, 0.05, 0.03, 0.01},
                          {"1.00", "0.50", "0.30", "0.15", "0.10", "0.05", "0.03", "0.01"}, 0, 1),
                     0.05),
         std::make_shared<Contrast>()},
        {matrixLevel(
             seeded(make("uniform-noise", "noise width w",
                         "additive uniform noise in [-w, w] after contrast 0.3, clipped",
                         {0.0, 0.03, 0.05, 0.1, 0.2, 0.35, 0.6, 0.9},
                         {"0.00", "0.03", "0.05", "0.10", "0.20", "0.35", "0.60", "0.90"}, 0, 1),
                    42),
             0.35),
         std::make_shared<UniformNoise>()},
        {matrixLevel(
             seeded(make("salt-and-pepper", "probability p",
                         "salt-and-pepper noise after contrast 0.3 (DNN experiments only)",
                         {0.0, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95},
                         {"0.00", "0.1", "0.2", "0.35", "0.5", "0.65", "0.8", "0.95"}, 0, 1),
                    42),
             0.2),
         std::make_shared<SaltAndPepper>()},
        {matrixLevel(make("low-pass", "Gaussian sigma (pixels)",
                          "Gaussian blur, constant padding 0.4423 (scipy gaussian_filter)",
                          {0, 1, 3, 5, 7, 10, 15, 40}, {"0", "1", "3", "5", "7", "10", "15", "40"},
                          0, 200),
                     3.0),
         std::make_shared<LowPass>()},
        {matrixLevel(make("high-pass", "Gaussian sigma (pixels; inf = unfiltered)",
                          "grey minus its Gaussian blur, re-centred on 0.4423",
                          {kInfinity, 3, 1.5, 1, 0.7, 0.55, 0.45, 0.4},
                          {"inf", "3", "1.5", "1", "0.7", "0.55", "0.45", "0.4"}, 0, kInfinity),
                     0.7),
         std::make_shared<HighPass>()},
        {matrixLevel(
             minimumSize(seeded(make("phase-noise", "phase noise width (degrees)",
                                     "uniform phase noise in [-w, w] on the Fourier spectrum "
                                     "(unmirrored, as the reference)",
                                     {0, 30, 60, 90, 120, 150, 180},
                                     {"0", "30", "60", "90", "120", "150", "180"}, 0, 180),
                                0),
                         2),
             90.0),
         std::make_shared<PhaseNoise>()},
        {matrixLevel(
             withSpectrum(make("power-equalisation", "equalisation t (0 grey, 1 mean spectrum)",
                               "amplitude spectrum replaced by a mean spectrum, phases kept",
                               {0, 1}, {"0", "pow"}, 0, 1)),
             1.0),
         std::make_shared<PowerEqualisation>()},
        {matrixLevel(
             colourOnly(make("opponent-colour", "opponent t (0 true colour, 1 opponent colour)",
                             "colours inverted along the DKL opponent axes, luminance kept "
                             "(monitor gamma table)",
                             {0, 1}, {"true", "false"}, 0, 1)),
             1.0),
         std::make_shared<OpponentColour>()},
        {matrixLevel(discrete(make("rotation", "angle (degrees, counter-clockwise)",
                                   "grey image rotated by a multiple of 90 degrees",
                                   {0, 90, 180, 270}, {"0", "90", "180", "270"}, 0, 270)),
                     90.0),
         std::make_shared<Rotation>()},
        {matrixLevel(eidolon("eidolon-1",
                             "Eidolon I: partially coherent disarray, coherence 1.0, grain 10"),
                     8.0),
         std::make_shared<Eidolon>(1.0)},
        {matrixLevel(eidolon("eidolon-2",
                             "Eidolon II: partially coherent disarray, coherence 0.3, grain 10"),
                     8.0),
         std::make_shared<Eidolon>(0.3)},
        {matrixLevel(eidolon("eidolon-3",
                             "Eidolon III: partially coherent disarray, coherence 0.0, grain 10"),
                     8.0),
         std::make_shared<Eidolon>(0.0)},
    };
    return registered;
}

const Registered &lookup(const std::string &name)
{
    for (const auto &r : table())
        if (r.info.name == name)
            return r;
    std::string known;
    for (const auto &r : table())
        known += (known.empty() ? "" : ", ") + r.info.name;
    throw Error(name, "unknown degradation type", "known types: " + known);
}

/// True when every value is in [0, 1] (NaN is not). Compares bit patterns as signed integers so
/// that the loop vectorises: non-negative doubles order like their bits, 1.0 is
/// 0x3ff0000000000000, negative ones (and -NaN) have the sign bit, +NaN lies above 1.0.
template<bool Avx2>
inline __attribute__((always_inline)) bool inUnitRangeBody(const double *values, std::size_t n)
{
    std::int64_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto bits = std::bit_cast<std::int64_t>(values[i]);
        // -0.0 (bits == INT64_MIN) is fine.
        bad |= static_cast<std::int64_t>(bits > 0x3ff0000000000000LL)
            | static_cast<std::int64_t>(bits < 0 && bits != INT64_MIN);
    }
    return bad == 0;
}

__attribute__((target("avx2"))) bool inUnitRangeAvx2(const double *values, std::size_t n)
{
    return inUnitRangeBody<true>(values, n);
}

bool inUnitRange(const std::vector<double> &values)
{
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2 ? inUnitRangeAvx2(values.data(), values.size())
                : inUnitRangeBody<false>(values.data(), values.size());
}

std::string formatNumber(double value)
{
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::string allowedLevels(const DegradationInfo &info)
{
    std::string labels;
    for (const auto &label : info.labels)
        labels += (labels.empty() ? "" : ", ") + label;
    if (!info.continuous)
        return "allowed levels: " + labels;
    return "allowed: " + formatNumber(info.minimum) + " to " + formatNumber(info.maximum)
        + "; the paper's levels: " + labels;
}

} // namespace

const std::vector<DegradationInfo> &DegradationRegistry::entries()
{
    static const std::vector<DegradationInfo> list = [] {
        std::vector<DegradationInfo> out;
        for (const auto &r : table())
            out.push_back(r.info);
        return out;
    }();
    return list;
}

const DegradationInfo *DegradationRegistry::find(const std::string &name)
{
    for (const auto &r : table())
        if (r.info.name == name)
            return &r.info;
    return nullptr;
}

const DegradationInfo &DegradationRegistry::info(const std::string &name)
{
    return lookup(name).info;
}

double DegradationRegistry::parseLevel(const DegradationInfo &info, const std::string &text)
{
    for (std::size_t i = 0; i < info.labels.size(); ++i)
        if (info.labels[i] == text)
            return info.levels[i];
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
        throw Error(info.name, "level '" + text + "' is neither a number nor a level label",
                    allowedLevels(info));
    checkLevel(info, value);
    return value;
}

void DegradationRegistry::checkLevel(const DegradationInfo &info, double level)
{
    if (std::isnan(level) || level < info.minimum || level > info.maximum)
        throw Error(info.name, info.parameter + " " + formatNumber(level) + " is out of range",
                    allowedLevels(info));
    if (!info.continuous) {
        for (double allowed : info.levels)
            if (std::abs(level - allowed) < 1e-9)
                return;
        throw Error(info.name, info.parameter + " " + formatNumber(level) + " is not allowed",
                    allowedLevels(info));
    }
}

std::string DegradationRegistry::levelLabel(const DegradationInfo &info, double level)
{
    for (std::size_t i = 0; i < info.levels.size(); ++i)
        if (info.levels[i] == level || std::abs(info.levels[i] - level) < 1e-12)
            return info.labels[i];
    return formatNumber(level);
}

void DegradationRegistry::checkValues(const FloatImage &image)
{
    if (!inUnitRange(image.values))
        throw Error({}, "image values must lie in [0, 1]", "divide 8-bit images by 255");
}

FloatImage DegradationRegistry::apply(const std::string &name, const FloatImage &input,
                                      const DegradationSettings &settings)
{
    const Registered &r = lookup(name);
    const DegradationInfo &info = r.info;
    checkLevel(info, settings.level);
    if (input.height <= 0 || input.width <= 0 || input.empty())
        throw Error(name, "the input image is empty");
    if (input.channels != 1 && input.channels != 3)
        throw Error(name,
                    "the input image has " + std::to_string(input.channels)
                        + " channels; degradations take 1 (grey) or 3 (RGB)");
    if (input.values.size() != input.pixelCount() * static_cast<std::size_t>(input.channels))
        throw Error(name,
                    "the input image holds " + std::to_string(input.values.size())
                        + " values, not height x width x channels");
    if (info.colourOnly && input.channels != 3)
        throw Error(name, "needs a colour (RGB) image, but the input is greyscale",
                    "use a colour image or another degradation type");
    if (input.height < info.minimumSize || input.width < info.minimumSize)
        throw Error(name,
                    "needs an image of at least " + std::to_string(info.minimumSize) + "x"
                        + std::to_string(info.minimumSize) + " pixels");
    if (info.needsSpectrum) {
        if (!settings.spectrum || settings.spectrum->empty())
            throw Error(name, "needs a mean amplitude spectrum",
                        "compute one with: sparsescope-cli spectrum --data SPEC --out FILE.npy, "
                        "then pass --spectrum FILE.npy");
        if (settings.spectrum->height() != input.height
            || settings.spectrum->width() != input.width)
            throw Error(name,
                        "the amplitude spectrum is " + std::to_string(settings.spectrum->height())
                            + "x" + std::to_string(settings.spectrum->width())
                            + " but the image is " + std::to_string(input.height) + "x"
                            + std::to_string(input.width),
                        "compute the spectrum from images of the same size");
    }
    return r.degradation->apply(input, settings);
}

} // namespace sparsescope::core
