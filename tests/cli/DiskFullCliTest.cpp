// SPDX-License-Identifier: GPL-3.0-or-later
// Disk full and read-only output (issue 19.6): a real training CLI writing into tiny tmpfs
// mounts (a private mount namespace: `unshare --mount`, which needs root — CI runs as root).
// Every size must end with exit code 1 or 2 and one line naming the file and the system's
// reason, or with success; never a crash, never a temporary or torn file under a final name.
#include "CliSupport.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

/// Runs `cli …` with its --out on a fresh tmpfs of `options` (e.g. "size=64k", "ro") mounted at
/// a private point; what the run left there is copied to `keep` for inspection.
test::CommandResult trainOnTmpfs(const test::SyntheticIdxData &data, const std::string &options,
                                 const std::string &keep)
{
    const std::string mount = data.dir.file("mnt");
    fs::create_directories(mount);
    fs::create_directories(keep);
    const std::string train = "SPARSESCOPE_THREADS=2 '" + test::kCli
        + "' train --model lenet5 --data '" + data.train + "' --test-data '" + data.test
        + "' --epochs 2 --batch-size 16 --quiet --out '" + mount + "/run'";
    // The CLI's exit code survives the copy: sh exits with it.
    return test::runCommand("unshare --mount sh -c \"mount -t tmpfs -o " + options + " tmpfs '"
                            + mount + "' && { " + train + "; code=\\$?; cp -a '" + mount + "/.' '"
                            + keep + "/'; exit \\$code; }\"");
}

} // namespace

TEST(DiskFullCli, FullDisksAndReadOnlyFoldersGiveOneLineAndNoTornFiles)
{
    if (test::runCommand("unshare --mount true").exitCode != 0)
        GTEST_SKIP() << "needs mount namespaces (unshare --mount, as root) for tiny tmpfs mounts";
    test::SyntheticIdxData data(64, 16);
    int failures = 0;
    for (const std::string options :
         {"size=8k", "size=64k", "size=700k", "size=2m", "size=4m", "size=64m", "ro"}) {
        SCOPED_TRACE(options);
        const std::string keep = data.dir.file("kept-" + options);
        const auto r = trainOnTmpfs(data, options, keep);
        ASSERT_FALSE(r.signaled) << r.err; // a core dump was the bug
        if (r.exitCode != 0) {
            ++failures;
            EXPECT_TRUE(r.exitCode == 1 || r.exitCode == 2) << r.exitCode << ": " << r.err;
            EXPECT_EQ(test::lineCount(r.err), 1) << r.err;
            EXPECT_EQ(r.err.rfind("sparsescope-cli: " + data.dir.file("mnt/run"), 0), 0u) << r.err;
            EXPECT_TRUE(r.err.find("No space left on device") != std::string::npos
                        || r.err.find("Read-only file system") != std::string::npos)
                << r.err;
        }
        // Whatever is there under a final name is whole.
        for (const auto &entry : fs::recursive_directory_iterator(keep)) {
            const std::string name = entry.path().filename().string();
            EXPECT_EQ(name.find(".tmp-"), std::string::npos) << "temporary left: " << name;
            if (name == "run.json") {
                const auto run
                    = nlohmann::json::parse(test::readBytes(entry.path()), nullptr, false);
                EXPECT_FALSE(run.is_discarded()) << "torn run.json";
                if (r.exitCode != 0 && !run.is_discarded()) {
                    EXPECT_NE(run.value("status", ""), "completed");
                }
            }
            if (name == "metrics.csv") {
                EXPECT_EQ(test::readBytes(entry.path()).rfind("epoch,loss,", 0), 0u);
            }
            if (name.ends_with(".pt") && !name.ends_with(".state.pt")) {
                const auto info = test::cli("info --model '" + entry.path().string() + "'");
                EXPECT_EQ(info.exitCode, 0) << name << ": " << info.err;
            }
        }
        if (options == "size=64m") {
            EXPECT_EQ(r.exitCode, 0) << "room enough: " << r.err;
            EXPECT_TRUE(fs::exists(keep + "/run/model.pt"));
        }
    }
    EXPECT_GE(failures, 5) << "the small mounts must fill up";
}
