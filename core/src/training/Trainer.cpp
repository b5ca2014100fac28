// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/Trainer.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/RunFolder.h"
#include "training/TrainingRun.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace sparsescope::core {

TrainResult Trainer::run(const TrainConfig &config, const std::string &runDirectory,
                         TrainingObserver &observer, std::stop_token stop)
{
    TrainingRun run(config, runDirectory, observer, std::move(stop), m_pause, m_strengths);
    return run.run();
}

TrainResult Trainer::runStages(const TrainConfig &config, const std::string &runDirectory,
                               TrainingObserver &observer, std::stop_token stop)
{
    if (config.stages.empty())
        return run(config, runDirectory, observer, stop);
    if (runDirectory.empty())
        throw Error("stages", "a staged run needs a run folder");
    namespace fs = std::filesystem;
    fs::create_directories(runDirectory);
    TrainResult all;
    all.runDirectory = runDirectory;
    nlohmann::json list = nlohmann::json::array();
    std::string previous;
    for (std::size_t i = 0; i < config.stages.size(); ++i) {
        const auto &stage = config.stages[i];
        const auto stageConfig = config.stageConfig(i, previous);
        const auto folder
            = (fs::path(runDirectory) / (std::to_string(i + 1) + "-" + stage.name)).string();
        observer.onMessage("stage " + std::to_string(i + 1) + "/"
                           + std::to_string(config.stages.size()) + ": " + stage.name);
        auto result = run(stageConfig, folder, observer, stop);
        all.seconds += result.seconds;
        all.epochs.insert(all.epochs.end(), result.epochs.begin(), result.epochs.end());
        nlohmann::json item
            = {{"name", stage.name}, {"run", folder}, {"status", toString(result.status)}};
        if (!result.epochs.empty())
            item["test_accuracy"] = result.epochs.back().testAccuracy;
        list.push_back(item);
        writeTextFile((fs::path(runDirectory) / "stages.json").string(),
                      json_fields::dump(list, 2) + "\n");
        if (!result.ok()) {
            all.status = result.status;
            all.message = "stage " + stage.name + ": " + result.message;
            return all;
        }
        previous = folder;
    }
    // Copied under a temporary name and renamed: a kill leaves the old model.pt or the new one.
    const fs::path model = fs::path(runDirectory) / "model.pt";
    const fs::path partial = fs::path(runDirectory) / "model.pt.partial";
    std::error_code ec;
    fs::copy_file(fs::path(previous) / "model.pt", partial, fs::copy_options::overwrite_existing,
                  ec);
    if (!ec)
        fs::rename(partial, model, ec);
    if (ec) {
        fs::remove(partial, ec);
        throw Error(model.string(), "cannot write the last stage's model: " + ec.message());
    }
    return all;
}

} // namespace sparsescope::core
