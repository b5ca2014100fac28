// SPDX-License-Identifier: GPL-3.0-or-later
// NpyFile::read (amplitude spectra): header, shape, dtype, Fortran order. Only core::Error may
// come out.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/degradations/NpyFile.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(npy)
{
    const std::string path = fuzz::writeInput(fuzz::asText(data, size), ".npy");
    try {
        const core::NpyFile array = core::NpyFile::read(path);
        std::size_t count = 1;
        for (std::size_t d : array.shape)
            count *= d;
        if (count != array.values.size())
            throw std::logic_error("the result does not hold what it says");
    } catch (const core::Error &) { }
    return 0;
}
