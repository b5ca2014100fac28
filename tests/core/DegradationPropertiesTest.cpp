// SPDX-License-Identifier: GPL-3.0-or-later
// Properties of the degradations on synthetic images, and their errors on bad input.
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/degradations/NpyFile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>

using namespace sparsescope;

namespace {

/// A smooth colour test image (gradients plus a few edges), values in [0, 1].
core::FloatImage colourImage(int h, int w, std::uint32_t seed = 1)
{
    core::FloatImage image(h, w, 3);
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> noise(-0.05, 0.05);
    for (int i = 0; i < h; ++i)
        for (int j = 0; j < w; ++j) {
            const double edge = (i / 8 + j / 8) % 2 ? 0.2 : 0.0;
            image.at(i, j, 0) = std::clamp(0.2 + 0.5 * i / h + edge + noise(random), 0.0, 1.0);
            image.at(i, j, 1) = std::clamp(0.7 - 0.4 * j / w + noise(random), 0.0, 1.0);
            image.at(i, j, 2) = std::clamp(0.3 + 0.3 * (i + j) / (h + w) + edge, 0.0, 1.0);
        }
    return image;
}

core::FloatImage greyImage(int h, int w, double low, double high, std::uint32_t seed = 2)
{
    core::FloatImage image(h, w, 1);
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> value(low, high);
    for (double &v : image.values)
        v = value(random);
    return image;
}

core::FloatImage apply(const std::string &type, const core::FloatImage &image, double level,
                       std::uint32_t seed = 0,
                       std::shared_ptr<const core::AmplitudeSpectrum> spectrum = {})
{
    core::DegradationSettings s;
    s.level = level;
    s.seed = seed;
    s.spectrum = std::move(spectrum);
    return core::DegradationRegistry::apply(type, image, s);
}

double mean(const core::FloatImage &image)
{
    return std::accumulate(image.values.begin(), image.values.end(), 0.0)
        / double(image.values.size());
}

/// Expects core::Error whose message contains `needle`.
template<typename F>
void expectDegradationError(F &&f, const std::string &needle)
{
    try {
        f();
        ADD_FAILURE() << "no core::Error (expected one mentioning '" << needle << "')";
    } catch (const core::Error &e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

} // namespace

TEST(DegradationProperties, RegistryHoldsTheThirteenTypesWithTheirPaperLevels)
{
    std::vector<std::string> names;
    for (const auto &info : core::DegradationRegistry::entries()) {
        names.push_back(info.name);
        EXPECT_EQ(info.levels.size(), info.labels.size()) << info.name;
        EXPECT_GE(info.levels.size(), 2u) << info.name;
        for (double level : info.levels)
            EXPECT_NO_THROW(core::DegradationRegistry::checkLevel(info, level)) << info.name;
        for (std::size_t i = 0; i < info.levels.size(); ++i)
            EXPECT_EQ(core::DegradationRegistry::parseLevel(info, info.labels[i]), info.levels[i]);
    }
    const std::vector<std::string> expected
        = {"greyscale", "contrast",    "uniform-noise",      "salt-and-pepper", "low-pass",
           "high-pass", "phase-noise", "power-equalisation", "opponent-colour", "rotation",
           "eidolon-1", "eidolon-2",   "eidolon-3"};
    EXPECT_EQ(names, expected);
    EXPECT_EQ(core::DegradationRegistry::info("uniform-noise").defaultSeed, 42u);
    EXPECT_EQ(core::DegradationRegistry::info("high-pass").levels.front(),
              std::numeric_limits<double>::infinity());
}

TEST(DegradationProperties, GreyUsesSkimageWeights)
{
    core::FloatImage pixel(1, 3, 3, 0.0);
    pixel.at(0, 0, 0) = 1.0; // red
    pixel.at(0, 1, 1) = 1.0; // green
    pixel.at(0, 2, 2) = 1.0; // blue
    const auto g = apply("greyscale", pixel, 1.0);
    ASSERT_EQ(g.channels, 1);
    EXPECT_DOUBLE_EQ(g.values[0], 0.2125);
    EXPECT_DOUBLE_EQ(g.values[1], 0.7154);
    EXPECT_DOUBLE_EQ(g.values[2], 0.0721);
    const auto colour = colourImage(16, 16);
    EXPECT_EQ(apply("greyscale", colour, 0.0).values, colour.values);
}

TEST(DegradationProperties, ContrastKeepsTheMeanAroundMidGrey)
{
    const auto image = colourImage(40, 56);
    const double greyMean = mean(apply("greyscale", image, 1.0));
    for (double c : {1.0, 0.5, 0.1, 0.01}) {
        const auto out = apply("contrast", image, c);
        // (1 - c)/2 + c g: the mean moves towards 0.5 by the factor c, 0.5 itself stays.
        EXPECT_NEAR(mean(out) - 0.5, c * (greyMean - 0.5), 1e-12) << c;
    }
    const auto flat = apply("contrast", core::FloatImage(8, 8, 1, 0.5), 0.05);
    for (double v : flat.values)
        EXPECT_DOUBLE_EQ(v, 0.5);
}

TEST(DegradationProperties, RotationIsExact)
{
    const auto image = greyImage(5, 7, 0.0, 1.0);
    const auto r90 = apply("rotation", image, 90);
    ASSERT_EQ(r90.height, 7);
    ASSERT_EQ(r90.width, 5);
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 5; ++j)
            EXPECT_EQ(r90.at(i, j), image.at(j, 6 - i)); // counter-clockwise, as np.rot90
    const auto r270 = apply("rotation", image, 270);
    EXPECT_EQ(r270.at(0, 0), image.at(4, 0)); // clockwise
    auto full = image;
    for (int k = 0; k < 4; ++k)
        full = apply("rotation", full, 90);
    EXPECT_EQ(full.values, image.values);
    EXPECT_EQ(apply("rotation", apply("rotation", image, 180), 180).values, image.values);
}

TEST(DegradationProperties, LowPassKillsHighFrequencies)
{
    // A checkerboard is all Nyquist frequency: a blur with sigma 3 leaves the mean (away from
    // the borders, where the padding grey 0.4423 enters).
    core::FloatImage board(64, 64, 1);
    for (int i = 0; i < 64; ++i)
        for (int j = 0; j < 64; ++j)
            board.at(i, j) = (i + j) % 2 ? 0.75 : 0.25;
    const auto blurred = apply("low-pass", board, 3.0);
    for (int i = 16; i < 48; ++i)
        for (int j = 16; j < 48; ++j)
            EXPECT_NEAR(blurred.at(i, j), 0.5, 1e-6);
    // Spectrum: the highest frequency of a random image drops by orders of magnitude, the
    // lowest stays.
    const auto noise = greyImage(64, 64, 0.2, 0.8);
    const auto before = core::AmplitudeSpectrum::ofImage(noise);
    const auto after = core::AmplitudeSpectrum::ofImage(apply("low-pass", noise, 2.0));
    EXPECT_LT(after.at(0, 0), 1e-3 * before.at(0, 0)); // (0, 0) is the Nyquist corner
    EXPECT_NEAR(after.at(32, 32), before.at(32, 32), 0.05 * before.at(32, 32)); // DC
    EXPECT_EQ(apply("low-pass", noise, 0.0).values, noise.values);
}

TEST(DegradationProperties, HighPassIsCentredOnTheMeanStimulusGrey)
{
    const auto image = greyImage(48, 48, 0.3, 0.7);
    const auto out = apply("high-pass", image, 1.5);
    EXPECT_NEAR(mean(out), 0.4423, 1e-9);
    EXPECT_EQ(apply("high-pass", image, std::numeric_limits<double>::infinity()).values,
              image.values);
}

TEST(DegradationProperties, PowerEqualisationYieldsTheTargetSpectrum)
{
    const auto image = greyImage(64, 48, 0.0, 1.0, 3);
    // A low-contrast target so that no pixel of the result clips.
    const auto target = std::make_shared<const core::AmplitudeSpectrum>(
        core::AmplitudeSpectrum::ofImage(greyImage(64, 48, 0.45, 0.55, 4)));
    const auto out = apply("power-equalisation", image, 1.0, 0, target);
    for (double v : out.values)
        ASSERT_TRUE(v > 0.0 && v < 1.0) << "a pixel clipped; the test needs a lower contrast";
    const auto result = core::AmplitudeSpectrum::ofImage(out);
    for (int i = 0; i < 64; ++i)
        for (int j = 0; j < 48; ++j)
            EXPECT_NEAR(result.at(i, j), target->at(i, j), 1e-9 * target->at(32, 24))
                << i << "," << j;
    // Level 0 is the unmanipulated grey image.
    EXPECT_EQ(apply("power-equalisation", image, 0.0, 0, target).values, image.values);
}

TEST(DegradationProperties, NoiseFollowsTheSeedAndWidthZeroIsContrastPointThree)
{
    const auto image = colourImage(32, 32);
    const auto base = apply("contrast", image, 0.3);
    EXPECT_EQ(apply("uniform-noise", image, 0.0, 42).values, base.values);
    EXPECT_EQ(apply("salt-and-pepper", image, 0.0, 42).values, base.values);
    EXPECT_EQ(apply("uniform-noise", image, 0.2, 5).values,
              apply("uniform-noise", image, 0.2, 5).values);
    EXPECT_NE(apply("uniform-noise", image, 0.2, 5).values,
              apply("uniform-noise", image, 0.2, 6).values);
    // Salt-and-pepper at p = 0.95: nearly every pixel is 0 or 1.
    const auto sp = apply("salt-and-pepper", image, 0.95, 1);
    const auto extremes = std::count_if(sp.values.begin(), sp.values.end(),
                                        [](double v) { return v == 0.0 || v == 1.0; });
    EXPECT_GT(extremes, 0.9 * sp.values.size());
    // Phase noise of width 0 is the grey image up to FFT rounding.
    const auto g = apply("greyscale", image, 1.0);
    const auto p0 = apply("phase-noise", image, 0.0, 0);
    for (std::size_t i = 0; i < g.values.size(); ++i)
        EXPECT_NEAR(p0.values[i], g.values[i], 1e-12);
}

TEST(DegradationProperties, OpponentColourKeepsGreyAndIsAnInvolution)
{
    // Pure grey 8-bit pixels have no chroma: they stay (up to the nearest gamma-table entry).
    core::FloatImage grey(4, 4, 3);
    for (std::size_t p = 0; p < 16; ++p)
        for (int c = 0; c < 3; ++c)
            grey.values[p * 3 + c] = (p * 16) / 255.0;
    const auto out = apply("opponent-colour", grey, 1.0);
    for (std::size_t i = 0; i < out.values.size(); ++i)
        EXPECT_NEAR(out.values[i], grey.values[i], 1.5 / 255.0);
    const auto image = colourImage(16, 16);
    auto quantised = core::ImageFile::fromBytes(core::ImageFile::toBytes(image).data(), 16, 16, 3);
    EXPECT_EQ(apply("opponent-colour", quantised, 0.0).values, quantised.values);
}

TEST(DegradationProperties, EveryTypeStaysInTheUnitRangeOnAnyShape)
{
    const auto image = colourImage(36, 44);
    const auto spectrum = std::make_shared<const core::AmplitudeSpectrum>(
        core::AmplitudeSpectrum::ofImage(colourImage(36, 44, 9)));
    for (const auto &info : core::DegradationRegistry::entries()) {
        const bool eidolon = info.name.rfind("eidolon", 0) == 0;
        // Eidolon takes about a second per image here: one level is enough for this property.
        const std::vector<double> levels = eidolon ? std::vector<double> {8} : info.levels;
        for (double level : levels) {
            const auto out = apply(info.name, image, level, info.defaultSeed, spectrum);
            ASSERT_FALSE(out.empty()) << info.name;
            EXPECT_EQ(out.values.size(), out.pixelCount() * out.channels) << info.name;
            for (double v : out.values)
                ASSERT_TRUE(v >= 0.0 && v <= 1.0) << info.name << " " << level << ": " << v;
            if (eidolon) {
                // The toolbox's size: longer side 256, aspect kept (round(36/44 * 256) = 209).
                EXPECT_EQ(out.width, 256);
                EXPECT_EQ(out.height, 209);
            }
        }
    }
}

TEST(DegradationProperties, BadInputGivesClearErrors)
{
    const auto colour = colourImage(8, 8);
    const auto grey = greyImage(8, 8, 0, 1);
    expectDegradationError([&] { apply("blur", colour, 1.0); }, "unknown degradation type");
    expectDegradationError([&] { apply("contrast", colour, 1.5); }, "out of range");
    expectDegradationError([&] { apply("uniform-noise", colour, -0.1); }, "out of range");
    expectDegradationError([&] { apply("rotation", colour, 45); }, "not allowed");
    expectDegradationError([&] { apply("opponent-colour", grey, 1.0); }, "greyscale");
    expectDegradationError([&] { apply("power-equalisation", colour, 1.0); }, "spectrum");
    expectDegradationError(
        [&] {
            apply("power-equalisation", colour, 1.0, 0,
                  std::make_shared<const core::AmplitudeSpectrum>(
                      core::AmplitudeSpectrum::ofImage(greyImage(4, 4, 0, 1))));
        },
        "4x4");
    auto outOfRange = grey;
    EXPECT_NO_THROW(core::DegradationRegistry::checkValues(outOfRange));
    outOfRange.values[3] = -0.0;
    EXPECT_NO_THROW(core::DegradationRegistry::checkValues(outOfRange));
    outOfRange.values[3] = 1.5;
    expectDegradationError([&] { core::DegradationRegistry::checkValues(outOfRange); }, "[0, 1]");
    outOfRange.values[3] = -1e-300;
    expectDegradationError([&] { core::DegradationRegistry::checkValues(outOfRange); }, "[0, 1]");
    outOfRange.values[3] = std::numeric_limits<double>::quiet_NaN();
    expectDegradationError([&] { core::DegradationRegistry::checkValues(outOfRange); }, "[0, 1]");
    auto malformed = grey;
    malformed.values.pop_back();
    expectDegradationError([&] { apply("contrast", malformed, 0.5); }, "height x width x channels");
    expectDegradationError([&] { apply("contrast", core::FloatImage(), 0.5); }, "empty");
    const auto &info = core::DegradationRegistry::info("high-pass");
    expectDegradationError([&] { core::DegradationRegistry::parseLevel(info, "abc"); }, "inf, 3");
    EXPECT_EQ(core::DegradationRegistry::parseLevel(info, "0.7"), 0.7);
    expectDegradationError([&] { core::ImageFile::read("/nonexistent/picture.png"); },
                           "no such image file");
}

TEST(DegradationProperties, NpyRoundTripAndBadFiles)
{
    test::TempDir dir;
    core::NpyFile file;
    file.shape = {3, 2};
    file.values = {1.5, -2.0, 3.25, 0.0, 1e-300, 7.0};
    file.write(dir.file("a.npy"));
    const auto back = core::NpyFile::read(dir.file("a.npy"));
    EXPECT_EQ(back.shape, file.shape);
    EXPECT_EQ(back.values, file.values);
    const auto spectrum = core::AmplitudeSpectrum::ofImage(greyImage(6, 10, 0, 1));
    spectrum.save(dir.file("s.npy"));
    const auto loaded = core::AmplitudeSpectrum::load(dir.file("s.npy"));
    EXPECT_EQ(loaded.height(), 6);
    EXPECT_EQ(loaded.width(), 10);
    EXPECT_EQ(loaded.values(), spectrum.values());
    test::writeBytes(dir.file("bad.npy"), "not numpy at all");
    expectDegradationError([&] { core::NpyFile::read(dir.file("bad.npy")); }, "bad magic");
    expectDegradationError([&] { core::AmplitudeSpectrum::load(dir.file("a1.npy")); },
                           "cannot open");
    core::NpyFile oneD;
    oneD.shape = {4};
    oneD.values = {1, 2, 3, 4};
    oneD.write(dir.file("1d.npy"));
    expectDegradationError([&] { core::AmplitudeSpectrum::load(dir.file("1d.npy")); }, "2-D");
}

namespace {
/// A .npy file of format `version` with `header` (padded to a 64-byte boundary as numpy does
/// unless `declaredLength` overrides the length field) followed by `data`.
std::string npyBytes(const std::string &header, const std::string &data, int version = 1,
                     long long declaredLength = -1)
{
    std::string h = header;
    const std::size_t preamble = version == 1 ? 10 : 12;
    while ((preamble + h.size() + 1) % 64 != 0)
        h += ' ';
    h += '\n';
    const auto length
        = std::uint64_t(declaredLength >= 0 ? std::uint64_t(declaredLength) : h.size());
    std::string bytes = std::string("\x93NUMPY", 6) + char(version) + '\0';
    for (std::size_t b = 0; b < (version == 1 ? 2u : 4u); ++b)
        bytes += char((length >> (8 * b)) & 0xFF);
    return bytes + h + data;
}
} // namespace

// Issue 19's hostile .npy files, each replayed: a clear error, no crash, no huge allocation.
TEST(DegradationProperties, HostileNpyHeadersAreRefusedBeforeAllocating)
{
    test::TempDir dir;
    const std::string eight(8 * 4, '\0');
    auto refused
        = [&](const std::string &name, const std::string &bytes, const std::string &needle) {
              test::writeBytes(dir.file(name), bytes);
              expectDegradationError([&] { core::NpyFile::read(dir.file(name)); }, needle);
          };
    // A shape whose product overflows 64 bits (it wrapped to a small count and the Fortran
    // reorder then wrote far outside its buffer: "double free or corruption").
    refused("overflow.npy",
            npyBytes("{'descr': '<f8', 'fortran_order': True, 'shape': (4294967297, "
                     "4294967297, 4), }",
                     eight),
            "declares more than");
    // 100000 × 100000 doubles: refused by the value budget, not by std::bad_alloc.
    refused(
        "huge.npy",
        npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", eight),
        "declares more than");
    // The shape fits the budget but the file is far too short for it.
    refused("short.npy",
            npyBytes("{'descr': '<f8', 'fortran_order': True, 'shape': (1000, 1000), }", eight),
            "truncated .npy data");
    // A 20-byte version-2 file declaring a 4 GB header (it was allocated as declared).
    refused("header.npy", npyBytes("{}", "", 2, 0xFFFFFFF0LL).substr(0, 20), "npy header declares");
    // Garbage where the shape should be.
    refused("shape.npy",
            npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", eight),
            "not a tuple of sizes");
    // A long (60 KB) but valid header is read without recursion: std::regex overflowed the
    // stack here.
    const std::string padding(60000, ' ');
    test::writeBytes(
        dir.file("long.npy"),
        npyBytes("{'descr': '<f8', " + padding + "'fortran_order': True, 'shape': (2, 2), }",
                 std::string(
                     reinterpret_cast<const char *>(std::vector<double> {1, 2, 3, 4}.data()), 32),
                 2));
    const auto back = core::NpyFile::read(dir.file("long.npy"));
    EXPECT_EQ(back.shape, (std::vector<std::size_t> {2, 2}));
    // Column-major on disk: 1, 2 are the first column.
    EXPECT_EQ(back.values, (std::vector<double> {1, 3, 2, 4}));
}
