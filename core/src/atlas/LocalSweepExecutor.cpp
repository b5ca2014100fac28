// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/LocalSweepExecutor.h"

#include "atlas/SweepRunStart_p.h"
#include "common/ChildProcess_p.h"
#include "common/WallClock_p.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace sparsescope::core {

SweepRunSummary LocalSweepExecutor::run(const SweepPlan &plan, const SweepExecution &execution,
                                        JobObserver &observer, std::stop_token stop)
{
    const auto start = wall_clock::Clock::now();
    SweepRunSummary summary;
    std::vector<std::size_t> queue = startSweepRun(plan, execution, summary);
    const std::size_t toRun = queue.size();
    std::mutex mutex; // guards queue, summary, attempts and the observer calls
    std::vector<int> attempts(plan.members().size(), 0);
    std::size_t next = 0;
    std::size_t finished = 0;
    observer.onMessage(std::to_string(toRun) + " of " + std::to_string(summary.members)
                       + " members to train, " + std::to_string(execution.jobs) + " at once");
    observer.onProgress(0, toRun);

    const auto worker = [&] {
        for (;;) {
            std::size_t index = 0;
            {
                std::lock_guard lock(mutex);
                if (stop.stop_requested() || next >= queue.size())
                    return;
                index = queue[next++];
                ++attempts[index];
                ++summary.submitted;
            }
            const auto &member = plan.members()[index];
            const std::string folder = plan.memberDirectory(index);
            std::ofstream log(std::filesystem::path(folder) / "task.log", std::ios::app);
            const auto exit = detail::ChildProcess::run(
                execution.taskCommand(plan.directory(), member.id()), {},
                [&log](const std::string &line) { log << line << '\n'
                                                      << std::flush; }, stop);
            const MemberState state = plan.state(index);
            std::lock_guard lock(mutex);
            if (!exit.started)
                throw Error(execution.program.front(), "cannot be run");
            if (state == MemberState::Completed) {
                ++summary.completed;
            } else if (exit.cancelled || stop.stop_requested()) {
                ++summary.cancelled;
            } else if (attempts[index] <= execution.retries) {
                observer.onMessage(member.id() + " failed (" + exit.lastLine + "), again");
                queue.push_back(index);
                continue;
            } else {
                ++summary.failed;
            }
            ++finished;
            observer.onMessage(member.id() + ": " + toString(state)
                               + (state == MemberState::Completed ? "" : " — " + exit.lastLine));
            observer.onProgress(finished, toRun);
        }
    };
    const int jobs
        = std::max(1, std::min<int>(execution.jobs, int(std::max<std::size_t>(1, toRun))));
    std::vector<std::jthread> threads;
    std::exception_ptr failure;
    std::mutex failureMutex;
    for (int j = 0; j < jobs; ++j)
        threads.emplace_back([&] {
            try {
                worker();
            } catch (...) {
                std::lock_guard lock(failureMutex);
                failure = std::current_exception();
            }
        });
    threads.clear(); // joins
    if (failure)
        std::rethrow_exception(failure);
    summary.seconds = wall_clock::secondsSince(start);
    return summary;
}

} // namespace sparsescope::core
