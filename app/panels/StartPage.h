// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecentFiles.h"

#include <QString>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace sparsescope::app {

/// The first tab a user sees (issue 22): run the demo, the four lessons, open a run, model or
/// workspace, the recent runs and files, and the 2018 human data (get it, or go to it). Every
/// choice is a signal the main window acts on; the lists refresh whenever the page is shown.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    /// `runsRoot`: the folder new runs go to (its run folders are the recent runs).
    StartPage(RecentFiles &recent, QString runsRoot, QWidget *parent = nullptr);

    /// Re-reads the recent runs, recent files and whether the human data is there.
    void refresh();
    QListWidget *recentRunsList() const { return m_runs; }
    QListWidget *recentFilesList() const { return m_files; }
    /// "found" or "missing": what the human-data box offers.
    QString humanDataState() const
    {
        return m_humanDataFound ? QStringLiteral("found") : QStringLiteral("missing");
    }

Q_SIGNALS:
    void demoRequested();
    void lessonRequested(const QString &path);
    void openModelRequested();
    void openWorkspaceRequested();
    void runChosen(const QString &folder);
    void recentChosen(const sparsescope::app::RecentEntry &entry);
    /// "Get the 2018 data…" (not there yet) or "Show Humans vs DNNs" (there).
    void humanDataRequested(bool fetch);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildBeginBox();
    QWidget *buildLessonsBox();
    QWidget *buildRecentBox();
    QWidget *buildHumanDataBox();

    RecentFiles &m_recent;
    QString m_runsRoot;
    QListWidget *m_runs = nullptr;
    QListWidget *m_files = nullptr;
    QLabel *m_humanDataLabel = nullptr;
    QPushButton *m_humanDataButton = nullptr;
    bool m_humanDataFound = false;
};

} // namespace sparsescope::app
