// SPDX-License-Identifier: GPL-3.0-or-later
// Private: builds a registered regularizer (the table lives in RegularizerRegistry.cpp).
#pragma once

#include "sparsescope/core/sparsity/RegularizerRegistry.h"
#include "sparsity/Regularizer.h"

#include <functional>

#include <memory>
#include <string>

namespace sparsescope::core {

/// nullptr when `nameOrAlias` is not registered.
std::shared_ptr<Regularizer> createRegularizer(const std::string &nameOrAlias);

using RegularizerFactory = std::function<std::shared_ptr<Regularizer>()>;

/// Adds a regularizer (a new group type) at run time (tests, plug-ins): configs, --ssl, the
/// sparsity engine and, with editorColumn, the strength editor take it from then on. Throws
/// std::invalid_argument when the name or alias is taken or empty. Register before any thread
/// uses the registry.
void registerRegularizer(RegularizerEntry entry, RegularizerFactory create);

} // namespace sparsescope::core
