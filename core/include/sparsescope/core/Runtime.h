// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace sparsescope::core {

/// Process-wide settings of the numeric libraries.
class Runtime
{
public:
    /// Sets LibTorch's intra-op threads; 0 means the machine's core count (LibTorch starts at 1).
    static void setThreads(int threads);
    static int threads();
    /// Applies setThreads(0) unless SPARSESCOPE_THREADS is set, which then wins; flushes
    /// denormal floats to zero on the calling thread and the threads it starts later.
    static void initialiseDefaults();
    /// "LibTorch 1.13.1, OpenCV 4.6.0, ..." for About boxes and run.json.
    static std::string libraryVersions();
    static std::string torchVersion();
    static std::string openCvVersion();
};

} // namespace sparsescope::core
