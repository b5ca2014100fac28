// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fixtures.h"
#include "common/Gunzip_p.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Cifar10Reader.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/data/DatasetSpec.h"
#include "sparsescope/core/data/IdxReader.h"
#include "sparsescope/core/data/ImageFolderReader.h"
#include "sparsescope/core/data/ReaderRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <vector>

#include <zlib.h>

namespace sparsescope {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ImageSet;
using test::TempDir;

/// Runs `action`, expects a core::Error whose message names `file` and contains `problem`.
/// `text` gzip-compressed with zlib (one member, correct trailer).
std::string gzipped(const std::string &text)
{
    z_stream stream {};
    EXPECT_EQ(deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&stream, text.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

void expectReaderError(const std::function<void()> &action, const std::string &file,
                       const std::string &problem)
{
    try {
        action();
        ADD_FAILURE() << "expected core::Error naming " << file;
    } catch (const Error &error) {
        const std::string message = error.what();
        EXPECT_NE(message.find(file), std::string::npos) << message;
        EXPECT_EQ(error.file(), file) << message;
        EXPECT_NE(message.find(problem), std::string::npos) << message;
    }
}

/// Big-endian IDX header bytes, for hand-made corrupt files.
std::string header(std::uint32_t magic, std::initializer_list<std::uint32_t> dims)
{
    std::string out;
    const auto put = [&](std::uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((value >> shift) & 0xff));
    };
    put(magic);
    for (std::uint32_t value : dims)
        put(value);
    return out;
}

void expectSameImages(const ImageSet &expected, const ImageSet &actual)
{
    EXPECT_EQ(actual.channels, expected.channels);
    EXPECT_EQ(actual.height, expected.height);
    EXPECT_EQ(actual.width, expected.width);
    EXPECT_EQ(actual.labels, expected.labels);
    EXPECT_TRUE(actual.pixels == expected.pixels);
}

/// Sets an environment variable for one scope and restores the old value.
class ScopedEnvironment
{
public:
    ScopedEnvironment(const char *name, const std::string &value)
        : m_name(name)
    {
        if (const char *old = std::getenv(name))
            m_old = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnvironment()
    {
        if (m_old)
            setenv(m_name, m_old->c_str(), 1);
        else
            unsetenv(m_name);
    }
    ScopedEnvironment(const ScopedEnvironment &) = delete;
    ScopedEnvironment &operator=(const ScopedEnvironment &) = delete;

private:
    const char *m_name;
    std::optional<std::string> m_old;
};

// --- IDX ----------------------------------------------------------------------------------

TEST(DataReaders, IdxRawRoundTrip)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(50, 10, 1, 28, 28, 3);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    const ImageSet read = core::IdxReader::read(dir.file("images"), dir.file("labels"));
    expectSameImages(set, read);
    EXPECT_EQ(read.numClasses, 10);
    ASSERT_EQ(read.classNames.size(), 10u);
    EXPECT_EQ(read.classNames[0], "0");
    EXPECT_EQ(read.classNames[9], "9");
}

TEST(DataReaders, IdxGzipRoundTrip)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(37, 10, 1, 12, 9, 4);
    test::writeIdx(set, dir.file("images.gz"), dir.file("labels.gz"), true);
    const std::string raw = test::readBytes(dir.file("images.gz"));
    ASSERT_EQ(static_cast<unsigned char>(raw[0]), 0x1f);
    const ImageSet read = core::IdxReader::read(dir.file("images.gz"), dir.file("labels.gz"));
    expectSameImages(set, read);
}

TEST(DataReaders, IdxCustomClassCount)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(20, 4, 1, 8, 8);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    const ImageSet read = core::IdxReader::read(dir.file("images"), dir.file("labels"), 4);
    EXPECT_EQ(read.numClasses, 4);
    EXPECT_EQ(read.classNames.size(), 4u);
}

TEST(DataReaders, IdxWrongMagic)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(10, 10, 1, 8, 8);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    // Swapped arguments: the label file's magic is wrong for images.
    expectReaderError([&] { core::IdxReader::read(dir.file("labels"), dir.file("images")); },
                      dir.file("labels"), "magic 0x00000801");
    // A label file with an image magic.
    test::writeBytes(dir.file("bad-labels"), header(0x803, {10}) + std::string(10, '\0'));
    expectReaderError([&] { core::IdxReader::read(dir.file("images"), dir.file("bad-labels")); },
                      dir.file("bad-labels"), "not an IDX label file");
}

TEST(DataReaders, IdxTruncatedImages)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(10, 10, 1, 8, 8);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    const std::string full = test::readBytes(dir.file("images"));
    test::writeBytes(dir.file("images"), full.substr(0, full.size() - 100));
    expectReaderError([&] { core::IdxReader::read(dir.file("images"), dir.file("labels")); },
                      dir.file("images"), "truncated: expected 640 bytes of pixel data, found 540");
    // A header cut short.
    test::writeBytes(dir.file("images"), full.substr(0, 10));
    expectReaderError([&] { core::IdxReader::read(dir.file("images"), dir.file("labels")); },
                      dir.file("images"), "truncated");
}

TEST(DataReaders, IdxTruncatedGzip)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(200, 10, 1, 28, 28);
    test::writeIdx(set, dir.file("images.gz"), dir.file("labels.gz"), true);
    const std::string full = test::readBytes(dir.file("images.gz"));
    test::writeBytes(dir.file("images.gz"), full.substr(0, full.size() / 2));
    expectReaderError([&] { core::IdxReader::read(dir.file("images.gz"), dir.file("labels.gz")); },
                      dir.file("images.gz"), "truncated");
    // Garbage after the gzip magic.
    test::writeBytes(dir.file("images.gz"), std::string("\x1f\x8b\x08\x00garbage-garbage", 19));
    expectReaderError([&] { core::IdxReader::read(dir.file("images.gz"), dir.file("labels.gz")); },
                      dir.file("images.gz"), "gzip");
}

TEST(DataReaders, IdxTruncatedLabels)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(10, 10, 1, 8, 8);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    const std::string full = test::readBytes(dir.file("labels"));
    test::writeBytes(dir.file("labels"), full.substr(0, full.size() - 3));
    expectReaderError([&] { core::IdxReader::read(dir.file("images"), dir.file("labels")); },
                      dir.file("labels"), "truncated: expected 10 bytes of label data, found 7");
}

TEST(DataReaders, IdxCountMismatch)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(10, 10, 1, 8, 8);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    test::writeBytes(dir.file("labels"), header(0x801, {9}) + std::string(9, '\1'));
    expectReaderError([&] { core::IdxReader::read(dir.file("images"), dir.file("labels")); },
                      dir.file("labels"), "has 9 labels but");
}

TEST(DataReaders, IdxLabelOutOfRange)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(10, 10, 1, 8, 8);
    test::writeIdx(set, dir.file("images"), dir.file("labels"));
    std::string labels = header(0x801, {10}) + std::string(10, '\2');
    labels[8 + 6] = 10;
    test::writeBytes(dir.file("labels"), labels);
    expectReaderError([&] { core::IdxReader::read(dir.file("images"), dir.file("labels")); },
                      dir.file("labels"), "label 10 of sample 6 is outside 0..9");
    // The same file is fine with more classes.
    EXPECT_EQ(core::IdxReader::read(dir.file("images"), dir.file("labels"), 11).labels[6], 10);
}

TEST(DataReaders, IdxMissingFile)
{
    TempDir dir;
    expectReaderError([&] { core::IdxReader::read(dir.file("nope"), dir.file("labels")); },
                      dir.file("nope"), "cannot open");
}

// --- CIFAR-10 -----------------------------------------------------------------------------

TEST(DataReaders, Cifar10Files)
{
    TempDir dir;
    const ImageSet first = test::syntheticImages(7, 10, 3, 32, 32, 1);
    const ImageSet second = test::syntheticImages(5, 10, 3, 32, 32, 2);
    test::writeCifarBatch(first, dir.file("a.bin"));
    test::writeCifarBatch(second, dir.file("b.bin"));
    const ImageSet read = core::Cifar10Reader::readFiles({dir.file("a.bin"), dir.file("b.bin")});
    ASSERT_EQ(read.size(), 12u);
    EXPECT_EQ(read.channels, 3);
    EXPECT_EQ(read.height, 32);
    EXPECT_EQ(read.width, 32);
    EXPECT_EQ(read.numClasses, 10);
    ASSERT_EQ(read.classNames.size(), 10u);
    EXPECT_EQ(read.classNames.front(), "airplane");
    EXPECT_EQ(read.classNames.back(), "truck");
    EXPECT_TRUE(std::equal(first.pixels.begin(), first.pixels.end(), read.pixels.begin()));
    EXPECT_TRUE(std::equal(second.pixels.begin(), second.pixels.end(),
                           read.pixels.begin() + first.pixels.size()));
    EXPECT_EQ(read.labels[7], second.labels[0]);
}

TEST(DataReaders, Cifar10DirectorySplits)
{
    TempDir dir;
    for (int i = 1; i <= 5; ++i)
        test::writeCifarBatch(test::syntheticImages(4, 10, 3, 32, 32, i),
                              dir.file("data_batch_" + std::to_string(i) + ".bin"));
    const ImageSet testSet = test::syntheticImages(6, 10, 3, 32, 32, 9);
    test::writeCifarBatch(testSet, dir.file("test_batch.bin"));
    EXPECT_EQ(core::Cifar10Reader::readDirectory(dir.path().string(), "train").size(), 20u);
    expectSameImages(testSet, core::Cifar10Reader::readDirectory(dir.path().string(), "test"));

    const ImageSet viaSpec = core::ReaderRegistry::load("cifar10:" + dir.path().string() + ":test");
    EXPECT_EQ(viaSpec.size(), 6u);
    EXPECT_EQ(viaSpec.source, "cifar10:" + dir.path().string() + ":test");
    EXPECT_EQ(core::ReaderRegistry::load("cifar10:" + dir.path().string()).size(), 20u);
}

TEST(DataReaders, Cifar10BadSize)
{
    TempDir dir;
    test::writeCifarBatch(test::syntheticImages(3, 10, 3, 32, 32), dir.file("batch.bin"));
    const std::string full = test::readBytes(dir.file("batch.bin"));
    test::writeBytes(dir.file("batch.bin"), full.substr(0, full.size() - 1));
    expectReaderError([&] { core::Cifar10Reader::readFiles({dir.file("batch.bin")}); },
                      dir.file("batch.bin"), "not a multiple of 3073");
}

TEST(DataReaders, Cifar10BadLabel)
{
    TempDir dir;
    test::writeCifarBatch(test::syntheticImages(3, 10, 3, 32, 32), dir.file("batch.bin"));
    std::string data = test::readBytes(dir.file("batch.bin"));
    data[3073] = 10; // second record's label byte
    test::writeBytes(dir.file("batch.bin"), data);
    expectReaderError([&] { core::Cifar10Reader::readFiles({dir.file("batch.bin")}); },
                      dir.file("batch.bin"), "label 10 of record 1");
}

TEST(DataReaders, Cifar10MissingDirectoryAndFile)
{
    TempDir dir;
    const std::string missing = dir.file("no-such-folder");
    expectReaderError([&] { core::Cifar10Reader::readDirectory(missing, "train"); }, missing,
                      "no such directory");
    test::writeCifarBatch(test::syntheticImages(2, 10, 3, 32, 32), dir.file("data_batch_1.bin"));
    expectReaderError([&] { core::Cifar10Reader::readDirectory(dir.path().string(), "train"); },
                      dir.file("data_batch_2.bin"), "missing CIFAR-10 batch file");
    expectReaderError([&] { core::Cifar10Reader::readDirectory(dir.path().string(), "test"); },
                      dir.file("test_batch.bin"), "missing CIFAR-10 batch file");
}

// --- image folders ------------------------------------------------------------------------

TEST(DataReaders, ImageFolderColour)
{
    TempDir dir;
    ImageSet set = test::syntheticImages(9, 3, 3, 10, 12, 5);
    set.classNames = {"cat", "dog", "emu"};
    test::writeImageFolder(set, dir.file("images"));
    const ImageSet read = core::ImageFolderReader::read(dir.file("images"));
    EXPECT_EQ(read.numClasses, 3);
    EXPECT_EQ(read.classNames, set.classNames);
    EXPECT_EQ(read.channels, 3);
    EXPECT_EQ(read.height, 10);
    EXPECT_EQ(read.width, 12);
    ASSERT_EQ(read.size(), 9u);
    // Files are read class by class; PNG is lossless, so pixels (planar RGB) survive exactly.
    std::size_t position = 0;
    for (int label = 0; label < 3; ++label)
        for (std::size_t i = 0; i < set.size(); ++i) {
            if (set.labels[i] != label)
                continue;
            EXPECT_EQ(read.labels[position], label);
            EXPECT_TRUE(
                std::equal(set.image(i), set.image(i) + set.imageBytes(), read.image(position)))
                << "image " << i;
            ++position;
        }
    EXPECT_EQ(position, 9u) << "every image compared";
}

TEST(DataReaders, ImageFolderGreyAndResize)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(6, 2, 1, 16, 16);
    test::writeImageFolder(set, dir.file("images"));
    const ImageSet grey = core::ImageFolderReader::read(dir.file("images"));
    EXPECT_EQ(grey.channels, 1);
    EXPECT_EQ(grey.size(), 6u);
    const ImageSet resized = core::ImageFolderReader::read(dir.file("images"), 3, 8, 4);
    EXPECT_EQ(resized.channels, 3);
    EXPECT_EQ(resized.height, 8);
    EXPECT_EQ(resized.width, 4);
    EXPECT_EQ(resized.pixels.size(), 6u * 3 * 8 * 4);
    const ImageSet viaSpec = core::ReaderRegistry::load("folder:" + dir.file("images"));
    EXPECT_EQ(viaSpec.size(), 6u);
    EXPECT_EQ(viaSpec.source, "folder:" + dir.file("images"));
}

TEST(DataReaders, ImageFolderUndecodableImage)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(4, 2, 3, 8, 8);
    test::writeImageFolder(set, dir.file("images"));
    const std::string bad = (dir.path() / "images" / "class1" / "x.png").string();
    test::writeBytes(bad, "this is not a PNG file at all");
    expectReaderError([&] { core::ImageFolderReader::read(dir.file("images")); }, bad,
                      "cannot decode image");
}

TEST(DataReaders, ImageFolderEmpty)
{
    TempDir dir;
    fs::create_directories(dir.file("empty"));
    expectReaderError([&] { core::ImageFolderReader::read(dir.file("empty")); }, dir.file("empty"),
                      "no class subfolders");
    fs::create_directories(dir.path() / "empty" / "cat");
    expectReaderError([&] { core::ImageFolderReader::read(dir.file("empty")); },
                      (dir.path() / "empty" / "cat").string(), "holds no images");
    expectReaderError([&] { core::ImageFolderReader::read(dir.file("missing")); },
                      dir.file("missing"), "no such directory");
}

// --- specs and the registry ---------------------------------------------------------------

TEST(DataReaders, SpecParsing)
{
    const auto spec = core::DatasetSpec::parse("idx:/a/b,/c/d");
    EXPECT_EQ(spec.kind, "idx");
    EXPECT_EQ(spec.argument, "/a/b,/c/d");
    EXPECT_EQ(spec.text, "idx:/a/b,/c/d");
    const auto bare = core::DatasetSpec::parse("fashion-mnist");
    EXPECT_EQ(bare.kind, "fashion-mnist");
    EXPECT_EQ(bare.argument, "");
    const auto cifar = core::DatasetSpec::parse("cifar10:/x/y:test");
    EXPECT_EQ(cifar.kind, "cifar10");
    EXPECT_EQ(cifar.argument, "/x/y:test");
}

TEST(DataReaders, SpecUnknownKind)
{
    try {
        core::DatasetSpec::parse("mnist-ish:train");
        ADD_FAILURE() << "expected core::Error";
    } catch (const Error &error) {
        const std::string message = error.what();
        EXPECT_EQ(error.file(), "mnist-ish:train");
        EXPECT_NE(message.find("mnist-ish:train"), std::string::npos) << message;
        EXPECT_NE(message.find("unknown dataset kind 'mnist-ish'"), std::string::npos) << message;
        for (const auto &entry : core::ReaderRegistry::entries())
            EXPECT_NE(error.hint().find(entry.name), std::string::npos) << error.hint();
    }
    expectReaderError([] { core::DatasetSpec::parse(""); }, "", "no kind");
    expectReaderError([] { core::DatasetSpec::parse(":foo"); }, ":foo", "no kind");
    expectReaderError([] { core::ReaderRegistry::load("idx:only-one-file"); }, "idx:only-one-file",
                      "IMAGES,LABELS");
}

TEST(DataReaders, RegistryEntries)
{
    std::vector<std::string> names;
    for (const auto &entry : core::ReaderRegistry::entries()) {
        names.push_back(entry.name);
        EXPECT_FALSE(entry.syntax.empty());
        EXPECT_FALSE(entry.description.empty());
        EXPECT_TRUE(entry.read);
        EXPECT_EQ(core::ReaderRegistry::find(entry.name), &entry);
    }
    EXPECT_EQ(names, (std::vector<std::string> {"fashion-mnist", "idx", "cifar10", "folder"}));
    EXPECT_EQ(core::ReaderRegistry::find("nope"), nullptr);
}

TEST(DataReaders, IdxSpec)
{
    TempDir dir;
    const ImageSet set = test::syntheticImages(12, 10, 1, 6, 6);
    test::writeIdx(set, dir.file("i.gz"), dir.file("l.gz"), true);
    const std::string spec = "idx:" + dir.file("i.gz") + "," + dir.file("l.gz");
    const ImageSet read = core::ReaderRegistry::load(spec);
    expectSameImages(set, read);
    EXPECT_EQ(read.source, spec);
}

TEST(DataReaders, FashionMnistFromEnvironment)
{
    TempDir dir;
    const ImageSet train = test::syntheticImages(30, 10, 1, 28, 28, 1);
    const ImageSet testSet = test::syntheticImages(20, 10, 1, 28, 28, 2);
    test::writeIdx(train, dir.file("train-images-idx3-ubyte.gz"),
                   dir.file("train-labels-idx1-ubyte.gz"), true);
    // The test split unzipped: accepted when the .gz is missing.
    test::writeIdx(testSet, dir.file("t10k-images-idx3-ubyte"), dir.file("t10k-labels-idx1-ubyte"));
    ScopedEnvironment environment("SPARSESCOPE_FASHION_MNIST_DIR", dir.path().string());
    EXPECT_EQ(core::ReaderRegistry::fashionMnistDirectory(), dir.path().string());

    const ImageSet readTrain = core::ReaderRegistry::load("fashion-mnist:train");
    expectSameImages(train, readTrain);
    EXPECT_EQ(readTrain.source, "fashion-mnist:train");
    ASSERT_EQ(readTrain.classNames.size(), 10u);
    EXPECT_EQ(readTrain.classNames[0], "T-shirt/top");
    EXPECT_EQ(readTrain.classNames[9], "Ankle boot");
    EXPECT_EQ(core::ReaderRegistry::load("fashion-mnist").size(), 30u);
    expectSameImages(testSet, core::ReaderRegistry::load("fashion-mnist:test"));
    expectReaderError([] { core::ReaderRegistry::load("fashion-mnist:validation"); },
                      "fashion-mnist:validation", "unknown split");

    fs::remove(dir.file("t10k-labels-idx1-ubyte"));
    expectReaderError([] { core::ReaderRegistry::load("fashion-mnist:test"); },
                      dir.file("t10k-labels-idx1-ubyte.gz"), "missing Fashion-MNIST file");
}

TEST(DataReaders, FashionMnistMissingFolder)
{
    TempDir dir;
    const std::string missing = dir.file("nowhere");
    ScopedEnvironment environment("SPARSESCOPE_FASHION_MNIST_DIR", missing);
    try {
        core::ReaderRegistry::load("fashion-mnist:test");
        ADD_FAILURE() << "expected core::Error";
    } catch (const Error &error) {
        EXPECT_EQ(error.file(), missing);
        EXPECT_NE(std::string(error.what()).find(missing), std::string::npos);
        EXPECT_EQ(error.hint(),
                  "install Debian's dataset-fashion-mnist or set SPARSESCOPE_FASHION_MNIST_DIR");
    }
}

TEST(DataReaders, RealFashionMnistTestSplit)
{
    const std::string directory = "/usr/share/datasets/fashion-mnist";
    if (!fs::exists(fs::path(directory) / "t10k-images-idx3-ubyte.gz"))
        GTEST_SKIP() << directory << " is absent (install Debian's dataset-fashion-mnist)";
    ScopedEnvironment environment("SPARSESCOPE_FASHION_MNIST_DIR", directory);
    const ImageSet set = core::ReaderRegistry::load("fashion-mnist:test");
    ASSERT_EQ(set.size(), 10000u);
    EXPECT_EQ(set.channels, 1);
    EXPECT_EQ(set.height, 28);
    EXPECT_EQ(set.width, 28);
    EXPECT_EQ(set.numClasses, 10);
    EXPECT_EQ(set.classNames[1], "Trouser");
    std::vector<int> perClass(10, 0);
    for (auto label : set.labels)
        ++perClass[static_cast<std::size_t>(label)];
    EXPECT_EQ(perClass, std::vector<int>(10, 1000)); // the test split is balanced
    // The published pixel statistics of the test split (mean 0.2868, std 0.3524).
    const auto stats = core::Dataset(set).normalization();
    EXPECT_NEAR(stats.mean[0], 0.2868, 5e-4);
    EXPECT_NEAR(stats.std[0], 0.3524, 5e-4);
}

TEST(DataReaders, GzipBeyondTheBudgetIsRefusedNamingTheFile)
{
    // 100 kB of zeros compress to ~100 bytes. Within the budget they come back whole; with a
    // 64 kB budget both paths refuse: the fast one on the trailer's claim before allocating, the
    // streaming one (trailer zeroed, so it cannot be trusted) when the output reaches the budget.
    const std::string zeros(100'000, '\0');
    const std::string compressed = gzipped(zeros);
    ASSERT_LT(compressed.size(), 1000u);
    EXPECT_EQ(core::gunzip("zeros.gz", compressed), zeros);
    expectReaderError([&] { core::gunzip("zeros.gz", compressed, 1 << 16); }, "zeros.gz", "limit");
    std::string noTrailer = compressed;
    noTrailer.replace(noTrailer.size() - 4, 4, std::string(4, '\0'));
    expectReaderError([&] { core::gunzip("zeros.gz", noTrailer, 1 << 16); }, "zeros.gz", "limit");
    // A trailer claiming 4 GiB on a 100-byte file (the fuzzer's find) is not believed: the
    // streaming path inflates what is there and stops at the truncation.
    std::string lying = compressed.substr(0, compressed.size() / 2);
    lying += std::string("\0\0\0\0\xff\xff\xff\xff", 8);
    expectReaderError([&] { core::gunzip("lying.gz", lying); }, "lying.gz", "gzip data");
}

TEST(DataReaders, ImagesOverThePixelBudgetAreRefusedFromTheirHeader)
{
    // Headers that claim 100 000 x 100 000 pixels (30 GB as RGB): refused before OpenCV
    // allocates, naming the file; a small image still reads.
    const TempDir dir;
    const std::string side("\0\x01\x86\xa0", 4), sideLe("\xa0\x86\x01\0", 4);
    const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + side + side
        + std::string("\x08\x02\0\0\0", 5) + std::string(64, '\0');
    const std::string bombs[][2]
        = {{"bomb.png", png},
           {"bomb.pgm", "P5\n100000 100000\n255\n" + std::string(64, 'x')},
           // The fuzzer's find: OpenCV reads past the '@' and allocated 4.7 GB.
           {"fuzz.ppm", "P3\n8888888@888 881\x8d"},
           {"bomb.bmp", "BM" + std::string(16, '\0') + sideLe + sideLe + std::string(64, '\0')}};
    for (const auto &[name, bytes] : bombs) {
        test::writeBytes(dir.file(name), bytes);
        expectReaderError([&] { core::ImageFile::read(dir.file(name)); }, dir.file(name),
                          "Mpixels");
    }
    test::writeBytes(dir.file("small.pgm"), "P5\n# a comment\n3 2\n255\n" + std::string(6, 'x'));
    const core::FloatImage small = core::ImageFile::read(dir.file("small.pgm"));
    EXPECT_EQ(small.width, 3);
    EXPECT_EQ(small.height, 2);
}

TEST(DataReaders, WholeFileReadsAreBudgetedBeforeReading)
{
    // The IDX, trial and CSV readers read whole files: a plain file over the budget is refused
    // from its size, a gzip one when it inflates beyond it; within it both come back whole.
    const TempDir dir;
    const std::string plain = dir.file("big.csv"), packed = dir.file("big.csv.gz");
    test::writeBytes(plain, std::string(5000, 'x'));
    test::writeBytes(packed, gzipped(std::string(100'000, 'x')));
    EXPECT_EQ(core::readWholeFile(plain).size(), 5000u);
    EXPECT_EQ(core::readWholeFile(packed).size(), 100'000u);
    expectReaderError([&] { core::readWholeFile(plain, 4096); }, plain, "refused");
    expectReaderError([&] { core::readWholeFile(packed, 1 << 16); }, packed, "refused");
    expectReaderError([&] { core::readWholeFile(dir.file("none.csv")); }, dir.file("none.csv"),
                      "cannot open");
}

} // namespace
} // namespace sparsescope
