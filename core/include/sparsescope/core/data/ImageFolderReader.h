// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"

#include <string>

namespace sparsescope::core {

/// Reads an image folder with one subfolder per class (sorted by name = label order).
/// Every file OpenCV can decode is used; a file it cannot decode is an error naming the file.
/// Images are resized to the first image's size unless `height`/`width` are given.
class ImageFolderReader
{
public:
    static ImageSet read(const std::string &directory, int channels = 0, int height = 0,
                         int width = 0);
};

} // namespace sparsescope::core
