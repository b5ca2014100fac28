// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the CLI tests: run the real sparsescope-cli binary and check bad-input behaviour.
#pragma once

#include "Fixtures.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

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

/// Starts sparsescope-cli with `arguments` on one LibTorch thread, its output discarded, without
/// waiting (for tests that signal or kill it); returns its pid.
inline pid_t spawnCli(const std::vector<std::string> &arguments)
{
    std::vector<char *> argv {const_cast<char *>(kCli.c_str())};
    for (const auto &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        const int quiet = open("/dev/null", O_WRONLY);
        dup2(quiet, STDOUT_FILENO);
        dup2(quiet, STDERR_FILENO);
        setenv("SPARSESCOPE_THREADS", "1", 1);
        execv(kCli.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

} // namespace sparsescope::test
