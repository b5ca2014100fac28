// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/HumanData.h"

#include "common/ChildProcess_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <system_error>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

/// git's progress stages and the share of the job each ends at.
struct Stage
{
    const char *prefix;
    double from;
    double to;
};
constexpr Stage kStages[] = {
    {"remote: Counting objects", 0.00, 0.02}, {"remote: Compressing objects", 0.02, 0.05},
    {"Receiving objects", 0.05, 0.85},        {"Resolving deltas", 0.85, 0.90},
    {"Updating files", 0.90, 0.95},
};

/// Turns git's stderr lines into messages (one per stage) and a non-decreasing fraction.
class GitProgress
{
public:
    explicit GitProgress(JobObserver &observer)
        : m_observer(observer)
    { }
    void line(const std::string &text)
    {
        for (const Stage &stage : kStages) {
            if (text.rfind(stage.prefix, 0) != 0)
                continue;
            if (m_stage != stage.prefix) {
                m_stage = stage.prefix;
                m_observer.onMessage(
                    std::string(stage.prefix).substr(text.rfind("remote: ", 0) == 0 ? 8 : 0));
            }
            const auto percent = text.find('%');
            if (percent == std::string::npos || percent < 3)
                return;
            const int value = std::atoi(text.substr(percent - 3, 3).c_str());
            report(stage.from + (stage.to - stage.from) * std::clamp(value, 0, 100) / 100.0);
            return;
        }
    }
    void report(double fraction)
    {
        m_fraction = std::max(m_fraction, fraction);
        m_observer.reportFraction(m_fraction);
    }

private:
    JobObserver &m_observer;
    std::string m_stage;
    double m_fraction = 0.0;
};

std::string firstLine(const fs::path &file)
{
    std::ifstream in(file);
    std::string line;
    while (in && line.find_first_not_of(" \t\r") == std::string::npos)
        std::getline(in, line);
    const auto begin = line.find_first_not_of(" \t");
    return begin == std::string::npos ? std::string() : line.substr(begin);
}

bool isEmptyFolder(const fs::path &path)
{
    std::error_code error;
    return fs::is_directory(path, error)
        && fs::directory_iterator(path, error) == fs::directory_iterator();
}

void removeQuietly(const fs::path &path)
{
    std::error_code error;
    fs::remove_all(path, error);
}

} // namespace

const char *HumanData::attribution()
{
    return "Trial data: R. Geirhos, C. R. M. Temme, J. Rauber, H. H. Schütt, M. Bethge, "
           "F. A. Wichmann, \"Generalisation in humans and deep neural networks\", NeurIPS 2018; "
           "github.com/rgeirhos/generalisation-humans-DNNs, licensed CC BY 4.0 "
           "(creativecommons.org/licenses/by/4.0).";
}

fs::path HumanData::dataDirectory()
{
    if (const char *own = std::getenv("SPARSESCOPE_DATA_DIR"); own && *own)
        return own;
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/')
        return fs::path(xdg) / "SparseScope" / "SparseScope";
    const char *home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "SparseScope"
        / "SparseScope";
}

fs::path HumanData::defaultDestination()
{
    return dataDirectory() / "generalisation-humans-DNNs";
}

HumanDataInventory HumanData::inspect(const fs::path &root)
{
    const fs::path humans = root / "raw-data" / "humans";
    std::error_code error;
    if (!fs::is_directory(humans, error))
        throw Error(root.string(), "not the 2018 human data: no raw-data/humans folder",
                    "fetch it with `sparsescope-cli humans fetch` or clone "
                    "github.com/rgeirhos/generalisation-humans-DNNs");
    const TrialTable table = TrialCsvReader::readDirectory(humans.string());
    if (table.empty())
        throw Error(humans.string(), "no trial files found");
    HumanDataInventory inventory;
    inventory.root = root;
    const auto &names = table.experimentNames();
    inventory.experiments.resize(std::size_t(names.size()));
    std::vector<std::set<std::int32_t>> subjects(inventory.experiments.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto id = std::size_t(table.experiments()[i]);
        if (table.kinds()[i] != ObserverKind::Human)
            continue;
        ++inventory.experiments[id].trials;
        subjects[id].insert(table.observers()[i]);
        ++inventory.humanTrials;
    }
    for (std::size_t id = 0; id < inventory.experiments.size(); ++id) {
        inventory.experiments[id].name = std::string(names.string(std::int32_t(id)));
        inventory.experiments[id].subjects = subjects[id].size();
    }
    std::erase_if(inventory.experiments, [](const auto &e) { return e.trials == 0; });
    if (inventory.humanTrials == 0)
        throw Error(humans.string(), "no human trials found (observers named subject-NN)");
    for (const auto &entry : fs::directory_iterator(root / "raw-data" / "TF", error))
        inventory.dnnExperiments
            += entry.is_directory() && entry.path().filename().string().ends_with("-experiment");
    for (const char *name : {"LICENSE.txt", "LICENSE", "LICENSE.md"})
        if (fs::is_regular_file(root / name, error)) {
            inventory.licence = firstLine(root / name);
            break;
        }
    return inventory;
}

std::optional<HumanDataInventory> HumanData::find(const fs::path &root)
{
    std::error_code error;
    if (root.empty() || !fs::is_directory(root / "raw-data" / "humans", error))
        return std::nullopt;
    try {
        return inspect(root);
    } catch (const Error &) {
        return std::nullopt;
    }
}

std::optional<HumanDataInventory> HumanData::fetch(const HumanDataFetchOptions &options,
                                                   JobObserver &observer, std::stop_token stop)
{
    const fs::path destination
        = fs::absolute(options.destination.empty() ? defaultDestination() : options.destination);
    std::error_code error;
    if (fs::exists(destination, error)) {
        if (fs::is_directory(destination / "raw-data" / "humans", error)) {
            observer.onMessage("already there: checking " + destination.string());
            auto inventory = inspect(destination);
            observer.reportFraction(1.0);
            return inventory;
        }
        if (!isEmptyFolder(destination))
            throw Error(destination.string(), "exists and does not hold the 2018 human data",
                        "choose another --dest or remove the folder");
    }
    fs::create_directories(destination.parent_path(), error);
    if (error)
        throw Error(destination.parent_path().string(),
                    "cannot create the folder: " + error.message());
    const fs::path partial
        = destination.parent_path() / ("." + destination.filename().string() + ".partial");
    removeQuietly(partial);
    observer.onMessage("cloning " + options.url);
    GitProgress progress(observer);
    const detail::ChildExit git = detail::ChildProcess::run(
        {"git", "clone", "--depth", "1", "--progress", "--", options.url, partial.string()},
        {"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=true", "LC_ALL=C"},
        [&progress](const std::string &line) { progress.line(line); }, stop);
    if (git.cancelled || stop.stop_requested()) {
        removeQuietly(partial);
        return std::nullopt;
    }
    if (!git.started)
        throw Error(options.url, "cannot run git",
                    "install git (apt-get install git), or clone the repository yourself and "
                    "open the folder");
    if (git.exitCode != 0) {
        removeQuietly(partial);
        throw Error(options.url,
                    "git clone failed (exit code " + std::to_string(git.exitCode) + ")"
                        + (git.lastLine.empty() ? std::string() : ": " + git.lastLine));
    }
    observer.onMessage("checking the trials");
    HumanDataInventory inventory;
    try {
        inventory = inspect(partial);
    } catch (...) {
        removeQuietly(partial);
        throw;
    }
    fs::remove(destination, error); // an empty folder the user made for it
    fs::rename(partial, destination, error);
    if (error) {
        removeQuietly(partial);
        throw Error(destination.string(), "cannot move the clone here: " + error.message());
    }
    inventory.root = destination;
    progress.report(1.0);
    return inventory;
}

} // namespace sparsescope::core
