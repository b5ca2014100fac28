// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/SimdLevel.h"

#include <algorithm>
#include <atomic>

namespace sparsescope::core {

namespace {

std::atomic<int> g_cap {SimdLevel::Avx512};

} // namespace

SimdLevel::Level SimdLevel::detected()
{
    static const Level level = [] {
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
            return Avx512;
        if (__builtin_cpu_supports("avx2"))
            return Avx2;
        return Baseline;
    }();
    return level;
}

SimdLevel::Level SimdLevel::active()
{
    return static_cast<Level>(std::min<int>(detected(), g_cap.load(std::memory_order_relaxed)));
}

void SimdLevel::setCap(Level cap)
{
    g_cap.store(cap, std::memory_order_relaxed);
}

} // namespace sparsescope::core
