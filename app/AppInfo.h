// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/Version.h"

#include <QString>

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
    return QString::fromLatin1(core::kVersion);
}

} // namespace sparsescope::app
