// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Additive uniform noise of width w in [-w, w] on the grey image after contrast 0.3, clipped to
/// [0, 1]; one random_sample per pixel in row-major order.
class UniformNoise : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
