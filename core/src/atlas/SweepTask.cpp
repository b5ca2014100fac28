// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/SweepTask.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "common/WallClock_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/core/training/Trainer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

namespace sparsescope::core {

namespace {

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "unknown";
    return name;
}

void writeTask(const std::string &folder, const std::string &state, double seconds,
               const std::string &message, int threads)
{
    const nlohmann::json task = {{"state", state},
                                 {"seconds", seconds},
                                 {"message", message},
                                 {"host", hostName()},
                                 {"pid", long(::getpid())},
                                 {"threads", threads},
                                 {"time", wall_clock::isoTimeNow()}};
    writeTextFile((std::filesystem::path(folder) / "task.json").string(),
                  json_fields::dump(task, 2) + "\n");
}

} // namespace

MemberState SweepTask::run(const SweepPlan &plan, std::size_t index, int threads,
                           TrainingObserver &observer, std::stop_token stop)
{
    if (plan.state(index) == MemberState::Completed)
        return MemberState::Completed;
    const std::string folder = plan.memberDirectory(index);
    auto config = TrainConfig::fromJson(plan.members().at(index).config, folder + "/train.json");
    config.threads = threads;
    RunFolder::clear(folder); // a task killed half-way starts over
    writeTask(folder, "running", 0.0, "", threads);
    const auto start = wall_clock::Clock::now();
    const auto seconds = [&start] {
        return wall_clock::secondsSince(start);
    };
    TrainResult result;
    try {
        result = Trainer().runStages(config, folder, observer, stop);
    } catch (const Error &e) {
        writeTask(folder, "failed", seconds(), e.what(), threads);
        throw;
    }
    const MemberState state = result.status == TrainStatus::Completed ? MemberState::Completed
        : result.status == TrainStatus::Cancelled                     ? MemberState::Cancelled
                                                                      : MemberState::Failed;
    std::string message = result.message;
    if (state == MemberState::Completed && !result.epochs.empty())
        message = "test accuracy " + std::to_string(result.epochs.back().testAccuracy);
    writeTask(folder, toString(state), seconds(), message, threads);
    return state;
}

} // namespace sparsescope::core
