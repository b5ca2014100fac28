// SPDX-License-Identifier: GPL-3.0-or-later
#include "Workspace.h"

#include "JsonKeys.h"
#include "MainWindow.h"
#include "panels/DegradationPanel.h"
#include "panels/HumansPanel.h"
#include "panels/RlnPanel.h"
#include "panels/RobustnessPanel.h"
#include "panels/TrainingPanel.h"

#include "sparsescope/core/training/TrainConfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>

#include <exception>

namespace sparsescope::app {

namespace {
constexpr int kVersion = 1;
const char *const kFormat = "sparsescope_workspace";
/// The panels whose QSettings groups a workspace carries, by group name.
const QStringList kGroups {QStringLiteral("robustness"), QStringLiteral("rln"),
                           QStringLiteral("degradations"), QStringLiteral("humans")};

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
    for (const QString &group : kGroups) {
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
    root.insert(QLatin1String(kFormat), kVersion);
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, path, QStringLiteral("cannot be read"));
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(error, path,
                    QStringLiteral("malformed JSON at offset %1: %2")
                        .arg(parse.offset)
                        .arg(parse.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QLatin1String(kFormat)).toInt() != kVersion)
        return fail(error, path,
                    QStringLiteral("not a SparseScope workspace (no \"%1\": %2)")
                        .arg(QLatin1String(kFormat))
                        .arg(kVersion));
    if (const QString unknown = JsonKeys::unknown(
            root,
            {QLatin1String(kFormat), QStringLiteral("panel"), QStringLiteral("presentation"),
             QStringLiteral("training"), QStringLiteral("panels")});
        !unknown.isEmpty())
        return fail(error, path, unknown);
    if (const QString unknown
        = JsonKeys::unknown(root.value(QStringLiteral("training")).toObject(),
                            {QStringLiteral("config"), QStringLiteral("run_folder")},
                            QStringLiteral(" in training"));
        !unknown.isEmpty())
        return fail(error, path, unknown);
    // Check the training config before anything changes.
    const QJsonObject training = root.value(QStringLiteral("training")).toObject();
    const QByteArray config
        = QJsonDocument(training.value(QStringLiteral("config")).toObject()).toJson();
    try {
        core::TrainConfig::fromJson(config.toStdString(), path.toStdString());
    } catch (const std::exception &e) {
        return fail(error, path, QString::fromUtf8(e.what()));
    }

    QSettings settings;
    const QJsonObject panels = root.value(QStringLiteral("panels")).toObject();
    for (const QString &group : kGroups) {
        if (!panels.contains(group))
            continue;
        settings.beginGroup(group);
        settings.remove(QString());
        const QJsonObject values = panels.value(group).toObject();
        for (auto it = values.begin(); it != values.end(); ++it)
            settings.setValue(it.key(), it.value().toVariant());
        settings.endGroup();
    }
    settings.sync();
    restorePanels(window);
    TrainingPanel *panel = window.trainingPanel();
    if (!panel->applyConfigJson(config, path))
        return fail(error, path, QStringLiteral("the training config was refused"));
    panel->setRunFolder(training.value(QStringLiteral("run_folder")).toString());
    window.setPresentationMode(root.value(QStringLiteral("presentation")).toBool());
    const QString shown = root.value(QStringLiteral("panel")).toString();
    if (!shown.isEmpty())
        window.showPanel(shown);
    return true;
}

} // namespace sparsescope::app
