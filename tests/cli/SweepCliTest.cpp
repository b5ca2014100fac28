// SPDX-License-Identifier: GPL-3.0-or-later
// `sparsescope-cli sweep` and `measure` end to end on synthetic IDX data (issue 20).
#include "CliSupport.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>

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
