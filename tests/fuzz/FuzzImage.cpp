// SPDX-License-Identifier: GPL-3.0-or-later
// ImageFile::read, as the image-folder reader and `degrade` decode a file (OpenCV's decoders and
// our checks after them). Only core::Error may come out.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(image)
{
    const std::string_view text = fuzz::asText(data, size);
    // The extension only guides OpenCV's writer; decoding sniffs the content.
    const std::string path = fuzz::writeInput(text, ".png");
    try {
        const core::FloatImage image = core::ImageFile::read(path);
        if (image.values.size() != image.pixelCount() * static_cast<std::size_t>(image.channels))
            throw std::logic_error("the result does not hold what it says");
    } catch (const core::Error &) { }
    return 0;
}
