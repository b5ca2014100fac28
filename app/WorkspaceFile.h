// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sparsescope::app {

/// The content of a workspace file, read and checked without touching any panel: Workspace
/// opens a file through it and applies it only when everything is valid. Qt Core only, so that
/// the fuzz harness (tests/fuzz/FuzzWorkspace.cpp) drives it without a window.
class WorkspaceFile
{
public:
    static constexpr int kVersion = 1;
    static constexpr const char *kFormat = "sparsescope_workspace";

    QString panel; ///< the panel shown ("" keeps the current one)
    bool presentation = false;
    QByteArray trainingConfig; ///< the training form's config (JSON, valid for core::TrainConfig)
    QString runFolder;
    /// The remembered settings of the panels that a workspace carries, by QSettings group.
    QJsonObject panels;

    /// The panels' QSettings groups a workspace carries.
    static QStringList panelGroups();
    /// Parses a workspace. Throws core::Error naming `origin` (malformed JSON and where, another
    /// format, an unknown key with the nearest known one, a value of the wrong type, a training
    /// config core::TrainConfig refuses).
    static WorkspaceFile fromJson(const QByteArray &json, const QString &origin);
};

} // namespace sparsescope::app
