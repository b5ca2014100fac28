// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sparsescope::core {

/// A numeric numpy array read from or written to a .npy file (format versions 1–3): the shape
/// and the values as doubles in C (row-major) order. Reads little- and big-endian float64,
/// float32 and integer arrays; writes little-endian float64.
struct NpyFile
{
    std::vector<std::size_t> shape;
    std::vector<double> values;

    static NpyFile read(const std::string &path);
    void write(const std::string &path) const;
};

} // namespace sparsescope::core
