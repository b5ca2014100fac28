// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety (issue 19.6): real CLI trainings killed with SIGKILL at random moments and resumed
// with --resume. Every file of the run folder is replaced atomically and a checkpoint counts only
// with its trainer state, so each resume continues from the last complete checkpoint (an epoch
// end or, with --checkpoint-every, a step inside an epoch) and loses at most the steps since it.
#include "CliSupport.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <thread>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

constexpr int kEpochs = 3;

/// `sparsescope-cli train` (fresh into `out`, or --resume out) with its output discarded.
pid_t startKilledTraining(const test::SyntheticIdxData &data, const std::string &out, bool resume)
{
    if (resume)
        return test::spawnCli({"train", "--resume", out});
    return test::spawnCli({"train", "--model", "lenet5", "--data", data.train, "--test-data",
                           data.test, "--epochs", std::to_string(kEpochs), "--batch-size", "8",
                           "--checkpoint-every", "4", "--overwrite", "--out", out});
}

int exitCode(pid_t pid)
{
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// The epoch column of metrics.csv, in file order.
std::vector<int> metricEpochs(const std::string &run)
{
    std::istringstream in(test::readBytes(run + "/metrics.csv"));
    std::string line;
    std::getline(in, line);
    std::vector<int> epochs;
    while (std::getline(in, line))
        if (!line.empty())
            epochs.push_back(std::atoi(line.c_str()));
    return epochs;
}

/// Rows of structure.csv per epoch.
std::map<int, int> structureRows(const std::string &run)
{
    std::istringstream in(test::readBytes(run + "/structure.csv"));
    std::string line;
    std::getline(in, line);
    std::map<int, int> rows;
    while (std::getline(in, line))
        if (!line.empty())
            ++rows[std::atoi(line.c_str())];
    return rows;
}

/// What a resume would start from: "epoch" (an epoch's checkpoint), "step" or "none".
std::string checkpointKind(const std::string &run)
{
    std::string kind = "none";
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(run + "/checkpoints", ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.ends_with(".state.pt"))
            continue;
        if (name.find('+') != std::string::npos)
            return "step";
        kind = "epoch";
    }
    return kind;
}

} // namespace

TEST(KillResumeCli, SigkillAtRandomMomentsThenResumeTrainsEveryEpochOnce)
{
    test::SyntheticIdxData data(160, 32); // 20 steps per epoch, a step checkpoint every 4
    // The length of a whole run from its run.json on, to spread the kills over it.
    const auto reference = data.dir.file("reference");
    const pid_t first = startKilledTraining(data, reference, false);
    while (!fs::exists(reference + "/run.json"))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(exitCode(first), 0);
    const auto runMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
    ASSERT_EQ(metricEpochs(reference), (std::vector<int> {1, 2, 3}));

    std::mt19937 random(20261207);
    // Over the first three quarters of the reference run: a later run that is faster (the
    // reference may have shared the cores with other tests) would otherwise often finish before
    // the kill, and the check below needs most kills to land inside training.
    std::uniform_int_distribution<long> delayMs(0, std::max(1L, long(runMs) * 3 / 4));
    // 10 moments in ctest; SPARSESCOPE_KILL_MOMENTS=N for a longer check.
    const char *moments = std::getenv("SPARSESCOPE_KILL_MOMENTS");
    const int count = moments ? std::max(1, std::atoi(moments)) : 10;
    std::map<std::string, int> resumedFrom;
    for (int moment = 0; moment < count; ++moment) {
        SCOPED_TRACE("moment " + std::to_string(moment));
        const auto out = data.dir.file("run" + std::to_string(moment));
        const pid_t pid = startKilledTraining(data, out, false);
        ASSERT_GT(pid, 0);
        while (!fs::exists(out + "/run.json") && waitpid(pid, nullptr, WNOHANG) == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(random)));
        kill(pid, SIGKILL);
        const int killed = exitCode(pid);
        ASSERT_TRUE(killed == 128 + SIGKILL || killed == 0) << killed;
        if (killed == 0) { // it finished before the kill landed
            ++resumedFrom["finished"];
            continue;
        }
        const std::string kind = checkpointKind(out);
        ++resumedFrom[kind];
        // No checkpoint yet: --resume says so (exit 2) and a fresh start replaces the folder.
        const int resumed = exitCode(startKilledTraining(data, out, kind != "none"));
        if (kind == "none") {
            EXPECT_EQ(resumed, 0) << "a fresh start over a killed run without checkpoints";
        } else {
            ASSERT_EQ(resumed, 0) << "resumed from a " << kind << " checkpoint";
        }
        EXPECT_EQ(metricEpochs(out), (std::vector<int> {1, 2, 3})) << "every epoch exactly once";
        const auto rows = structureRows(out);
        ASSERT_EQ(rows.size(), std::size_t(kEpochs));
        EXPECT_EQ(rows.begin()->second, rows.rbegin()->second) << "no epoch's rows repeated";
        const auto run = nlohmann::json::parse(test::readBytes(out + "/run.json"));
        EXPECT_EQ(run.at("status"), "completed");
        EXPECT_EQ(run.at("epochs_completed"), kEpochs);
        // Step checkpoints go at the epoch's end; the model evaluates.
        EXPECT_EQ(checkpointKind(out), "epoch");
        const auto evaluation = test::cli("eval --model '" + out + "' --data '" + data.test + "'");
        EXPECT_EQ(evaluation.exitCode, 0) << evaluation.err;
        EXPECT_NE(evaluation.out.find("accuracy="), std::string::npos) << evaluation.out;
    }
    std::string summary;
    for (const auto &[kind, n] : resumedFrom)
        summary += kind + "=" + std::to_string(n) + " ";
    std::printf("kills: %d, resumed from: %s(run %ld ms)\n", count, summary.c_str(), long(runMs));
    // The kills landed inside training, not only before or after it.
    EXPECT_GE(resumedFrom["step"] + resumedFrom["epoch"], count / 2) << summary;
}
