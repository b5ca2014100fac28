// SPDX-License-Identifier: GPL-3.0-or-later
// Golden tests against the reference implementation's outputs (Geirhos et al. 2018, original
// Python code) in ../shared/reference/degradations/dev: every type and level of index.csv,
// float outputs (32-bit TIFF) and 8-bit stimuli (PNG, truncation). Prints max and mean |diff|
// per file; skipped when the folder is absent.
#include "Fixtures.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

const fs::path kGoldenRoot = test::referenceDir() / "degradations";
const fs::path kDev = kGoldenRoot / "dev";

struct GoldenCase
{
    std::string file; ///< the TIFF; the PNG has the same stem
    std::string type;
    std::string level;
};

std::vector<GoldenCase> goldenCases()
{
    std::vector<GoldenCase> cases;
    std::ifstream in(kDev / "index.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::stringstream fields(line);
        GoldenCase c;
        std::getline(fields, c.file, ',');
        std::getline(fields, c.type, ',');
        std::getline(fields, c.level, ',');
        cases.push_back(c);
    }
    return cases;
}

struct Comparison
{
    double maxDiff = 0.0;
    double meanDiff = 0.0;
    double withinOneStep = 0.0; ///< fraction of values within 1/255 of the float reference
    double equalBytes = 0.0; ///< fraction of 8-bit values equal to the reference PNG
};

/// Applies the case's degradation to input.png with the type's default (the reference's) seed.
Comparison compare(const GoldenCase &c)
{
    static const core::FloatImage input = core::ImageFile::read((kDev / "input.png").string());
    static const auto spectrum = std::make_shared<const core::AmplitudeSpectrum>(
        core::AmplitudeSpectrum::load((kGoldenRoot / "mean_power_spectrum_grey.npy").string()));
    const core::DegradationInfo &info = core::DegradationRegistry::info(c.type);
    core::DegradationSettings settings;
    settings.level = core::DegradationRegistry::parseLevel(info, c.level);
    settings.seed = info.defaultSeed;
    settings.spectrum = spectrum;
    const core::FloatImage out = core::DegradationRegistry::apply(c.type, input, settings);
    const core::FloatImage reference = core::ImageFile::readFloat((kDev / c.file).string());
    const core::FloatImage reference8
        = core::ImageFile::read((kDev / (c.file.substr(0, c.file.size() - 5) + ".png")).string());
    Comparison r;
    EXPECT_EQ(out.height, reference.height) << c.file;
    EXPECT_EQ(out.width, reference.width) << c.file;
    EXPECT_EQ(out.channels, reference.channels) << c.file;
    if (out.values.size() != reference.values.size()
        || out.values.size() != reference8.values.size()) {
        ADD_FAILURE() << c.file << ": size mismatch";
        return r;
    }
    const std::vector<std::uint8_t> bytes = core::ImageFile::toBytes(out);
    std::size_t within = 0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < out.values.size(); ++i) {
        const double d = std::abs(out.values[i] - reference.values[i]);
        r.maxDiff = std::max(r.maxDiff, d);
        r.meanDiff += d;
        within += d <= 1.0 / 255.0;
        equal += bytes[i] == static_cast<std::uint8_t>(std::lround(reference8.values[i] * 255.0));
    }
    const double n = static_cast<double>(out.values.size());
    r.meanDiff /= n;
    r.withinOneStep = within / n;
    r.equalBytes = equal / n;
    std::printf("[golden] %-19s %-6s max|diff| %.3g  mean|diff| %.3g  within 1/255 %.4f%%  "
                "8-bit equal %.4f%%\n",
                c.type.c_str(), c.level.c_str(), r.maxDiff, r.meanDiff, 100.0 * r.withinOneStep,
                100.0 * r.equalBytes);
    return r;
}

#define SKIP_WITHOUT_GOLDEN()                                                                      \
    SPARSESCOPE_REQUIRE_REFERENCE(kDev / "index.csv", "the shared reference folder")

void checkTypes(const std::vector<std::string> &types, double minWithin, double minEqual,
                double maxFloatDiff)
{
    int checked = 0;
    for (const auto &c : goldenCases()) {
        if (std::find(types.begin(), types.end(), c.type) == types.end())
            continue;
        const Comparison r = compare(c);
        EXPECT_GE(r.withinOneStep, minWithin) << c.file;
        EXPECT_GE(r.equalBytes, minEqual) << c.file;
        EXPECT_LE(r.maxDiff, maxFloatDiff) << c.file;
        ++checked;
    }
    EXPECT_GT(checked, 0) << "no golden cases for these types in index.csv";
}

} // namespace

TEST(DegradationGolden, EveryTypeOfTheIndexIsRegistered)
{
    SKIP_WITHOUT_GOLDEN();
    for (const auto &c : goldenCases())
        EXPECT_NE(core::DegradationRegistry::find(c.type), nullptr) << c.type;
}

// Issue 5 acceptance: deterministic types within 1/255 of the float reference on >= 99.9 % of
// pixels and 8-bit outputs equal on >= 99.9 %. (The float bound of 1e-6 is far tighter: what is
// left is the reference's float32 TIFF storage and FFT/filter rounding.)
TEST(DegradationGolden, DeterministicTypes)
{
    SKIP_WITHOUT_GOLDEN();
    checkTypes({"greyscale", "contrast", "low-pass", "high-pass", "power-equalisation",
                "opponent-colour", "rotation"},
               0.999, 0.999, 1e-6);
}

// Same seed, same noise: uniform noise and salt-and-pepper are bit-equal at 8 bit and equal to
// the float32 storage precision.
TEST(DegradationGolden, NoiseTypesAreEqualWithTheSameSeed)
{
    SKIP_WITHOUT_GOLDEN();
    checkTypes({"uniform-noise", "salt-and-pepper"}, 1.0, 1.0, 6e-8);
}

// Phase noise: the same random phases; the FFT round trip differs from scipy's only in
// rounding, which moves a few 8-bit values that lie on a step by one.
TEST(DegradationGolden, PhaseNoiseIsEqualWithTheSameSeed)
{
    SKIP_WITHOUT_GOLDEN();
    checkTypes({"phase-noise"}, 1.0, 0.999, 1e-6);
}

// Eidolon I-III are bit-exact to the reference's float32 outputs (issue 19.10: the issue 5 bound,
// 1/255 on 99 % of pixels, could not fail): every pixel of every level equal, at 8 bit too.
TEST(DegradationGolden, Eidolon)
{
    SKIP_WITHOUT_GOLDEN();
    checkTypes({"eidolon-1", "eidolon-2", "eidolon-3"}, 1.0, 1.0, 0.0);
}

TEST(DegradationGolden, ReferenceSpectrumLoadsFromNpy)
{
    SKIP_WITHOUT_GOLDEN();
    const auto s
        = core::AmplitudeSpectrum::load((kGoldenRoot / "mean_power_spectrum_grey.npy").string());
    EXPECT_EQ(s.height(), 224);
    EXPECT_EQ(s.width(), 224);
    // methods.md §4.4.2: DC = 22803.907 (mean grey 0.4545), centred at (112, 112).
    EXPECT_NEAR(s.at(112, 112), 22803.907, 1e-3);
    EXPECT_NEAR(s.at(112, 112) / (224.0 * 224.0), 0.4545, 1e-4);
}
