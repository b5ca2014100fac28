// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/jobs/PauseGate.h"

namespace sparsescope::core {

void PauseGate::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void PauseGate::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_changed.notify_all();
}

bool PauseGate::isPaused() const
{
    return m_paused.load();
}

bool PauseGate::waitWhilePaused(std::stop_token stop)
{
    if (!m_paused.load())
        return !stop.stop_requested();
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, stop, [this] { return !m_paused.load(); });
    return !stop.stop_requested();
}

} // namespace sparsescope::core
