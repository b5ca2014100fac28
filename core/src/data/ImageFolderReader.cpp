// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/ImageFolderReader.h"

#include "common/ImageHeader_p.h"
#include "sparsescope/core/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

const std::string kLayoutHint = "use one subfolder per class, e.g. DIR/cat/*.png and DIR/dog/*.png";

bool isHidden(const fs::path &path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

/// Sorted entries of `directory` that are folders (`wantFolders`) or regular files, hidden
/// ones skipped. Sorting by name makes the label order independent of the file system.
std::vector<fs::path> sortedEntries(const fs::path &directory, bool wantFolders)
{
    std::vector<fs::path> entries;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        const bool folder = it->is_directory(error);
        const bool file = it->is_regular_file(error);
        if (isHidden(it->path()) || (wantFolders ? !folder : !file))
            continue;
        entries.push_back(it->path());
    }
    if (error)
        throw Error(directory.string(), "cannot list folder: " + error.message());
    std::sort(entries.begin(), entries.end());
    return entries;
}

/// Decodes one file as 8-bit greyscale (`channels` 1) or RGB (3); throws naming the file.
cv::Mat decode(const fs::path &path, int flags)
{
    checkImageHeader(path.string()); // before OpenCV allocates what the header claims
    cv::Mat image;
    try {
        image = cv::imread(path.string(), flags);
    } catch (const cv::Exception &exception) {
        throw Error(path.string(), "cannot decode image: " + exception.err);
    }
    if (image.empty())
        throw Error(path.string(), "cannot decode image",
                    "remove it or convert it to a format OpenCV reads (PNG, JPEG, BMP, TIFF, ...)");
    checkDecodedPixels(path.string(), std::uint64_t(image.cols), std::uint64_t(image.rows));
    return image;
}

} // namespace

ImageSet ImageFolderReader::read(const std::string &directory, int channels, int height, int width)
{
    if (channels != 0 && channels != 1 && channels != 3)
        throw Error(directory,
                    "channels must be 0 (from the first image), 1 or 3, not "
                        + std::to_string(channels));
    if (height < 0 || width < 0)
        throw Error(directory, "image size must not be negative");
    std::error_code error;
    if (!fs::is_directory(directory, error))
        throw Error(directory, "no such directory", kLayoutHint);

    const std::vector<fs::path> classFolders = sortedEntries(directory, true);
    if (classFolders.empty())
        throw Error(directory, "no class subfolders", kLayoutHint);

    std::vector<std::vector<fs::path>> files;
    for (const auto &folder : classFolders) {
        files.push_back(sortedEntries(folder, false));
        if (files.back().empty())
            throw Error(folder.string(), "class folder holds no images", kLayoutHint);
    }

    ImageSet set;
    set.numClasses = static_cast<int>(classFolders.size());
    set.source = directory;
    for (const auto &folder : classFolders)
        set.classNames.push_back(folder.filename().string());

    // The first image fixes what the caller left open: greyscale files give one channel.
    const fs::path &firstPath = files.front().front();
    if (channels == 0 || height == 0 || width == 0) {
        const cv::Mat first = decode(firstPath, cv::IMREAD_ANYCOLOR);
        if (channels == 0)
            channels = first.channels() == 1 ? 1 : 3;
        if (height == 0)
            height = first.rows;
        if (width == 0)
            width = first.cols;
    }
    set.channels = channels;
    set.height = height;
    set.width = width;
    const int flags = channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR;

    std::size_t total = 0;
    for (const auto &classFiles : files)
        total += classFiles.size();
    set.pixels.resize(total * set.imageBytes());
    set.labels.reserve(total);

    const std::size_t planeBytes = static_cast<std::size_t>(height) * width;
    std::vector<cv::Mat> planes;
    cv::Mat resized;
    for (std::size_t label = 0; label < files.size(); ++label) {
        for (const auto &path : files[label]) {
            cv::Mat image = decode(path, flags);
            if (image.rows != height || image.cols != width) {
                // Area averaging when shrinking avoids aliasing; bilinear when enlarging.
                const bool shrinking = image.rows > height || image.cols > width;
                cv::resize(image, resized, cv::Size(width, height), 0, 0,
                           shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
                image = resized;
            }
            if (channels == 3)
                cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
            cv::split(image, planes);
            std::uint8_t *out = set.pixels.data() + set.labels.size() * set.imageBytes();
            for (int c = 0; c < channels; ++c) {
                const cv::Mat plane = planes[c].isContinuous() ? planes[c] : planes[c].clone();
                std::memcpy(out + c * planeBytes, plane.data, planeBytes);
            }
            set.labels.push_back(static_cast<std::int64_t>(label));
        }
    }
    return set;
}

} // namespace sparsescope::core
