// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ImageHeader_p.h"

#include "sparsescope/core/Error.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string_view>
#include <utility>

namespace sparsescope::core {

namespace {

using Size = std::pair<std::uint64_t, std::uint64_t>; // width, height

std::uint64_t bigEndian(std::string_view b, std::size_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | static_cast<unsigned char>(b[at + std::size_t(i)]);
    return v;
}

std::uint64_t littleEndian(std::string_view b, std::size_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(b[at + std::size_t(i)]);
    return v;
}

std::optional<Size> pngSize(std::string_view b)
{
    if (b.size() < 24 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8))
        return std::nullopt;
    return Size {bigEndian(b, 16, 4), bigEndian(b, 20, 4)};
}

/// The first start-of-frame marker (SOF0…SOF15 but DHT, JPG and DAC) holds height and width.
std::optional<Size> jpegSize(std::string_view b)
{
    if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xff
        || static_cast<unsigned char>(b[1]) != 0xd8)
        return std::nullopt;
    std::size_t at = 2;
    while (at + 9 < b.size()) {
        if (static_cast<unsigned char>(b[at]) != 0xff)
            return std::nullopt;
        const unsigned marker = static_cast<unsigned char>(b[at + 1]);
        if (marker == 0xff) { // fill byte
            ++at;
            continue;
        }
        const std::uint64_t length = bigEndian(b, at + 2, 2);
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
            return Size {bigEndian(b, at + 7, 2), bigEndian(b, at + 5, 2)};
        at += 2 + length;
    }
    return std::nullopt;
}

std::optional<Size> bmpSize(std::string_view b)
{
    if (b.size() < 26 || b.substr(0, 2) != "BM")
        return std::nullopt;
    const auto height = static_cast<std::int32_t>(littleEndian(b, 22, 4));
    return Size {littleEndian(b, 18, 4),
                 static_cast<std::uint64_t>(height < 0 ? -std::int64_t(height) : height)};
}

/// P1–P6: magic, then width and height as decimal numbers. Like OpenCV's reader, anything
/// between the numbers that is not a digit is skipped ('#' comments to the end of the line).
std::optional<Size> pnmSize(std::string_view b)
{
    if (b.size() < 3 || b[0] != 'P' || b[1] < '1' || b[1] > '6')
        return std::nullopt;
    std::uint64_t numbers[2] = {0, 0};
    std::size_t at = 2;
    for (auto &number : numbers) {
        while (at < b.size() && !std::isdigit(static_cast<unsigned char>(b[at]))) {
            if (b[at] == '#')
                while (at < b.size() && b[at] != '\n')
                    ++at;
            else
                ++at;
        }
        if (at >= b.size())
            return std::nullopt;
        for (int digits = 0; at < b.size() && std::isdigit(static_cast<unsigned char>(b[at])); ++at)
            if (++digits <= 12) // more digits than that is over any budget anyway
                number = number * 10 + std::uint64_t(b[at] - '0');
            else
                number = kMaxImagePixels + 1;
    }
    return Size {numbers[0], numbers[1]};
}

} // namespace

void checkDecodedPixels(const std::string &path, std::uint64_t width, std::uint64_t height)
{
    if (width != 0 && height > kMaxImagePixels / width)
        throw Error(path,
                    "is " + std::to_string(width) + "x" + std::to_string(height)
                        + " pixels, more than the " + std::to_string(kMaxImagePixels >> 20)
                        + " Mpixels an image may have; refused");
}

void checkImageHeader(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return; // the decoder names the problem
    std::string head(1 << 16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    for (const auto &size : {pngSize(head), jpegSize(head), bmpSize(head), pnmSize(head)})
        if (size)
            checkDecodedPixels(path, size->first, size->second);
}

} // namespace sparsescope::core
