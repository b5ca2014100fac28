// SPDX-License-Identifier: GPL-3.0-or-later
// `sparsescope-cli rln` on CSV fixtures the tests write (issue 8).
#include "CliSupport.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

const std::string kRlnCli = SPARSESCOPE_CLI_PATH;

test::CommandResult rlnCli(const std::string &arguments)
{
    // One thread: XGBoost's and LibTorch's OpenMP teams crawl on a busy 2-core machine.
    return test::runCommand("'" + kRlnCli + "' rln --threads 1 " + arguments);
}

/// A count line (as scikit-learn's files), a header, then 80 rows of y = 2a − b + noise.
std::string writeFixture(const test::TempDir &dir)
{
    std::mt19937 engine(9);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::string text = "80,2,,\n\"a\",\"b\",\"y\"\n";
    for (int r = 0; r < 80; ++r) {
        const double a = normal(engine), b = normal(engine);
        text += std::to_string(a) + "," + std::to_string(b) + ","
            + std::to_string(2 * a - b + 0.1 * normal(engine)) + "\n";
    }
    const auto path = dir.file("fixture.csv");
    test::writeBytes(path, text);
    return path;
}

const std::string kTiny = " --epochs 2 --hidden 4 --gbt-rounds 20 --l1-grid 0.001,0.01 "
                          "--l2-grid 0.001 --noise-features 3 --quiet";

} // namespace

TEST(RlnCli, WritesResultsSummaryAndRunFolders)
{
    test::TempDir dir;
    const auto csv = writeFixture(dir);
    const auto out = dir.file("out");
    const auto r = rlnCli("--csv '" + csv + "' --target y --skip-rows 1 --seeds 2 --out '" + out
                          + "'" + kTiny);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const auto results = test::readBytes(out + "/results.csv");
    EXPECT_EQ(results.rfind("model,seed,test_mse,test_explained_variance,edges_remaining,"
                            "features_remaining",
                            0),
              0u)
        << results;
    EXPECT_EQ(test::lineCount(results), 1 + 6 * 2);
    for (const char *model : {"rln", "l1", "l2", "plain", "gbt", "ensemble"}) {
        EXPECT_NE(r.out.find(std::string("\n") + model + " "), std::string::npos) << model;
        EXPECT_TRUE(fs::exists(out + "/" + model + "-seed2/run.json")) << model;
    }
    EXPECT_NE(r.out.find("±"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(out + "/rln-seed1/metrics.csv"));
    // The saved regression network (one output) is a normal model for the other commands.
    const auto info = test::runCommand("'" + kRlnCli + "' info --model '" + out + "/rln-seed1'");
    EXPECT_EQ(info.exitCode, 0) << info.err;
    EXPECT_TRUE(fs::exists(out + "/summary.csv"));

    // The same folder again: refused, results kept.
    const auto again
        = rlnCli("--csv '" + csv + "' --target y --skip-rows 1 --out '" + out + "'" + kTiny);
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_EQ(test::lineCount(again.err), 1) << again.err;
}

TEST(RlnCli, ProgressLinesAndModelList)
{
    test::TempDir dir;
    const auto csv = writeFixture(dir);
    auto r = test::runCommand("'" + kRlnCli + "' rln --threads 1 --gbt-rounds 30 --csv '" + csv
                              + "' --target y --skip-rows 1 --models gbt --seeds 1 --out '"
                              + dir.file("out") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("read "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[1/1] gbt seed 1: test MSE"), std::string::npos) << r.err;
    const auto list = test::runCommand("'" + kRlnCli + "' rln --list-models");
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_NE(list.out.find("ensemble"), std::string::npos);
    const auto help = test::runCommand("'" + kRlnCli + "' rln --help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("--noise-features"), std::string::npos);
}

TEST(RlnCli, FixedTestRowsFromAFile)
{
    test::TempDir dir;
    const auto csv = writeFixture(dir);
    const auto rows = dir.file("test-rows.txt");
    test::writeBytes(rows, "# a fixed split\n0, 5, 10\n79\n");
    const auto out = dir.file("out");
    auto r = rlnCli("--csv '" + csv
                    + "' --target y --skip-rows 1 --models gbt --seeds 2 "
                      "--test-rows '"
                    + rows + "' --out '" + out + "'" + kTiny);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // The same test rows for every seed: data rows 0, 5, 10, 79 are on lines 3, 8, 13, 82
    // (after the count line and the header).
    for (const char *run : {"/gbt-seed1", "/gbt-seed2"}) {
        const auto predictions = test::readBytes(out + run + "/predictions.csv");
        EXPECT_EQ(test::lineCount(predictions), 1 + 4);
        for (const char *line : {"\n3,", "\n8,", "\n13,", "\n82,"})
            EXPECT_NE(predictions.find(line), std::string::npos) << line << predictions;
    }

    test::writeBytes(rows, "1\nx2\n");
    r = rlnCli("--csv '" + csv + "' --skip-rows 1 --test-rows '" + rows + "' --out '"
               + dir.file("o2") + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(test::lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(rows + ": line 2"), std::string::npos) << r.err;
}

TEST(RlnCli, BadInputExitsTwoWithOneLineNamingTheFile)
{
    test::TempDir dir;
    const auto bad = dir.file("bad.csv");
    test::writeBytes(bad, "a,b,y\n1,2,3\n4,5\n");
    auto r = rlnCli("--csv '" + bad + "' --target y --out '" + dir.file("out") + "'" + kTiny);
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_EQ(test::lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;

    const auto csv = writeFixture(dir);
    r = rlnCli("--csv '" + csv + "' --target price --skip-rows 1 --out '" + dir.file("o2") + "'"
               + kTiny);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(test::lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("no column named 'price'"), std::string::npos) << r.err;

    r = rlnCli("--csv '" + dir.file("absent.csv") + "' --out '" + dir.file("o3") + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(test::lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("absent.csv"), std::string::npos) << r.err;

    r = rlnCli("--csv '" + csv + "' --skip-rows 1 --models rln,forest --out '" + dir.file("o4")
               + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("forest"), std::string::npos) << r.err;
}

TEST(RlnCli, SearchesThetaAndNuByDefaultAndFixesThemWhenGiven)
{
    test::TempDir dir;
    const auto csv = writeFixture(dir);
    // Default: the 3 × 3 (Θ, ν) grid on the validation rows, the pick reported per seed, the
    // paired comparisons and the blend weight printed.
    auto r = rlnCli("--csv '" + csv
                    + "' --target y --skip-rows 1 --models rln,l1,gbt,ensemble --seeds 2 --out '"
                    + dir.file("search") + "'" + kTiny);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("chosen per seed:\nrln: seed 1 theta="), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("; seed 2 theta="), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ensemble: seed 1 w="), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("paired by seed:\nrln − l1 (test MSE, per seed): mean "),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ensemble − best of rln, gbt"), std::string::npos) << r.out;
    const auto rlnRun = test::readBytes(dir.file("search") + "/rln-seed1/run.json");
    // The search record holds all nine candidates.
    std::size_t candidates = 0;
    for (auto at = rlnRun.find("\"setting\""); at != std::string::npos;
         at = rlnRun.find("\"setting\"", at + 1))
        ++candidates;
    EXPECT_EQ(candidates, 9u) << rlnRun;

    // --theta / --nu fix the setting: no search.
    r = rlnCli("--csv '" + csv
               + "' --target y --skip-rows 1 --models rln --seeds 2 --theta=-10 --nu 1e6 --out '"
               + dir.file("fixed") + "'" + kTiny);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("rln: seed 1 theta=-10 nu=1e+06 norm=1; seed 2 theta=-10 nu=1e+06"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(test::readBytes(dir.file("fixed") + "/rln-seed1/run.json").find("\"search\""),
              std::string::npos);

    // A grid and a fixed Θ contradict each other.
    r = rlnCli("--csv '" + csv + "' --target y --skip-rows 1 --rln-grid -10:1e6 --theta=-8 --out '"
               + dir.file("both") + "'" + kTiny);
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("both")));
}
