// SPDX-License-Identifier: GPL-3.0-or-later
// Private: wall-clock helpers of the jobs' run folders (Trainer, RlnBenchmark).
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace sparsescope::core::wall_clock {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// "2026-11-28T04:50:00Z" (UTC), for run.json.
inline std::string isoTimeNow()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::tm utc {};
    gmtime_r(&now, &utc); // POSIX; std::gmtime shares one static buffer between threads
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace sparsescope::core::wall_clock
