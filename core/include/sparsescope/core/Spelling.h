// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// "Did you mean" for configs, workspaces and lessons.
class Spelling
{
public:
    /// The candidate nearest to `word` by edit distance (Levenshtein), when at most 2 or a third
    /// of the word's length; "" when none is that near.
    static std::string nearest(const std::string &word, const std::vector<std::string> &candidates);
};

} // namespace sparsescope::core
