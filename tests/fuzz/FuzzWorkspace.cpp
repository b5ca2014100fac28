// SPDX-License-Identifier: GPL-3.0-or-later
// WorkspaceFile::fromJson (File > Open Workspace, the autosave). Only core::Error may come out;
// an accepted workspace holds a training config core::TrainConfig accepts and only known panel
// groups, each an object.
#include "FuzzInput.h"
#include "WorkspaceFile.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(workspace)
{
    app::WorkspaceFile file;
    try {
        file = app::WorkspaceFile::fromJson(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)),
            QStringLiteral("fuzz"));
    } catch (const core::Error &) {
        return 0;
    }
    // Accepted: nothing below may throw.
    core::TrainConfig::fromJson(file.trainingConfig.toStdString(), "accepted workspace");
    for (auto it = file.panels.begin(); it != file.panels.end(); ++it)
        if (!app::WorkspaceFile::panelGroups().contains(it.key()) || !it.value().isObject())
            throw std::logic_error("an unknown or malformed panel group was accepted");
    return 0;
}
