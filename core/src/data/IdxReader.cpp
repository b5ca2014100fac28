// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/IdxReader.h"

#include "common/Gunzip_p.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>

namespace sparsescope::core {

namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803; // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 0x00000801; // unsigned byte, 1 dimension
constexpr std::size_t kImagesHeader = 16;
constexpr std::size_t kLabelsHeader = 8;
// Keeps count * rows * cols inside 64 bits; no IDX image set comes near it.
constexpr std::uint32_t kMaxSide = 65535;

std::uint32_t bigEndian(const std::string &data, std::size_t offset)
{
    const auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(data[offset + i]));
    };
    return (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
}

std::string hex(std::uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

} // namespace

std::string IdxReader::readMaybeGzip(const std::string &path)
{
    return readWholeFile(path);
}

ImageSet IdxReader::read(const std::string &imagesPath, const std::string &labelsPath,
                         int numClasses)
{
    if (numClasses < 1 || numClasses > 256)
        throw Error(labelsPath,
                    "number of classes must be in 1..256, not " + std::to_string(numClasses));

    const std::string imageData = readMaybeGzip(imagesPath);
    if (imageData.size() < 4)
        throw Error(imagesPath, "truncated: too short for an IDX header");
    if (const auto magic = bigEndian(imageData, 0); magic != kImagesMagic)
        throw Error(imagesPath,
                    "not an IDX image file: magic " + hex(magic) + ", expected "
                        + hex(kImagesMagic),
                    "pass the images file first: idx:IMAGES,LABELS");
    if (imageData.size() < kImagesHeader)
        throw Error(imagesPath, "truncated: too short for an IDX header");
    const std::uint32_t count = bigEndian(imageData, 4);
    const std::uint32_t rows = bigEndian(imageData, 8);
    const std::uint32_t cols = bigEndian(imageData, 12);
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide)
        throw Error(imagesPath,
                    "implausible image size " + std::to_string(rows) + "x" + std::to_string(cols));
    if (count == 0)
        throw Error(imagesPath, "contains no images");
    const std::uint64_t expected = std::uint64_t(count) * rows * cols;
    const std::uint64_t found = imageData.size() - kImagesHeader;
    if (found < expected)
        throw Error(imagesPath,
                    "truncated: expected " + std::to_string(expected)
                        + " bytes of pixel data, found " + std::to_string(found));
    if (found > expected)
        throw Error(imagesPath,
                    "expected " + std::to_string(expected) + " bytes of pixel data, found "
                        + std::to_string(found) + " (extra bytes after the last image)");

    const std::string labelData = readMaybeGzip(labelsPath);
    if (labelData.size() < 4)
        throw Error(labelsPath, "truncated: too short for an IDX header");
    if (const auto magic = bigEndian(labelData, 0); magic != kLabelsMagic)
        throw Error(labelsPath,
                    "not an IDX label file: magic " + hex(magic) + ", expected "
                        + hex(kLabelsMagic),
                    "pass the labels file second: idx:IMAGES,LABELS");
    if (labelData.size() < kLabelsHeader)
        throw Error(labelsPath, "truncated: too short for an IDX header");
    const std::uint32_t labelCount = bigEndian(labelData, 4);
    if (labelCount != count)
        throw Error(labelsPath,
                    "has " + std::to_string(labelCount) + " labels but " + imagesPath + " has "
                        + std::to_string(count) + " images");
    const std::uint64_t labelBytes = labelData.size() - kLabelsHeader;
    if (labelBytes < labelCount)
        throw Error(labelsPath,
                    "truncated: expected " + std::to_string(labelCount)
                        + " bytes of label data, found " + std::to_string(labelBytes));
    if (labelBytes > labelCount)
        throw Error(labelsPath,
                    "expected " + std::to_string(labelCount) + " bytes of label data, found "
                        + std::to_string(labelBytes) + " (extra bytes after the last label)");

    ImageSet set;
    set.channels = 1;
    set.height = static_cast<int>(rows);
    set.width = static_cast<int>(cols);
    set.numClasses = numClasses;
    set.source = imagesPath;
    set.labels.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const int label = static_cast<unsigned char>(labelData[kLabelsHeader + i]);
        if (label >= numClasses)
            throw Error(labelsPath,
                        "label " + std::to_string(label) + " of sample " + std::to_string(i)
                            + " is outside 0.." + std::to_string(numClasses - 1));
        set.labels[i] = label;
    }
    set.pixels.assign(imageData.begin() + kImagesHeader, imageData.end());
    set.classNames.reserve(numClasses);
    for (int k = 0; k < numClasses; ++k)
        set.classNames.push_back(std::to_string(k));
    return set;
}

} // namespace sparsescope::core
