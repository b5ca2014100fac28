// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace sparsescope::cli {

/// A number for a terminal table: printf `format`, or "-" for NaN (not measured).
inline std::string numberCell(double value, const char *format = "%.4f")
{
    if (std::isnan(value))
        return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

} // namespace sparsescope::cli
