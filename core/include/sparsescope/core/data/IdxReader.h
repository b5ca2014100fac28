// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"

#include <string>

namespace sparsescope::core {

/// Reads an IDX image file and its label file (raw or gzip-compressed), as MNIST and
/// Fashion-MNIST ship them. Validates magic numbers, dimensions, sizes and label ranges.
class IdxReader
{
public:
    static ImageSet read(const std::string &imagesPath, const std::string &labelsPath,
                         int numClasses = 10);
    /// Whole file contents, transparently gunzipped when it starts with the gzip magic.
    static std::string readMaybeGzip(const std::string &path);
};

} // namespace sparsescope::core
