// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>

namespace sparsescope::test {

/// A toy copy of the 2018 repository's layout made by the test, committed into a local git
/// repository so that `humans fetch` can clone it from a file:// URL (never the network):
/// LICENSE.txt ("Attribution 4.0 International"), raw-data/humans/{noise,rotation}-experiment
/// with subject-01 and subject-02 (8 trials each per experiment: 32 human trials) and
/// raw-data/TF/noise-experiment with one DNN file. With `humans` false the raw-data/humans
/// folder is left out (not the 2018 data).
struct HumanDataRepo
{
    std::filesystem::path path; ///< the repository's working tree
    std::string url; ///< file://<path>
    static constexpr std::size_t kHumanTrials = 32;
    static constexpr std::size_t kExperiments = 2;
    HumanDataRepo(const std::filesystem::path &path, bool humans = true);
};

} // namespace sparsescope::test
