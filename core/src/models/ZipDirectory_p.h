// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// The central directory of a zip archive (LibTorch's .pt files are zip archives), read and
/// checked by SparseScope before LibTorch sees the file (issue 19): every entry must lie inside
/// the file, stored entries must be as long as they say, compressed ones must not declare more
/// than deflate can expand to, and the declared sizes must fit the memory budget. LibTorch
/// (miniz) would otherwise allocate whatever a record declares before it finds out. The records
/// must also be laid out as LibTorch reads them (one folder, a version record).
class ZipDirectory
{
public:
    struct Entry
    {
        std::string name;
        int method = 0; ///< 0 stored, 8 deflated
        std::uint64_t compressedSize = 0;
        std::uint64_t size = 0; ///< uncompressed
        std::uint64_t offset = 0; ///< of the local header
    };

    /// The most that the compressed (deflated) records of a file may declare together.
    static constexpr std::uint64_t kCompressedBudget = 1ull << 30;

    /// Reads the directory of the zip file `path`. Throws core::Error naming the file and the
    /// problem (not a zip archive, truncated, an entry outside the file, a size it cannot
    /// have, over the budget).
    static std::vector<Entry> read(const std::string &path);
    /// The same for an archive held in memory (`origin` names it in errors).
    static std::vector<Entry> parse(const std::string &bytes, const std::string &origin);
};

} // namespace sparsescope::core
