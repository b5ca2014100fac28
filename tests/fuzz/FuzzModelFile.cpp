// SPDX-License-Identifier: GPL-3.0-or-later
// ModelFile::inspect: SparseScope's checks of a model file (its zip directory, then the code
// records it reads) before anything is loaded. Only core::Error may come out. LibTorch's own
// unpickler is not fuzzed here: a file that passes is loaded only when the user acts on it.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/ModelFile.h"

SPARSESCOPE_FUZZ_TARGET(modelFile)
{
    const std::string path = fuzz::writeInput(fuzz::asText(data, size), ".pt");
    try {
        const core::ModelFile file = core::ModelFile::inspect(path);
        (void)file.containsCode();
    } catch (const core::Error &) { }
    return 0;
}
