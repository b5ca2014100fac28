// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Gaussian low-pass filter of standard deviation sigma (scipy gaussian_filter, constant padding
/// 0.4423), clipped.
class LowPass : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
