// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the text output shared by the psychophysics writers.
#pragma once

#include "common/FileSink_p.h"

#include <functional>
#include <string>

namespace sparsescope::core {

/// A number as the CSV tables write it: "%.10g", `nanText` for NaN.
std::string formatCsvNumber(double value, const char *nanText = "NaN");
/// formatCsvNumber() with an empty field for NaN: "no value" (a failed attack's norms, a
/// minimal attack's ε).
inline std::string csvNumberOrEmpty(double value)
{
    return formatCsvNumber(value, "");
}

/// A CSV field: as it is, or in double quotes (quotes doubled) when it holds a comma, a quote or
/// a line break (RFC 4180).
std::string csvQuoted(const std::string &text);

/// Writes `text` to `path` (gzip-compressed when the path ends in ".gz"); core::Error naming the
/// path when it cannot be created or written.
void writeTextFile(const std::string &path, const std::string &text);

/// Replaces `path` atomically with what `write(sink)` writes into a temporary file in the same
/// folder, synced to disk and then renamed over `path`: a kill or a full disk leaves the old
/// file or the new one, never a torn one. When `write` throws, the temporary file is removed and
/// the exception passes on. core::Error naming `path` when the temporary file cannot be created,
/// written, synced or renamed (a full disk, a read-only folder).
void replaceFileAtomically(const std::string &path,
                           const std::function<void(FileSink &sink)> &write);

} // namespace sparsescope::core
