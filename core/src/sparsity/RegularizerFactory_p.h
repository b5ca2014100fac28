// SPDX-License-Identifier: GPL-3.0-or-later
// Private: builds a registered regularizer (the table lives in RegularizerRegistry.cpp).
#pragma once

#include "sparsity/Regularizer.h"

#include <memory>
#include <string>

namespace sparsescope::core {

/// nullptr when `nameOrAlias` is not registered.
std::shared_ptr<Regularizer> createRegularizer(const std::string &nameOrAlias);

} // namespace sparsescope::core
