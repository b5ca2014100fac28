// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/Command.h"

#include "commands/AttackCommand.h"
#include "commands/BenchLatencyCommand.h"
#include "commands/DegradeCommand.h"
#include "commands/DegradeSetCommand.h"
#include "commands/DistortionMatrixCommand.h"
#include "commands/EvalCommand.h"
#include "commands/EvalDegradedCommand.h"
#include "commands/ExportCommand.h"
#include "commands/HumansCommand.h"
#include "commands/InfoCommand.h"
#include "commands/ListCommands.h"
#include "commands/MeasureCommand.h"
#include "commands/ObserveCommand.h"
#include "commands/RlnCommand.h"
#include "commands/RobustnessSweepCommand.h"
#include "commands/SpectrumCommand.h"
#include "commands/SweepCommand.h"
#include "commands/ThinCommand.h"
#include "commands/TrainCommand.h"

#include "sparsescope/core/Error.h"

#include <unistd.h>

#include <filesystem>

namespace sparsescope::cli {

void Command::requireWritable(const std::string &path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw core::Error(path, "is a folder, not a file to write");
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty())
        folder = ".";
    if (!fs::is_directory(folder, ec))
        throw core::Error(path,
                          "cannot write file: the folder " + folder.string() + " does not exist");
    // Files are written to a temporary name in the folder and renamed (writeTextFile).
    if (::access(folder.c_str(), W_OK) != 0
        || (fs::exists(path, ec) && ::access(path.c_str(), W_OK) != 0))
        throw core::Error(path, "cannot write file: permission denied");
}

std::vector<std::unique_ptr<Command>> makeCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<TrainCommand>());
    commands.push_back(std::make_unique<EvalCommand>());
    commands.push_back(std::make_unique<InfoCommand>());
    commands.push_back(std::make_unique<ThinCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<BenchLatencyCommand>());
    commands.push_back(std::make_unique<ModelsCommand>());
    commands.push_back(std::make_unique<DatasetsCommand>());
    commands.push_back(std::make_unique<DegradeCommand>());
    commands.push_back(std::make_unique<DegradeSetCommand>());
    commands.push_back(std::make_unique<EvalDegradedCommand>());
    commands.push_back(std::make_unique<SpectrumCommand>());
    commands.push_back(std::make_unique<HumansCommand>());
    commands.push_back(std::make_unique<ObserveCommand>());
    commands.push_back(std::make_unique<DistortionMatrixCommand>());
    commands.push_back(std::make_unique<RlnCommand>());
    commands.push_back(std::make_unique<AttackCommand>());
    commands.push_back(std::make_unique<RobustnessSweepCommand>());
    commands.push_back(std::make_unique<SweepCommand>());
    commands.push_back(std::make_unique<MeasureCommand>());
    commands.push_back(std::make_unique<AttacksCommand>());
    return commands;
}

} // namespace sparsescope::cli
