// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/StringPool.h"

#include <functional>
#include <limits>
#include <stdexcept>

namespace sparsescope::core {

namespace {

constexpr std::uint64_t kIdBits = 0xFFFFFFFFULL;

std::uint64_t tag(std::size_t hash)
{
    return (static_cast<std::uint64_t>(hash) >> 32) << 32;
}

std::int32_t idOf(std::uint64_t entry)
{
    return static_cast<std::int32_t>(entry & kIdBits) - 1;
}

} // namespace

std::size_t StringPool::slotOf(std::string_view text, std::size_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    const std::uint64_t wanted = tag(hash);
    std::size_t slot = hash & mask;
    while (true) {
        const std::uint64_t entry = m_slots[slot];
        if (entry == 0 || ((entry & ~kIdBits) == wanted && view(idOf(entry)) == text))
            return slot;
        slot = (slot + 1) & mask;
    }
}

std::int32_t StringPool::find(std::string_view text) const
{
    if (m_slots.empty())
        return -1;
    return idOf(m_slots[slotOf(text, std::hash<std::string_view> {}(text))]);
}

std::int32_t StringPool::intern(std::string_view text)
{
    // Keep the load factor at most 1/2 so that probe runs stay short.
    if (2 * (static_cast<std::size_t>(size()) + 1) > m_slots.size())
        grow();
    const std::size_t hash = std::hash<std::string_view> {}(text);
    const std::size_t slot = slotOf(text, hash);
    if (m_slots[slot] != 0)
        return idOf(m_slots[slot]);
    if (m_characters.size() + text.size() > std::numeric_limits<std::uint32_t>::max()
        || size() == std::numeric_limits<std::int32_t>::max() - 1)
        throw std::length_error("StringPool: more than 4 GiB of distinct strings");
    const std::int32_t id = size();
    m_characters.append(text);
    m_offsets.push_back(static_cast<std::uint32_t>(m_characters.size()));
    m_hashes.push_back(hash);
    m_slots[slot] = tag(hash) | static_cast<std::uint64_t>(id + 1);
    return id;
}

std::string_view StringPool::view(std::int32_t id) const
{
    const auto i = static_cast<std::size_t>(id);
    return std::string_view(m_characters).substr(m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
}

void StringPool::grow()
{
    std::vector<std::uint64_t> slots(m_slots.empty() ? 64 : 2 * m_slots.size(), 0);
    const std::size_t mask = slots.size() - 1;
    for (std::int32_t id = 0; id < size(); ++id) {
        const std::size_t hash = m_hashes[static_cast<std::size_t>(id)];
        std::size_t slot = hash & mask;
        while (slots[slot] != 0)
            slot = (slot + 1) & mask;
        slots[slot] = tag(hash) | static_cast<std::uint64_t>(id + 1);
    }
    m_slots = std::move(slots);
}

void StringPool::clear()
{
    m_characters.clear();
    m_offsets.assign(1, 0);
    m_hashes.clear();
    m_slots.clear();
}

} // namespace sparsescope::core
