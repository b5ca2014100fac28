// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/SparsityConfig.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/sparsity/RegularizerRegistry.h"

#include <cmath>

namespace sparsescope::core {

std::vector<RegularizationTerm> SparsityConfig::parseFlag(const std::string &flag)
{
    std::vector<RegularizationTerm> terms;
    std::size_t start = 0;
    while (start <= flag.size()) {
        const auto comma = flag.find(',', start);
        const std::string item = flag.substr(start, comma - start);
        const auto equals = item.find('=');
        if (equals == std::string::npos)
            throw Error("--ssl " + flag, "expected TYPE=STRENGTH, got \"" + item + "\"");
        RegularizationTerm term;
        term.type = item.substr(0, equals);
        try {
            std::size_t used = 0;
            term.strength = std::stod(item.substr(equals + 1), &used);
            if (used != item.size() - equals - 1)
                throw std::invalid_argument(item);
        } catch (const std::exception &) {
            throw Error("--ssl " + flag, "strength of \"" + term.type + "\" is not a number");
        }
        terms.push_back(term);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return terms;
}

void SparsityConfig::validate(const std::string &origin) const
{
    for (const auto &term : terms) {
        if (RegularizerRegistry::canonicalName(term.type).empty())
            throw Error(origin, "unknown regularizer \"" + term.type + "\"",
                        "use " + RegularizerRegistry::aliasList());
        if (!(term.strength >= 0) || !std::isfinite(term.strength))
            throw Error(origin, "strength of \"" + term.type + "\" must be a finite value >= 0");
        if (term.layers.empty())
            throw Error(origin, "empty layer pattern for \"" + term.type + "\"");
    }
    if (update != "authors" && update != "proximal")
        throw Error(origin, "update must be \"authors\" or \"proximal\", not \"" + update + "\"");
    if (!(threshold >= 0))
        throw Error(origin, "threshold must be >= 0");
}

} // namespace sparsescope::core
