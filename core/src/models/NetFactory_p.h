// SPDX-License-Identifier: GPL-3.0-or-later
// Private: builds a registered architecture (the table lives in ModelRegistry.cpp).
#pragma once

#include "models/TracedNet.h"
#include "sparsescope/core/models/ModelRegistry.h"

#include <functional>
#include <memory>
#include <string>

namespace sparsescope::core {

using NetFactory = std::function<std::shared_ptr<TracedNet>(const ModelOptions &)>;

/// nullptr when `name` is not registered.
std::shared_ptr<TracedNet> createNet(const std::string &name, const ModelOptions &options);

/// Adds an architecture to the registry at run time (tests, plug-ins): from then on it is
/// created, trained, thinned (by its entry's rule), saved, loaded and exported like the built-in
/// ones. Throws std::invalid_argument when the name is taken or empty. Register before any
/// thread uses the registry.
void registerNet(ModelEntry entry, NetFactory create);

} // namespace sparsescope::core
