// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the CLI tests: run the real sparsescope-cli binary and check bad-input behaviour.
#pragma once

#include "Fixtures.h"

#include <gtest/gtest.h>

#include <string>

namespace sparsescope::test {

inline const std::string kCli = SPARSESCOPE_CLI_PATH;

/// Runs sparsescope-cli with `arguments` (a shell fragment) on two threads.
inline CommandResult cli(const std::string &arguments)
{
    return runCommand("SPARSESCOPE_THREADS=2 '" + kCli + "' " + arguments);
}

inline int lineCount(const std::string &text)
{
    int n = 0;
    for (char c : text)
        n += c == '\n';
    return n;
}

/// Bad input: exit code 2, exactly one stderr line that names `needle`, no signal.
inline void expectBadInput(const CommandResult &r, const std::string &needle)
{
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_FALSE(r.signaled);
    EXPECT_EQ(lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << "stderr: " << r.err;
}

} // namespace sparsescope::test
