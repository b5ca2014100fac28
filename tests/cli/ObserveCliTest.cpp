// SPDX-License-Identifier: GPL-3.0-or-later
// `observe` and `distortion-matrix` on the real binary: files written, humans summary reads the
// trials, bad input exits 2 with one line naming the file.
#include "CliSupport.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace sparsescope;
namespace fs = std::filesystem;

using test::cli;
using test::expectBadInput;
using test::lineCount;

TEST(CliObserve, LenetOverDegradationsIsReadByHumansSummary)
{
    test::SyntheticIdxData data(8, 10, 4);
    const auto out = data.dir.file("observed");
    const auto r = cli("observe --model lenet5 --data '" + data.test
                       + "' --degradations contrast,rotation --limit 6 --out '" + out + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(fs::path(out) / "contrast-experiment"
                           / "contrast-experiment_lenet5_session_1.csv"));
    EXPECT_TRUE(fs::exists(fs::path(out) / "rotation-experiment"
                           / "rotation-experiment_lenet5_session_1.csv"));
    EXPECT_NE(r.out.find("rotation"), std::string::npos) << r.out;

    const auto summary = data.dir.file("summary.csv");
    const auto s = cli("humans summary --data '" + out + "' --out '" + summary + "' --quiet");
    ASSERT_EQ(s.exitCode, 0) << s.err;
    std::ifstream in(summary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(lineCount(text), 1 + 8 + 4) << text; // header, 8 contrast + 4 rotation levels
    EXPECT_NE(text.find("rotation,lenet5,dnn,90,6,"), std::string::npos) << text;
}

TEST(CliObserve, BadInputExitsTwoNamingIt)
{
    test::SyntheticIdxData data(8, 10, 4);
    expectBadInput(
        cli("observe --model lenet5 --data /nonexistent/stimuli --out " + data.dir.file("o")),
        "/nonexistent/stimuli");
    expectBadInput(cli("observe --model lenet5 --data '" + data.test
                       + "' --degradations contrast,fog --out " + data.dir.file("o")),
                   "fog");
    expectBadInput(cli("observe --model lenet5 --data '" + data.test
                       + "' --degradations contrast,rotation --levels 0.5 --out "
                       + data.dir.file("o")),
                   "0.5");
    // A stimulus folder is observed as stored: no --degradations.
    fs::create_directories(data.dir.path() / "stimuli");
    expectBadInput(cli("observe --model lenet5 --data " + data.dir.file("stimuli")
                       + " --degradations contrast --out " + data.dir.file("o")),
                   data.dir.file("stimuli"));
    // An empty stimulus folder.
    expectBadInput(cli("observe --model lenet5 --data " + data.dir.file("stimuli") + " --out "
                       + data.dir.file("o")),
                   data.dir.file("stimuli"));
}

TEST(CliDistortionMatrix, TinyMatrixAndBadConfigs)
{
    test::SyntheticIdxData data(80, 30, 4);
    const auto config = data.dir.file("matrix.json");
    {
        std::ofstream out(config);
        out << R"({"train_data": ")" << data.train << R"(", "test_data": ")" << data.test
            << R"(", "train_limit": 80, "test_limit": 30, "epochs": 1, "batch_size": 32,
                   "distortions": ["rotation"]})";
    }
    const auto out = data.dir.file("matrix");
    const auto r = cli("distortion-matrix --config '" + config + "' --out '" + out + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("rotation 90"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(fs::path(out) / "matrix.csv"));
    EXPECT_TRUE(fs::exists(fs::path(out) / "models" / "rotation" / "model.pt"));

    expectBadInput(
        cli("distortion-matrix --config " + data.dir.file("missing.json") + " --out " + out),
        "missing.json");
    const auto bad = data.dir.file("bad.json");
    test::writeBytes(bad, R"({"distortions": ["rotation"], "epochs": "two"})");
    expectBadInput(cli("distortion-matrix --config " + bad + " --out " + out), "bad.json");
    test::writeBytes(bad, R"({"train_data": "idx:/nonexistent/i,/nonexistent/l"})");
    expectBadInput(cli("distortion-matrix --config " + bad + " --out " + data.dir.file("m2")),
                   "/nonexistent/i");
}
