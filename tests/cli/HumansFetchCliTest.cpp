// SPDX-License-Identifier: GPL-3.0-or-later
// `humans fetch` (issue 22): clones a toy 2018-layout repository the test makes (file:// URL,
// never the network) into --dest or the user's data folder, prints what arrived and the
// attribution; bad sources are one-line errors.
#include "CliSupport.h"
#include "HumanDataRepo.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

using namespace sparsescope;
namespace fs = std::filesystem;

TEST(HumansFetchCli, ClonesChecksAndPrintsTheAttribution)
{
    test::TempDir dir;
    const test::HumanDataRepo repo(dir.path() / "upstream");
    const fs::path dest = dir.path() / "humans";
    auto r = test::cli("humans fetch --from '" + repo.url + "' --dest '" + dest.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find(dest.string()
                         + ": 2 experiments, 32 human trials, DNN trials for 1 "
                           "experiments"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("noise"), std::string::npos);
    EXPECT_NE(r.out.find("2 subjects"), std::string::npos);
    EXPECT_NE(r.out.find("CC BY 4.0"), std::string::npos);
    EXPECT_NE(r.out.find("LICENSE.txt: Attribution 4.0 International"), std::string::npos);
    EXPECT_NE(r.err.find("cloning " + repo.url), std::string::npos) << r.err;

    // What arrived is what the other humans commands read.
    r = test::cli("humans summary --data '" + dest.string() + "' --out '" + dir.file("s.csv")
                  + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("2 experiments, 40 trials"), std::string::npos) << r.out;
}

TEST(HumansFetchCli, DefaultDestinationIsTheUserDataFolder)
{
    test::TempDir dir;
    const test::HumanDataRepo repo(dir.path() / "upstream");
    const auto r = test::runCommand("SPARSESCOPE_DATA_DIR='" + dir.file("data") + "' '" + test::kCli
                                    + "' humans fetch --quiet --from '" + repo.url + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_TRUE(fs::is_directory(dir.path() / "data" / "generalisation-humans-DNNs" / "raw-data"
                                 / "humans" / "rotation-experiment"));
}

TEST(HumansFetchCli, BadSourcesAreOneLineErrors)
{
    test::TempDir dir;
    test::expectBadInput(test::cli("humans fetch --quiet --from 'file://" + dir.file("missing")
                                   + "' --dest '" + dir.file("humans") + "'"),
                         "git clone failed");
    EXPECT_FALSE(fs::exists(dir.path() / "humans"));
    const test::HumanDataRepo other(dir.path() / "other", /*humans=*/false);
    test::expectBadInput(test::cli("humans fetch --quiet --from '" + other.url + "' --dest '"
                                   + dir.file("humans") + "'"),
                         "not the 2018 human data");
    fs::create_directories(dir.path() / "busy");
    test::writeBytes(dir.file("busy/x"), "x");
    test::expectBadInput(test::cli("humans fetch --quiet --from '" + other.url + "' --dest '"
                                   + dir.file("busy") + "'"),
                         "does not hold the 2018 human data");
}
