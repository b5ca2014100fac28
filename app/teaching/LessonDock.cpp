// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/LessonDock.h"

#include "panels/AtlasPanel.h"
#include "panels/TrainingPanel.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace sparsescope::app {

LessonDock::LessonDock(TrainingPanel &panel, QWidget *parent)
    : QDockWidget(tr("Lesson"), parent)
    , m_panel(panel)
{
    setObjectName(QStringLiteral("lessonDock"));
    auto *body = new QWidget;
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_position = new QLabel;
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_text);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_previous = new QPushButton(tr("◀ &Previous"));
    m_do = new QPushButton(tr("Do &it"));
    m_do->setObjectName(QStringLiteral("lessonDoButton"));
    m_do->setToolTip(tr("Load this step's settings into the training panel and run its action"));
    m_next = new QPushButton(tr("&Next ▶"));
    connect(m_previous, &QPushButton::clicked, this, &LessonDock::previous);
    connect(m_do, &QPushButton::clicked, this, &LessonDock::doStep);
    connect(m_next, &QPushButton::clicked, this, &LessonDock::next);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_previous);
    buttons->addWidget(m_do);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(body);
    layout->addWidget(m_title);
    layout->addWidget(m_position);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    setWidget(body);
    body->setMinimumWidth(260);
    showStep();
}

void LessonDock::setLesson(const Lesson &lesson)
{
    m_lesson = lesson;
    m_step = 0;
    showStep();
}

QString LessonDock::narration() const
{
    return m_text->text();
}

QString LessonDock::positionText() const
{
    return m_position->text();
}

void LessonDock::next()
{
    if (m_step + 1 < m_lesson.steps.size()) {
        ++m_step;
        showStep();
    }
}

void LessonDock::previous()
{
    if (m_step > 0) {
        --m_step;
        showStep();
    }
}

void LessonDock::doStep()
{
    if (m_step >= m_lesson.steps.size())
        return;
    const LessonStep &step = m_lesson.steps[m_step];
    if (step.isAtlasStep()) {
        doAtlasStep(step);
        return;
    }
    const QString origin = tr("%1, step %2").arg(m_lesson.source).arg(m_step + 1);
    if (!step.config.isEmpty() && !m_panel.applyConfigJson(step.config, origin))
        return;
    Q_EMIT panelWanted(QStringLiteral("training"));
    if (!step.view.isEmpty())
        m_panel.showView(step.view);
    if (step.action == QLatin1String("start"))
        m_panel.start();
    else if (step.action == QLatin1String("thin"))
        m_panel.thinAndCompare();
}

void LessonDock::doAtlasStep(const LessonStep &step)
{
    if (m_atlas == nullptr)
        return;
    // A step without "atlas" uses the one an earlier step named, so any step can be done first.
    QString atlas = step.atlas;
    for (int i = m_step; atlas.isEmpty() && i >= 0; --i)
        atlas = m_lesson.steps[i].atlas;
    // A relative path is relative to the lesson file, as a series file's member paths are.
    if (!atlas.isEmpty() && QDir::isRelativePath(atlas))
        atlas = QFileInfo(m_lesson.source).dir().filePath(atlas);
    // Opened again only when another atlas (or none) is shown: the user's selection stays.
    if (!atlas.isEmpty() && (m_atlas->path() != atlas || m_atlas->table().rows.empty())
        && !m_atlas->open(atlas))
        return;
    Q_EMIT panelWanted(QStringLiteral("atlas"));
    if (!step.xAxis.isEmpty())
        m_atlas->setAxes(step.xAxis, step.yAxis);
    if (step.member.isEmpty() || m_atlas->selectMemberNamed(step.member))
        return;
    m_position->setText(tr("Step %1 of %2 — %3 is not in this atlas")
                            .arg(m_step + 1)
                            .arg(m_lesson.steps.size())
                            .arg(step.member));
}

void LessonDock::showStep()
{
    const int count = int(m_lesson.steps.size());
    if (count == 0) {
        m_title->setText(tr("No lesson"));
        m_position->clear();
        m_text->setText(tr("Help → Lessons opens one: each step explains what to look at and "
                           "“Do it” sets the training panel up for it."));
    } else {
        const LessonStep &step = m_lesson.steps[m_step];
        m_title->setText(m_lesson.title);
        m_position->setText(tr("Step %1 of %2").arg(m_step + 1).arg(count));
        m_text->setText(step.text);
        QString what;
        if (step.isAtlasStep())
            what = step.atlas.isEmpty() ? tr("Show it in the Atlas panel")
                                        : tr("Open the atlas in the Atlas panel");
        else if (!step.config.isEmpty())
            what = step.action == QLatin1String("start") ? tr("Load the settings and start")
                                                         : tr("Load the settings");
        else if (step.action == QLatin1String("thin"))
            what = tr("Thin and compare");
        else if (step.action == QLatin1String("start"))
            what = tr("Start");
        else
            what = tr("Show the view");
        m_do->setToolTip(what);
    }
    m_previous->setEnabled(m_step > 0);
    m_next->setEnabled(m_step + 1 < count);
    m_do->setEnabled(count > 0);
    Q_EMIT stepChanged(m_step);
}

} // namespace sparsescope::app
