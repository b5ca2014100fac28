// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include "LaunchOptions.h"

#include "sparsescope/core/training/TrainResult.h"

#include <QObject>

namespace sparsescope::app {

class MainWindow;

/// Carries out the unattended parts of the command line on a shown MainWindow: fills the form
/// (--epochs, --limit, --out), starts training (--demo), grabs the window (--screenshot) and
/// asks to quit (--quit-when-done) once the run and the screenshot are done.
class DemoDriver : public QObject
{
    Q_OBJECT

public:
    DemoDriver(MainWindow &window, LaunchOptions options, QObject *parent = nullptr);

    void begin();
    /// 0 when the run completed (or none was started), 1 when it was stopped, 2 when it failed.
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void quitRequested(int exitCode);

private:
    void beginRobustness();
    void beginRln();
    void beginHumans();
    void beginAtlas();
    /// --lesson-step: the open lesson at `step` (1-based), its "Do it" done (an atlas step makes
    /// the Atlas panel the one to begin).
    void doLessonStep(int step);
    void beginDegradations();
    using ErrorReporter = std::function<void(const QString &, const QString &)>;
    /// For unattended runs: report on stderr, exit code 2, and end.
    ErrorReporter failAndQuit();
    /// The demo's job ended: screenshot (when asked) and quit (when asked).
    void jobDone();
    void scheduleStartScreenshot(int defaultMs);
    void scheduleScreenshot(int delayMs);
    void takeScreenshot();
    bool thinAfterRun() const;
    void onRunFinished(core::TrainStatus status, const QString &summary);
    void quitIfDone();

    MainWindow &m_window;
    LaunchOptions m_options;
    bool m_screenshotScheduled = false;
    bool m_screenshotDone = false;
    bool m_runDone = false;
    int m_exitCode = 0;
};

} // namespace sparsescope::app
