// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace sparsescope::app {

class MainWindow;

/// Crash recovery for the GUI (issue 19.7). While the program runs, a session marker
/// (session.json: the process id) sits in the data folder and the workspace is saved there
/// (autosave-workspace.json, atomically) every few minutes and whenever a training or RLN job
/// ends. A clean exit removes both. If the next start finds a marker whose process is gone,
/// the last session crashed: it offers to restore the autosaved workspace.
/// A second instance that finds a live marker does not autosave (it would overwrite the first's).
class Autosave : public QObject
{
    Q_OBJECT

public:
    using Confirmer = std::function<bool(const QString &title, const QString &question)>;
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    /// `directory`: where the marker and the autosave go (defaultDirectory() in the program).
    Autosave(MainWindow &window, QString directory, QObject *parent = nullptr);
    /// A clean exit: the marker and the autosave file are removed.
    ~Autosave() override;

    /// SPARSESCOPE_DATA_DIR, else the user's data folder (QStandardPaths::AppDataLocation).
    static QString defaultDirectory();
    /// SPARSESCOPE_AUTOSAVE_SECONDS × 1000, else 3 minutes.
    static int defaultIntervalMs();
    /// Asks "restore?" (yes: true); dialogs by default.
    void setConfirmer(Confirmer confirmer);
    void setErrorReporter(ErrorReporter reporter);
    /// Checks for a crashed session (and offers its workspace), writes this session's marker
    /// and starts the timer. False when another instance holds the marker (autosave stays off).
    bool start(int intervalMs = 3 * 60 * 1000);
    /// Saves the workspace now (no-op when not started); false with lastError() on failure.
    bool saveNow();

    bool isActive() const { return m_active; }
    QString autosavePath() const;
    QString markerPath() const;
    QString lastError() const { return m_lastError; }

private:
    /// The process id in the marker, or 0 when there is none or it cannot be read.
    qint64 markerPid() const;
    void offerRestore();

    MainWindow &m_window;
    QString m_directory;
    QTimer m_timer;
    bool m_active = false;
    QString m_lastError;
    Confirmer m_confirmer;
    ErrorReporter m_reportError;
};

} // namespace sparsescope::app
