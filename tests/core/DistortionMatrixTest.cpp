// SPDX-License-Identifier: GPL-3.0-or-later
// Train on one distortion, test on all (issue 6, item 4): config parsing, the mixed-level
// training sets, and a tiny matrix whose cells are recomputed from the saved models.
#include "sparsescope/core/psychophysics/DistortionMatrix.h"
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/data/ReaderRegistry.h"
#include "sparsescope/core/degradations/DegradationBatch.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/models/Model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

using namespace sparsescope;
using core::DistortionMatrix;
using core::DistortionMatrixConfig;
namespace fs = std::filesystem;

namespace {
int lines(const std::string &path)
{
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);)
        ++n;
    return n;
}
} // namespace

TEST(DistortionMatrixConfig, DefaultsJsonAndErrors)
{
    const auto defaults = DistortionMatrixConfig::fromJson("{}");
    EXPECT_EQ(defaults.model, "lenet5");
    EXPECT_EQ(defaults.distortionList().size(), 8u); // grey types without the Eidolons
    EXPECT_DOUBLE_EQ(defaults.testLevelOf("uniform-noise"), 0.35);
    EXPECT_DOUBLE_EQ(defaults.testLevelOf("salt-and-pepper"), 0.2);
    EXPECT_EQ(defaults.trainLevelsOf("rotation"), (std::vector<double> {0, 90, 180, 270}));

    const auto config = DistortionMatrixConfig::fromJson(
        R"({"distortions": ["high-pass", "rotation"], "train_levels": {"high-pass": ["inf", 1]},
            "test_levels": {"rotation": "180"}, "epochs": 2})",
        "m.json");
    EXPECT_TRUE(std::isinf(config.trainLevelsOf("high-pass")[0]));
    EXPECT_DOUBLE_EQ(config.testLevelOf("rotation"), 180.0);
    // What toJson writes reads back to the same config ("inf" written as its label).
    const auto again = DistortionMatrixConfig::fromJson(config.toJson(), "again");
    EXPECT_EQ(again.distortionList(), config.distortionList());
    EXPECT_EQ(again.trainLevelsOf("high-pass"), config.trainLevelsOf("high-pass"));
    EXPECT_DOUBLE_EQ(again.testLevelOf("rotation"), 180.0);
    EXPECT_EQ(again.epochs, 2);

    for (const std::string bad :
         {R"({"epoch": 2})", R"({"distortions": ["fog"]})",
          R"({"distortions": ["opponent-colour"]})", R"({"test_levels": {"rotation": 45}})",
          R"({"distortions": ["contrast"], "test_levels": {"rotation": 90}})", R"({"epochs": 0})",
          "[1]", "{"}) {
        try {
            DistortionMatrixConfig::fromJson(bad, "m.json");
            ADD_FAILURE() << "accepted " << bad;
        } catch (const core::Error &e) {
            EXPECT_EQ(e.file(), "m.json") << bad;
        }
    }
    EXPECT_THROW(DistortionMatrixConfig::fromFile("/nonexistent/m.json"), core::Error);
}

TEST(DistortionMatrix, MixesLevelsPerImageWithOwnSeeds)
{
    std::vector<std::size_t> counts(4, 0);
    for (std::size_t i = 0; i < 4000; ++i) {
        const std::size_t k = DistortionMatrix::levelIndex(7, i, 4);
        ASSERT_LT(k, 4u);
        ++counts[k];
        EXPECT_EQ(k, DistortionMatrix::levelIndex(7, i, 4));
    }
    for (std::size_t c : counts)
        EXPECT_NEAR(double(c), 1000.0, 120.0);

    const core::Dataset data(test::syntheticImages(24, 4));
    const std::vector<double> levels = {0.0, 0.2, 0.5};
    const auto set = DistortionMatrix::mixedLevelSet(data, "uniform-noise", levels, 5, nullptr, 2);
    ASSERT_EQ(set.size(), data.size());
    std::set<std::size_t> used;
    for (std::size_t i = 0; i < data.size(); ++i) {
        core::DegradationSettings settings;
        settings.level = levels[DistortionMatrix::levelIndex(5, i, levels.size())];
        settings.seed = core::DegradationBatch::imageSeed(5, i);
        used.insert(DistortionMatrix::levelIndex(5, i, levels.size()));
        const auto bytes = core::ImageFile::toBytes(core::DegradationRegistry::apply(
            "uniform-noise", core::DegradationBatch::sample(data, i), settings));
        ASSERT_EQ(bytes.size(), set.imageBytes());
        EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), set.image(i))) << i;
        EXPECT_EQ(set.labels[i], data.label(i));
    }
    EXPECT_EQ(used.size(), levels.size());
}

TEST(DistortionMatrix, SmallMatrixHasTheRightShapeAndCells)
{
    test::SyntheticIdxData data(200, 60, 4);
    test::TempDir out;
    DistortionMatrixConfig config;
    config.trainData = data.train;
    config.testData = data.test;
    config.trainLimit = 200;
    config.testLimit = 60;
    config.epochs = 1;
    config.batchSize = 32;
    config.distortions = {"rotation", "uniform-noise"};
    config.threads = 2;
    config.seed = 3;
    const auto result = DistortionMatrix::run(config, out.path().string());
    ASSERT_TRUE(result.completed);
    ASSERT_EQ(result.trainNames, (std::vector<std::string> {"clean", "rotation", "uniform-noise"}));
    ASSERT_EQ(result.testNames, result.trainNames);
    EXPECT_EQ(result.testLabels[1], "90");
    EXPECT_EQ(result.testLabels[2], "0.35");
    EXPECT_EQ(result.testCount, 60u);
    ASSERT_EQ(result.accuracy.size(), 3u);
    for (const auto &row : result.accuracy) {
        ASSERT_EQ(row.size(), 3u);
        for (double value : row) {
            // An accuracy over the 60 test images: a count of them, not any number in [0, 1].
            const double correct = value * double(result.testCount);
            EXPECT_NEAR(correct, std::round(correct), 1e-9) << value;
            EXPECT_TRUE(correct >= 0.0 && correct <= double(result.testCount)) << value;
        }
    }
    EXPECT_EQ(lines(out.file("matrix.csv")), 4);
    EXPECT_EQ(lines(out.file("matrix-long.csv")), 10);
    EXPECT_TRUE(fs::exists(out.path() / "config.json"));

    // The rotation row was trained on the rotation set with mixed levels ...
    const core::Dataset train = core::Dataset::fromSpec(data.train);
    const auto expected
        = DistortionMatrix::mixedLevelSet(train, "rotation", {0, 90, 180, 270}, 3, nullptr, 2);
    const auto written
        = core::ReaderRegistry::load("idx:" + out.file("data/rotation-images.idx.gz") + ","
                                     + out.file("data/rotation-labels.idx.gz") + ",4");
    EXPECT_EQ(written.pixels, expected.pixels);
    EXPECT_EQ(written.labels, expected.labels);

    // ... and its diagonal cell is its model's accuracy on the test images rotated by 90°.
    core::DegradationSettings settings;
    settings.level = 90;
    settings.seed = DistortionMatrix::testSeed(config.seed);
    const core::Dataset rotated(core::DegradationBatch::degradedSet(
        core::Dataset::fromSpec(data.test), "rotation", settings, 2));
    const auto model = core::Model::load(out.file("models/rotation"));
    EXPECT_DOUBLE_EQ(model.evaluate(rotated).accuracy(), result.accuracy[1][1]);
    const auto clean = core::Model::load(out.file("models/clean"));
    EXPECT_DOUBLE_EQ(clean.evaluate(rotated).accuracy(), result.accuracy[0][1]);
    EXPECT_DOUBLE_EQ(clean.evaluate(core::Dataset::fromSpec(data.test)).accuracy(),
                     result.accuracy[0][0]);
}

TEST(DistortionMatrix, StopsWhenAsked)
{
    test::SyntheticIdxData data(40, 20, 4);
    test::TempDir out;
    DistortionMatrixConfig config;
    config.trainData = data.train;
    config.testData = data.test;
    config.distortions = {"rotation"};
    config.epochs = 1;
    std::stop_source stop;
    stop.request_stop();
    const auto result = DistortionMatrix::run(config, out.path().string(), core::quietObserver(),
                                              stop.get_token());
    EXPECT_FALSE(result.completed);
    for (const auto &row : result.accuracy)
        for (double value : row)
            EXPECT_TRUE(std::isnan(value));
}
