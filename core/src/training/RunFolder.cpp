// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/RunFolder.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace sparsescope::core {

namespace fs = std::filesystem;

RunFolder::RunFolder(std::string directory)
    : m_directory(std::move(directory))
{ }

std::string RunFolder::runJsonPath() const
{
    return (fs::path(m_directory) / "run.json").string();
}

std::string RunFolder::metricsPath() const
{
    return (fs::path(m_directory) / "metrics.csv").string();
}

std::string RunFolder::modelPath() const
{
    return (fs::path(m_directory) / "model.pt").string();
}

std::string RunFolder::checkpointsDirectory() const
{
    return (fs::path(m_directory) / "checkpoints").string();
}

std::string RunFolder::checkpointPath(int epoch) const
{
    char name[32];
    std::snprintf(name, sizeof name, "epoch-%03d.pt", epoch);
    return (fs::path(checkpointsDirectory()) / name).string();
}

std::string RunFolder::stepCheckpointPath(int epochs, int batches) const
{
    char name[40];
    std::snprintf(name, sizeof name, "epoch-%03d+%06d.pt", epochs, batches);
    return (fs::path(checkpointsDirectory()) / name).string();
}

std::string RunFolder::statePathFor(const std::string &checkpoint)
{
    return checkpoint.substr(0, checkpoint.size() - 3) + ".state.pt";
}

namespace {

/// (epochs done, batches into the next epoch) from epoch-NNN.pt or epoch-NNN+BBBBBB.pt.
std::optional<std::pair<long, long>> checkpointPosition(const std::string &name)
{
    if (name.rfind("epoch-", 0) != 0 || !name.ends_with(".pt") || name.ends_with(".state.pt"))
        return std::nullopt;
    const std::string stem = name.substr(6, name.size() - 9);
    const auto plus = stem.find('+');
    const std::string epochs = stem.substr(0, plus);
    const std::string batches = plus == std::string::npos ? "0" : stem.substr(plus + 1);
    const auto digits = [](const std::string &text) {
        return !text.empty() && text.size() <= 9
            && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(epochs) || !digits(batches))
        return std::nullopt;
    return std::make_pair(std::stol(epochs), std::stol(batches));
}

} // namespace

std::string RunFolder::lastCheckpoint() const
{
    std::error_code ec;
    std::string best;
    std::pair<long, long> bestPosition {-1, -1};
    for (const auto &entry : fs::directory_iterator(checkpointsDirectory(), ec)) {
        const auto position = checkpointPosition(entry.path().filename().string());
        if (position && *position > bestPosition
            && fs::is_regular_file(statePathFor(entry.path().string()), ec)) {
            best = entry.path().string();
            bestPosition = *position;
        }
    }
    return best;
}

void RunFolder::removeStepCheckpoints(const std::string &keep) const
{
    std::error_code ec;
    std::vector<fs::path> steps;
    for (const auto &entry : fs::directory_iterator(checkpointsDirectory(), ec))
        if (entry.path().filename().string().find('+') != std::string::npos
            && checkpointPosition(entry.path().filename().string()) && entry.path() != keep)
            steps.push_back(entry.path());
    for (const auto &step : steps) {
        fs::remove(statePathFor(step.string()), ec);
        fs::remove(step, ec);
    }
}

bool RunFolder::isRunFolder(const std::string &directory)
{
    std::error_code ec;
    return fs::is_regular_file(fs::path(directory) / "run.json", ec);
}

std::string RunFolder::workIn(const std::string &directory)
{
    std::error_code ec;
    for (const char *name : {"run.json", "stages.json", "model.pt"})
        if (fs::exists(fs::path(directory) / name, ec))
            return name;
    return {};
}

int RunFolder::clear(const std::string &directory)
{
    int removed = 0;
    const auto remove = [&](const fs::path &path) {
        std::error_code ec;
        const auto count = fs::remove_all(path, ec);
        if (ec)
            throw Error(path.string(), "cannot delete: " + ec.message());
        removed += count > 0 ? 1 : 0;
    };
    // A staged run's stages: only the folders its stages.json lists, and only direct children
    // (never every run folder that happens to sit below `directory`).
    std::error_code ec;
    const fs::path stages = fs::path(directory) / "stages.json";
    if (fs::exists(stages, ec)) {
        try {
            for (const auto &stage : json_fields::parse(
                     json_fields::readFile(stages.string(), "stages.json"), stages.string())) {
                // By name inside `directory`: the recorded path may be relative to another
                // working directory.
                const fs::path name = fs::path(stage.value("run", std::string())).filename();
                const fs::path run = fs::path(directory) / name;
                if (!name.empty() && name != "." && name != ".." && !workIn(run.string()).empty())
                    remove(run);
            }
        } catch (const nlohmann::json::exception &) {
            // A damaged stages.json: its stage folders stay; the run's own files still go.
        }
    }
    for (const char *name :
         {"run.json", "metrics.csv", "structure.csv", "model.pt", "stages.json", "checkpoints"})
        remove(fs::path(directory) / name);
    return removed;
}

void RunFolder::create() const
{
    std::error_code ec;
    fs::create_directories(checkpointsDirectory(), ec);
    if (ec)
        throw Error(m_directory, "cannot create run folder: " + ec.message());
}

std::string RunFolder::metricsHeader()
{
    return "epoch,loss,train_accuracy,test_accuracy,test_loss,lr,seconds,sparsity,macs,dense_macs";
}

void RunFolder::writeMetrics(const std::vector<EpochMetrics> &epochs) const
{
    std::ostringstream out;
    out << metricsHeader() << "\n";
    char row[320];
    for (const auto &e : epochs) {
        std::snprintf(row, sizeof row, "%d,%.6f,%.6f,%.6f,%.6f,%.8g,%.3f,%.6f,%.0f,%.0f\n", e.epoch,
                      e.loss, e.trainAccuracy, e.testAccuracy, e.testLoss, e.learningRate,
                      e.seconds, e.sparsity, e.macs, e.denseMacs);
        out << row;
    }
    writeTextFile(metricsPath(), out.str());
}

std::vector<EpochMetrics> RunFolder::readMetrics() const
{
    std::ifstream in(metricsPath());
    if (!in)
        throw Error(metricsPath(), "cannot open metrics file");
    std::string line;
    std::getline(in, line);
    if (line.rfind(metricsHeader(), 0) != 0)
        throw Error(metricsPath(), "unexpected header: " + line);
    std::vector<EpochMetrics> epochs;
    int lineNumber = 1;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (line.empty())
            continue;
        EpochMetrics e;
        if (std::sscanf(line.c_str(), "%d,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &e.epoch, &e.loss,
                        &e.trainAccuracy, &e.testAccuracy, &e.testLoss, &e.learningRate, &e.seconds,
                        &e.sparsity, &e.macs, &e.denseMacs)
            != 10)
            throw Error(metricsPath(), "malformed row at line " + std::to_string(lineNumber));
        epochs.push_back(e);
    }
    return epochs;
}

std::string RunFolder::structurePath() const
{
    return (fs::path(m_directory) / "structure.csv").string();
}

void RunFolder::appendStructure(int epoch, const std::vector<LayerStructure> &layers) const
{
    // Rewritten whole through a temporary file (a few kB): a kill never leaves a torn row.
    // Rows of `epoch` and later go: a run resumed after a kill repeats those epochs.
    std::ostringstream out;
    out << "epoch,layer,group_type,total,zero\n";
    std::ifstream previous(structurePath(), std::ios::binary);
    std::string line;
    std::getline(previous, line); // the header
    while (std::getline(previous, line))
        if (!line.empty() && std::atoi(line.c_str()) < epoch)
            out << line << "\n";
    for (const auto &l : layers) {
        auto row = [&](const char *type, std::int64_t total, std::int64_t zero) {
            out << epoch << "," << l.name << "," << type << "," << total << "," << zero << "\n";
        };
        row("filter", l.rows, l.zeroRows);
        row("channel", l.channels, l.zeroChannels);
        row("shape", l.columns, l.zeroColumns);
        if (l.kernels > 0)
            row("kernel", l.kernels, l.zeroKernels);
        row("depth", 1, l.zeroParameters == l.parameters ? 1 : 0);
        row("element", l.parameters, l.zeroParameters);
    }
    writeTextFile(structurePath(), out.str());
}

void RunFolder::writeRunJson(const std::string &text) const
{
    writeTextFile(runJsonPath(), text);
}

std::string RunFolder::readRunJson() const
{
    std::ifstream in(runJsonPath());
    if (!in)
        throw Error(runJsonPath(), "cannot open run.json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace sparsescope::core
