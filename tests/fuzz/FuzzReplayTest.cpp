// SPDX-License-Identifier: GPL-3.0-or-later
// Replays every input under tests/fuzz/regressions/<harness>/ (inputs the fuzzers found, each
// fixed) through the same harness code, in the normal build: only core::Error may come out.
#include "FuzzInput.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>

namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using Harness = std::function<int(const std::uint8_t *, std::size_t)>;

const std::map<std::string, Harness> &harnesses()
{
    using namespace sparsescope;
    static const std::map<std::string, Harness> all = {
        {"idx", fuzz::idx},
        {"cifar", fuzz::cifar},
        {"image", fuzz::image},
        {"csv-table", fuzz::csvTable},
        {"trials", fuzz::trials},
        {"npy", fuzz::npy},
        {"train-config", fuzz::trainConfig},
        {"sweep-config", fuzz::sweepConfig},
        {"rln-options", fuzz::rlnOptions},
        {"model-file", fuzz::modelFile},
        {"sweep-grid", fuzz::sweepGrid},
        {"series", fuzz::series},
        {"atlas-table", fuzz::atlasTable},
#ifdef SPARSESCOPE_FUZZ_QT
        {"lesson", fuzz::lesson},
        {"workspace", fuzz::workspace},
#endif
    };
    return all;
}

} // namespace

TEST(FuzzReplay, EveryRegressionInputIsAnErrorOrAResultNeverACrash)
{
    const fs::path root = fs::path(SPARSESCOPE_SOURCE_DIR) / "tests/fuzz/regressions";
    ASSERT_TRUE(fs::is_directory(root)) << root;
    int replayed = 0;
    for (const auto &folder : fs::directory_iterator(root)) {
        const std::string name = folder.path().filename().string();
#ifndef SPARSESCOPE_FUZZ_QT
        if (name == "lesson" || name == "workspace")
            continue; // the GUI's readers: replayed in builds with the GUI
#endif
        const auto harness = harnesses().find(name);
        ASSERT_NE(harness, harnesses().end()) << "no harness for " << folder.path();
        for (const auto &input : fs::directory_iterator(folder.path())) {
            const std::string data = readFile(input.path());
            EXPECT_NO_THROW(
                harness->second(reinterpret_cast<const std::uint8_t *>(data.data()), data.size()))
                << input.path();
            ++replayed;
        }
    }
    EXPECT_GT(replayed, 0);
}
