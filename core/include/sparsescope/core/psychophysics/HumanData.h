// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// What a folder of the 2018 human data holds (HumanData::inspect).
struct HumanDataInventory
{
    struct Experiment
    {
        std::string name; ///< "noise", "eidolon", …
        std::size_t subjects = 0; ///< human observers
        std::size_t trials = 0; ///< human trials
    };
    std::filesystem::path root;
    std::vector<Experiment> experiments; ///< of raw-data/humans, in folder order
    std::size_t humanTrials = 0;
    std::size_t dnnExperiments = 0; ///< experiment folders under raw-data/TF
    std::string licence; ///< the first line of LICENSE.txt, empty when absent
};

/// What HumanData::fetch needs.
struct HumanDataFetchOptions
{
    /// Any URL or path `git clone` accepts (tests use a file:// URL of a local repository).
    std::string url = "https://github.com/rgeirhos/generalisation-humans-DNNs";
    /// The clone's folder; empty: HumanData::defaultDestination().
    std::filesystem::path destination;
};

/// The released trials of Geirhos et al. (2018), "Generalisation in humans and deep neural
/// networks" (github.com/rgeirhos/generalisation-humans-DNNs, CC BY 4.0), fetched into the
/// user's data folder and checked. model-vs-human's trials carry no licence and are never
/// fetched: users open a folder of them themselves.
class HumanData
{
public:
    /// The attribution the licence asks for, shown after every fetch.
    static const char *attribution();
    /// The user's data folder: $SPARSESCOPE_DATA_DIR, else $XDG_DATA_HOME/SparseScope/SparseScope
    /// (~/.local/share/… when unset), the folder the GUI keeps its autosave in.
    static std::filesystem::path dataDirectory();
    /// dataDirectory()/generalisation-humans-DNNs.
    static std::filesystem::path defaultDestination();
    /// Reads raw-data/humans of a clone and counts experiments, subjects and trials; throws
    /// core::Error naming the folder when it is not the 2018 data (no raw-data/humans, no trials,
    /// a malformed trial file).
    static HumanDataInventory inspect(const std::filesystem::path &root);
    /// inspect() when `root` holds the data, else nothing (never throws for a missing folder).
    static std::optional<HumanDataInventory> find(const std::filesystem::path &root);
    /// The job: a shallow `git clone` of options.url into a hidden folder beside the
    /// destination, with git's progress as the observer's (a fraction of kProgressUnits) and
    /// messages, then inspect(), then a rename to the destination. Returns nothing when stopped
    /// (the partial clone is removed). A destination that already holds the data is inspected
    /// and returned without a download. Throws core::Error when git is missing or fails (its
    /// last message in the error), when the destination exists with other content, or when what
    /// arrived is not the 2018 data.
    static std::optional<HumanDataInventory> fetch(const HumanDataFetchOptions &options,
                                                   JobObserver &observer, std::stop_token stop);
};

} // namespace sparsescope::core
