// SPDX-License-Identifier: GPL-3.0-or-later
#include "HumanDataRepo.h"

#include "Fixtures.h"

#include <stdexcept>

namespace sparsescope::test {

namespace fs = std::filesystem;

namespace {

std::string trialFile(const std::string &observer, const std::string &experiment)
{
    std::string text = "subj,session,trial,rt,object_response,category,condition,imagename\n";
    static const char *categories[] = {"cat", "dog"};
    for (int trial = 1; trial <= 8; ++trial) {
        const char *category = categories[trial % 2];
        const char *response = trial % 3 == 0 ? categories[(trial + 1) % 2] : category;
        const char *condition = trial <= 4 ? "0" : "0.5";
        text += observer + ",1," + std::to_string(trial) + ",0.5," + response + ',' + category + ','
            + condition + ',' + std::to_string(1000 + trial) + '_' + experiment + "_n00"
            + std::to_string(trial) + ".png\n";
    }
    return text;
}

} // namespace

HumanDataRepo::HumanDataRepo(const fs::path &root, bool humans)
    : path(root)
    , url("file://" + fs::absolute(root).string())
{
    fs::create_directories(root);
    writeBytes((root / "LICENSE.txt").string(),
               "Attribution 4.0 International\n\n=======\n(toy licence text for tests)\n");
    writeBytes((root / "README.md").string(), "toy copy of the 2018 layout\n");
    for (const std::string experiment : {"noise", "rotation"}) {
        const fs::path folder
            = root / "raw-data" / (humans ? "humans" : "elsewhere") / (experiment + "-experiment");
        fs::create_directories(folder);
        for (const std::string subject : {"subject-01", "subject-02"})
            writeBytes(
                (folder / (experiment + "-experiment_" + subject + "_session_1.csv")).string(),
                trialFile(subject, experiment));
    }
    const fs::path tf = root / "raw-data" / "TF" / "noise-experiment";
    fs::create_directories(tf);
    writeBytes((tf / "noise-experiment_resnet_session_1.csv").string(),
               trialFile("resnet", "noise"));
    const std::string git = "git -C '" + root.string() + "' ";
    const auto result = runCommand(git + "init -q && " + git + "add -A && " + git
                                   + "-c user.name=test -c user.email=test@example.org commit -qm "
                                     "data");
    if (result.exitCode != 0)
        throw std::runtime_error("cannot make the test repository (is git installed?): "
                                 + result.err);
}

} // namespace sparsescope::test
