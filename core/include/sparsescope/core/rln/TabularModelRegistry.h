// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// A tabular model of the RLN comparison: stable name, one-line description, and the models
/// whose test predictions it combines (ensembles).
struct TabularModelEntry
{
    std::string name;
    std::string description;
    std::vector<std::string> members;
};

/// The table of tabular models ("rln", "l1", "l2", "plain", "gbt", "ensemble"), looked up by
/// stable name: a new model is one file plus one line in TabularModelRegistry.cpp.
class TabularModelRegistry
{
public:
    static const std::vector<TabularModelEntry> &entries();
    static bool contains(const std::string &name);
    /// The entry of `name`; core::Error listing the names when there is none.
    static const TabularModelEntry &entry(const std::string &name);
};

} // namespace sparsescope::core
