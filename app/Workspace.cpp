// SPDX-License-Identifier: GPL-3.0-or-later
#include "Workspace.h"

#include "MainWindow.h"
#include "WorkspaceFile.h"
#include "panels/DegradationPanel.h"
#include "panels/HumansPanel.h"
#include "panels/RlnPanel.h"
#include "panels/RobustnessPanel.h"
#include "panels/TrainingPanel.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>

namespace sparsescope::app {

namespace {

void savePanels(MainWindow &window)
{
    window.robustnessPanel()->saveSettings();
    window.rlnPanel()->saveSettings();
    window.degradationPanel()->saveSettings();
    window.humansPanel()->saveSettings();
}

void restorePanels(MainWindow &window)
{
    window.robustnessPanel()->restoreSettings();
    window.rlnPanel()->restoreSettings();
    window.degradationPanel()->restoreSettings();
    window.humansPanel()->restoreSettings();
}

bool fail(QString *error, const QString &path, const QString &problem)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, problem);
    return false;
}
} // namespace

bool Workspace::save(MainWindow &window, const QString &path, QString *error)
{
    savePanels(window);
    QSettings settings;
    QJsonObject panels;
    for (const QString &group : WorkspaceFile::panelGroups()) {
        settings.beginGroup(group);
        QJsonObject values;
        for (const QString &key : settings.childKeys())
            values.insert(key, QJsonValue::fromVariant(settings.value(key)));
        settings.endGroup();
        panels.insert(group, values);
    }
    const TrainingPanel *training = window.trainingPanel();
    QJsonObject trainingState;
    trainingState.insert(
        QStringLiteral("config"),
        QJsonDocument::fromJson(QByteArray::fromStdString(training->config().toJson())).object());
    trainingState.insert(QStringLiteral("run_folder"), training->runFolder());
    QJsonObject root;
    root.insert(QLatin1String(WorkspaceFile::kFormat), WorkspaceFile::kVersion);
    root.insert(QStringLiteral("panel"), window.currentPanel());
    root.insert(QStringLiteral("presentation"), window.isPresentationMode());
    root.insert(QStringLiteral("training"), trainingState);
    root.insert(QStringLiteral("panels"), panels);
    // QSaveFile writes a temporary file and renames it on commit: a crash or a full disk
    // leaves the old workspace, never a truncated one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0
        || !file.commit())
        return fail(error, path, QStringLiteral("cannot be written"));
    return true;
}

bool Workspace::open(MainWindow &window, const QString &path, QString *error)
{
    if (window.trainingPanel()->isRunning())
        return fail(error, path, QStringLiteral("stop the running training before opening it"));
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly))
        return fail(error, path, QStringLiteral("cannot be read"));
    // Everything is checked before anything changes.
    WorkspaceFile file;
    try {
        file = WorkspaceFile::fromJson(input.readAll(), path);
    } catch (const core::Error &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }

    QSettings settings;
    for (const QString &group : WorkspaceFile::panelGroups()) {
        if (!file.panels.contains(group))
            continue;
        settings.beginGroup(group);
        settings.remove(QString());
        const QJsonObject values = file.panels.value(group).toObject();
        for (auto it = values.begin(); it != values.end(); ++it)
            settings.setValue(it.key(), it.value().toVariant());
        settings.endGroup();
    }
    settings.sync();
    restorePanels(window);
    TrainingPanel *panel = window.trainingPanel();
    if (!panel->applyConfigJson(file.trainingConfig, path))
        return fail(error, path, QStringLiteral("the training config was refused"));
    panel->setRunFolder(file.runFolder);
    window.setPresentationMode(file.presentation);
    if (!file.panel.isEmpty())
        window.showPanel(file.panel);
    return true;
}

} // namespace sparsescope::app
