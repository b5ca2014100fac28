// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace sparsescope::core {

/// The order conditions are listed in: numeric labels (`0.00`, `1.5`, `inf`) first, by value;
/// then the others in natural order, digit runs compared as numbers (`c01 < c05 < c100`,
/// `2-0-10 < 16-0-10`). Identical values with different spellings (`0.1`, `0.10`) are ordered
/// by spelling so that the order is strict.
class ConditionOrder
{
public:
    static bool less(std::string_view a, std::string_view b);
    /// True, with the value, when `label` is a whole number (`inf`/`Inf` included).
    static bool numericValue(std::string_view label, double &value);
};

} // namespace sparsescope::core
