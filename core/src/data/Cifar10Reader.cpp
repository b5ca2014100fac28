// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/Cifar10Reader.h"

#include "common/Gunzip_p.h"
#include "sparsescope/core/Error.h"

#include <filesystem>
#include <fstream>

namespace sparsescope::core {

namespace {

constexpr int kSide = 32;
constexpr int kChannels = 3;
constexpr std::size_t kPixelBytes
    = std::size_t(kChannels) * kSide * kSide; // planar R, G, B: already C×H×W
constexpr std::size_t kRecordBytes = 1 + kPixelBytes;
constexpr int kNumClasses = 10;

const std::vector<std::string> &classNames()
{
    static const std::vector<std::string> names = {
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    return names;
}

void appendBatch(const std::string &path, ImageSet &set)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(path, "cannot open file");
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > kMaxInflatedBytes) // 1 GiB: 349 000 images; CIFAR-10's batches are 30 MB each
        throw Error(path,
                    "is " + std::to_string(size >> 20) + " MiB, more than the "
                        + std::to_string(kMaxInflatedBytes >> 20) + " MiB a batch file may have");
    if (size == 0 || size % kRecordBytes != 0)
        throw Error(path,
                    "size " + std::to_string(size) + " bytes is not a multiple of "
                        + std::to_string(kRecordBytes)
                        + " (1 label byte + 3072 pixel bytes per record)",
                    "use the binary version of CIFAR-10 (cifar-10-binary.tar.gz)");
    in.seekg(0);
    const std::size_t records = size / kRecordBytes;
    const std::size_t firstImage = set.labels.size();
    set.labels.resize(firstImage + records);
    set.pixels.resize((firstImage + records) * kPixelBytes);
    for (std::size_t r = 0; r < records; ++r) {
        char label = 0;
        in.read(&label, 1);
        in.read(reinterpret_cast<char *>(set.pixels.data() + (firstImage + r) * kPixelBytes),
                kPixelBytes);
        if (!in)
            throw Error(path, "read error in record " + std::to_string(r));
        const int value = static_cast<unsigned char>(label);
        if (value >= kNumClasses)
            throw Error(path,
                        "label " + std::to_string(value) + " of record " + std::to_string(r)
                            + " is outside 0.." + std::to_string(kNumClasses - 1),
                        "is this a CIFAR-100 file? Only CIFAR-10 is supported");
        set.labels[firstImage + r] = value;
    }
}

} // namespace

ImageSet Cifar10Reader::readFiles(const std::vector<std::string> &paths)
{
    if (paths.empty())
        throw Error({}, "no CIFAR-10 batch files given");
    ImageSet set;
    set.channels = kChannels;
    set.height = kSide;
    set.width = kSide;
    set.numClasses = kNumClasses;
    set.classNames = classNames();
    set.source = paths.front();
    for (const auto &path : paths)
        appendBatch(path, set);
    return set;
}

ImageSet Cifar10Reader::readDirectory(const std::string &directory, const std::string &split)
{
    namespace fs = std::filesystem;
    const std::string hint = "point cifar10: at the folder holding data_batch_1.bin .. "
                             "data_batch_5.bin and test_batch.bin";
    std::error_code error;
    if (!fs::is_directory(directory, error))
        throw Error(directory, "no such directory", hint);

    std::vector<std::string> names;
    if (split == "train") {
        for (int i = 1; i <= 5; ++i)
            names.push_back("data_batch_" + std::to_string(i) + ".bin");
    } else if (split == "test") {
        names.push_back("test_batch.bin");
    } else {
        throw Error(directory, "unknown CIFAR-10 split '" + split + "'", "use train or test");
    }

    // The archive unpacks into cifar-10-batches-bin/: accept its parent folder too.
    fs::path folder = directory;
    if (!fs::exists(folder / names.front(), error)
        && fs::exists(folder / "cifar-10-batches-bin" / names.front(), error))
        folder /= "cifar-10-batches-bin";

    std::vector<std::string> paths;
    for (const auto &name : names) {
        const fs::path path = folder / name;
        if (!fs::is_regular_file(path, error))
            throw Error(path.string(), "missing CIFAR-10 batch file", hint);
        paths.push_back(path.string());
    }
    ImageSet set = readFiles(paths);
    set.source = directory;
    return set;
}

} // namespace sparsescope::core
