// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "teaching/Lesson.h"

#include <QDockWidget>

#include <functional>

class QLabel;
class QPushButton;

namespace sparsescope::app {

class AtlasPanel;
class TrainingPanel;

/// Teaching mode: a lesson's narration step by step beside the training panel. "Do it" loads
/// the step's config into the panel, brings its view to the front and performs its action
/// (start training, or thin and compare); an atlas step opens its atlas.csv in the Atlas panel,
/// sets the scatter's axes and selects its member.
class LessonDock : public QDockWidget
{
    Q_OBJECT

public:
    LessonDock(TrainingPanel &panel, QWidget *parent = nullptr);
    /// The panel atlas steps drive (none: atlas steps do nothing).
    void setAtlasPanel(AtlasPanel *atlas) { m_atlas = atlas; }

    /// Shows step 1 of `lesson`.
    void setLesson(const Lesson &lesson);
    const Lesson &lesson() const { return m_lesson; }
    int step() const { return m_step; }
    QString narration() const;
    /// "Step N of M", or what went wrong with the step's atlas member.
    QString positionText() const;

public Q_SLOTS:
    void next();
    void previous();
    /// Applies the current step to the training panel.
    void doStep();

Q_SIGNALS:
    void stepChanged(int step);
    /// A step wants a main-window panel in front ("training" or "atlas").
    void panelWanted(const QString &name);

private:
    void showStep();
    void doAtlasStep(const LessonStep &step);

    TrainingPanel &m_panel;
    AtlasPanel *m_atlas = nullptr;
    Lesson m_lesson;
    int m_step = 0;
    QLabel *m_title = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_do = nullptr;
    QPushButton *m_next = nullptr;
};

} // namespace sparsescope::app
