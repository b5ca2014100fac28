// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Salt-and-pepper noise with probability p on the grey image after contrast 0.3: u >= 1 - p/2 adds
/// 1, u < p/2 subtracts 1, then clipping.
class SaltAndPepper : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
