// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fixtures.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace sparsescope::test {

namespace fs = std::filesystem;

TempDir::TempDir()
{
    std::random_device device;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = fs::temp_directory_path()
            / ("sparsescope-test-" + std::to_string(device()) + std::to_string(attempt));
        if (fs::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir()
{
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

core::ImageSet syntheticImages(std::size_t count, int numClasses, int channels, int height,
                               int width, std::uint64_t seed)
{
    core::ImageSet set;
    set.channels = channels;
    set.height = height;
    set.width = width;
    set.numClasses = numClasses;
    set.source = "synthetic";
    for (int k = 0; k < numClasses; ++k)
        set.classNames.push_back("class" + std::to_string(k));
    set.pixels.resize(count * set.imageBytes());
    set.labels.resize(count);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> noise(0, 60);
    for (std::size_t i = 0; i < count; ++i) {
        const int label = static_cast<int>(i % numClasses);
        set.labels[i] = label;
        std::uint8_t *image = set.pixels.data() + i * set.imageBytes();
        const int barRow = (label * height) / numClasses + height / (2 * numClasses);
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x) {
                    int value = noise(rng);
                    if (std::abs(y - barRow) <= 1)
                        value += 180;
                    image[(c * height + y) * width + x] = static_cast<std::uint8_t>(value);
                }
    }
    return set;
}

namespace {
void putBigEndian(std::string &out, std::uint32_t value)
{
    out.push_back(char((value >> 24) & 0xff));
    out.push_back(char((value >> 16) & 0xff));
    out.push_back(char((value >> 8) & 0xff));
    out.push_back(char(value & 0xff));
}

void writeMaybeGzip(const std::string &path, const std::string &data, bool gzip)
{
    if (!gzip) {
        writeBytes(path, data);
        return;
    }
    gzFile file = gzopen(path.c_str(), "wb");
    if (!file)
        throw std::runtime_error("cannot write " + path);
    gzwrite(file, data.data(), static_cast<unsigned>(data.size()));
    gzclose(file);
}
} // namespace

void writeIdx(const core::ImageSet &images, const std::string &imagesPath,
              const std::string &labelsPath, bool gzip)
{
    if (images.channels != 1)
        throw std::runtime_error("IDX fixtures are greyscale");
    std::string imageData;
    putBigEndian(imageData, 0x00000803);
    putBigEndian(imageData, static_cast<std::uint32_t>(images.size()));
    putBigEndian(imageData, static_cast<std::uint32_t>(images.height));
    putBigEndian(imageData, static_cast<std::uint32_t>(images.width));
    imageData.append(reinterpret_cast<const char *>(images.pixels.data()), images.pixels.size());
    std::string labelData;
    putBigEndian(labelData, 0x00000801);
    putBigEndian(labelData, static_cast<std::uint32_t>(images.size()));
    for (auto label : images.labels)
        labelData.push_back(static_cast<char>(label));
    writeMaybeGzip(imagesPath, imageData, gzip);
    writeMaybeGzip(labelsPath, labelData, gzip);
}

void writeCifarBatch(const core::ImageSet &images, const std::string &path)
{
    if (images.channels != 3 || images.height != 32 || images.width != 32)
        throw std::runtime_error("CIFAR fixtures are 3x32x32");
    std::string data;
    for (std::size_t i = 0; i < images.size(); ++i) {
        data.push_back(static_cast<char>(images.labels[i]));
        data.append(reinterpret_cast<const char *>(images.image(i)), images.imageBytes());
    }
    writeBytes(path, data);
}

void writeImageFolder(const core::ImageSet &images, const std::string &directory,
                      const std::string &extension)
{
    if (images.channels != 1 && images.channels != 3)
        throw std::runtime_error("image folder fixtures have 1 or 3 channels");
    for (const auto &name : images.classNames)
        fs::create_directories(fs::path(directory) / name);
    const std::size_t plane = static_cast<std::size_t>(images.height) * images.width;
    for (std::size_t i = 0; i < images.size(); ++i) {
        std::vector<cv::Mat> planes;
        for (int c = 0; c < images.channels; ++c)
            planes.emplace_back(images.height, images.width, CV_8UC1,
                                const_cast<std::uint8_t *>(images.image(i) + c * plane));
        cv::Mat image;
        cv::merge(planes, image);
        if (images.channels == 3)
            cv::cvtColor(image, image, cv::COLOR_RGB2BGR);
        char name[32];
        std::snprintf(name, sizeof name, "%05zu.", i);
        const fs::path path
            = fs::path(directory) / images.classNames[images.labels[i]] / (name + extension);
        if (!cv::imwrite(path.string(), image))
            throw std::runtime_error("cannot write " + path.string());
    }
}

SyntheticIdxData::SyntheticIdxData(std::size_t trainCount, std::size_t testCount, int specClasses)
{
    writeIdx(syntheticImages(trainCount, 4, 1, 28, 28, 1), dir.file("train-images"),
             dir.file("train-labels"));
    writeIdx(syntheticImages(testCount, 4, 1, 28, 28, 2), dir.file("test-images"),
             dir.file("test-labels"));
    const std::string suffix = specClasses > 0 ? "," + std::to_string(specClasses) : "";
    train = "idx:" + dir.file("train-images") + "," + dir.file("train-labels") + suffix;
    test = "idx:" + dir.file("test-images") + "," + dir.file("test-labels") + suffix;
}

void writeBytes(const std::string &path, const std::string &data)
{
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

std::string readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

CommandResult runCommand(const std::string &command)
{
    TempDir dir;
    const std::string outPath = dir.file("out.txt");
    const std::string errPath = dir.file("err.txt");
    const int status = std::system((command + " >" + outPath + " 2>" + errPath).c_str());
    CommandResult result;
    result.out = readBytes(outPath);
    result.err = readBytes(errPath);
    if (WIFEXITED(status)) {
        result.exitCode = WEXITSTATUS(status);
        // The shell reports a child killed by a signal as 128 + signal.
        result.signaled = result.exitCode > 128;
    } else {
        result.signaled = true;
        result.exitCode = 128 + WTERMSIG(status);
    }
    return result;
}

std::filesystem::path referenceDir()
{
    if (const char *value = std::getenv("SPARSESCOPE_REFERENCE"); value && *value)
        return value;
    return SPARSESCOPE_REFERENCE_DIR;
}

bool referenceRequired()
{
    const char *value = std::getenv("SPARSESCOPE_REQUIRE_REFERENCE");
    return value && *value && std::string(value) != "0";
}

} // namespace sparsescope::test
