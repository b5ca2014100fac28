// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzInput.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace sparsescope::fuzz {

std::string writeInput(std::string_view data, const std::string &suffix, int slot)
{
    const char *directory = std::getenv("TMPDIR");
    const std::string path = std::string(directory && *directory ? directory : "/tmp")
        + "/sparsescope-fuzz-" + std::to_string(::getpid()) + "-" + std::to_string(slot) + suffix;
    std::FILE *file = std::fopen(path.c_str(), "wb");
    if (!file)
        throw std::runtime_error("cannot write the fuzz input " + path);
    const bool ok = std::fwrite(data.data(), 1, data.size(), file) == data.size();
    std::fclose(file);
    if (!ok)
        throw std::runtime_error("cannot write the fuzz input " + path);
    return path;
}

} // namespace sparsescope::fuzz
