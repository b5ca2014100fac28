// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// A built-in architecture: stable name and a one-line description.
struct ModelEntry
{
    std::string name;
    std::string description;
};

/// The table of built-in architectures, looked up by stable name.
class ModelRegistry
{
public:
    static const std::vector<ModelEntry> &entries();
    static bool contains(const std::string &name);
};

} // namespace sparsescope::core
