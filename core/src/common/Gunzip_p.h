// SPDX-License-Identifier: GPL-3.0-or-later
// Private: files read whole (IDX data sets, trial files, CSV tables), plain or gzip, with a size
// budget.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sparsescope::core {

/// What a gzip file may inflate to (issue 19: no input may make the program allocate more than
/// 2 GiB). The largest IDX set in use, EMNIST ByClass, is 547 MB uncompressed.
constexpr std::size_t kMaxInflatedBytes = std::size_t(1) << 30;

/// True when `data` starts with the gzip magic (1f 8b).
bool isGzip(std::string_view data);

/// Inflates a whole gzip file (concatenated members are one file; trailing garbage after the
/// last member is ignored, as gzip does). Throws core::Error naming `path` for corrupt or
/// truncated data and for output beyond `budget` bytes, checked before it is allocated.
std::string gunzip(const std::string &path, const std::string &compressed,
                   std::size_t budget = kMaxInflatedBytes);

/// A whole file, gunzipped when it starts with the gzip magic. core::Error naming `path` when it
/// cannot be read, when the file is larger than `budget` bytes (checked before reading) or when
/// it inflates to more.
std::string readWholeFile(const std::string &path, std::size_t budget = kMaxInflatedBytes);

} // namespace sparsescope::core
