// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace sparsescope::core {

/// A thread-safe pause switch a job checks at each step; a stop request ends the wait.
class PauseGate
{
public:
    void pause();
    void resume();
    bool isPaused() const;
    /// Blocks while paused; returns false when stop was requested.
    bool waitWhilePaused(std::stop_token stop);

private:
    mutable std::mutex m_mutex;
    std::condition_variable_any m_changed;
    bool m_paused = false;
};

} // namespace sparsescope::core
