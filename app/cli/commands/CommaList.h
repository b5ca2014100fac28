// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// "a,b,,c" → {"a", "b", "c"}: a comma-separated option value, empty items dropped.
inline std::vector<std::string> commaList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        if (!item.empty())
            items.push_back(item);
    return items;
}

} // namespace sparsescope::cli
