// SPDX-License-Identifier: GPL-3.0-or-later
// sparsescope-cli: the headless front end. Exit codes: 0 ok, 2 bad usage or bad input (one
// line on stderr naming the file and the problem), 1 internal error, 130 interrupted.
#include "commands/Command.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/Runtime.h"

#include <csignal>
#include <iostream>
#include <string>

namespace {
std::stop_source g_stop;

void onInterrupt(int)
{
    // request_stop is lock-free; the running job ends at its next step.
    g_stop.request_stop();
}
} // namespace

int main(int argc, char **argv)
{
    using namespace sparsescope;
    CLI::App app {"SparseScope: structured sparsity, robustness and human-vs-DNN comparison, "
                  "headless",
                  "sparsescope-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "sparsescope-cli 0.1.0");
    app::GlobalOptions global;
    auto commands = app::makeCommands();
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
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
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
