// SPDX-License-Identifier: GPL-3.0-or-later
// `sparsescope-cli sweep` and `measure` end to end on synthetic IDX data (issue 20).
#include "CliSupport.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <thread>

using namespace sparsescope;
namespace fs = std::filesystem;

TEST(SweepCli, PlanRunCollectMeasureAndMeasureAgainFromTheCache)
{
    test::SyntheticIdxData data(256, 64);
    test::TempDir dir;
    test::writeBytes(dir.file("grid.json"),
                     R"({"name": "t", "base": {"epochs": 1, "threads": 1, "data": ")" + data.train
                         + R"(", "test_data": ")" + data.test + R"("},
        "series": [{"name": "mag", "axes": [{"name": "sparsity", "path": "/prune_sparsity",
                                             "values": [0, 0.7]}],
                    "patch": {"freeze_zeros": true}}]})");
    const std::string sweep = dir.file("sweep");
    auto r = test::cli("sweep plan --grid " + dir.file("grid.json") + " --out " + sweep);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("planned 2 members"), std::string::npos) << r.out;
    r = test::cli("sweep status " + sweep);
    EXPECT_EQ(r.exitCode, 3) << "not all completed";
    r = test::cli("sweep run " + sweep + " --executor print");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(test::lineCount(r.out), 2);
    EXPECT_NE(r.out.find("sweep task " + sweep + " --member mag/sparsity=0.7"), std::string::npos);
    r = test::cli("sweep run " + sweep + " --jobs 2 --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.err << r.out;
    EXPECT_NE(r.out.find("2 completed now"), std::string::npos) << r.out;
    EXPECT_EQ(test::cli("sweep status " + sweep).exitCode, 0);
    r = test::cli("sweep run " + sweep + " --quiet"); // nothing left to do
    EXPECT_NE(r.out.find("2 already completed"), std::string::npos) << r.out;

    r = test::cli("sweep collect " + sweep);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(fs::exists(fs::path(sweep) / "series.json"));
    r = test::cli("measure --series " + sweep + "/series.json --measures structure,clean --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string atlas = test::readBytes(sweep + "/atlas.csv");
    EXPECT_EQ(test::lineCount(atlas), 3) << atlas;
    EXPECT_EQ(atlas.rfind("member,series,label,path,knob:sparsity,", 0), 0u) << atlas;
    EXPECT_NE(atlas.find("\nmag/sparsity=0.7,mag,sparsity=0.7,"), std::string::npos) << atlas;
    // Again: the same table, from the cache (measure messages say "cached").
    r = test::cli("measure --series " + sweep + " --measures structure,clean");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("mag/sparsity=0.7: clean (cached)"), std::string::npos) << r.err;
    EXPECT_EQ(test::readBytes(sweep + "/atlas.csv"), atlas);
}

TEST(SweepCli, BadInputIsOneLineAndExitTwo)
{
    test::TempDir dir;
    test::expectBadInput(test::cli("measure --series " + dir.file("absent")), "absent");
    test::expectBadInput(test::cli("measure --series " + dir.path().string()), "no run folder");
    test::writeBytes(dir.file("series.json"), R"({"members": [{"path": "nowhere"}]})");
    test::expectBadInput(
        test::cli("measure --series " + dir.file("series.json") + " --measures structure,speed"),
        "unknown measure \"speed\"");
    test::writeBytes(dir.file("grid.json"), R"({"name": "g", "base": {"epochs": 0}})");
    test::expectBadInput(
        test::cli("sweep plan --grid " + dir.file("grid.json") + " --out " + dir.file("s")),
        "epochs must be a positive integer");
    test::expectBadInput(test::cli("sweep status " + dir.path().string()), "not a sweep folder");
}

TEST(SweepCli, CtrlCDuringMeasureKeepsTheFinishedMembers)
{
    test::SyntheticIdxData data(128, 256);
    test::TempDir dir;
    for (int seed = 1; seed <= 4; ++seed) {
        const auto r = test::cli("train --data " + data.train + " --test-data " + data.test
                                 + " --epochs 1 --threads 1 --quiet --seed " + std::to_string(seed)
                                 + " --out " + dir.file("runs/m") + std::to_string(seed));
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    const pid_t pid = test::spawnCli(
        {"measure", "--series", dir.file("runs"), "--measures", "clean,corruption"});
    ASSERT_GT(pid, 0);
    // Once the first member's corruption result is cached, interrupt.
    const fs::path firstCache = dir.path() / "runs/m1/measures";
    const auto started = std::chrono::steady_clock::now();
    const auto cachedCorruption = [&] {
        std::error_code ec;
        for (fs::directory_iterator it(firstCache, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().filename().string().rfind("corruption-", 0) == 0)
                return true;
        return false;
    };
    while (!cachedCorruption()
           && std::chrono::steady_clock::now() - started < std::chrono::seconds(60))
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_EQ(kill(pid, SIGINT), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    const std::string atlas = test::readBytes(dir.file("runs/atlas.csv"));
    const int rows = test::lineCount(atlas) - 1;
    EXPECT_GE(rows, 1) << atlas;
    EXPECT_LT(rows, 4) << "interrupted before the last member";
    EXPECT_NE(atlas.find("\nruns/m1,runs,m1,"), std::string::npos) << atlas;
    // Measuring again completes from where it stopped.
    const auto r
        = test::cli("measure --series " + dir.file("runs") + " --measures clean,corruption");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("runs/m1: corruption (cached)"), std::string::npos) << r.err;
    EXPECT_EQ(test::lineCount(test::readBytes(dir.file("runs/atlas.csv"))), 5);
}
