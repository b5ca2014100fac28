// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// High-pass: grey minus its Gaussian low-pass, re-centred on the mean grey 0.4423, clipped; sigma
/// = inf leaves the grey image.
class HighPass : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
