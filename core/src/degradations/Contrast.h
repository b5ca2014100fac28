// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Contrast reduction on the grey image: (1 - c) / 2 + c * g (grey level 0.5 stays).
class Contrast : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
