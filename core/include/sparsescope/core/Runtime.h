// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace sparsescope::core {

/// Process-wide settings of the numeric libraries.
class Runtime
{
public:
    /// Sets LibTorch's intra-op threads; 0 means the machine's core count (LibTorch starts at 1).
    /// OpenBLAS's own pool (one thread per core at start-up) goes to one thread: under several
    /// LibTorch threads the two pools fight for the cores, and under one it would use a second
    /// core that --threads 1 did not grant. OPENBLAS_NUM_THREADS, when set, wins.
    static void setThreads(int threads);
    static int threads();
    /// OpenBLAS's threads now; 0 when the BLAS is not OpenBLAS.
    static int blasThreads();
    /// "BLAS: OpenBLAS 0.3.21 … , 1 thread (set by SparseScope)" for --version and About.
    static std::string blasDescription();
    /// Applies setThreads(0) unless SPARSESCOPE_THREADS is set, which then wins; flushes
    /// denormal floats to zero on the calling thread and the threads it starts later.
    static void initialiseDefaults();
    /// "LibTorch 1.13.1 (2 threads), OpenCV 4.6.0; BLAS: …" for About boxes and --version.
    static std::string libraryVersions();
    static std::string torchVersion();
    static std::string openCvVersion();
};

} // namespace sparsescope::core
