// SPDX-License-Identifier: GPL-3.0-or-later
// `humans fetch` in core: a shallow git clone of a toy repository the test makes (file:// URL,
// never the network), its inventory, cancel, bad URLs and destinations.
#include "sparsescope/core/psychophysics/HumanData.h"
#include "sparsescope/core/Error.h"

#include "Fixtures.h"
#include "HumanDataRepo.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <stop_token>
#include <string>
#include <vector>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

struct FetchRecorder : core::JobObserver
{
    std::vector<std::string> messages;
    std::size_t lastDone = 0;
    std::size_t lastTotal = 0;
    bool decreased = false;
    std::stop_source *stopOnCloning = nullptr;
    void onMessage(const std::string &message) override
    {
        messages.push_back(message);
        if (stopOnCloning && message.rfind("cloning", 0) == 0)
            stopOnCloning->request_stop();
    }
    void onProgress(std::size_t done, std::size_t total) override
    {
        decreased = decreased || done < lastDone;
        lastDone = done;
        lastTotal = total;
    }
};

bool leftovers(const fs::path &folder)
{
    for (const auto &entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().ends_with(".partial"))
            return true;
    return false;
}

} // namespace

TEST(HumanData, FetchClonesChecksAndReportsTheInventory)
{
    test::TempDir dir;
    const test::HumanDataRepo repo(dir.path() / "upstream");
    core::HumanDataFetchOptions options;
    options.url = repo.url;
    options.destination = dir.path() / "data" / "generalisation-humans-DNNs";
    FetchRecorder observer;
    const auto inventory = core::HumanData::fetch(options, observer, {});
    ASSERT_TRUE(inventory);
    EXPECT_EQ(inventory->root, options.destination);
    EXPECT_EQ(inventory->humanTrials, test::HumanDataRepo::kHumanTrials);
    ASSERT_EQ(inventory->experiments.size(), test::HumanDataRepo::kExperiments);
    EXPECT_EQ(inventory->experiments[0].name, "noise");
    EXPECT_EQ(inventory->experiments[0].subjects, 2u);
    EXPECT_EQ(inventory->experiments[0].trials, 16u);
    EXPECT_EQ(inventory->experiments[1].name, "rotation");
    EXPECT_EQ(inventory->dnnExperiments, 1u);
    EXPECT_EQ(inventory->licence, "Attribution 4.0 International");
    EXPECT_TRUE(fs::is_regular_file(options.destination / "raw-data" / "humans" / "noise-experiment"
                                    / "noise-experiment_subject-01_session_1.csv"));
    EXPECT_FALSE(leftovers(options.destination.parent_path()));
    EXPECT_EQ(observer.lastDone, core::JobObserver::kProgressUnits);
    EXPECT_FALSE(observer.decreased);
    ASSERT_FALSE(observer.messages.empty());
    EXPECT_EQ(observer.messages.front(), "cloning " + repo.url);
    EXPECT_NE(std::string(core::HumanData::attribution()).find("CC BY 4.0"), std::string::npos);

    // The panel finds it; a second fetch checks what is there and downloads nothing.
    EXPECT_TRUE(core::HumanData::find(options.destination));
    options.url = "file://" + (dir.path() / "no-such-repository").string();
    const auto again = core::HumanData::fetch(options, observer, {});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->humanTrials, test::HumanDataRepo::kHumanTrials);
}

TEST(HumanData, StopTerminatesGitAndKeepsNothing)
{
    test::TempDir dir;
    const test::HumanDataRepo repo(dir.path() / "upstream");
    core::HumanDataFetchOptions options;
    options.url = repo.url;
    options.destination = dir.path() / "data" / "humans";
    std::stop_source stop;
    FetchRecorder observer;
    observer.stopOnCloning = &stop; // git starts after the stop: the kill path runs
    EXPECT_FALSE(core::HumanData::fetch(options, observer, stop.get_token()));
    EXPECT_FALSE(fs::exists(options.destination));
    EXPECT_FALSE(leftovers(options.destination.parent_path()));
}

TEST(HumanData, BadSourcesAndDestinationsAreErrorsThatKeepNothing)
{
    test::TempDir dir;
    FetchRecorder observer;
    core::HumanDataFetchOptions options;
    options.destination = dir.path() / "data" / "humans";

    options.url = "file://" + (dir.path() / "no-such-repository").string();
    try {
        core::HumanData::fetch(options, observer, {});
        FAIL() << "a missing repository must throw";
    } catch (const core::Error &error) {
        EXPECT_NE(error.problem().find("git clone failed (exit code 128)"), std::string::npos)
            << error.what();
        EXPECT_EQ(error.file(), options.url);
    }
    EXPECT_FALSE(fs::exists(options.destination));
    EXPECT_FALSE(leftovers(options.destination.parent_path()));

    const test::HumanDataRepo other(dir.path() / "other", /*humans=*/false);
    options.url = other.url;
    try {
        core::HumanData::fetch(options, observer, {});
        FAIL() << "a repository without raw-data/humans must throw";
    } catch (const core::Error &error) {
        EXPECT_NE(error.problem().find("not the 2018 human data"), std::string::npos)
            << error.what();
    }
    EXPECT_FALSE(fs::exists(options.destination));
    EXPECT_FALSE(leftovers(options.destination.parent_path()));

    const test::HumanDataRepo repo(dir.path() / "upstream");
    options.url = repo.url;
    fs::create_directories(options.destination);
    test::writeBytes((options.destination / "notes.txt").string(), "mine");
    try {
        core::HumanData::fetch(options, observer, {});
        FAIL() << "a folder with other content must not be used";
    } catch (const core::Error &error) {
        EXPECT_NE(error.problem().find("exists and does not hold"), std::string::npos);
    }
    EXPECT_EQ(test::readBytes((options.destination / "notes.txt").string()), "mine");

    // An empty folder made for it is fine.
    fs::remove(options.destination / "notes.txt");
    EXPECT_TRUE(core::HumanData::fetch(options, observer, {}));
}

TEST(HumanData, FindAndInspectOnFoldersThatAreNotTheData)
{
    test::TempDir dir;
    EXPECT_FALSE(core::HumanData::find(dir.path() / "missing"));
    EXPECT_FALSE(core::HumanData::find({}));
    fs::create_directories(dir.path() / "raw-data" / "humans");
    EXPECT_FALSE(core::HumanData::find(dir.path()));
    EXPECT_THROW(core::HumanData::inspect(dir.path()), core::Error);
}

TEST(HumanData, DataDirectoryFollowsTheEnvironment)
{
    const char *saved = std::getenv("SPARSESCOPE_DATA_DIR");
    const std::string restore = saved ? saved : "";
    ::setenv("SPARSESCOPE_DATA_DIR", "/tmp/sparsescope-data-test", 1);
    EXPECT_EQ(core::HumanData::defaultDestination(),
              fs::path("/tmp/sparsescope-data-test/generalisation-humans-DNNs"));
    ::unsetenv("SPARSESCOPE_DATA_DIR");
    const char *xdg = std::getenv("XDG_DATA_HOME");
    const std::string savedXdg = xdg ? xdg : "";
    ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
    EXPECT_EQ(core::HumanData::dataDirectory(), fs::path("/tmp/xdg/SparseScope/SparseScope"));
    if (savedXdg.empty())
        ::unsetenv("XDG_DATA_HOME");
    else
        ::setenv("XDG_DATA_HOME", savedXdg.c_str(), 1);
    if (!restore.empty())
        ::setenv("SPARSESCOPE_DATA_DIR", restore.c_str(), 1);
}
