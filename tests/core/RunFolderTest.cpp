// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/RunFolder.h"
#include "Fixtures.h"
#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include <cerrno>
#include <filesystem>
#include <ostream>

using namespace sparsescope;

TEST(RunFolder, MetricsRoundTrip)
{
    test::TempDir dir;
    core::RunFolder folder(dir.file("run"));
    folder.create();
    std::vector<core::EpochMetrics> epochs(2);
    epochs[0] = {1, 0.5, 0.8, 0.75, 0.6, 0.01, 3.5, 0.25, 1000, 2000};
    epochs[1] = {2, 0.25, 0.9, 0.85, 0.4, 0.005, 3.25, 0.5, 500, 2000};
    folder.writeMetrics(epochs);
    const auto read = folder.readMetrics();
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[1].epoch, 2);
    EXPECT_DOUBLE_EQ(read[1].testAccuracy, 0.85);
    EXPECT_DOUBLE_EQ(read[0].learningRate, 0.01);
    EXPECT_EQ(test::readBytes(folder.metricsPath()).substr(0, 5), "epoch");
}

TEST(RunFolder, MalformedMetricsNameFileAndLine)
{
    test::TempDir dir;
    core::RunFolder folder(dir.path().string());
    test::writeBytes(folder.metricsPath(),
                     core::RunFolder::metricsHeader()
                         + "\n1,0.5,0.8,0.7,0.6,0.1,2,0,1,1\n2,oops\n");
    try {
        folder.readMetrics();
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), folder.metricsPath());
        EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos);
    }
}

TEST(RunFolder, LastCheckpointIsTheFurthestWithItsState)
{
    test::TempDir dir;
    core::RunFolder folder(dir.file("run"));
    folder.create();
    EXPECT_EQ(folder.lastCheckpoint(), "");
    const auto write = [](const std::string &checkpoint) {
        test::writeBytes(checkpoint, "x");
        test::writeBytes(core::RunFolder::statePathFor(checkpoint), "x");
    };
    for (int e : {1, 2, 10})
        write(folder.checkpointPath(e));
    test::writeBytes(folder.checkpointsDirectory() + "/epoch-011.state.pt", "x");
    EXPECT_EQ(folder.lastCheckpoint(), folder.checkpointPath(10));
    // A model without its trainer state (killed between the two) does not count.
    test::writeBytes(folder.checkpointPath(12), "x");
    EXPECT_EQ(folder.lastCheckpoint(), folder.checkpointPath(10));
    // Step checkpoints sort after their epoch, by step (not by name: 10 > 9).
    write(folder.stepCheckpointPath(10, 9));
    write(folder.stepCheckpointPath(10, 10));
    write(folder.stepCheckpointPath(9, 999));
    EXPECT_EQ(folder.lastCheckpoint(), folder.stepCheckpointPath(10, 10));
    folder.removeStepCheckpoints(folder.stepCheckpointPath(10, 9));
    EXPECT_EQ(folder.lastCheckpoint(), folder.stepCheckpointPath(10, 9));
    EXPECT_FALSE(std::filesystem::exists(folder.stepCheckpointPath(9, 999)));
    folder.removeStepCheckpoints();
    EXPECT_EQ(folder.lastCheckpoint(), folder.checkpointPath(10));
    EXPECT_TRUE(std::filesystem::exists(folder.checkpointPath(1))) << "epoch checkpoints stay";
    EXPECT_FALSE(core::RunFolder::isRunFolder(folder.directory()));
    folder.writeRunJson("{}");
    EXPECT_TRUE(core::RunFolder::isRunFolder(folder.directory()));
}

// Issue 19.6: a resumed run repeats the epochs after its checkpoint; their structure rows are
// replaced, not appended twice.
TEST(RunFolder, StructureRowsOfARepeatedEpochAreReplaced)
{
    test::TempDir dir;
    core::RunFolder folder(dir.file("run"));
    folder.create();
    core::LayerStructure layer;
    layer.name = "conv1";
    layer.rows = 6;
    for (int epoch : {1, 2, 3, 2, 3})
        folder.appendStructure(epoch, {layer});
    const std::string text = test::readBytes(folder.structurePath());
    int rows2 = 0;
    for (std::size_t at = 0; (at = text.find("\n2,conv1,", at)) != std::string::npos; ++at)
        ++rows2;
    EXPECT_EQ(rows2, 5) << text; // filter, channel, shape, depth, element
    EXPECT_EQ(text.rfind("epoch,layer", 0), 0u);
    EXPECT_NE(text.find("\n1,conv1,filter,6,"), std::string::npos) << text;
    EXPECT_NE(text.find("\n3,conv1,filter,6,"), std::string::npos) << text;
}

// Issue 19 (crash safety): result files are replaced atomically — a temporary file in the same
// folder, synced, then renamed — and a failure names the file and leaves no temporary behind.
TEST(AtomicTextFile, ReplacesWholeFilesAndCleansUpOnFailure)
{
    test::TempDir dir;
    const auto path = dir.file("results.csv");
    core::writeTextFile(path, "a,b\n1,2\n");
    core::writeTextFile(path, "a\n3\n");
    EXPECT_EQ(test::readBytes(path), "a\n3\n");
    core::writeTextFile(dir.file("table.csv.gz"), "x\n1\n");
    EXPECT_GT(std::filesystem::file_size(dir.file("table.csv.gz")), 0u);
    int entries = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
            << entry.path();
        ++entries;
    }
    EXPECT_EQ(entries, 2);
    const std::string missing = dir.file("no-such-folder/results.csv");
    try {
        core::writeTextFile(missing, "x\n");
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), missing);
        EXPECT_NE(std::string(e.what()).find("cannot create the file"), std::string::npos)
            << e.what();
    }
    // A folder in the way of the final name: the rename fails, the folder and no temporary stay.
    std::filesystem::create_directory(dir.file("taken.csv"));
    EXPECT_THROW(core::writeTextFile(dir.file("taken.csv"), "x\n"), core::Error);
    EXPECT_TRUE(std::filesystem::is_directory(dir.file("taken.csv")));
    for (const auto &entry : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
            << entry.path();
}

TEST(RunFolder, FilesAreReplacedAtomicallyOrNotAtAll)
{
    const test::TempDir dir;
    const std::string path = dir.file("model.pt");
    test::writeBytes(path, "old");
    const auto leftovers = [&] {
        int count = 0;
        for (const auto &entry : std::filesystem::directory_iterator(dir.path()))
            count += entry.path().filename().string().find(".tmp-") != std::string::npos;
        return count;
    };
    // A writer that fails half-way (a full disk, an exception in the serializer) leaves the
    // old file and no temporary behind.
    EXPECT_THROW(core::replaceFileAtomically(path,
                                             [](core::FileSink &sink) {
                                                 sink.write("ne", 2);
                                                 throw std::runtime_error("serializer failed");
                                             }),
                 std::runtime_error);
    EXPECT_EQ(test::readBytes(path), "old");
    EXPECT_EQ(leftovers(), 0);
    // A writer that succeeds replaces it whole.
    core::replaceFileAtomically(path, [](core::FileSink &sink) { sink.write("new", 3); });
    EXPECT_EQ(test::readBytes(path), "new");
    EXPECT_EQ(leftovers(), 0);
    // A folder that does not exist: core::Error names the final path, nothing is left.
    const std::string nowhere = dir.file("missing/model.pt");
    try {
        core::replaceFileAtomically(nowhere, [](core::FileSink &sink) { sink.write("x", 1); });
        ADD_FAILURE() << "no error for a missing folder";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), nowhere);
        EXPECT_NE(std::string(e.what()).find("cannot create"), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::readBytes(path), "new");
}

// Issue 19.6: LibTorch's zip writer throws from its destructor when a write falls short (a full
// disk ended the CLI with a core dump); FileSink never reports a short write to it and keeps
// the error for the caller.
TEST(AtomicTextFile, AFullDiskIsAnErrorNotACrash)
{
    core::FileSink full("/dev/full");
    EXPECT_EQ(full.error(), 0);
    torch::serialize::OutputArchive archive;
    archive.write("weights", torch::ones({300, 300}));
    archive.save_to([&](const void *data, std::size_t size) { return full.write(data, size); });
    EXPECT_EQ(full.finish(), ENOSPC);

    const test::TempDir dir;
    core::FileSink sink(dir.file("written"));
    std::ostream out(&sink);
    out << "through a stream " << 42;
    out.flush();
    EXPECT_EQ(sink.finish(), 0);
    EXPECT_EQ(test::readBytes(dir.file("written")), "through a stream 42");
}

TEST(RunFolder, ClearDeletesTheRunsOwnFilesAndListedStagesOnly)
{
    const test::TempDir dir;
    const auto make = [&](const std::string &relative, const std::string &text) {
        std::filesystem::create_directories(
            std::filesystem::path(dir.file(relative)).parent_path());
        test::writeBytes(dir.file(relative), text);
    };
    make("run.json", "{}");
    make("metrics.csv", "epoch\n");
    make("checkpoints/epoch-001.pt", "x");
    // stages.json as a run from another working directory wrote it (a relative path).
    make("stages.json", R"([{"name": "a", "run": "elsewhere/1-a"}])");
    make("1-a/run.json", "{}");
    make("other-run/run.json", "{}"); // a run folder of the user's, not a stage of this run
    make("notes.txt", "mine");
    EXPECT_EQ(core::RunFolder::workIn(dir.path().string()), "run.json");
    core::RunFolder::clear(dir.path().string());
    EXPECT_EQ(core::RunFolder::workIn(dir.path().string()), "");
    for (const char *gone : {"run.json", "metrics.csv", "checkpoints", "stages.json", "1-a"})
        EXPECT_FALSE(std::filesystem::exists(dir.file(gone))) << gone;
    for (const char *kept : {"other-run/run.json", "notes.txt"})
        EXPECT_TRUE(std::filesystem::exists(dir.file(kept))) << kept;
}
