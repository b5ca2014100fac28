// SPDX-License-Identifier: GPL-3.0-or-later
// `attack`, `attacks` and `robustness-sweep` on fixtures the tests write (issue 7).
#include "CliSupport.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace sparsescope;
using test::cli;
using test::expectBadInput;
namespace fs = std::filesystem;

namespace {
/// Synthetic IDX data (4 classes) and a model trained on it for one epoch.
struct Trained
{
    test::SyntheticIdxData data {256, 40, 4};
    std::string run;
    Trained()
        : run(data.dir.file("run"))
    {
        const auto r = cli("train --model lenet-300-100 --data '" + data.train + "' --test-data '"
                           + data.test + "' --epochs 1 --lr 0.05 --quiet --out '" + run + "'");
        EXPECT_EQ(r.exitCode, 0) << r.err;
    }
};

std::vector<std::string> csvLines(const std::string &path)
{
    std::ifstream in(path);
    std::vector<std::string> result;
    for (std::string line; std::getline(in, line);)
        result.push_back(line);
    return result;
}
} // namespace

TEST(CliAttack, ListsAttacks)
{
    const auto r = cli("attacks");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char *name : {"fgsm", "bim", "pgd-linf", "pgd-l2", "deepfool", "cw-l2"})
        EXPECT_NE(r.out.find(name), std::string::npos) << name;
}

TEST(CliAttack, WritesOneRowPerSampleAndEpsilonAndExamples)
{
    Trained t;
    const std::string csv = t.data.dir.file("fgsm.csv");
    const std::string examples = t.data.dir.file("examples");
    const auto r = cli("attack --model '" + t.run + "' --data '" + t.data.test
                       + "' --attack fgsm --eps-list 0,0.1,0.3 --limit 30 --out '" + csv
                       + "' --summary '" + t.data.dir.file("summary.csv") + "' --save-examples '"
                       + examples + "' --examples 2 --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = csvLines(csv);
    ASSERT_EQ(rows.size(), 1u + 3u * 30u);
    EXPECT_EQ(rows[0].rfind("index,label,pred_clean,pred_adv,eps,", 0), 0u) << rows[0];
    EXPECT_NE(rows[0].find(",l2,linf,rho2"), std::string::npos) << rows[0];
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4) << r.out; // header + 3 ε
    EXPECT_NE(r.out.find("eps=0.3000"), std::string::npos) << r.out;
    EXPECT_EQ(csvLines(t.data.dir.file("summary.csv")).size(), 4u);
    // 2 samples × 3 ε × (original, perturbation, adversarial)
    int pngs = 0;
    for (const auto &entry : fs::directory_iterator(examples))
        pngs += entry.path().extension() == ".png";
    EXPECT_EQ(pngs, 18);
}

TEST(CliAttack, MinimalAttacksLeaveEpsilonEmpty)
{
    Trained t;
    const std::string csv = t.data.dir.file("df.csv");
    const auto r = cli("attack --model '" + t.run + "' --data '" + t.data.test
                       + "' --attack deepfool --limit 10 --out '" + csv + "' --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = csvLines(csv);
    ASSERT_EQ(rows.size(), 11u);
    // index,label,pred_clean,pred_adv,<empty eps>,success,...
    EXPECT_TRUE(std::regex_search(rows[1], std::regex("^\\d+,\\d+,\\d+,\\d+,,[01],"))) << rows[1];
    EXPECT_NE(r.out.find("mean_rho2="), std::string::npos);
}

TEST(CliAttack, BadInputGivesExitCodeTwoAndOneLine)
{
    Trained t;
    const std::string out = t.data.dir.file("x.csv");
    const std::string base = "attack --model '" + t.run + "' --data '" + t.data.test + "' ";
    expectBadInput(cli(base + "--attack pgd-l3 --out '" + out + "'"), "unknown attack");
    expectBadInput(cli(base + "--attack fgsm --eps-list 0.1,abc --out '" + out + "'"), "abc");
    expectBadInput(cli(base + "--attack fgsm --eps 1.5 --out '" + out + "'"), "ε");
    expectBadInput(cli(base + "--attack deepfool --target next --out '" + out + "'"), "untargeted");
    expectBadInput(cli(base + "--attack fgsm --out /no/such/dir/x.csv"), "/no/such/dir/x.csv");
    // A run that fails after the outputs were checked leaves an existing --out as it was (the
    // check used to open it for writing, which emptied it).
    test::writeBytes(out, "keep");
    expectBadInput(
        cli(base + "--attack fgsm --out '" + out + "' --save-examples '" + out + "/sub'"), out);
    EXPECT_EQ(test::readBytes(out), "keep");
    expectBadInput(cli("attack --model /no/model.pt --data '" + t.data.test
                       + "' --attack fgsm --out '" + out + "'"),
                   "/no/model.pt");
}

TEST(CliAttack, RobustnessSweepWritesTheSummaryTable)
{
    Trained t;
    const std::string config = t.data.dir.file("sweep.json");
    std::ofstream(config) << R"({"model": ")" << t.run << R"(", "data": ")" << t.data.train
                          << R"(", "test_data": ")" << t.data.test
                          << R"(", "test_limit": 20, "sparsities": [0, 0.8],
      "finetune_epochs": 1, "finetune_limit": 64, "batch_size": 32,
      "attacks": [{"attack": "fgsm", "eps": 0.1}]})";
    const std::string out = t.data.dir.file("sweep");
    const auto r = cli("robustness-sweep --config '" + config + "' --out '" + out + "' --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = csvLines(out + "/summary.csv");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].rfind("magnitude-80.00,magnitude,0.8", 0), 0u) << rows[2];
    EXPECT_NE(r.out.find("magnitude-80.00"), std::string::npos) << r.out;
    std::ofstream(config) << R"({"model": "m.pt", "attacks": [{"attack": "fgsm", "epsilon": 1}]})";
    expectBadInput(cli("robustness-sweep --config '" + config + "' --out '" + out + "'"),
                   "epsilon");
}
