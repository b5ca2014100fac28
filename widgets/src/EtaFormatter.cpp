// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/EtaFormatter.h"

#include <algorithm>
#include <cmath>

namespace sparsescope::widgets {

QString EtaFormatter::duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0.0)
        return QStringLiteral("–:––");
    // Round up so that "0:00" only appears when nothing is left.
    const auto total = static_cast<long long>(std::ceil(seconds - 1e-9));
    const long long hours = total / 3600;
    const long long minutes = (total / 60) % 60;
    const long long secs = total % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(secs, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}

QString EtaFormatter::progress(int epoch, int epochs, double fraction, double etaSeconds)
{
    const double clamped = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
    QString text = QStringLiteral("epoch %1/%2 · %3 %")
                       .arg(epoch)
                       .arg(epochs)
                       .arg(static_cast<int>(std::floor(clamped * 100.0)));
    if (std::isfinite(etaSeconds) && etaSeconds >= 0.0)
        text += QStringLiteral(" · ETA ") + duration(etaSeconds);
    return text;
}

} // namespace sparsescope::widgets
