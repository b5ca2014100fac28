// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/Lesson.h"

#include "JsonKeys.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <exception>

namespace sparsescope::app {

namespace {
const QStringList kViews {QStringLiteral("curves"),    QStringLiteral("filters"),
                          QStringLiteral("structure"), QStringLiteral("norms"),
                          QStringLiteral("thin"),      QStringLiteral("atlas")};
const QStringList kActions {QStringLiteral("start"), QStringLiteral("thin")};

[[noreturn]] void fail(const QString &origin, const QString &problem)
{
    throw core::Error(origin.toStdString(), problem.toStdString());
}

/// The atlas step's keys (view "atlas", implied by any of them).
void readAtlasKeys(const QJsonObject &object, LessonStep &step, const QString &origin,
                   qsizetype number)
{
    step.atlas = object.value(QStringLiteral("atlas")).toString();
    step.member = object.value(QStringLiteral("select")).toString();
    if (object.contains(QStringLiteral("axes"))) {
        const QJsonValue axes = object.value(QStringLiteral("axes"));
        const QJsonArray pair = axes.toArray();
        if (!axes.isArray() || pair.size() != 2 || !pair[0].isString() || !pair[1].isString())
            fail(origin,
                 QStringLiteral("step %1: \"axes\" must be two atlas columns, [x, y]").arg(number));
        step.xAxis = pair[0].toString();
        step.yAxis = pair[1].toString();
    }
    const bool atlasKeys = !step.atlas.isEmpty() || !step.member.isEmpty() || !step.xAxis.isEmpty();
    if (atlasKeys && step.view.isEmpty())
        step.view = QStringLiteral("atlas");
    if (atlasKeys && !step.isAtlasStep())
        fail(origin,
             QStringLiteral("step %1: \"atlas\", \"axes\" and \"select\" belong to "
                            "the atlas view, not \"%2\"")
                 .arg(number)
                 .arg(step.view));
    if (step.isAtlasStep() && (!step.config.isEmpty() || !step.action.isEmpty()))
        fail(origin,
             QStringLiteral("step %1: an atlas step has no \"config\" or \"action\"").arg(number));
}
} // namespace

Lesson Lesson::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(path, QStringLiteral("cannot be read"));
    return fromJson(file.readAll(), path);
}

Lesson Lesson::fromJson(const QByteArray &json, const QString &origin)
{
    const QJsonDocument document = JsonKeys::parse(json, origin);
    if (!document.isObject())
        fail(origin, QStringLiteral("a lesson is a JSON object"));
    const QJsonObject root = document.object();
    JsonKeys::requireKnown(root, {QStringLiteral("title"), QStringLiteral("steps")}, origin);
    Lesson lesson;
    lesson.source = origin;
    if (root.contains(QStringLiteral("steps")) && !root.value(QStringLiteral("steps")).isArray())
        fail(origin, QStringLiteral("\"steps\" must be a list of steps"));
    lesson.title = root.value(QStringLiteral("title")).toString();
    if (lesson.title.isEmpty())
        fail(origin, QStringLiteral("no \"title\""));
    const QJsonArray steps = root.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty())
        fail(origin, QStringLiteral("no \"steps\""));
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (!steps[i].isObject())
            fail(origin, QStringLiteral("step %1 is not an object").arg(i + 1));
        const QJsonObject object = steps[i].toObject();
        JsonKeys::requireKnown(object,
                               {QStringLiteral("text"), QStringLiteral("config"),
                                QStringLiteral("view"), QStringLiteral("action"),
                                QStringLiteral("atlas"), QStringLiteral("axes"),
                                QStringLiteral("select")},
                               origin, QStringLiteral(" in step %1").arg(i + 1));
        LessonStep step;
        step.text = object.value(QStringLiteral("text")).toString();
        if (step.text.isEmpty())
            fail(origin, QStringLiteral("step %1 has no \"text\"").arg(i + 1));
        if (object.contains(QStringLiteral("config"))) {
            if (!object.value(QStringLiteral("config")).isObject())
                fail(origin, QStringLiteral("step %1: \"config\" must be an object").arg(i + 1));
            step.config = QJsonDocument(object.value(QStringLiteral("config")).toObject())
                              .toJson(QJsonDocument::Compact);
            // Checked now, not when "Do it" is pressed: a typo names its step at once.
            try {
                core::TrainConfig::fromJson(
                    step.config.toStdString(),
                    QStringLiteral("step %1's config").arg(i + 1).toStdString());
            } catch (const std::exception &e) {
                fail(origin, QString::fromUtf8(e.what()));
            }
        }
        for (const QString &key :
             {QStringLiteral("text"), QStringLiteral("view"), QStringLiteral("action"),
              QStringLiteral("atlas"), QStringLiteral("select")})
            if (object.contains(key) && !object.value(key).isString())
                fail(origin,
                     QStringLiteral("step %1: \"%2\" must be a string").arg(i + 1).arg(key));
        step.view = object.value(QStringLiteral("view")).toString();
        if (!step.view.isEmpty() && !kViews.contains(step.view))
            fail(origin,
                 QStringLiteral("step %1: unknown view \"%2\" (one of %3)")
                     .arg(i + 1)
                     .arg(step.view, kViews.join(QStringLiteral(", "))));
        step.action = object.value(QStringLiteral("action")).toString();
        if (!step.action.isEmpty() && !kActions.contains(step.action))
            fail(origin,
                 QStringLiteral("step %1: unknown action \"%2\" (start or thin)")
                     .arg(i + 1)
                     .arg(step.action));
        readAtlasKeys(object, step, origin, i + 1);
        lesson.steps.push_back(step);
    }
    return lesson;
}

QStringList Lesson::embedded()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/lessons"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

} // namespace sparsescope::app
