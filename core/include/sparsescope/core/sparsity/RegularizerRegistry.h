// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// A registered regularizer: stable name, short alias used by --ssl and configs, description.
struct RegularizerEntry
{
    std::string name; ///< e.g. "group-lasso-filter"
    std::string alias; ///< e.g. "filter"
    std::string description;
};

/// The table of regularizers, looked up by name or alias.
class RegularizerRegistry
{
public:
    static std::vector<RegularizerEntry> entries();
    /// The stable name for a name or alias; empty when unknown.
    static std::string canonicalName(const std::string &nameOrAlias);
};

} // namespace sparsescope::core
