// SPDX-License-Identifier: GPL-3.0-or-later
// sparsescope-cli: the headless front end. Exit codes: 0 ok, 2 bad usage or bad input (one
// line on stderr naming the file and the problem), 1 internal error, 130 interrupted.
#include "commands/Command.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/Version.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

namespace {
std::stop_source g_stop;

int g_interruptPipe[2] = {-1, -1};

/// The handler only writes one byte to a pipe (write() is async-signal-safe); a watcher thread
/// reads it and requests the stop in ordinary code. No handler code runs inside another
/// thread's critical section: std::stop_source::request_stop is not async-signal-safe (libstdc++
/// takes a spin lock that a stop_callback registration may hold). A handler, not a blocked mask
/// and sigwait(): OpenBLAS and OpenMP start threads before main(), and a process-directed signal
/// goes to any thread that does not block it.
void onInterrupt(int)
{
    const int saved = errno;
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_interruptPipe[1], &byte, 1);
    errno = saved;
}

void routeInterruptsToStop()
{
    if (::pipe2(g_interruptPipe, O_CLOEXEC) != 0)
        return; // keep the default action: the CLI still ends on Ctrl+C
    std::thread([] {
        char byte = 0;
        for (;;) {
            const auto got = ::read(g_interruptPipe[0], &byte, 1);
            if (got == 1)
                g_stop.request_stop(); // the job ends at its next step; the command exits 130
            else if (got == 0 || errno != EINTR)
                return;
        }
    }).detach();
    // A full pipe (a burst of signals) must not block the handler: one byte is enough.
    ::fcntl(g_interruptPipe[1], F_SETFL, O_NONBLOCK);
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
} // namespace

int main(int argc, char **argv)
{
    using namespace sparsescope;
    CLI::App app {"SparseScope: structured sparsity, robustness and human-vs-DNN comparison, "
                  "headless",
                  "sparsescope-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", [] {
        core::Runtime::initialiseDefaults(); // the threads every command runs with
        return std::string("sparsescope-cli ") + core::kVersion + "\n"
            + core::Runtime::libraryVersions();
    });
    cli::GlobalOptions global;
    auto commands = cli::makeCommands();
    for (auto &command : commands)
        command->setup(app, global);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        std::cerr << "sparsescope-cli: " << e.what() << " (see --help)\n";
        return 2;
    }
    routeInterruptsToStop();
    try {
        core::Runtime::initialiseDefaults();
        if (global.threads > 0)
            core::Runtime::setThreads(global.threads);
        for (auto &command : commands)
            if (command->app()->parsed())
                return command->run(g_stop.get_token());
    } catch (const core::Error &e) {
        std::cerr << "sparsescope-cli: " << e.what() << "\n";
        return 2;
    } catch (const std::exception &e) {
        const std::string what = e.what();
        std::cerr << "sparsescope-cli: internal error: " << what.substr(0, what.find('\n')) << "\n";
        return 1;
    } catch (...) {
        std::cerr << "sparsescope-cli: internal error (unknown exception)\n";
        return 1;
    }
    return 1;
}
