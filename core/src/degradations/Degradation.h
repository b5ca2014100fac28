// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the interface every registered degradation implements (table in
// DegradationRegistry.cpp). The registry has checked the level range, the channel count and the
// spectrum before apply() is called.
#pragma once

#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/FloatImage.h"

namespace sparsescope::core {

class Degradation
{
public:
    virtual ~Degradation() = default;
    virtual FloatImage apply(const FloatImage &input,
                             const DegradationSettings &settings) const = 0;
};

} // namespace sparsescope::core
