// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/FigureSizeDialog.h"
#include "teaching/LessonDock.h"
#include <qcustomplot.h>

#include "AppInfo.h"
#include "Workspace.h"
#include "WorkspaceTree.h"
#include "panels/AtlasPanel.h"
#include "panels/DegradationPanel.h"
#include "panels/HumansPanel.h"
#include "panels/RlnPanel.h"
#include "panels/RobustnessPanel.h"
#include "panels/StartPage.h"
#include "panels/TrainingForm.h"
#include "panels/TrainingPanel.h"

#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/training/RunFolder.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>

// Q_INIT_RESOURCE must be called from the global namespace; the app library is static, so the
// linker would otherwise drop the compiled resources.
static void initialiseResources()
{
    Q_INIT_RESOURCE(sparsescope);
}

namespace sparsescope::app {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kViewsKey = QStringLiteral("views/");

QString recentLabel(const RecentEntry &entry)
{
    return entry.kind == RecentEntry::Kind::Dataset ? MainWindow::tr("Data: %1").arg(entry.value)
                                                    : MainWindow::tr("Model: %1").arg(entry.value);
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initialiseResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("SparseScope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sparsescope.svg")));

    m_trainingPanel = new TrainingPanel(this);
    m_robustnessPanel = new RobustnessPanel(this);
    m_atlasPanel = new AtlasPanel(this);
    m_rlnPanel = new RlnPanel(this);
    m_degradationPanel = new DegradationPanel(this);
    m_humansPanel = new HumansPanel(this);
    m_panels = new QTabWidget(this);
    m_panels->setObjectName(QStringLiteral("panels"));
    m_panels->setDocumentMode(true);
    const QString runsRoot = TrainingForm::runsRoot();
    m_startPage = new StartPage(m_recentFiles, runsRoot, this);
    m_panels->addTab(m_startPage, tr("Start"));
    m_panels->addTab(m_trainingPanel, tr("&Training"));
    m_panels->addTab(m_robustnessPanel, tr("&Robustness"));
    m_panels->addTab(m_rlnPanel, tr("Ta&bular (RLN)"));
    m_panels->addTab(m_degradationPanel, tr("&Degradations"));
    m_panels->addTab(m_humansPanel, tr("&Humans vs DNNs"));
    m_panels->addTab(m_atlasPanel, tr("&Atlas"));
    setCentralWidget(m_panels);
    m_workspaceTree = new WorkspaceTree(m_recentFiles, runsRoot);
    m_workspaceDock = new QDockWidget(tr("Workspace"), this);
    m_workspaceDock->setObjectName(QStringLiteral("workspaceDock"));
    m_workspaceDock->setWidget(m_workspaceTree);
    addDockWidget(Qt::LeftDockWidgetArea, m_workspaceDock);
    m_workspaceDock->hide();
    connect(m_workspaceTree, &WorkspaceTree::modelChosen, this, [this](const QString &model) {
        showPanel(QStringLiteral("training"));
        m_trainingPanel->setModel(model);
    });
    connect(m_workspaceTree, &WorkspaceTree::datasetChosen, this, [this](const QString &spec) {
        showPanel(QStringLiteral("training"));
        if (spec.endsWith(QStringLiteral(":test")))
            m_trainingPanel->setTestData(spec);
        else
            m_trainingPanel->setTrainingData(spec);
    });
    connect(m_workspaceTree, &WorkspaceTree::runChosen, this, [this](const QString &folder) {
        showPanel(QStringLiteral("training"));
        m_trainingPanel->setRunFolder(folder);
    });
    connectStartPage();
    m_lessonDock = new LessonDock(*m_trainingPanel, this);
    m_lessonDock->setAtlasPanel(m_atlasPanel);
    connect(m_lessonDock, &LessonDock::panelWanted, this, &MainWindow::showPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();
    m_reportError = [this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    };
    setAcceptDrops(true);
    createMenus();
    createStatusBar();
    // The Training menu's shortcuts (Ctrl+R, Space, Ctrl+.) are window-wide; other panels use the
    // same keys for their own Run/Stop, so the training ones are live only on the training tab.
    for (QAction *action : {m_trainingPanel->startAction(), m_trainingPanel->pauseAction(),
                            m_trainingPanel->stopAction(), m_trainingPanel->thinAction()})
        action->setProperty("sparsescopeShortcuts", QVariant::fromValue(action->shortcuts()));
    connect(m_panels, &QTabWidget::currentChanged, this, &MainWindow::updatePanelShortcuts);
    updatePanelShortcuts();

    connect(m_trainingPanel, &TrainingPanel::progressChanged, this, &MainWindow::showProgress);
    connect(m_trainingPanel, &TrainingPanel::runStarted, this, [this] {
        m_statusProgress->show();
        m_statusEta->show();
        statusBar()->clearMessage();
    });
    connect(m_trainingPanel, &TrainingPanel::runFinished, this,
            [this](core::TrainStatus, const QString &summary) {
                m_statusProgress->hide();
                m_statusEta->hide();
                statusBar()->showMessage(summary);
            });
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectStartPage()
{
    connect(m_startPage, &StartPage::demoRequested, this, &MainWindow::runDemo);
    connect(m_startPage, &StartPage::lessonRequested, this, &MainWindow::openLesson);
    connect(m_startPage, &StartPage::openModelRequested, this, &MainWindow::openModel);
    connect(m_startPage, &StartPage::openWorkspaceRequested, this, &MainWindow::openWorkspace);
    connect(m_startPage, &StartPage::runChosen, this, [this](const QString &folder) {
        showPanel(QStringLiteral("training"));
        m_trainingPanel->setRunFolder(folder);
    });
    connect(m_startPage, &StartPage::recentChosen, this, [this](const RecentEntry &entry) {
        showPanel(QStringLiteral("training"));
        openRecentEntry(entry);
    });
    connect(m_startPage, &StartPage::humanDataRequested, this, [this](bool fetch) {
        showPanel(QStringLiteral("humans"));
        if (fetch)
            m_humansPanel->askAndFetch();
    });
}

void MainWindow::runDemo()
{
    showPanel(QStringLiteral("training"));
    if (m_trainingPanel->isRunning())
        return;
    if (!m_trainingPanel->loadConfigFile(QString::fromLatin1(kDemoPreset)))
        return;
    m_trainingPanel->showView(QStringLiteral("filters"));
    m_trainingPanel->start();
}

void MainWindow::showPanel(const QString &name)
{
    QWidget *panel = m_trainingPanel;
    if (name == QLatin1String("start"))
        panel = m_startPage;
    else if (name == QLatin1String("robustness"))
        panel = m_robustnessPanel;
    else if (name == QLatin1String("rln"))
        panel = m_rlnPanel;
    else if (name == QLatin1String("humans"))
        panel = m_humansPanel;
    else if (name == QLatin1String("degradations"))
        panel = m_degradationPanel;
    else if (name == QLatin1String("atlas"))
        panel = m_atlasPanel;
    m_panels->setCurrentWidget(panel);
}

bool MainWindow::openLesson(const QString &path)
{
    try {
        m_lessonDock->setLesson(Lesson::fromFile(path));
    } catch (const std::exception &error) {
        m_reportError(tr("Lesson"), QString::fromUtf8(error.what()));
        return false;
    }
    showPanel(QStringLiteral("training"));
    m_lessonDock->show();
    m_lessonDock->raise();
    return true;
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    const double factor = on ? 1.5 : 1.0 / 1.5;
    auto scaled = [factor](QFont font) {
        font.setPointSizeF(font.pointSizeF() * factor);
        return font;
    };
    QFont windowFont = font();
    setFont(scaled(windowFont));
    // QCustomPlot draws with fonts of its own.
    for (QCustomPlot *plot : findChildren<QCustomPlot *>()) {
        for (QCPAxis *axis : plot->axisRect() ? plot->axisRect()->axes() : QList<QCPAxis *>()) {
            axis->setTickLabelFont(scaled(axis->tickLabelFont()));
            axis->setLabelFont(scaled(axis->labelFont()));
        }
        if (plot->legend)
            plot->legend->setFont(scaled(plot->legend->font()));
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    // Full screen for the audience; leaving restores the state before (maximised or not).
    setWindowState(on ? windowState() | Qt::WindowFullScreen
                      : windowState() & ~Qt::WindowFullScreen);
    if (m_presentationAction && m_presentationAction->isChecked() != on)
        m_presentationAction->setChecked(on);
    statusBar()->showMessage(on ? tr("Presentation mode (F11 to leave)") : QString(), 3000);
}

void MainWindow::updatePanelShortcuts()
{
    const bool training = m_panels->currentWidget() == m_trainingPanel;
    for (QAction *action : {m_trainingPanel->startAction(), m_trainingPanel->pauseAction(),
                            m_trainingPanel->stopAction(), m_trainingPanel->thinAction()})
        action->setShortcuts(
            training ? action->property("sparsescopeShortcuts").value<QList<QKeySequence>>()
                     : QList<QKeySequence> {});
}

QString MainWindow::currentPanel() const
{
    const QWidget *shown = m_panels->currentWidget();
    if (shown == m_startPage)
        return QStringLiteral("start");
    if (shown == m_robustnessPanel)
        return QStringLiteral("robustness");
    if (shown == m_rlnPanel)
        return QStringLiteral("rln");
    if (shown == m_degradationPanel)
        return QStringLiteral("degradations");
    if (shown == m_humansPanel)
        return QStringLiteral("humans");
    if (shown == m_atlasPanel)
        return QStringLiteral("atlas");
    return QStringLiteral("training");
}

void MainWindow::saveWorkspace()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save workspace"), QStringLiteral("workspace.json"), tr("Workspace (*.json)"));
    QString error;
    if (!path.isEmpty() && !Workspace::save(*this, path, &error))
        m_reportError(tr("Save workspace"), error);
}

void MainWindow::openWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QString(),
                                                      tr("Workspace (*.json)"));
    QString error;
    if (!path.isEmpty() && !Workspace::open(*this, path, &error))
        m_reportError(tr("Open workspace"), error);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    QAction *openModel = file->addAction(tr("Open &Model…"), this, &MainWindow::openModel);
    openModel->setObjectName(QStringLiteral("actionOpenModel"));
    openModel->setShortcut(QKeySequence::Open);
    QAction *openDataset = file->addAction(tr("Open &Dataset…"), this, &MainWindow::openDataset);
    openDataset->setObjectName(QStringLiteral("actionOpenDataset"));
    openDataset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuOpenRecent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    QAction *openWs = file->addAction(tr("Open &Workspace…"), this, &MainWindow::openWorkspace);
    openWs->setObjectName(QStringLiteral("actionOpenWorkspace"));
    QAction *saveWs = file->addAction(tr("&Save Workspace…"), this, &MainWindow::saveWorkspace);
    saveWs->setObjectName(QStringLiteral("actionSaveWorkspace"));
    saveWs->setShortcut(QKeySequence::Save);
    file->addSeparator();
    QAction *exportAll = file->addAction(tr("&Export All Figures of This Panel…"), this, [this] {
        const QString directory
            = QFileDialog::getExistingDirectory(this, tr("Export all figures into"));
        if (!directory.isEmpty())
            exportCurrentPanel(directory);
    });
    exportAll->setObjectName(QStringLiteral("actionExportAll"));
    exportAll->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *training = menuBar()->addMenu(tr("&Training"));
    training->setObjectName(QStringLiteral("menuTraining"));
    training->addAction(m_trainingPanel->startAction());
    training->addAction(m_trainingPanel->pauseAction());
    training->addAction(m_trainingPanel->stopAction());
    training->addSeparator();
    training->addAction(m_trainingPanel->thinAction());
    training->addSeparator();
    QMenu *presets = training->addMenu(tr("P&resets"));
    presets->setObjectName(QStringLiteral("menuPresets"));
    for (const QString &path : TrainingPanel::presets())
        presets->addAction(QFileInfo(path).completeBaseName(), this, [this, path] {
            showPanel(QStringLiteral("training"));
            m_trainingPanel->loadConfigFile(path);
        });
    QAction *openConfig = training->addAction(tr("&Open config…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open training config"),
                                                          QString(), tr("JSON (*.json)"));
        if (!path.isEmpty()) {
            showPanel(QStringLiteral("training"));
            m_trainingPanel->loadConfigFile(path);
        }
    });
    openConfig->setObjectName(QStringLiteral("actionOpenConfig"));
    QAction *saveConfig = training->addAction(tr("&Save config as…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save training config"), QStringLiteral("config.json"), tr("JSON (*.json)"));
        if (!path.isEmpty())
            m_trainingPanel->saveConfigFile(path);
    });
    saveConfig->setObjectName(QStringLiteral("actionSaveConfig"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    m_presentationAction = view->addAction(tr("&Presentation mode"));
    m_presentationAction->setObjectName(QStringLiteral("actionPresentation"));
    m_presentationAction->setCheckable(true);
    m_presentationAction->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
    QAction *workspace = m_workspaceDock->toggleViewAction();
    workspace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    view->addAction(workspace);
    view->addAction(m_lessonDock->toggleViewAction());
    // The shown panel's dockable views: show/hide each, tile them all, tab them again.
    m_panelViewsMenu = view->addMenu(tr("Panel &views"));
    m_panelViewsMenu->setObjectName(QStringLiteral("menuPanelViews"));
    connect(m_panelViewsMenu, &QMenu::aboutToShow, this, &MainWindow::fillPanelViewsMenu);
    fillPanelViewsMenu();
    QAction *tile = view->addAction(tr("&Tile panel views"), this, [this] {
        if (widgets::DockArea *area = currentViews())
            area->tile();
    });
    tile->setObjectName(QStringLiteral("actionTileViews"));
    tile->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QAction *tab = view->addAction(tr("T&ab panel views"), this, [this] {
        if (widgets::DockArea *area = currentViews())
            area->tabAll(area->currentView());
    });
    tab->setObjectName(QStringLiteral("actionTabViews"));
    tab->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QMenu *lessons = help->addMenu(tr("&Lessons"));
    lessons->setObjectName(QStringLiteral("menuLessons"));
    for (const QString &path : Lesson::embedded()) {
        QString title = QFileInfo(path).completeBaseName();
        try {
            title = Lesson::fromFile(path).title;
        } catch (const std::exception &) {
            // listed by file name; opening it reports the problem
        }
        lessons->addAction(title, this, [this, path] { openLesson(path); });
    }
    lessons->addSeparator();
    lessons->addAction(tr("Open lesson file…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(),
                                                          tr("Lesson (*.json)"));
        if (!path.isEmpty())
            openLesson(path);
    });
    QAction *about = help->addAction(tr("&About SparseScope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("actionAboutQt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createStatusBar()
{
    m_statusEta = new QLabel;
    m_statusEta->setObjectName(QStringLiteral("statusEta"));
    m_statusProgress = new QProgressBar;
    m_statusProgress->setObjectName(QStringLiteral("statusProgress"));
    m_statusProgress->setRange(0, 1000);
    m_statusProgress->setTextVisible(false);
    m_statusProgress->setMaximumWidth(180);
    statusBar()->addPermanentWidget(m_statusEta);
    statusBar()->addPermanentWidget(m_statusProgress);
    m_statusEta->hide();
    m_statusProgress->hide();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::showProgress(double fraction, const QString &text)
{
    m_statusProgress->setValue(static_cast<int>(fraction * 1000.0));
    m_statusEta->setText(text);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QList<RecentEntry> entries = m_recentFiles.entries();
    for (int i = 0; i < entries.size(); ++i) {
        const RecentEntry entry = entries[i];
        QAction *action
            = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(recentLabel(entry)),
                                      this, [this, entry] { openRecentEntry(entry); });
        action->setData(entry.value);
    }
    if (entries.isEmpty()) {
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear Recent"), this, [this] {
        m_recentFiles.clear();
        rebuildRecentMenu();
    });
}

void MainWindow::openRecentEntry(const RecentEntry &entry)
{
    if (entry.kind == RecentEntry::Kind::Dataset)
        m_trainingPanel->setTrainingData(entry.value);
    else
        m_trainingPanel->setModel(entry.value);
    m_recentFiles.add(entry);
    rebuildRecentMenu();
}

QString MainWindow::openDroppedPath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        m_reportError(tr("Open"), tr("%1: no such file or folder").arg(path));
        return {};
    }
    const QDir folder(path);
    const bool run = info.isDir()
        && (folder.exists(QStringLiteral("model.pt")) || folder.exists(QStringLiteral("run.json")));
    const QString suffix = info.suffix().toLower();
    if (run
        || (!info.isDir()
            && (suffix == QLatin1String("pt") || suffix == QLatin1String("pth")
                || suffix == QLatin1String("ts")))) {
        showPanel(QStringLiteral("training"));
        openRecentEntry({RecentEntry::Kind::Model, info.absoluteFilePath()});
        return QStringLiteral("model");
    }
    if (!info.isDir() && suffix == QLatin1String("json")) {
        QFile file(path);
        const QByteArray text = file.open(QIODevice::ReadOnly) ? file.read(1 << 20) : QByteArray();
        const QJsonObject root = QJsonDocument::fromJson(text).object();
        if (root.contains(QStringLiteral("sparsescope_workspace"))) {
            QString error;
            if (!Workspace::open(*this, path, &error)) {
                m_reportError(tr("Open workspace"), error);
                return {};
            }
            return QStringLiteral("workspace");
        }
        if (root.contains(QStringLiteral("steps")) && root.contains(QStringLiteral("title")))
            return openLesson(path) ? QStringLiteral("lesson") : QString();
        showPanel(QStringLiteral("training"));
        return m_trainingPanel->loadConfigFile(path) ? QStringLiteral("config") : QString();
    }
    if (!acceptsDrop(path)) {
        m_reportError(tr("Open"),
                      tr("%1: not a model, dataset, workspace, lesson or training "
                         "config")
                          .arg(path));
        return {};
    }
    showPanel(QStringLiteral("training"));
    openRecentEntry({RecentEntry::Kind::Dataset, TrainingPanel::datasetSpecForFile(path)});
    return QStringLiteral("dataset");
}

bool MainWindow::acceptsDrop(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return true; // a run folder or an image folder
    const QString suffix = info.suffix().toLower();
    const QString name = info.fileName().toLower();
    return suffix == QLatin1String("pt") || suffix == QLatin1String("pth")
        || suffix == QLatin1String("ts") || suffix == QLatin1String("json")
        || name.contains(QLatin1String("idx")) || suffix == QLatin1String("bin");
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        for (const QUrl &url : event->mimeData()->urls())
            if (url.isLocalFile() && acceptsDrop(url.toLocalFile())) {
                event->acceptProposedAction();
                return;
            }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            openDroppedPath(url.toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::openModel()
{
    const QString path = m_trainingPanel->browseModel();
    if (path.isEmpty())
        return;
    m_recentFiles.add({RecentEntry::Kind::Model, path});
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Model: %1").arg(path), 5000);
}

void MainWindow::openDataset()
{
    const QString spec = m_trainingPanel->browseTrainingData();
    if (spec.isEmpty())
        return;
    m_recentFiles.add({RecentEntry::Kind::Dataset, spec});
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Training data: %1").arg(spec), 5000);
}

QString MainWindow::aboutText() const
{
    return tr("<h3>SparseScope %1</h3>"
              "<p>Seeing and shaping sparsity and robustness in neural networks.</p>"
              "<p>Built with Qt %2; %3.</p>"
              "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
        .arg(applicationVersion(), QString::fromLatin1(qVersion()),
             QString::fromStdString(core::Runtime::libraryVersions()).toHtmlEscaped());
}

widgets::DockArea *MainWindow::currentViews() const
{
    QWidget *panel = m_panels->currentWidget();
    return panel ? panel->findChild<widgets::DockArea *>() : nullptr;
}

bool MainWindow::exportCurrentPanel(const QString &directory)
{
    // A run folder's own files (structure.csv, …) share names with the export's.
    if (const std::string work = core::RunFolder::workIn(directory.toStdString()); !work.empty()) {
        m_reportError(tr("Export"),
                      tr("%1 holds a run (%2): export into another folder, so that the run's own "
                         "files stay as they are.")
                          .arg(directory, QString::fromStdString(work)));
        return false;
    }
    QWidget *shown = m_panels->currentWidget();
    bool ok = false;
    if (shown == m_trainingPanel)
        ok = m_trainingPanel->exportAll(directory);
    else if (shown == m_robustnessPanel)
        ok = m_robustnessPanel->exportAll(directory);
    else if (shown == m_rlnPanel)
        ok = m_rlnPanel->exportAll(directory);
    else if (shown == m_humansPanel)
        ok = m_humansPanel->exportAll(directory);
    else if (shown == m_atlasPanel)
        ok = m_atlasPanel->exportAll(directory);
    else if (shown == m_startPage) {
        m_reportError(tr("Export"), tr("The start page has no figures: show a panel first."));
        return false;
    } else {
        m_reportError(tr("Export"),
                      tr("The degradations panel exports its image and grid with "
                         "Save image… and Export grid…"));
        return false;
    }
    if (ok)
        statusBar()->showMessage(tr("Figures and tables written to %1").arg(directory), 5000);
    else
        m_reportError(tr("Export"), tr("%1: some files could not be written").arg(directory));
    return ok;
}

void MainWindow::setWorkspaceVisible(bool visible)
{
    m_workspaceDock->setVisible(visible);
}

void MainWindow::fillPanelViewsMenu()
{
    m_panelViewsMenu->clear();
    const widgets::DockArea *area = currentViews();
    if (!area) {
        m_panelViewsMenu->addAction(tr("(this panel has no dockable views)"))->setEnabled(false);
        return;
    }
    const QList<QAction *> actions = area->viewActions();
    for (QAction *action : actions) {
        if (action == area->tileAction())
            m_panelViewsMenu->addSeparator();
        m_panelViewsMenu->addAction(action);
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About SparseScope"), aboutText());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    QSettings settings(organisationName(), applicationName());
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: most of the screen, but not more than the layout needs.
        QSize size(1360, 860);
        if (const QScreen *screen = QApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.95);
        resize(size);
    }
    restoreState(settings.value(kStateKey).toByteArray());
    // Each panel's dockable views (tabbed, tiled, floated) as the user left them.
    for (widgets::DockArea *area : findChildren<widgets::DockArea *>())
        area->restoreLayout(settings.value(kViewsKey + area->objectName()).toByteArray());
    widgets::FigureExport::setDefaultSize(widgets::FigureSizeDialog::load());
}

void MainWindow::saveSettings() const
{
    QSettings settings(organisationName(), applicationName());
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    for (const widgets::DockArea *area : findChildren<widgets::DockArea *>())
        settings.setValue(kViewsKey + area->objectName(), area->saveLayout());
}

} // namespace sparsescope::app
