// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/Error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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

namespace {
/// The message of the core::Error that parsing `text` throws ("" when it parses).
std::string configErrorOf(const std::string &text)
{
    try {
        core::TrainConfig::fromJson(text, "my.json");
    } catch (const core::Error &e) {
        return e.what();
    }
    return {};
}
} // namespace

TEST(TrainConfig, ValuesAreCheckedWithTheKeyAndTheValueNamed)
{
    EXPECT_NE(configErrorOf(R"({"epochs": -3})").find("epochs must be a positive integer, got -3"),
              std::string::npos);
    EXPECT_NE(configErrorOf(R"({"epochs": 2.7})").find("epochs must be an integer, got 2.7"),
              std::string::npos);
    EXPECT_NE(configErrorOf(R"({"limit": -5})").find("limit must be 0 or more, got -5"),
              std::string::npos);
    EXPECT_NE(configErrorOf(R"({"momentum": 1.5})").find("momentum must be in [0, 1), got 1.5"),
              std::string::npos);
    EXPECT_NE(configErrorOf(R"({"weight_decay": -0.1})").find("weight_decay must be 0 or more"),
              std::string::npos);
    EXPECT_NE(
        configErrorOf(R"({"stages": [{"batch_size": 0}]})").find("batch_size must be a positive"),
        std::string::npos);
    EXPECT_EQ(configErrorOf(R"({"epochs": 2, "limit": 0, "momentum": 0})"), "");
}

TEST(TrainConfig, UnknownKeysAreErrorsWithTheNearestKnownKey)
{
    // A typo must never train silently with the default.
    const std::string epoch = configErrorOf(R"({"epoch": 2})");
    EXPECT_NE(epoch.find("unknown key \"epoch\" (did you mean \"epochs\"?)"), std::string::npos)
        << epoch;
    EXPECT_NE(configErrorOf(R"({"batchsize": 2})").find("did you mean \"batch_size\"?"),
              std::string::npos);
    EXPECT_NE(configErrorOf(
                  R"({"regularization": [{"layer": "conv1", "type": "filter", "strength": 1}]})")
                  .find("unknown key \"layer\" in regularization (did you mean \"layers\"?)"),
              std::string::npos);
    // Nothing near: no guess, but the known keys in the hint.
    const std::string far = configErrorOf(R"({"colour": 2})");
    EXPECT_NE(far.find("unknown key \"colour\""), std::string::npos) << far;
    EXPECT_EQ(far.find("did you mean"), std::string::npos) << far;
}

TEST(TrainConfig, DeepNestingIsRefusedNotAStackOverflow)
{
    // 200 000 nested stages used to overflow the stack (issue 19) while the config was copied.
    const int depth = 200000;
    std::string text = R"({"stages": [)";
    for (int i = 0; i < depth; ++i)
        text += R"({"stages": [)";
    for (int i = 0; i < depth; ++i)
        text += "]}";
    text += "]}";
    EXPECT_NE(configErrorOf(text).find("nested deeper than 64 levels"), std::string::npos);
}

// Found by fuzzing (issue 19.1): a number beyond double was an uncaught nlohmann out_of_range,
// and a path that is not UTF-8 (a Latin-1 file name on the command line) made toJson throw.
TEST(TrainConfig, HugeNumbersAndNonUtf8PathsAreHandled)
{
    EXPECT_NE(configErrorOf(R"({"lr": 1e999999})").find("malformed JSON"), std::string::npos);
    EXPECT_NE(configErrorOf(R"({"epochs": 300000033337333333333e33333})").find("malformed JSON"),
              std::string::npos);
    core::TrainConfig config;
    config.data = "idx:/data/caf\xe9.idx,/data/l.idx";
    std::string json;
    ASSERT_NO_THROW(json = config.toJson());
    EXPECT_NE(json.find("caf\xef\xbf\xbd.idx"), std::string::npos) << "U+FFFD for the byte";
    EXPECT_EQ(core::TrainConfig::fromJson(json).data, "idx:/data/caf\xef\xbf\xbd.idx,/data/l.idx");
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
