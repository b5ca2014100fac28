// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ChildProcess_p.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace sparsescope::core::detail {

namespace {

/// Splits what arrives on the pipe into lines, keeping the last non-empty one.
class LineSplitter
{
public:
    explicit LineSplitter(const ChildProcess::LineHandler &handler)
        : m_handler(handler)
    { }
    void feed(const char *data, std::size_t size)
    {
        for (std::size_t i = 0; i < size; ++i) {
            if (data[i] == '\n' || data[i] == '\r')
                flush();
            else if (m_pending.size() < 64 * 1024)
                m_pending.push_back(data[i]);
        }
    }
    void flush()
    {
        if (m_pending.empty())
            return;
        m_last = m_pending;
        if (m_handler)
            m_handler(m_pending);
        m_pending.clear();
    }
    const std::string &last() const { return m_last; }

private:
    const ChildProcess::LineHandler &m_handler;
    std::string m_pending;
    std::string m_last;
};

int exitCodeOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

/// Reads the pipe until it closes, terminating the child's process group when `stop` fires.
bool pump(int fd, pid_t pid, LineSplitter &lines, std::stop_token stop)
{
    bool cancelled = false;
    auto killAt = std::chrono::steady_clock::time_point::max();
    char buffer[4096];
    for (;;) {
        if (stop.stop_requested() && !cancelled) {
            cancelled = true;
            ::kill(-pid, SIGTERM);
            killAt = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        }
        if (cancelled && std::chrono::steady_clock::now() >= killAt) {
            ::kill(-pid, SIGKILL);
            killAt = std::chrono::steady_clock::time_point::max();
        }
        pollfd entry {fd, POLLIN, 0};
        const int ready = ::poll(&entry, 1, 100);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        lines.feed(buffer, std::size_t(got));
    }
    lines.flush();
    return cancelled;
}

} // namespace

ChildExit ChildProcess::run(const std::vector<std::string> &arguments,
                            const std::vector<std::string> &extraEnvironment,
                            const LineHandler &onStderrLine, std::stop_token stop, bool withStdout)
{
    ChildExit result;
    if (arguments.empty())
        return result;
    std::vector<char *> argv;
    for (const std::string &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (char **e = environ; e && *e; ++e)
        envp.push_back(*e);
    for (const std::string &entry : extraEnvironment)
        envp.push_back(const_cast<char *>(entry.c_str()));
    envp.push_back(nullptr);

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return result;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (withStdout)
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
    else
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    // Its own process group, so that a stop reaches the helpers it starts (git's
    // remote-https and index-pack) and none of them keeps the pipe open.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    pid_t pid = -1;
    const int spawned
        = ::posix_spawnp(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (spawned != 0) {
        ::close(pipeFds[0]);
        return result;
    }
    LineSplitter lines(onStderrLine);
    result.cancelled = pump(pipeFds[0], pid, lines, stop);
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    result.started = true;
    result.exitCode = exitCodeOf(status);
    result.lastLine = lines.last();
    return result;
}

} // namespace sparsescope::core::detail
