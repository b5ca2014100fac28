// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Power equalisation: the amplitude spectrum of the grey image replaced by (1 - t) A + t A_mean,
/// phases kept.
class PowerEqualisation : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
