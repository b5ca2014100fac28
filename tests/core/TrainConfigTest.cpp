// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/Error.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace sparsescope;

TEST(TrainConfig, JsonRoundTripKeepsEveryField)
{
    core::TrainConfig c;
    c.model = "resnet20";
    c.epochs = 7;
    c.batchSize = 128;
    c.optimizer = "adam";
    c.learningRate = 0.003;
    c.schedule = "step";
    c.seed = 99;
    c.limit = 1000;
    c.threads = 2;
    c.batchNorm = false;
    const auto back = core::TrainConfig::fromJson(c.toJson());
    EXPECT_EQ(back.model, "resnet20");
    EXPECT_EQ(back.epochs, 7);
    EXPECT_EQ(back.batchSize, 128);
    EXPECT_EQ(back.optimizer, "adam");
    EXPECT_DOUBLE_EQ(back.learningRate, 0.003);
    EXPECT_EQ(back.schedule, "step");
    EXPECT_EQ(back.seed, 99u);
    EXPECT_EQ(back.limit, 1000u);
    EXPECT_FALSE(back.batchNorm);
}

TEST(TrainConfig, MissingKeysKeepDefaults)
{
    const auto c = core::TrainConfig::fromJson(R"({"epochs": 2})");
    EXPECT_EQ(c.epochs, 2);
    EXPECT_EQ(c.model, "lenet5");
    EXPECT_EQ(c.data, "fashion-mnist:train");
}

TEST(TrainConfig, BadConfigsNameTheOrigin)
{
    for (const char *text : {R"({"epochs": 2)", R"({"epoch": 2})", R"({"epochs": "two"})",
                             R"({"optimizer": "rmsprop"})", R"({"lr": -1})", R"([1, 2])"}) {
        try {
            core::TrainConfig::fromJson(text, "my.json");
            FAIL() << "accepted " << text;
        } catch (const core::Error &e) {
            EXPECT_EQ(e.file(), "my.json") << text;
        }
    }
    EXPECT_THROW(core::TrainConfig::fromFile("/nonexistent/config.json"), core::Error);
}

TEST(TrainConfig, ShippedPresetsParse)
{
    const auto c = core::TrainConfig::fromFile(std::string(SPARSESCOPE_SOURCE_DIR)
                                               + "/resources/presets/lenet5-fashion-mnist.json");
    EXPECT_EQ(c.model, "lenet5");
    EXPECT_EQ(c.epochs, 5);
    EXPECT_EQ(c.batchSize, 64);
    // Every preset under resources/presets/ is a valid config; the SSL ones carry terms.
    int ssl = 0;
    for (const auto &entry : std::filesystem::directory_iterator(std::string(SPARSESCOPE_SOURCE_DIR)
                                                                 + "/resources/presets")) {
        const auto preset = core::TrainConfig::fromFile(entry.path().string());
        if (entry.path().filename().string().rfind("ssl-", 0) == 0) {
            // A staged preset carries its terms in a stage.
            bool terms = !preset.sparsity.terms.empty();
            for (std::size_t i = 0; i < preset.stages.size(); ++i)
                terms |= !preset.stageConfig(i, "previous").sparsity.terms.empty();
            EXPECT_TRUE(terms) << entry.path();
            ++ssl;
        }
    }
    EXPECT_EQ(ssl, 6); // filter+channel, shape, kernel, depth, l1, the lenet5 pipeline
}
