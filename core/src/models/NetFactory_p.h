// SPDX-License-Identifier: GPL-3.0-or-later
// Private: builds a registered architecture (the table lives in ModelRegistry.cpp).
#pragma once

#include "models/TracedNet.h"

#include <memory>
#include <string>

namespace sparsescope::core {

/// nullptr when `name` is not registered.
std::shared_ptr<TracedNet> createNet(const std::string &name, const ModelOptions &options);

} // namespace sparsescope::core
