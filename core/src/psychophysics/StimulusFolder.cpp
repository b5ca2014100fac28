// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/StimulusFolder.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

bool isImageFile(const fs::path &path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg" || extension == ".bmp"
        || extension == ".tif" || extension == ".tiff";
}

std::vector<std::string_view> splitFields(std::string_view text, char separator)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        fields.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos)
            return fields;
        start = end + 1;
    }
}

bool contains(const std::vector<std::string> &list, std::string_view name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

std::string joined(const std::vector<std::string> &list)
{
    std::string text;
    for (const auto &item : list)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

} // namespace

std::string StimulusFolder::experimentOfCode(std::string_view code)
{
    // Experiment codes of the 2018 image names (human-data README §3).
    static const std::vector<std::pair<std::string_view, std::string_view>> codes = {
        {"cl", "colour"},           {"con", "contrast"},
        {"cop", "contrast-png"},    {"nse", "noise"},
        {"eid", "eidolon"},         {"fc", "false-colour"},
        {"hp", "highpass"},         {"lp", "lowpass"},
        {"ps", "phase-scrambling"}, {"pow", "power-equalisation"},
        {"rot", "rotation"},        {"clp", "colour-png"},
        {"nsp", "noise-png"},       {"sap", "salt-and-pepper-png"},
    };
    for (const auto &[key, name] : codes)
        if (key == code)
            return std::string(name);
    return {};
}

bool StimulusFolder::parseName(std::string_view fileName,
                               const std::vector<std::string> &categories, Stimulus &stimulus)
{
    const auto fields = splitFields(fileName, '_');
    if (fields.size() < 6 || fields[0].empty()
        || !std::all_of(fields[0].begin(), fields[0].end(),
                        [](unsigned char c) { return std::isdigit(c); }))
        return false;
    const std::string experiment = experimentOfCode(fields[1]);
    if (experiment.empty() || fields[3].empty() || !contains(categories, fields[4]))
        return false;
    stimulus.experiment = experiment;
    stimulus.condition = std::string(fields[3]);
    stimulus.category = std::string(fields[4]);
    return true;
}

std::vector<Stimulus> StimulusFolder::scan(const std::string &directory,
                                           const std::vector<std::string> &categories,
                                           const std::string &experiment)
{
    std::error_code error;
    const fs::path root(directory);
    if (!fs::is_directory(root, error))
        throw Error(directory, "is not a folder of stimulus images");
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end;
         it.increment(error))
        if (it->is_regular_file(error) && isImageFile(it->path()))
            files.push_back(it->path());
    if (error)
        throw Error(directory, "cannot list the folder: " + error.message());
    if (files.empty())
        throw Error(directory, "has no image files (png, jpg, jpeg, bmp, tif)");
    std::sort(files.begin(), files.end());

    std::string folderExperiment = experiment;
    if (folderExperiment.empty()) {
        folderExperiment = fs::absolute(root).lexically_normal().filename().string();
        if (folderExperiment.empty())
            folderExperiment
                = fs::absolute(root).lexically_normal().parent_path().filename().string();
        std::replace(folderExperiment.begin(), folderExperiment.end(), ',', '-');
        std::replace(folderExperiment.begin(), folderExperiment.end(), ' ', '-');
    }

    std::vector<Stimulus> stimuli;
    stimuli.reserve(files.size());
    for (const auto &file : files) {
        Stimulus s;
        s.path = file.string();
        s.image = file.filename().string();
        if (s.image.find(',') != std::string::npos)
            throw Error(s.path, "has a comma in its name, which the trial CSV cannot hold");
        if (!parseName(s.image, categories, s)) {
            const fs::path relative = file.lexically_relative(root);
            const std::string parent = relative.parent_path().filename().string();
            if (parent.empty() || !contains(categories, parent))
                throw Error(s.path,
                            "cannot tell the category: neither a 2018 stimulus name "
                            "(IIII_<exp>_<observer>_<condition>_<category>_...) nor inside a "
                            "category folder",
                            "categories: " + joined(categories));
            s.category = parent;
            const fs::path above = relative.parent_path().parent_path();
            s.condition = above.empty() ? "0" : above.filename().string();
            s.experiment = folderExperiment;
            if (s.condition.find(',') != std::string::npos)
                throw Error(s.path,
                            "has a comma in its condition folder's name, which the "
                            "trial CSV cannot hold");
        }
        stimuli.push_back(std::move(s));
    }
    return stimuli;
}

} // namespace sparsescope::core
