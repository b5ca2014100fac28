// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace sparsescope::core {

/// A thread-safe pause switch a job checks at each step; a stop request ends the wait. When not
/// paused, waitWhilePaused() costs one atomic load: no lock, no stop_callback per step.
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
    std::atomic<bool> m_paused {false}; ///< written under m_mutex, read without it
};

} // namespace sparsescope::core
