// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceFile.h"

#include "JsonKeys.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <QJsonDocument>

namespace sparsescope::app {

namespace {

[[noreturn]] void fail(const QString &origin, const QString &problem)
{
    throw core::Error(origin.toStdString(), problem.toStdString());
}

/// The value of `key` if present and of `type`; an error naming the key otherwise.
QJsonValue typed(const QString &origin, const QJsonObject &object, const QString &key,
                 QJsonValue::Type type, const char *what)
{
    const QJsonValue value = object.value(key);
    if (!value.isUndefined() && value.type() != type)
        fail(origin, QStringLiteral("%1 must be %2").arg(key, QLatin1String(what)));
    return value;
}

} // namespace

QStringList WorkspaceFile::panelGroups()
{
    return {QStringLiteral("robustness"), QStringLiteral("rln"), QStringLiteral("degradations"),
            QStringLiteral("humans")};
}

WorkspaceFile WorkspaceFile::fromJson(const QByteArray &json, const QString &origin)
{
    const QJsonDocument document = JsonKeys::parse(json, origin);
    const QJsonObject root = document.object();
    const QString format = QLatin1String(kFormat);
    if (!document.isObject() || root.value(format).toInt() != kVersion)
        fail(origin,
             QStringLiteral("not a SparseScope workspace (no \"%1\": %2)")
                 .arg(format)
                 .arg(kVersion));
    JsonKeys::requireKnown(root,
                           {format, QStringLiteral("panel"), QStringLiteral("presentation"),
                            QStringLiteral("training"), QStringLiteral("panels")},
                           origin);
    WorkspaceFile file;
    file.panel = typed(origin, root, QStringLiteral("panel"), QJsonValue::String, "a panel name")
                     .toString();
    file.presentation
        = typed(origin, root, QStringLiteral("presentation"), QJsonValue::Bool, "true or false")
              .toBool();
    const QJsonObject training
        = typed(origin, root, QStringLiteral("training"), QJsonValue::Object, "an object")
              .toObject();
    JsonKeys::requireKnown(training, {QStringLiteral("config"), QStringLiteral("run_folder")},
                           origin, QStringLiteral(" in training"));
    file.runFolder
        = typed(origin, training, QStringLiteral("run_folder"), QJsonValue::String, "a folder path")
              .toString();
    const QJsonObject config = typed(origin, training, QStringLiteral("config"), QJsonValue::Object,
                                     "an object (a training config)")
                                   .toObject();
    file.trainingConfig = QJsonDocument(config).toJson(QJsonDocument::Compact);
    core::TrainConfig::fromJson(file.trainingConfig.toStdString(), origin.toStdString());
    file.panels
        = typed(origin, root, QStringLiteral("panels"), QJsonValue::Object, "an object").toObject();
    JsonKeys::requireKnown(file.panels, panelGroups(), origin, QStringLiteral(" in panels"));
    for (auto it = file.panels.begin(); it != file.panels.end(); ++it)
        if (!it.value().isObject())
            fail(origin, QStringLiteral("panels.%1 must be an object").arg(it.key()));
    return file;
}

} // namespace sparsescope::app
