// SPDX-License-Identifier: GPL-3.0-or-later
// IdxReader: an images file and a labels file, raw or gzip. Input: a 4-byte little-endian length
// L, then L bytes of the images file, then the labels file. Only core::Error may come out.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/IdxReader.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(idx)
{
    if (size < 4)
        return 0;
    std::uint32_t length = 0;
    std::memcpy(&length, data, 4);
    const std::string_view rest = fuzz::asText(data + 4, size - 4);
    length = static_cast<std::uint32_t>(std::min<std::size_t>(length, rest.size()));
    const std::string_view images = rest.substr(0, length), labels = rest.substr(length);
    const std::string imagesPath = fuzz::writeInput(images, "-images-idx3-ubyte", 0);
    const std::string labelsPath = fuzz::writeInput(labels, "-labels-idx1-ubyte", 1);
    try {
        const core::ImageSet set = core::IdxReader::read(imagesPath, labelsPath);
        if (set.pixels.size() != set.size() * set.imageBytes())
            throw std::logic_error("the set does not hold what it says");
    } catch (const core::Error &) { }
    return 0;
}
