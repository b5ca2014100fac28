// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Colour vs greyscale: level 1 = skimage rgb2gray (one channel), 0 = the colour input, in between
/// a blend (three channels).
class Greyscale : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
