// SPDX-License-Identifier: GPL-3.0-or-later
// Magnitude pruning and the robustness-versus-sparsity sweep (issue 7, item 3).
#include "sparsescope/core/robustness/RobustnessSweep.h"
#include "sparsescope/core/robustness/MagnitudePruner.h"

#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {
std::int64_t zeroWeights(const core::Model &model, const std::string &layer = {})
{
    std::int64_t zeros = 0;
    for (const auto &l : core::weightLayers(model.impl()))
        if (layer.empty() || l.name == layer)
            zeros += l.weight.eq(0).sum().item<std::int64_t>();
    return zeros;
}
} // namespace

TEST(MagnitudePruner, GlobalAndPerLayerPruningZeroExactlyTheSmallestWeights)
{
    const auto model = core::Model::create("lenet5", {}, 4);
    std::int64_t total = 0;
    for (const auto &l : core::weightLayers(model.impl()))
        total += l.weight.numel();
    const auto global = core::MagnitudePruner::prune(model, 0.9);
    EXPECT_EQ(zeroWeights(global), std::llround(0.9 * double(total)));
    EXPECT_EQ(zeroWeights(model), 0) << "the original must stay untouched";
    EXPECT_NEAR(core::MagnitudePruner::weightSparsity(global), 0.9, 1e-6);
    // Every kept weight is at least as large as every pruned one.
    float largestPruned = 0.0f, smallestKept = 1e9f;
    const auto before = core::weightLayers(model.impl());
    const auto after = core::weightLayers(global.impl());
    for (std::size_t i = 0; i < before.size(); ++i) {
        const auto pruned = after[i].weight.eq(0);
        const auto magnitude = before[i].weight.abs();
        if (pruned.any().item<bool>())
            largestPruned
                = std::max(largestPruned, magnitude.masked_select(pruned).max().item<float>());
        if ((~pruned).any().item<bool>())
            smallestKept
                = std::min(smallestKept, magnitude.masked_select(~pruned).min().item<float>());
    }
    EXPECT_LE(largestPruned, smallestKept);

    const auto layer
        = core::MagnitudePruner::prune(model, 0.5, core::MagnitudePruner::Scope::Layer);
    for (const auto &l : core::weightLayers(layer.impl()))
        EXPECT_EQ(zeroWeights(layer, l.name), std::llround(0.5 * double(l.weight.numel())))
            << l.name;
    EXPECT_THROW(core::MagnitudePruner::prune(model, 1.0), core::Error);
    EXPECT_THROW(core::MagnitudePruner::scopeFromName("row", "test"), core::Error);
}

TEST(RobustnessSweep, PrunesFineTunesAttacksAndWritesTheTable)
{
    test::SyntheticIdxData data(400, 60, 4);
    const std::string base = data.dir.file("base.pt");
    core::Model::create(
        "lenet-300-100",
        [] {
            core::ModelOptions o;
            o.numClasses = 4;
            return o;
        }(),
        2)
        .save(base);
    const std::string json = R"({
      "model": ")"
        + base + R"(", "data": ")" + data.train + R"(", "test_data": ")" + data.test + R"(",
      "test_limit": 40, "sparsities": [0, 0.9], "finetune_epochs": 1, "finetune_limit": 200,
      "batch_size": 32, "attack_batch_size": 20,
      "attacks": [{"attack": "fgsm", "eps": [0.05, 0.2]}, {"attack": "deepfool", "steps": 20}]})";
    const auto config = core::SweepConfig::fromJson(json, "test");
    const std::string out = data.dir.file("sweep");
    struct Counter : core::SweepObserver
    {
        int rows = 0;
        std::size_t last = 0, total = 0;
        bool backwards = false;
        void onRow(const core::SweepRow &) override { ++rows; }
        void onProgress(std::size_t done, std::size_t of) override
        {
            backwards = backwards || done < last;
            last = done;
            total = of;
        }
    } counter;
    const auto rows = core::RobustnessSweep::run(config, out, counter);
    ASSERT_EQ(rows.size(), 6u); // 2 members × (2 FGSM ε + 1 DeepFool)
    EXPECT_EQ(counter.rows, 6);
    // The job contract: done/total of the whole sweep, never backwards, ending at total.
    EXPECT_EQ(counter.total, core::JobObserver::kProgressUnits);
    EXPECT_EQ(counter.last, counter.total);
    EXPECT_FALSE(counter.backwards);
    EXPECT_NEAR(rows[0].sparsity, 0.0, 1e-9);
    EXPECT_NEAR(rows[3].sparsity, 0.9, 1e-3) << "frozen zeros survive fine-tuning";
    EXPECT_EQ(rows[3].member, "magnitude-90.00");
    for (const char *file :
         {"sweep.json", "summary.csv", "magnitude-00.00/finetune/model.pt",
          "magnitude-90.00/attacks-fgsm.csv", "magnitude-90.00/attacks-deepfool.csv"})
        EXPECT_TRUE(fs::exists(fs::path(out) / file)) << file;
    const auto back = core::RobustnessSweep::readCsv((fs::path(out) / "summary.csv").string());
    ASSERT_EQ(back.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(back[i].member, rows[i].member);
        EXPECT_EQ(back[i].summary.attack, rows[i].summary.attack);
        EXPECT_NEAR(back[i].summary.adversarialAccuracy(), rows[i].summary.adversarialAccuracy(),
                    1e-6);
        EXPECT_EQ(std::isnan(back[i].summary.meanRho2), std::isnan(rows[i].summary.meanRho2));
    }
}

TEST(RobustnessSweep, GivenMembersFormTheirOwnSeries)
{
    // The structured series: models given as they are (e.g. SSL runs), attacked without pruning.
    test::SyntheticIdxData data(200, 40, 4);
    core::ModelOptions options;
    options.numClasses = 4;
    const std::string a = data.dir.file("a.pt"), b = data.dir.file("b.pt");
    core::Model::create("lenet-300-100", options, 1).save(a);
    core::MagnitudePruner::prune(core::Model::load(a), 0.6).save(b);
    const std::string json = R"({"test_data": ")" + data.test + R"(", "test_limit": 20,
      "members": [{"name": "ssl-weak", "model": ")"
        + a + R"(", "series": "ssl"},
                  {"name": "ssl-strong", "model": ")"
        + b + R"(", "series": "ssl"}],
      "attacks": [{"attack": "fgsm", "eps": [0.1]}]})";
    const auto rows = core::RobustnessSweep::run(core::SweepConfig::fromJson(json, "test"),
                                                 data.dir.file("sweep"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].member, "ssl-weak");
    EXPECT_EQ(rows[1].series, "ssl");
    EXPECT_NEAR(rows[0].sparsity, 0.0, 1e-9);
    EXPECT_NEAR(rows[1].sparsity, 0.6, 1e-3) << "given models are not fine-tuned or pruned";
    EXPECT_TRUE(fs::exists(fs::path(data.dir.file("sweep")) / "ssl-strong" / "attacks-fgsm.csv"));
    // Two members with one name are refused.
    EXPECT_THROW(core::SweepConfig::fromJson(R"({"members": [{"name": "m", "model": "x"},
        {"name": "m", "model": "y"}], "attacks": [{"attack": "fgsm"}]})",
                                             "c.json"),
                 core::Error);
}

TEST(RobustnessSweep, MemberNamesCannotLeaveTheOutputFolderOrBreakTheCsv)
{
    // A name is a folder under --out and a summary.csv field (issue 19's review: ".." wrote
    // outside --out; a comma or newline broke the file; "=1+1" became a spreadsheet formula).
    const auto config = [](const std::string &name, const std::string &series) {
        return R"({"members": [{"name": ")" + name + R"(", "series": ")" + series
            + R"(", "model": "x.pt"}], "attacks": [{"attack": "fgsm"}]})";
    };
    for (const std::string bad : {"..", ".", "a,b", "a\\nb", "=1+1", "-x", "a/b", "a b"}) {
        try {
            core::SweepConfig::fromJson(config(bad, "s"), "c.json");
            ADD_FAILURE() << "accepted the member name " << bad;
        } catch (const core::Error &e) {
            EXPECT_NE(std::string(e.what()).find("is not allowed"), std::string::npos) << e.what();
        }
        EXPECT_THROW(core::SweepConfig::fromJson(config("m", bad), "c.json"), core::Error) << bad;
    }
    EXPECT_NO_THROW(core::SweepConfig::fromJson(config("ssl-0.3_b+", "dense"), "c.json"));
}

TEST(RobustnessSweep, BadConfigsAndSummariesGiveClearErrors)
{
    EXPECT_THROW(core::SweepConfig::fromJson("{", "c.json"), core::Error);
    EXPECT_THROW(core::SweepConfig::fromJson(R"({"model": "m.pt", "attacks": []})", "c.json"),
                 core::Error);
    EXPECT_THROW(
        core::SweepConfig::fromJson(
            R"({"model": "m.pt", "attacks": [{"attack": "fgsm"}], "sparsities": [1.0]})", "c.json"),
        core::Error);
    EXPECT_THROW(
        core::SweepConfig::fromJson(
            R"({"model": "m.pt", "attacks": [{"attack": "fgsm", "epsilon": 0.1}]})", "c.json"),
        core::Error);
    test::TempDir dir;
    test::writeBytes(
        dir.file("s.csv"),
        "member,series,sparsity,clean_accuracy,attack,eps,adversarial_accuracy,"
        "success_rate,mean_rho2,median_rho2,count\nm,magnitude,0.5,abc,fgsm,0.1,0.2,0.3,,,10\n");
    try {
        core::RobustnessSweep::readCsv(dir.file("s.csv"));
        FAIL() << "a malformed number must be refused";
    } catch (const core::Error &e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    }
}
