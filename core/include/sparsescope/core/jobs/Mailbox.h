// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <mutex>
#include <optional>
#include <utility>

namespace sparsescope::core {

/// Carries the latest value from a front end into a running job: post() from any thread, the job
/// take()s it at its next step. Older unread values are replaced (a slider's last position wins).
template<typename T>
class Mailbox
{
public:
    void post(T value)
    {
        std::lock_guard lock(m_mutex);
        m_value = std::move(value);
        ++m_posted;
    }
    /// The value posted since the last take(), if any.
    std::optional<T> take()
    {
        std::lock_guard lock(m_mutex);
        std::optional<T> value;
        value.swap(m_value);
        return value;
    }
    /// How many values were posted in total (lets a front end show when an edit took effect).
    unsigned long long postedCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_posted;
    }

private:
    mutable std::mutex m_mutex;
    std::optional<T> m_value;
    unsigned long long m_posted = 0;
};

} // namespace sparsescope::core
