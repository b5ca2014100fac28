// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Reads CIFAR-10 binary batches (records of 1 label byte + 3072 pixel bytes).
class Cifar10Reader
{
public:
    /// Reads the given batch files in order.
    static ImageSet readFiles(const std::vector<std::string> &paths);
    /// `split` is "train" (data_batch_1..5.bin) or "test" (test_batch.bin) inside `directory`.
    static ImageSet readDirectory(const std::string &directory, const std::string &split);
};

} // namespace sparsescope::core
