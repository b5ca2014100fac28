// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/Runtime.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace sparsescope;

TEST(Runtime, OpenBlasRunsOnOneThreadWhateverLibTorchRuns)
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
    core::Runtime::setThreads(1);
    EXPECT_EQ(core::Runtime::blasThreads(), 1);
    core::Runtime::setThreads(2);
    EXPECT_EQ(core::Runtime::blasThreads(), 1);
    core::Runtime::setThreads(before);
}
