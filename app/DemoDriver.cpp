// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoDriver.h"

#include "panels/ThinCompareView.h"
#include "teaching/Lesson.h"
#include "teaching/LessonDock.h"

#include "MainWindow.h"
#include "panels/AtlasPanel.h"
#include "panels/DegradationPanel.h"
#include "panels/HumansPanel.h"
#include "panels/RlnPanel.h"
#include "panels/RobustnessPanel.h"
#include "panels/TrainingPanel.h"

#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/sparsity/SparsityConfig.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/StrengthEditor.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <utility>

namespace sparsescope::app {

namespace {
// Lets queued replots and the status bar catch up before the window is grabbed.
constexpr int kSettleMs = 400;

void printLine(const QString &line)
{
    std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}
} // namespace

DemoDriver::DemoDriver(MainWindow &window, LaunchOptions options, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_options(std::move(options))
{ }

void DemoDriver::beginRobustness()
{
    RobustnessPanel *panel = m_window.robustnessPanel();
    m_window.showPanel(QStringLiteral("robustness"));
    if (!m_options.attackModels.isEmpty())
        panel->setModels(m_options.attackModels);
    if (!m_options.attack.isEmpty())
        panel->setAttack(m_options.attack);
    if (m_options.limit > 0)
        panel->setLimit(m_options.limit);
    if (m_options.quitWhenDone)
        panel->setErrorReporter(failAndQuit());
    for (const QString &sweep : m_options.sweepPath.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        panel->openSweep(sweep.trimmed());
    connect(panel, &RobustnessPanel::curvesFinished, this, [this](bool cancelled) {
        if (m_exitCode == 0)
            m_exitCode = cancelled ? 1 : 0;
        jobDone();
    });
    scheduleStartScreenshot(2000);
    if (m_options.demo)
        QTimer::singleShot(0, panel, [panel] { panel->runCurves(); });
    else
        m_runDone = true;
    quitIfDone();
}

void DemoDriver::beginRln()
{
    RlnPanel *panel = m_window.rlnPanel();
    m_window.showPanel(QStringLiteral("rln"));
    if (!m_options.rlnCsv.isEmpty())
        panel->setCsv(m_options.rlnCsv);
    else if (!panel->useBostonExample() && m_options.demo)
        printLine(tr("Boston housing is not installed (python3-sklearn); give --rln-csv FILE"));
    if (!m_options.rlnModels.isEmpty())
        panel->setModels(m_options.rlnModels);
    if (m_options.epochs > 0)
        panel->setEpochs(m_options.epochs);
    if (!m_options.outDirectory.isEmpty())
        panel->setOutputFolder(QDir(m_options.outDirectory).absolutePath());
    if (!m_options.view.isEmpty())
        panel->showView(m_options.view);
    if (m_options.quitWhenDone)
        panel->setErrorReporter(failAndQuit());
    connect(panel, &RlnPanel::finished, this, [this, panel](bool cancelled) {
        if (m_exitCode == 0)
            m_exitCode = cancelled ? 1 : 0;
        if (!m_options.view.isEmpty())
            panel->showView(m_options.view);
        jobDone();
    });
    scheduleStartScreenshot(1000);
    if (m_options.demo)
        QTimer::singleShot(0, panel, [panel] { panel->run(); });
    else
        m_runDone = true;
    quitIfDone();
}

void DemoDriver::doLessonStep(int step)
{
    LessonDock *dock = m_window.lessonDock();
    if (step > dock->lesson().steps.size()) {
        printLine(tr("--lesson-step %1: the lesson has %2 steps")
                      .arg(step)
                      .arg(dock->lesson().steps.size()));
        m_exitCode = 2;
        return;
    }
    for (int i = 1; i < step; ++i)
        dock->next();
    // An atlas step shows the Atlas panel: that is the panel to begin (and screenshot) then.
    if (dock->lesson().steps[step - 1].isAtlasStep() && m_options.panel.isEmpty())
        m_options.panel = QStringLiteral("atlas");
    dock->doStep();
}

void DemoDriver::beginAtlas()
{
    AtlasPanel *panel = m_window.atlasPanel();
    m_window.showPanel(QStringLiteral("atlas"));
    if (m_options.quitWhenDone)
        panel->setErrorReporter(failAndQuit());
    if (!m_options.atlasPath.isEmpty() && panel->open(m_options.atlasPath) && m_options.demo) {
        // --demo: measure too (cached results arrive at once); the picture waits for it.
        connect(panel, &AtlasPanel::measured, this, &DemoDriver::jobDone);
        QTimer::singleShot(0, panel, [this, panel] {
            if (!panel->measure())
                jobDone();
        });
        return;
    }
    if (!m_options.atlasSelect.isEmpty() && !panel->selectMemberNamed(m_options.atlasSelect)) {
        printLine(
            tr("--atlas-select: no member %1 in %2").arg(m_options.atlasSelect, panel->path()));
        m_exitCode = 2;
    }
    if (!m_options.screenshotPath.isEmpty())
        scheduleScreenshot(m_options.screenshotAfterSeconds >= 0.0
                               ? int(m_options.screenshotAfterSeconds * 1000.0)
                               : 1000);
    m_runDone = true;
    quitIfDone();
}

void DemoDriver::beginHumans()
{
    HumansPanel *panel = m_window.humansPanel();
    // Before the panel is shown: showing it loads fetched data it found at start, unless it was
    // told what to load.
    if (!m_options.humansData.isEmpty())
        panel->setDataDirectories(m_options.humansData);
    else if (!m_options.humansFetch.isEmpty())
        panel->setDataDirectories({});
    m_window.showPanel(QStringLiteral("humans"));
    if (!m_options.view.isEmpty())
        panel->showView(m_options.view);
    if (m_options.quitWhenDone)
        panel->setErrorReporter(failAndQuit());
    if (!m_options.matrixPath.isEmpty())
        panel->openMatrix(m_options.matrixPath);
    if (!m_options.humansFetch.isEmpty()) {
        // Fetch, then the panel loads what arrived; the picture waits for the κ matrix.
        connect(panel, &HumansPanel::loaded, this, [this, panel] {
            if (!m_options.experiment.isEmpty())
                panel->setExperiment(m_options.experiment);
        });
        connect(panel, &HumansPanel::consistencyShown, this, &DemoDriver::jobDone);
        connect(panel, &HumansPanel::fetched, this, [this](bool arrived) {
            if (!arrived)
                jobDone();
        });
        QTimer::singleShot(0, panel, [this, panel] {
            if (!panel->fetchHumanData(m_options.humansFetch))
                jobDone();
        });
        return;
    }
    if (m_options.humansData.isEmpty()) {
        if (!m_options.screenshotPath.isEmpty())
            scheduleScreenshot(1000);
        m_runDone = true;
        quitIfDone();
        return;
    }
    panel->setDataDirectories(m_options.humansData);
    connect(panel, &HumansPanel::loaded, this, [this, panel] {
        if (!m_options.experiment.isEmpty())
            panel->setExperiment(m_options.experiment);
    });
    // The κ matrix comes last (worker thread); the picture waits for it.
    connect(panel, &HumansPanel::consistencyShown, this, &DemoDriver::jobDone);
    QTimer::singleShot(0, panel, [panel] { panel->load(); });
}

void DemoDriver::beginDegradations()
{
    DegradationPanel *panel = m_window.degradationPanel();
    m_window.showPanel(QStringLiteral("degradations"));
    panel->setErrorReporter(failAndQuit());
    if (!m_options.degradation.isEmpty())
        panel->setType(m_options.degradation);
    if (!m_options.level.isEmpty()) {
        try {
            const auto &info = core::DegradationRegistry::info(panel->type().toStdString());
            panel->setLevel(
                core::DegradationRegistry::parseLevel(info, m_options.level.toStdString()));
        } catch (const std::exception &e) {
            printLine(QStringLiteral("--level: %1").arg(QString::fromStdString(e.what())));
            m_exitCode = 2;
        }
    }
    connect(panel, &DegradationPanel::gridRendered, this, &DemoDriver::jobDone);
    connect(panel, &DegradationPanel::sampleFailed, this, [this] {
        m_runDone = true; // the error reporter said why
        quitIfDone();
    });
    const QString image
        = m_options.image.isEmpty() ? QStringLiteral("fashion-mnist:test#0") : m_options.image;
    const int hash = int(image.lastIndexOf(QLatin1Char('#')));
    const bool sample = hash > 0 && !QFileInfo::exists(image);
    const bool opened = sample
        ? panel->openDatasetSample(image.left(hash), image.mid(hash + 1).toInt())
        : panel->openImage(image);
    if (!opened) {
        m_runDone = true;
        quitIfDone();
    }
}

void DemoDriver::begin()
{
    if (m_options.quitWhenDone)
        m_window.setErrorReporter([this](const QString &title, const QString &message) {
            printLine(QStringLiteral("%1: %2").arg(title, message));
            m_exitCode = 2;
        });
    if (m_options.presentation)
        m_window.setPresentationMode(true);
    if (m_options.workspace)
        m_window.setWorkspaceVisible(true);
    if (m_options.tileViews)
        // After the panel below is shown and its view picked.
        QTimer::singleShot(0, this, [this] {
            if (widgets::DockArea *views = m_window.currentViews())
                views->tile();
        });
    if (!m_options.lesson.isEmpty()) {
        QString path = m_options.lesson;
        bool number = false;
        const int index = path.toInt(&number);
        const QStringList lessons = Lesson::embedded();
        if (number && index >= 1 && index <= lessons.size())
            path = lessons[index - 1];
        if (!m_window.openLesson(path))
            m_exitCode = 2;
        else if (m_options.lessonStep > 0)
            doLessonStep(m_options.lessonStep);
    }
    if (m_options.panel == QLatin1String("degradations")) {
        beginDegradations();
        return;
    }
    if (m_options.panel == QLatin1String("humans")) {
        beginHumans();
        return;
    }
    if (m_options.panel == QLatin1String("robustness")) {
        beginRobustness();
        return;
    }
    if (m_options.panel == QLatin1String("rln")) {
        beginRln();
        return;
    }
    if (m_options.panel == QLatin1String("atlas")) {
        beginAtlas();
        return;
    }
    if (m_options.panel == QLatin1String("start")
        || (m_options.panel.isEmpty() && !m_options.demo && m_options.view.isEmpty()
            && m_options.ssl.isEmpty() && m_options.outDirectory.isEmpty()
            && m_options.lesson.isEmpty() && m_options.epochs <= 0 && m_options.limit < 0)) {
        // The start page, as a plain start shows it.
        m_window.showPanel(QStringLiteral("start"));
        if (!m_options.screenshotPath.isEmpty())
            scheduleStartScreenshot(1000);
        m_runDone = true;
        quitIfDone();
        return;
    }
    TrainingPanel *panel = m_window.trainingPanel();
    m_window.showPanel(QStringLiteral("training"));
    // The demo shows structured sparsity at work: group Lasso on the conv layers' filters and
    // channels (the tuned preset), the filter grid in front, so filters fade as it trains.
    const bool demoPreset = m_options.demo && m_options.ssl.isEmpty() && m_options.lesson.isEmpty();
    if (demoPreset && !panel->loadConfigFile(QString::fromLatin1(MainWindow::kDemoPreset)))
        m_exitCode = 2;
    if (m_options.epochs > 0)
        panel->setEpochs(m_options.epochs);
    if (m_options.limit >= 0)
        panel->setLimit(m_options.limit);
    if (!m_options.outDirectory.isEmpty())
        panel->setRunFolder(QDir(m_options.outDirectory).absolutePath());
    if (m_options.quitWhenDone) {
        // Nobody is there to close a dialog: errors go to stderr and the exit code.
        panel->setErrorReporter([](const QString &title, const QString &message) {
            printLine(QStringLiteral("%1: %2").arg(title, message));
        });
    }
    if (!m_options.view.isEmpty())
        panel->showView(m_options.view);
    else if (demoPreset)
        panel->showView(QStringLiteral("filters"));
    if (!m_options.ssl.isEmpty()) {
        try {
            panel->strengthEditor()->applyTerms(
                core::SparsityConfig::parseFlag(m_options.ssl.toStdString()));
        } catch (const std::exception &e) {
            printLine(QStringLiteral("--ssl: %1").arg(QString::fromStdString(e.what())));
            m_exitCode = 2;
        }
    }
    connect(panel, &TrainingPanel::runFinished, this, &DemoDriver::onRunFinished);
    connect(panel, &TrainingPanel::statusMessage, this, &printLine);

    if (!m_options.screenshotPath.isEmpty()) {
        if (m_options.screenshotAfterSeconds >= 0.0)
            scheduleScreenshot(static_cast<int>(m_options.screenshotAfterSeconds * 1000.0));
        else if (!m_options.demo)
            scheduleScreenshot(1000);
        else if (!thinAfterRun())
            connect(panel, &TrainingPanel::epochFinished, this,
                    [this] { scheduleScreenshot(kSettleMs); });
    }
    if (m_options.demo)
        QTimer::singleShot(0, panel, &TrainingPanel::start);
    else
        m_runDone = true;
    quitIfDone();
}

DemoDriver::ErrorReporter DemoDriver::failAndQuit()
{
    // Nobody is there to close a dialog: the error goes to stderr, the exit code is 2.
    return [this](const QString &title, const QString &message) {
        printLine(QStringLiteral("%1: %2").arg(title, message));
        m_exitCode = 2;
        m_runDone = true;
        quitIfDone();
    };
}

void DemoDriver::jobDone()
{
    m_runDone = true;
    if (!m_options.screenshotPath.isEmpty())
        scheduleScreenshot(kSettleMs);
    quitIfDone();
}

void DemoDriver::scheduleStartScreenshot(int defaultMs)
{
    // --screenshot-after, or without --demo (nothing to wait for) after `defaultMs`.
    if (!m_options.screenshotPath.isEmpty()
        && (m_options.screenshotAfterSeconds >= 0.0 || !m_options.demo))
        scheduleScreenshot(m_options.screenshotAfterSeconds >= 0.0
                               ? static_cast<int>(m_options.screenshotAfterSeconds * 1000.0)
                               : defaultMs);
}

void DemoDriver::scheduleScreenshot(int delayMs)
{
    if (m_screenshotScheduled)
        return;
    m_screenshotScheduled = true;
    QTimer::singleShot(delayMs, this, &DemoDriver::takeScreenshot);
}

void DemoDriver::takeScreenshot()
{
    // Draw what is queued now: grab() paints from the plot's buffer.
    for (QCustomPlot *plot : m_window.findChildren<QCustomPlot *>())
        plot->replot(QCustomPlot::rpImmediateRefresh);
    const QString path = QFileInfo(m_options.screenshotPath).absoluteFilePath();
    if (m_window.grab().save(path))
        printLine(tr("Screenshot written to %1").arg(path));
    else {
        printLine(tr("Could not write the screenshot %1").arg(path));
        m_exitCode = 2;
    }
    m_screenshotDone = true;
    quitIfDone();
}

bool DemoDriver::thinAfterRun() const
{
    return m_options.demo && m_options.view == QLatin1String("thin");
}

void DemoDriver::onRunFinished(core::TrainStatus status, const QString &)
{
    if (m_exitCode == 0)
        m_exitCode = status == core::TrainStatus::Completed ? 0
            : status == core::TrainStatus::Cancelled        ? 1
                                                            : 2;
    if (thinAfterRun() && status == core::TrainStatus::Completed) {
        // --view thin: thin the model just trained, then show and photograph the comparison.
        TrainingPanel *panel = m_window.trainingPanel();
        connect(panel->thinView(), &ThinCompareView::compared, this, &DemoDriver::jobDone);
        connect(panel->thinView(), &ThinCompareView::failed, this, [this] {
            m_exitCode = 2;
            jobDone();
        });
        panel->thinAndCompare();
        return;
    }
    m_runDone = true;
    if (!m_options.screenshotPath.isEmpty())
        scheduleScreenshot(kSettleMs);
    quitIfDone();
}

void DemoDriver::quitIfDone()
{
    if (!m_options.quitWhenDone || !m_runDone)
        return;
    if (!m_options.screenshotPath.isEmpty() && !m_screenshotDone)
        return;
    Q_EMIT quitRequested(m_exitCode);
}

} // namespace sparsescope::app
