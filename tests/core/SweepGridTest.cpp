// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20.2: grids expand into members, plans on disk, one member trained as a task, the Slurm
// batch script, series found in folders.
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/Series.h"
#include "sparsescope/core/atlas/SlurmSweepExecutor.h"
#include "sparsescope/core/atlas/SweepPlan.h"
#include "sparsescope/core/atlas/SweepTask.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

const char *kStagedGrid = R"({
  "name": "g",
  "base": {"model": "lenet5", "epochs": 1,
           "stages": [{"name": "base"},
                      {"name": "ssl", "regularization": [
                          {"layers": "conv*", "type": "filter", "strength": 0},
                          {"layers": "conv*", "type": "channel", "strength": 0},
                          {"layers": "conv*", "type": "shape", "strength": 0}]},
                      {"name": "tune", "freeze_zeros": true}]},
  "axes": [{"name": "seed", "path": "/seed", "values": [1, 2, 3]}],
  "series": [
    {"name": "fc", "axes": [{"name": "filter", "strength": ["filter", "channel"],
                             "values": [0.1, 0.2]}]},
    {"name": "rule", "patch": {"lr": 0.5},
     "axes": [{"name": "update", "path": "/stages/1/update", "values": ["authors", "proximal"]}]}
  ]})";

nlohmann::json sslStageTerms(const std::string &config)
{
    return nlohmann::json::parse(config)["stages"][1]["regularization"];
}

std::string gridErrorOf(const std::string &grid)
{
    try {
        core::SweepGrid::fromJson(grid, "grid.json").expand("grid.json");
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), "grid.json");
        return e.problem();
    }
    return "";
}

} // namespace

TEST(SweepGrid, ExpandsSeriesTimesAxesWithTheLastAxisFastest)
{
    const auto members = core::SweepGrid::fromJson(kStagedGrid).expand();
    ASSERT_EQ(members.size(), 2u * 3u + 2u * 3u);
    EXPECT_EQ(members[0].id(), "fc/filter=0.1_seed=1");
    EXPECT_EQ(members[1].id(), "fc/filter=0.1_seed=2");
    EXPECT_EQ(members[3].id(), "fc/filter=0.2_seed=1");
    EXPECT_EQ(members[6].id(), "rule/update=authors_seed=1");
    EXPECT_EQ(members[11].id(), "rule/update=proximal_seed=3");
    ASSERT_EQ(members[4].knobs.size(), 2u);
    EXPECT_EQ(members[4].knobs[0], (std::pair<std::string, std::string>("filter", "0.2")));
    EXPECT_EQ(members[4].knobs[1], (std::pair<std::string, std::string>("seed", "2")));

    // The strength axis set filter and channel in the stage, not shape; the seed axis the seed.
    const auto fc = core::TrainConfig::fromJson(members[4].config);
    EXPECT_EQ(fc.seed, 2u);
    const auto terms = sslStageTerms(members[4].config);
    EXPECT_DOUBLE_EQ(terms[0]["strength"].get<double>(), 0.2);
    EXPECT_DOUBLE_EQ(terms[1]["strength"].get<double>(), 0.2);
    EXPECT_DOUBLE_EQ(terms[2]["strength"].get<double>(), 0.0);
    // The patch applies to its series only; the path axis wrote into stage 2.
    const auto rule = core::TrainConfig::fromJson(members[11].config);
    EXPECT_DOUBLE_EQ(rule.learningRate, 0.5);
    EXPECT_DOUBLE_EQ(fc.learningRate, core::TrainConfig().learningRate);
    EXPECT_EQ(rule.stageConfig(1, "x").sparsity.update, "proximal");
    EXPECT_EQ(core::TrainConfig::fromJson(members[6].config).stageConfig(1, "x").sparsity.update,
              "authors");
}

TEST(SweepGrid, AGridWithoutSeriesOrAxesIsOneDenseMember)
{
    const auto members
        = core::SweepGrid::fromJson(R"({"name": "one", "base": {"epochs": 2}})").expand();
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(members[0].id(), "one/dense");
    EXPECT_EQ(core::TrainConfig::fromJson(members[0].config).epochs, 2);
}

TEST(SweepGrid, MistakesAreErrorsBeforeAnythingRuns)
{
    // An axis that matches nothing, a path whose parent is missing, a bad pointer.
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "f", "strength": "filter",
               "values": [1]}]})")
                  .find("no regularization term of type filter"),
              std::string::npos);
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "x",
               "path": "/stages/1/lr", "values": [1]}]})")
                  .find("nothing at"),
              std::string::npos);
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "x", "path": "seed",
               "values": [1]}]})")
                  .find("not a JSON pointer"),
              std::string::npos);
    // A value the train config refuses names the member.
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "lr", "path": "/lr",
               "values": [0.1, -1]}]})")
                  .find("lr must be a positive number"),
              std::string::npos);
    // Two values with the same folder label ("a/b" and "a-b").
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "m", "path": "/model",
               "values": ["a/b", "a-b"]}]})")
                  .find("two members share"),
              std::string::npos);
    // Typos in keys, empty value lists, slashes in names.
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "s", "pth": "/seed",
               "values": [1]}]})")
                  .find("unknown key \"pth\""),
              std::string::npos);
    EXPECT_NE(gridErrorOf(R"({"name": "g", "base": {}, "axes": [{"name": "s", "path": "/seed",
               "values": []}]})")
                  .find("non-empty list"),
              std::string::npos);
    EXPECT_NE(gridErrorOf(R"({"name": "../x", "base": {}})").find("without slashes"),
              std::string::npos);
}

TEST(SweepPlan, PlansOnDiskAndKeepsMembersWhenTheGridGrows)
{
    test::TempDir dir;
    const std::string sweep = dir.file("sweep");
    auto grid = core::SweepGrid::fromJson(R"({"name": "g", "base": {"epochs": 1},
        "axes": [{"name": "seed", "path": "/seed", "values": [1, 2]}]})");
    auto plan = core::SweepPlan::write(grid, sweep);
    ASSERT_EQ(plan.members().size(), 2u);
    EXPECT_TRUE(fs::exists(fs::path(sweep) / "members/g/seed=2/train.json"));
    EXPECT_EQ(plan.state(0), core::MemberState::Pending);
    EXPECT_EQ(plan.unfinished().size(), 2u);
    EXPECT_EQ(plan.find("g/seed=2"), 1u);
    EXPECT_EQ(plan.find("1"), 1u);
    EXPECT_THROW(plan.find("g/seed=3"), core::Error);

    // Mark member 0 completed as a task would (task.json + model.pt), then grow the grid.
    test::writeBytes(plan.memberDirectory(0) + "/task.json", R"({"state": "completed"})");
    test::writeBytes(plan.memberDirectory(0) + "/model.pt", "x");
    EXPECT_EQ(plan.state(0), core::MemberState::Completed);
    grid.axes[0].values.push_back("3");
    plan = core::SweepPlan::write(grid, sweep);
    ASSERT_EQ(plan.members().size(), 3u);
    EXPECT_EQ(plan.state(0), core::MemberState::Completed);
    EXPECT_EQ(plan.unfinished(), (std::vector<std::size_t> {1, 2}));
    EXPECT_EQ(core::SweepPlan::read(sweep).members().size(), 3u);

    // A completed member without its model, a killed task, garbage in task.json.
    test::writeBytes(plan.memberDirectory(1) + "/task.json", R"({"state": "running"})");
    EXPECT_EQ(plan.state(1), core::MemberState::Running);
    test::writeBytes(plan.memberDirectory(1) + "/task.json", R"({"state": "completed"})");
    EXPECT_EQ(plan.state(1), core::MemberState::Failed);
    test::writeBytes(plan.memberDirectory(1) + "/task.json", "{garbage");
    EXPECT_EQ(plan.state(1), core::MemberState::Pending);

    // The same members with another base config: refused, naming the member's train.json.
    auto changed = grid;
    changed.base = R"({"epochs": 2})";
    try {
        core::SweepPlan::write(changed, sweep);
        FAIL() << "a changed config was planned over a finished member";
    } catch (const core::Error &e) {
        EXPECT_NE(e.file().find("train.json"), std::string::npos);
    }
    EXPECT_THROW(core::SweepPlan::read(dir.file("nothing")), core::Error);
}

TEST(SweepPlan, SeriesOfASweepHoldsItsCompletedMembersWithKnobs)
{
    test::TempDir dir;
    const auto plan
        = core::SweepPlan::write(core::SweepGrid::fromJson(R"({"name": "g", "base": {"epochs": 1},
            "axes": [{"name": "seed", "path": "/seed", "values": [4, 5]}]})"),
                                 dir.file("sweep"));
    EXPECT_THROW(core::Series::scan(dir.file("sweep")), core::Error); // nothing completed
    test::writeBytes(plan.memberDirectory(1) + "/task.json", R"({"state": "completed"})");
    test::writeBytes(plan.memberDirectory(1) + "/model.pt", "x");
    const auto series = core::Series::scan(dir.file("sweep"));
    ASSERT_EQ(series.members.size(), 1u);
    EXPECT_EQ(series.members[0].id(), "g/seed=5");
    EXPECT_EQ(series.members[0].knobs[0].second, "5");
    // Written and read back as a series file, paths relative to the file.
    test::writeBytes(dir.file("series.json"), series.toJson(dir.path().string()));
    const auto back = core::Series::fromFile(dir.file("series.json"));
    ASSERT_EQ(back.members.size(), 1u);
    EXPECT_EQ(fs::path(back.members[0].path), fs::path(plan.memberDirectory(1)).lexically_normal());
    EXPECT_EQ(back.members[0].knobs, series.members[0].knobs);
}

TEST(SweepTask, TrainsOneMemberAndRecordsIt)
{
    test::SyntheticIdxData data(128, 64);
    test::TempDir dir;
    const std::string grid = R"({"name": "g", "base": {"epochs": 1, "batch_size": 32, "data": ")"
        + data.train + R"(", "test_data": ")" + data.test + R"("},
        "axes": [{"name": "sparsity", "path": "/prune_sparsity", "values": [0.5]}]})";
    const auto plan = core::SweepPlan::write(core::SweepGrid::fromJson(grid), dir.file("s"));
    test::writeBytes(plan.memberDirectory(0) + "/metrics.csv", "left by a killed task");
    EXPECT_EQ(core::SweepTask::run(plan, 0, 1), core::MemberState::Completed);
    EXPECT_EQ(plan.state(0), core::MemberState::Completed);
    EXPECT_TRUE(plan.unfinished().empty());
    EXPECT_NE(test::readBytes(plan.memberDirectory(0) + "/task.json").find("\"completed\""),
              std::string::npos);
    EXPECT_NE(test::readBytes(plan.memberDirectory(0) + "/metrics.csv").find("epoch,"),
              std::string::npos);
    // A completed member is not trained again.
    const auto stamp = fs::last_write_time(plan.memberDirectory(0) + "/model.pt");
    EXPECT_EQ(core::SweepTask::run(plan, 0, 1), core::MemberState::Completed);
    EXPECT_EQ(fs::last_write_time(plan.memberDirectory(0) + "/model.pt"), stamp);
}

TEST(SlurmSweepExecutor, ScriptRunsTheSameTaskCommandPerArrayIndex)
{
    test::TempDir dir;
    const auto plan
        = core::SweepPlan::write(core::SweepGrid::fromJson(R"({"name": "g", "base": {"epochs": 1},
            "axes": [{"name": "seed", "path": "/seed", "values": [1, 2, 3]}]})"),
                                 dir.file("it's"));
    core::SweepExecution execution;
    execution.program = {"/opt/bin/sparsescope-cli"};
    execution.threads = 4;
    execution.partition = "gpu";
    execution.timeLimit = "01:00:00";
    const auto script = core::SlurmSweepExecutor::script(plan, execution, {0, 2});
    EXPECT_NE(script.find("#SBATCH --array=0-1\n"), std::string::npos);
    EXPECT_NE(script.find("#SBATCH --cpus-per-task=4\n"), std::string::npos);
    EXPECT_NE(script.find("#SBATCH --partition=gpu\n"), std::string::npos);
    EXPECT_NE(script.find("#SBATCH --time=01:00:00\n"), std::string::npos);
    EXPECT_NE(script.find("  'g/seed=1'\n  'g/seed=3'\n)"), std::string::npos);
    EXPECT_NE(script.find("exec '/opt/bin/sparsescope-cli' 'sweep' 'task' "), std::string::npos);
    EXPECT_NE(script.find("it'\\''s"), std::string::npos); // the quote in the folder, escaped
    EXPECT_NE(script.find("'--member' \"${MEMBERS[$SLURM_ARRAY_TASK_ID]}\" '--threads' '4'"),
              std::string::npos);
}
