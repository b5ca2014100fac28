// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/Runtime.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace sparsescope;

TEST(Runtime, OpenBlasGoesToOneThreadUnderSeveralLibTorchThreads)
{
    if (core::Runtime::blasThreads() == 0)
        GTEST_SKIP() << "the BLAS is not OpenBLAS: " << core::Runtime::blasDescription();
    if (std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("GOTO_NUM_THREADS"))
        GTEST_SKIP() << "OPENBLAS_NUM_THREADS is set: the user's choice stands";
    const int before = core::Runtime::threads();
    core::Runtime::setThreads(2);
    EXPECT_EQ(core::Runtime::threads(), 2);
    EXPECT_EQ(core::Runtime::blasThreads(), 1);
    EXPECT_NE(core::Runtime::blasDescription().find("1 thread (set by SparseScope)"),
              std::string::npos)
        << core::Runtime::blasDescription();
    // One LibTorch thread: OpenBLAS gets its start-up pool back (at least one thread).
    core::Runtime::setThreads(1);
    EXPECT_GE(core::Runtime::blasThreads(), 1);
    core::Runtime::setThreads(2);
    EXPECT_EQ(core::Runtime::blasThreads(), 1);
    core::Runtime::setThreads(before);
}
