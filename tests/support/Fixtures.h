// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace sparsescope::test {

/// A fresh directory under the system temp folder, removed with its contents on destruction.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::filesystem::path &path() const { return m_path; }
    std::string file(const std::string &name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/// A learnable synthetic image set: class k shows a bright horizontal bar at a class-specific
/// row plus seeded noise, so a small model's loss falls within a few dozen steps.
core::ImageSet syntheticImages(std::size_t count, int numClasses = 4, int channels = 1,
                               int height = 28, int width = 28, std::uint64_t seed = 1);

/// Writes IDX image (magic 0x803) and label (0x801) files; gzip-compressed when `gzip`.
void writeIdx(const core::ImageSet &images, const std::string &imagesPath,
              const std::string &labelsPath, bool gzip = false);

/// Writes a CIFAR-10 binary batch (label byte + 3072 planar RGB bytes per record); `images`
/// must be 3×32×32.
void writeCifarBatch(const core::ImageSet &images, const std::string &path);

/// Writes an image folder: `directory`/<class name>/<index>.<extension>, one file per image,
/// through cv::imwrite (1 or 3 channels; planar RGB in the set, BGR on disk as OpenCV expects).
void writeImageFolder(const core::ImageSet &images, const std::string &directory,
                      const std::string &extension = "png");

/// Learnable synthetic train and test sets (syntheticImages, 4 classes, 28×28, seeds 1 and 2)
/// written as IDX files into a temp folder, with their dataset specs. `specClasses` > 0 appends
/// the class count to the specs (`idx:IMAGES,LABELS,4`); 0 keeps the IDX default of 10.
struct SyntheticIdxData
{
    TempDir dir;
    std::string train;
    std::string test;
    SyntheticIdxData(std::size_t trainCount, std::size_t testCount, int specClasses = 0);
};

/// Writes `data` to `path` as it is (for corrupt-file fixtures).
void writeBytes(const std::string &path, const std::string &data);
std::string readBytes(const std::string &path);

/// Runs a shell command; returns its exit status (the process's exit code, or 128+signal) and
/// stores stdout and stderr.
struct CommandResult
{
    int exitCode = -1;
    bool signaled = false;
    std::string out;
    std::string err;
};
CommandResult runCommand(const std::string &command);

/// The reference folder (golden degradations, the released human trials, methods.md): the
/// environment variable SPARSESCOPE_REFERENCE when set, else the CMake cache variable
/// SPARSESCOPE_REFERENCE_DIR (default: ../shared/reference beside the source tree).
std::filesystem::path referenceDir();

/// True when SPARSESCOPE_REQUIRE_REFERENCE is set to a non-empty value other than 0: then a
/// test whose reference data is missing fails instead of skipping (.ci/run sets it when the
/// reference folder exists, so that a moved folder cannot turn its tests into silent skips).
bool referenceRequired();

} // namespace sparsescope::test

/// Skips the test (or fails it, when test::referenceRequired()) unless `path` exists; `what`
/// says what is missing and how to get it.
#define SPARSESCOPE_REQUIRE_REFERENCE(path, what)                                                  \
    if (!std::filesystem::exists(path)) {                                                          \
        if (::sparsescope::test::referenceRequired())                                              \
            FAIL() << "reference data absent although required: " << (path) << " (" << what        \
                   << ")";                                                                         \
        else                                                                                       \
            GTEST_SKIP() << "reference data absent: " << (path) << " (" << what << ")";            \
    }
