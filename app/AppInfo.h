// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#ifndef SPARSESCOPE_VERSION
#define SPARSESCOPE_VERSION "0.1.0"
#endif

namespace sparsescope::app {

/// Names under which QSettings and QStandardPaths keep the GUI's state.
inline QString organisationName()
{
    return QStringLiteral("SparseScope");
}
inline QString applicationName()
{
    return QStringLiteral("SparseScope");
}
inline QString applicationVersion()
{
    return QStringLiteral(SPARSESCOPE_VERSION);
}

} // namespace sparsescope::app
