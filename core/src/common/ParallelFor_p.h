// SPDX-License-Identifier: GPL-3.0-or-later
// Private: runs body(i) for i in [0, count) on `threads` threads (0: all cores). Work items are
// handed out one at a time; results must be written to per-item slots so that they do not depend
// on the thread count. The first exception is rethrown after all threads have stopped.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sparsescope::core {

template<typename Body>
void parallelFor(std::size_t count, int threads, Body &&body)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), count));
    std::atomic<std::size_t> next {0};
    std::atomic<bool> failed {false};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < count && !failed; i = next++) {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                failed = true;
            }
        }
    };
    if (threads <= 1) {
        worker();
    } else {
        std::vector<std::jthread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back(worker);
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace sparsescope::core
