// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace sparsescope::app {

/// One step of a lesson: the narration, optionally a training config to load into the training
/// panel (the JSON of `train --config`), the view to bring to the front, and an action the
/// step's "Do it" performs ("start" to train, "thin" to thin and compare; empty: none beyond
/// loading the config). An atlas step (view "atlas") instead opens an atlas.csv in the Atlas
/// panel (`atlas`, e.g. the shipped ":/atlas/lenet5-fashion-mnist.csv"), sets its scatter's
/// axes and selects a member.
struct LessonStep
{
    QString text;
    QByteArray config; ///< compact JSON object, empty when the step keeps the current config
    QString view;
    QString action;
    QString atlas; ///< atlas.csv to open; empty: the one the Atlas panel shows
    QString xAxis; ///< atlas column for the scatter's x (empty: keep)
    QString yAxis;
    QString member; ///< "<series>/<label>" to select (empty: keep the selection)

    bool isAtlasStep() const { return view == QLatin1String("atlas"); }
};

/// A teaching lesson (resources/lessons/*.json): a title and its steps.
class Lesson
{
public:
    QString title;
    QString source;
    QVector<LessonStep> steps;

    /// Parses a lesson file (a path or ":/lessons/…"). Throws core::Error naming the file and
    /// the problem (unreadable, malformed JSON, no steps, a step without text, an unknown view
    /// or action, atlas keys on a step that is not an atlas step).
    static Lesson fromFile(const QString &path);
    static Lesson fromJson(const QByteArray &json, const QString &origin);
    /// The embedded lessons, as ":/lessons/NAME.json", in order.
    static QStringList embedded();
};

} // namespace sparsescope::app
