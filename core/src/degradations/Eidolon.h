// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "degradations/Degradation.h"

namespace sparsescope::core {

/// Eidolon partially coherent disarray (Koenderink et al.'s Eidolon toolbox with the
/// partial-coherence fix of its pull request 1, as Geirhos et al. (2018) ran it): the grey image,
/// resized by Pillow's Lanczos filter so that its longer side is 256, is split into 12
/// difference-of-Gaussian scale slices; each slice is displaced by noise fields of the given
/// reach that are coherent across scales to the given degree (1: Eidolon I, 0.3: II, 0: III,
/// grain 10). The result has the toolbox's size (longer side 256). Level = reach.
class Eidolon : public Degradation
{
public:
    explicit Eidolon(double coherence, double grain = 10.0);
    FloatImage apply(const FloatImage &input, const DegradationSettings &settings) const override;

private:
    double m_coherence;
    double m_grain;
};

} // namespace sparsescope::core
