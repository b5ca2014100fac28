// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparsescope::core {

/// Interns strings to dense ids 0, 1, 2, … in order of first appearance. All characters live in
/// one growing buffer and the index is an open-addressing table of ids, so interning a new string
/// allocates nothing per string (only the amortised growth of three vectors): a trial table with
/// a third of a million distinct image names stays cheap to build.
class StringPool
{
public:
    /// The id of `text`, adding it if new.
    std::int32_t intern(std::string_view text);
    /// The id of `text`, or -1 when it was never interned.
    std::int32_t find(std::string_view text) const;
    /// The string of `id`; the view is valid until the next intern() of a new string.
    std::string_view view(std::int32_t id) const;
    /// A copy of the string of `id`.
    std::string string(std::int32_t id) const { return std::string(view(id)); }
    std::int32_t size() const { return static_cast<std::int32_t>(m_offsets.size()) - 1; }
    void clear();

private:
    std::size_t slotOf(std::string_view text, std::size_t hash) const;
    void grow();

    std::string m_characters;
    std::vector<std::uint32_t> m_offsets {0}; // string i is [m_offsets[i], m_offsets[i + 1])
    std::vector<std::size_t> m_hashes; // per string, so that growing never rehashes text
    // Slot: the upper 32 hash bits << 32 | (id + 1); 0 is empty. Keeping hash bits in the slot
    // means a probe touches the string only when the hashes agree (one cache miss per lookup).
    std::vector<std::uint64_t> m_slots; // size a power of two
};

} // namespace sparsescope::core
