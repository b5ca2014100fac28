// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/ImageFile.h"

#include "common/ImageHeader_p.h"
#include "sparsescope/core/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>

namespace sparsescope::core {

namespace {

cv::Mat readMat(const std::string &path, int flags)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw Error(path, "no such image file");
    checkImageHeader(path); // before OpenCV allocates what the header claims
    cv::Mat image;
    try {
        image = cv::imread(path, flags);
    } catch (const cv::Exception &exception) {
        throw Error(path, "cannot decode image: " + exception.err);
    }
    if (image.empty())
        throw Error(path, "cannot read image",
                    "check the path; formats: PNG, JPEG, BMP, TIFF and what else OpenCV reads");
    checkDecodedPixels(path, std::uint64_t(image.cols), std::uint64_t(image.rows));
    return image;
}

/// OpenCV's BGR(A) or grey Mat → RGB / grey FloatImage with `scale` applied.
FloatImage fromMat(const cv::Mat &image, const std::string &path)
{
    cv::Mat converted;
    if (image.channels() == 1)
        converted = image;
    else if (image.channels() == 3)
        cv::cvtColor(image, converted, cv::COLOR_BGR2RGB);
    else if (image.channels() == 4)
        cv::cvtColor(image, converted, cv::COLOR_BGRA2RGB);
    else
        throw Error(path, "unsupported channel count " + std::to_string(image.channels()));
    double scale = 1.0;
    if (converted.depth() == CV_8U)
        scale = 1.0 / 255.0;
    else if (converted.depth() == CV_16U)
        scale = 1.0 / 65535.0;
    FloatImage out(converted.rows, converted.cols, converted.channels());
    cv::Mat values(converted.rows, converted.cols, CV_64FC(converted.channels()),
                   out.values.data());
    if (converted.depth() == CV_8U) {
        // x / 255.0 exactly as numpy divides (not x * (1 / 255.0)).
        for (int i = 0; i < converted.rows; ++i) {
            const auto *src = converted.ptr<std::uint8_t>(i);
            double *dst = values.ptr<double>(i);
            for (int j = 0; j < converted.cols * converted.channels(); ++j)
                dst[j] = src[j] / 255.0;
        }
    } else {
        converted.convertTo(values, CV_64F, scale);
    }
    return out;
}

cv::Mat toBgrMat(const FloatImage &image, int depth)
{
    if (image.channels != 1 && image.channels != 3)
        throw Error({}, "images must have 1 or 3 channels, not " + std::to_string(image.channels));
    cv::Mat out;
    if (depth == CV_8U) {
        std::vector<std::uint8_t> bytes = ImageFile::toBytes(image);
        out = cv::Mat(image.height, image.width, CV_8UC(image.channels), bytes.data()).clone();
    } else {
        cv::Mat values(image.height, image.width, CV_64FC(image.channels),
                       const_cast<double *>(image.values.data()));
        values.convertTo(out, CV_32F);
    }
    if (image.channels == 3)
        cv::cvtColor(out, out, cv::COLOR_RGB2BGR);
    return out;
}

void writeMat(const std::string &path, const cv::Mat &mat, const std::vector<int> &parameters)
{
    bool ok = false;
    try {
        ok = cv::imwrite(path, mat, parameters);
    } catch (const cv::Exception &exception) {
        throw Error(path, "cannot write image: " + exception.err,
                    "use an extension OpenCV writes (.png, .tiff, .bmp, .jpg)");
    }
    if (!ok)
        throw Error(path, "cannot write image", "check that the folder exists and is writable");
}

} // namespace

FloatImage ImageFile::read(const std::string &path)
{
    return fromMat(readMat(path, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH), path);
}

FloatImage ImageFile::readFloat(const std::string &path)
{
    // IMREAD_UNCHANGED keeps 32-bit floats (any other flag converts to 8 bit).
    return fromMat(readMat(path, cv::IMREAD_UNCHANGED), path);
}

std::vector<std::uint8_t> ImageFile::toBytes(const FloatImage &image)
{
    std::vector<std::uint8_t> bytes(image.values.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        // (x * 255.0).astype('uint8') truncates toward zero; clip first so that out-of-range
        // values saturate instead of wrapping.
        const double scaled = std::clamp(image.values[i] * 255.0, 0.0, 255.0);
        bytes[i] = static_cast<std::uint8_t>(scaled);
    }
    return bytes;
}

FloatImage ImageFile::fromBytes(const std::uint8_t *bytes, int height, int width, int channels)
{
    FloatImage out(height, width, channels);
    for (std::size_t i = 0; i < out.values.size(); ++i)
        out.values[i] = bytes[i] / 255.0;
    return out;
}

void ImageFile::write(const std::string &path, const FloatImage &image)
{
    writeMat(path, toBgrMat(image, CV_8U), {});
}

void ImageFile::writeFloatTiff(const std::string &path, const FloatImage &image)
{
    // OpenCV's default for float TIFF is the lossy SGILOG codec: switch compression off.
    writeMat(path, toBgrMat(image, CV_32F), {cv::IMWRITE_TIFF_COMPRESSION, 1});
}

} // namespace sparsescope::core
