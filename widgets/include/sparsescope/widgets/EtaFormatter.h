// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sparsescope::widgets {

/// Formats durations and progress lines for status bars: "0:35", "1:23", "1:02:03",
/// "epoch 2/5 · 43 % · ETA 0:35".
class EtaFormatter
{
public:
    /// "m:ss" below an hour, "h:mm:ss" above; "–:––" for negative or non-finite values.
    static QString duration(double seconds);
    /// A one-line progress summary; `fraction` is clamped to [0, 1], a negative `etaSeconds`
    /// leaves the ETA out.
    static QString progress(int epoch, int epochs, double fraction, double etaSeconds);
};

} // namespace sparsescope::widgets
