// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core::detail {

/// How a child process ended.
struct ChildExit
{
    bool started = false; ///< false: the program was not found or could not be run
    bool cancelled = false; ///< the stop token fired and the child was terminated
    int exitCode = -1; ///< the exit code, or 128 + signal
    std::string lastLine; ///< the last non-empty line it wrote on stderr
};

/// Runs a program (searched on PATH) with stdin and stdout on /dev/null and its stderr read
/// line by line ('\n' or '\r' ends a line, as progress meters write them) on the calling thread.
/// `extraEnvironment` entries ("NAME=value") are added to the inherited environment. A stop
/// request sends SIGTERM to its process group (it runs in its own), then SIGKILL after two
/// seconds; the call returns once the child is reaped. No shell is involved: arguments go to the
/// program as they are. With `withStdout` the child's stdout goes to the same pipe as its stderr
/// (for programs that answer on stdout: sbatch --parsable, squeue).
class ChildProcess
{
public:
    using LineHandler = std::function<void(const std::string &line)>;
    static ChildExit run(const std::vector<std::string> &arguments,
                         const std::vector<std::string> &extraEnvironment,
                         const LineHandler &onStderrLine, std::stop_token stop,
                         bool withStdout = false);
};

} // namespace sparsescope::core::detail
