// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Contrast.h"

#include "degradations/DegradationMath_p.h"

namespace sparsescope::core {

FloatImage Contrast::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    return degradation::contrast(degradation::grey(input), settings.level);
}

} // namespace sparsescope::core
