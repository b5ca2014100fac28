// SPDX-License-Identifier: GPL-3.0-or-later
// Batch generation and evaluation over levels: per-image seeds, thread-count independence,
// manifest and folders.
#include "sparsescope/core/degradations/DegradationBatch.h"
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradedEvaluation.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/models/Model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {
core::Dataset smallColourSet(std::size_t count = 12)
{
    return core::Dataset(test::syntheticImages(count, 3, 3, 24, 20, 5));
}
} // namespace

TEST(DegradationBatch, ResultsDoNotDependOnTheThreadCount)
{
    const auto data = smallColourSet();
    for (const std::string type : {"uniform-noise", "phase-noise", "low-pass"}) {
        core::DegradationSettings s;
        s.level = core::DegradationRegistry::info(type).levels[3];
        s.seed = 42;
        const auto one = core::DegradationBatch::degradedSet(data, type, s, 1);
        const auto two = core::DegradationBatch::degradedSet(data, type, s, 2);
        EXPECT_EQ(one.pixels, two.pixels) << type;
        EXPECT_EQ(one.labels, two.labels) << type;
        EXPECT_EQ(one.channels, 3);
    }
}

TEST(DegradationBatch, EachImageHasItsOwnReproducibleSeed)
{
    const auto data = smallColourSet();
    core::DegradationSettings s;
    s.level = 0.35;
    s.seed = 42;
    const auto set = core::DegradationBatch::degradedSet(data, "uniform-noise", s, 2);
    EXPECT_EQ(core::DegradationBatch::imageSeed(42, 3), 45u);
    // Image 3 alone with seed 45 gives the same bytes as in the batch.
    core::DegradationSettings own = s;
    own.seed = 45;
    const auto single = core::DegradationBatch::fitTo(
        core::DegradationRegistry::apply("uniform-noise", core::DegradationBatch::sample(data, 3),
                                         own),
        24, 20, 3);
    std::vector<std::uint8_t> expected(set.imageBytes());
    const auto bytes = core::ImageFile::toBytes(single);
    for (std::size_t p = 0; p < 24 * 20; ++p)
        for (int k = 0; k < 3; ++k)
            expected[k * 480 + p] = bytes[p * 3 + k];
    EXPECT_TRUE(std::equal(expected.begin(), expected.end(), set.image(3)));
    // Different images get different noise.
    EXPECT_FALSE(std::equal(set.image(0), set.image(0) + set.imageBytes(), set.image(1)));
}

TEST(DegradationBatch, WritesImagesAndManifestThatReadBack)
{
    test::TempDir dir;
    const auto data = smallColourSet(6);
    core::DegradeSetConfig config;
    config.type = "contrast";
    config.levels = {0.5, 0.1};
    config.seed = 7;
    config.outputDirectory = dir.file("out");
    const auto rows = core::DegradationBatch::writeSet(data, config);
    ASSERT_EQ(rows.size(), 12u);
    EXPECT_EQ(rows[0].level, "0.50");
    EXPECT_EQ(rows[7].level, "0.10");
    EXPECT_EQ(rows[7].seed, 8u);
    for (const auto &row : rows)
        EXPECT_TRUE(fs::exists(fs::path(config.outputDirectory) / row.file)) << row.file;
    std::ifstream manifest(fs::path(config.outputDirectory) / "manifest.csv");
    std::string header;
    std::getline(manifest, header);
    EXPECT_EQ(header, "file,source,type,level,seed");
    int lines = 0;
    for (std::string line; std::getline(manifest, line);)
        ++lines;
    EXPECT_EQ(lines, 12);
    // A level folder is an image-folder dataset: same count, grey images, labels kept.
    const auto back = core::Dataset::fromSpec("folder:" + config.outputDirectory + "/0.50");
    EXPECT_EQ(back.size(), 6u);
    EXPECT_EQ(back.channels(), 1);
    EXPECT_THROW(
        [&] {
            core::DegradeSetConfig bad = config;
            bad.levels = {2.0};
            core::DegradationBatch::writeSet(data, bad);
        }(),
        core::Error);
}

TEST(DegradationBatch, SpectrumOfADatasetIsTheMeanAndThreadIndependent)
{
    const auto data = smallColourSet(5);
    const auto one = core::AmplitudeSpectrum::mean(data, 1);
    const auto two = core::AmplitudeSpectrum::mean(data, 2);
    EXPECT_EQ(one.values(), two.values());
    std::vector<double> sum(one.values().size(), 0.0);
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto s = core::AmplitudeSpectrum::ofImage(core::DegradationBatch::sample(data, i));
        for (std::size_t p = 0; p < sum.size(); ++p)
            sum[p] += s.values()[p];
    }
    for (std::size_t p = 0; p < sum.size(); ++p)
        EXPECT_NEAR(one.values()[p], sum[p] / 5.0, 1e-9 * (1.0 + sum[p]));
}

TEST(DegradationBatch, EvaluationGivesOneAccuracyPerLevel)
{
    const auto data = core::Dataset(test::syntheticImages(40, 4, 1, 28, 28, 3));
    core::ModelOptions options;
    options.inChannels = 1;
    options.height = 28;
    options.width = 28;
    options.numClasses = 4;
    const auto model = core::Model::create("lenet5", options, 1);
    core::DegradedEvaluation::Config config;
    config.type = "uniform-noise";
    config.levels = {0.0, 0.35, 0.9};
    config.seed = 42;
    config.threads = 1;
    // The job contract: progress in levels, never backwards, ending at the total.
    struct Levels : core::JobObserver
    {
        std::vector<std::pair<std::size_t, std::size_t>> seen;
        void onProgress(std::size_t done, std::size_t total) override
        {
            seen.emplace_back(done, total);
        }
    } progress;
    const auto one = core::DegradedEvaluation::run(model, data, config, progress);
    EXPECT_EQ(progress.seen,
              (std::vector<std::pair<std::size_t, std::size_t>> {{1, 3}, {2, 3}, {3, 3}}));
    config.threads = 2;
    const auto two = core::DegradedEvaluation::run(model, data, config);
    ASSERT_EQ(one.size(), 3u);
    for (std::size_t l = 0; l < 3; ++l) {
        EXPECT_EQ(one[l].count, 40u);
        EXPECT_EQ(one[l].correct, two[l].correct);
        // The same count directly: the images degraded at this level, evaluated one by one.
        core::DegradationSettings settings;
        settings.level = config.levels[l];
        settings.seed = 42;
        const core::Dataset degraded(
            core::DegradationBatch::degradedSet(data, "uniform-noise", settings, 1));
        const core::Evaluation direct = model.evaluate(degraded, 1, true);
        std::size_t correct = 0;
        for (std::size_t i = 0; i < degraded.size(); ++i) {
            const float *logits = direct.logits.data() + i * std::size_t(direct.numClasses);
            const auto best = std::max_element(logits, logits + direct.numClasses) - logits;
            correct += best == degraded.label(i) ? 1 : 0;
        }
        EXPECT_EQ(one[l].correct, correct) << "level " << config.levels[l];
    }
    EXPECT_EQ(one[1].label, "0.35");
    config.type = "opponent-colour";
    config.levels = {1.0};
    EXPECT_THROW(core::DegradedEvaluation::run(model, data, config), core::Error);
}
