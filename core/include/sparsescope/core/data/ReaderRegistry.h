// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"

#include <functional>
#include <string>
#include <vector>

namespace sparsescope::core {

/// One dataset kind: the spec prefix, a one-line description with the argument syntax, and the
/// function that reads it.
struct ReaderEntry
{
    std::string name;
    std::string syntax; ///< e.g. "idx:IMAGES,LABELS"
    std::string description;
    std::function<ImageSet(const std::string &argument)> read;
};

/// The table of dataset readers, looked up by the stable spec prefix.
class ReaderRegistry
{
public:
    static const std::vector<ReaderEntry> &entries();
    /// nullptr when unknown.
    static const ReaderEntry *find(const std::string &name);
    /// Parses the spec and reads it; throws core::Error naming the file on bad input.
    static ImageSet load(const std::string &spec);
    /// Where fashion-mnist:* is read from: SPARSESCOPE_FASHION_MNIST_DIR when set, else
    /// /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
    static std::string fashionMnistDirectory();
};

} // namespace sparsescope::core
