// SPDX-License-Identifier: GPL-3.0-or-later
// Private: builds a registered tabular model (the table lives in TabularModelRegistry.cpp).
#pragma once

#include "rln/TabularModel.h"

#include <memory>
#include <string>

namespace sparsescope::core {

/// nullptr when `name` is not registered.
std::unique_ptr<TabularModel> createTabularModel(const std::string &name);

} // namespace sparsescope::core
