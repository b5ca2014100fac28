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
    /// A per-layer group type: the strength editor gives it a column (in models whose
    /// ModelEntry::groupTypes list it). Off for kernel, depth, l1 and l2, which presets set.
    bool editorColumn = false;
};

/// The table of regularizers, looked up by name or alias. Regularizers register in
/// RegularizerRegistry.cpp (one line each) or, from code that links the core's private side,
/// through registerRegularizer() in sparsity/RegularizerFactory_p.h.
class RegularizerRegistry
{
public:
    static std::vector<RegularizerEntry> entries();
    /// The stable name for a name or alias; empty when unknown.
    static std::string canonicalName(const std::string &nameOrAlias);
    /// Every alias for messages and help: "filter, channel, …, l1 or l2".
    static std::string aliasList();
    /// The aliases of the editorColumn entries, in registry order.
    static std::vector<std::string> editorColumns();
};

} // namespace sparsescope::core
