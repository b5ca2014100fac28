// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecentFiles.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;

namespace sparsescope::widgets {
class DockArea;
} // namespace sparsescope::widgets

namespace sparsescope::app {

class DegradationPanel;
class LessonDock;
class WorkspaceTree;
class HumansPanel;
class RlnPanel;
class RobustnessPanel;
class AtlasPanel;
class StartPage;
class TrainingPanel;

/// The main window: File (Open model…, Open dataset…, Open Recent, Quit), Training and Help
/// menus, the training panel, and a status bar with the running job's progress and ETA.
/// Window geometry and the recent list are kept in QSettings ("SparseScope", "SparseScope").
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// The demo's training config: group Lasso on LeNet-5's conv filters and channels.
    static constexpr const char *kDemoPreset = ":/presets/ssl-filter-channel.json";

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The shown panel's dockable views; nullptr for a panel without them.
    widgets::DockArea *currentViews() const;
    /// File → Export All Figures of This Panel (Ctrl+E): the shown panel's exportAll into
    /// `directory`; errors go to the error reporter naming the folder.
    bool exportCurrentPanel(const QString &directory);
    /// Shows or hides the workspace tree dock (View → Workspace).
    void setWorkspaceVisible(bool visible);

    TrainingPanel *trainingPanel() const { return m_trainingPanel; }
    RobustnessPanel *robustnessPanel() const { return m_robustnessPanel; }
    AtlasPanel *atlasPanel() const { return m_atlasPanel; }
    RlnPanel *rlnPanel() const { return m_rlnPanel; }
    HumansPanel *humansPanel() const { return m_humansPanel; }
    DegradationPanel *degradationPanel() const { return m_degradationPanel; }
    StartPage *startPage() const { return m_startPage; }
    /// Brings a panel to the front: "start", "training", "robustness", "rln", "degradations"
    /// or "humans".
    void showPanel(const QString &name);
    /// The name showPanel() takes of the panel shown now.
    QString currentPanel() const;
    RecentFiles &recentFiles() { return m_recentFiles; }
    LessonDock *lessonDock() const { return m_lessonDock; }
    WorkspaceTree *workspaceTree() const { return m_workspaceTree; }
    /// Opens a lesson (a file or ":/lessons/…") in the lesson dock beside the training panel;
    /// false (and an error dialog, or `reporter`'s call) when it cannot be read.
    bool openLesson(const QString &path);
    /// Presentation mode: every font (widgets and plots) 1.5 times larger, for a projector.
    void setPresentationMode(bool on);
    bool isPresentationMode() const { return m_presentation; }
    /// Errors of openLesson go here instead of a dialog (tests, unattended runs).
    void setErrorReporter(std::function<void(const QString &, const QString &)> reporter)
    {
        m_reportError = std::move(reporter);
    }

    /// The About box's text: version, libraries, licence.
    QString aboutText() const;
    /// Puts a model reference or dataset spec into the training panel and the recent list.
    void openRecentEntry(const RecentEntry &entry);
    /// What a file or folder dropped on the window opens: a run folder or a model file (.pt,
    /// .pth, .ts) as the model; a workspace, lesson or training config (.json, by content); any
    /// IDX or CIFAR-10 file or other folder as the training data. Returns what it was taken for
    /// ("model", "dataset", "workspace", "lesson", "config"), or an empty string after reporting
    /// why not.
    QString openDroppedPath(const QString &path);
    /// Whether a dropped path is something openDroppedPath() takes (folders, model files, JSON,
    /// IDX and CIFAR-10 batch files); other files are left to the panel under the cursor.
    static bool acceptsDrop(const QString &path);

public Q_SLOTS:
    /// The start page's demo: the demo preset (group Lasso on LeNet-5's conv filters and
    /// channels) in the training panel, the filter grid in front, training started.
    void runDemo();
    void openModel();
    void saveWorkspace();
    void openWorkspace();
    void openDataset();
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void connectStartPage();
    void updatePanelShortcuts();
    void createMenus();
    void createStatusBar();
    void rebuildRecentMenu();
    void showProgress(double fraction, const QString &text);
    void restoreSettings();
    void saveSettings() const;
    void fillPanelViewsMenu();

    TrainingPanel *m_trainingPanel = nullptr;
    RobustnessPanel *m_robustnessPanel = nullptr;
    AtlasPanel *m_atlasPanel = nullptr;
    RlnPanel *m_rlnPanel = nullptr;
    HumansPanel *m_humansPanel = nullptr;
    DegradationPanel *m_degradationPanel = nullptr;
    StartPage *m_startPage = nullptr;
    QTabWidget *m_panels = nullptr;
    RecentFiles m_recentFiles;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_panelViewsMenu = nullptr;
    QProgressBar *m_statusProgress = nullptr;
    QLabel *m_statusEta = nullptr;
    LessonDock *m_lessonDock = nullptr;
    WorkspaceTree *m_workspaceTree = nullptr;
    QDockWidget *m_workspaceDock = nullptr;
    QAction *m_presentationAction = nullptr;
    bool m_presentation = false;
    std::function<void(const QString &, const QString &)> m_reportError;
};

} // namespace sparsescope::app
