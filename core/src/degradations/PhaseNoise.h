// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Phase noise: uniform phase shifts in [-w, w] degrees added to the centred Fourier spectrum of
/// the grey image, the reference's unmirrored way.
class PhaseNoise : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
