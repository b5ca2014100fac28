// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the text output shared by the psychophysics writers.
#pragma once

#include <string>

namespace sparsescope::core {

/// A number as the CSV tables write it: "%.10g", `nanText` for NaN.
std::string formatCsvNumber(double value, const char *nanText = "NaN");

/// A CSV field: as it is, or in double quotes (quotes doubled) when it holds a comma, a quote or
/// a line break (RFC 4180).
std::string csvQuoted(const std::string &text);

/// Writes `text` to `path` (gzip-compressed when the path ends in ".gz"); core::Error naming the
/// path when it cannot be created or written.
void writeTextFile(const std::string &path, const std::string &text);

} // namespace sparsescope::core
