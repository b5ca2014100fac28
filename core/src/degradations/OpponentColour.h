// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Opponent (false) colour: the L-M and S-(L+M) axes of DKL space scaled by 1 - 2t through the
/// monitor gamma table (t = 1 inverts them, as in the paper).
class OpponentColour : public Degradation
{
public:
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;
};

} // namespace sparsescope::core
