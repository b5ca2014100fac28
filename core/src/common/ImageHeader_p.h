// SPDX-License-Identifier: GPL-3.0-or-later
// Private: an image's pixel count from its header, before a decoder allocates it.
#pragma once

#include <cstdint>
#include <string>

namespace sparsescope::core {

/// The most pixels an image file may have (8192 × 8192): decoded to RGB doubles that is 1.5 GiB,
/// inside issue 19's 2 GiB budget. The stimuli of the 2018 study are 224 × 224.
constexpr std::uint64_t kMaxImagePixels = std::uint64_t(1) << 26;

/// Throws core::Error naming `path` when the header of a PNG, JPEG, BMP or PNM file declares
/// more than kMaxImagePixels (checked before decoding); other formats and unreadable headers
/// pass (the decoder reports those, and checkDecodedPixels() bounds the result).
void checkImageHeader(const std::string &path);

/// Throws core::Error naming `path` when a decoded image has more than kMaxImagePixels.
void checkDecodedPixels(const std::string &path, std::uint64_t width, std::uint64_t height);

} // namespace sparsescope::core
