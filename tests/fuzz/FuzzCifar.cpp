// SPDX-License-Identifier: GPL-3.0-or-later
// Cifar10Reader: one binary batch file. Only core::Error may come out.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Cifar10Reader.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(cifar)
{
    const std::string path = fuzz::writeInput(fuzz::asText(data, size), "-data_batch_1.bin");
    try {
        const core::ImageSet set = core::Cifar10Reader::readFiles({path});
        if (set.pixels.size() != set.size() * set.imageBytes())
            throw std::logic_error("the result does not hold what it says");
    } catch (const core::Error &) { }
    return 0;
}
