// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/DatasetSpec.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/ReaderRegistry.h"

namespace sparsescope::core {

namespace {
std::string knownKinds()
{
    std::string text = "known kinds: ";
    bool firstEntry = true;
    for (const auto &entry : ReaderRegistry::entries()) {
        if (!firstEntry)
            text += ", ";
        text += entry.syntax;
        firstEntry = false;
    }
    return text;
}
} // namespace

DatasetSpec DatasetSpec::parse(const std::string &spec)
{
    DatasetSpec parsed;
    parsed.text = spec;
    const auto colon = spec.find(':');
    parsed.kind = spec.substr(0, colon);
    if (colon != std::string::npos)
        parsed.argument = spec.substr(colon + 1);
    if (parsed.kind.empty())
        throw Error(spec, "dataset spec has no kind", knownKinds());
    if (!ReaderRegistry::find(parsed.kind))
        throw Error(spec, "unknown dataset kind '" + parsed.kind + "'", knownKinds());
    return parsed;
}

} // namespace sparsescope::core
