// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "panels/TrainingPanel.h"

#include "sparsescope/core/Runtime.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>

using namespace sparsescope;

namespace {
QAction *findAction(const QWidget &window, const char *name)
{
    return window.findChild<QAction *>(QString::fromLatin1(name));
}
} // namespace

TEST(MainWindow, HasMenusAndActions)
{
    app::MainWindow window;
    for (const char *menu : {"menuFile", "menuOpenRecent", "menuTraining", "menuHelp"})
        EXPECT_NE(window.findChild<QMenu *>(QString::fromLatin1(menu)), nullptr) << menu;
    for (const char *action : {"actionOpenModel", "actionOpenDataset", "actionQuit", "actionAbout",
                               "actionStart", "actionPause", "actionStop"})
        EXPECT_NE(findAction(window, action), nullptr) << action;
    EXPECT_EQ(findAction(window, "actionQuit")->shortcut(), QKeySequence(QStringLiteral("Ctrl+Q")));
    EXPECT_EQ(findAction(window, "actionStart")->shortcut(),
              QKeySequence(QStringLiteral("Ctrl+R")));
    EXPECT_TRUE(
        findAction(window, "actionPause")->shortcuts().contains(QKeySequence(Qt::Key_Space)));
    EXPECT_EQ(findAction(window, "actionStop")->shortcut(), QKeySequence(QStringLiteral("Ctrl+.")));
    EXPECT_EQ(window.windowTitle(), QStringLiteral("SparseScope"));
    EXPECT_FALSE(window.windowIcon().isNull());
}

TEST(MainWindow, IdleStateAndDefaults)
{
    app::MainWindow window;
    app::TrainingPanel *panel = window.trainingPanel();
    ASSERT_NE(panel, nullptr);
    EXPECT_FALSE(panel->isRunning());
    EXPECT_TRUE(panel->findChild<QPushButton *>(QStringLiteral("startButton"))->isEnabled());
    EXPECT_FALSE(panel->findChild<QPushButton *>(QStringLiteral("pauseButton"))->isEnabled());
    EXPECT_FALSE(panel->findChild<QPushButton *>(QStringLiteral("stopButton"))->isEnabled());

    const core::TrainConfig config = panel->config();
    EXPECT_EQ(config.model, "lenet5");
    EXPECT_EQ(config.data, "fashion-mnist:train");
    EXPECT_EQ(config.testData, "fashion-mnist:test");
    EXPECT_EQ(config.epochs, 5);
    EXPECT_EQ(config.limit, 0u);
    EXPECT_TRUE(panel->runFolder().contains(QStringLiteral("/runs/")));
    // The empty plot invites the user to start.
    EXPECT_TRUE(panel->plot()->isEmpty());
    EXPECT_EQ(panel->plot()->placeholderText(),
              QStringLiteral("Press Start to train LeNet-5 on Fashion-MNIST"));
}

TEST(MainWindow, AboutNamesVersionAndLibraries)
{
    app::MainWindow window;
    const QString text = window.aboutText();
    EXPECT_TRUE(text.contains(QStringLiteral("0.1.0")));
    EXPECT_TRUE(
        text.contains(QString::fromStdString(core::Runtime::libraryVersions()).toHtmlEscaped()));
}

TEST(MainWindow, OpenRecentFillsThePanel)
{
    app::MainWindow window;
    window.recentFiles().clear();
    window.openRecentEntry({app::RecentEntry::Kind::Dataset, QStringLiteral("idx:/a,/b")});
    window.openRecentEntry({app::RecentEntry::Kind::Model, QStringLiteral("/models/net.pt")});
    EXPECT_EQ(window.trainingPanel()->trainingData(), QStringLiteral("idx:/a,/b"));
    EXPECT_EQ(window.trainingPanel()->model(), QStringLiteral("/models/net.pt"));

    QMenu *recent = window.findChild<QMenu *>(QStringLiteral("menuOpenRecent"));
    ASSERT_NE(recent, nullptr);
    Q_EMIT recent->aboutToShow();
    QStringList texts;
    for (QAction *action : recent->actions())
        texts << action->text();
    ASSERT_GE(texts.size(), 2);
    EXPECT_TRUE(texts[0].contains(QStringLiteral("/models/net.pt")));
    EXPECT_TRUE(texts[1].contains(QStringLiteral("idx:/a,/b")));
    window.recentFiles().clear();
}

TEST(MainWindow, DatasetSpecForChosenFiles)
{
    using app::TrainingPanel;
    EXPECT_EQ(TrainingPanel::datasetSpecForFile(QStringLiteral("/d/train-images-idx3-ubyte.gz")),
              QStringLiteral("idx:/d/train-images-idx3-ubyte.gz,/d/train-labels-idx1-ubyte.gz"));
    EXPECT_EQ(TrainingPanel::datasetSpecForFile(QStringLiteral("/c/data_batch_3.bin")),
              QStringLiteral("cifar10:/c"));
    EXPECT_EQ(TrainingPanel::datasetSpecForFile(QStringLiteral("/c/test_batch.bin")),
              QStringLiteral("cifar10:/c:test"));
    EXPECT_EQ(TrainingPanel::datasetSpecForFile(QStringLiteral("/x/data.csv")),
              QStringLiteral("/x/data.csv"));
}

TEST(MainWindow, ShowsAndClosesCleanly)
{
    auto window = std::make_unique<app::MainWindow>();
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    EXPECT_GT(window->width(), 600);
    window->close();
    window.reset();
}

TEST(MainWindow, PanelViewsMenuTilesAndRemembersTheLayout)
{
    const QStringList training
        = {QStringLiteral("curves"), QStringLiteral("filters"), QStringLiteral("structure"),
           QStringLiteral("norms"), QStringLiteral("thin")};
    {
        app::MainWindow window;
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        auto *views
            = window.trainingPanel()->findChild<widgets::DockArea *>(QStringLiteral("liveViews"));
        ASSERT_NE(views, nullptr);
        views->tabAll();
        QCoreApplication::processEvents();
        EXPECT_EQ(views->viewKeys(), training);

        // View → Panel views lists a toggle per view of the shown panel, then Tile and Tab.
        auto *menu = window.findChild<QMenu *>(QStringLiteral("menuPanelViews"));
        ASSERT_NE(menu, nullptr);
        emit menu->aboutToShow();
        QStringList toggles;
        for (QAction *action : menu->actions())
            if (action->isCheckable())
                toggles << action->text();
        EXPECT_EQ(toggles.size(), training.size()) << toggles.join(u',').toStdString();
        // Tabbed: only the front view is visible.
        int visible = 0;
        for (const QString &key : training)
            visible += views->isViewVisible(key) ? 1 : 0;
        EXPECT_EQ(visible, 1);

        QAction *tile = findAction(window, "actionTileViews");
        ASSERT_NE(tile, nullptr);
        EXPECT_EQ(tile->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+T")));
        tile->trigger();
        QCoreApplication::processEvents();
        for (const QString &key : training)
            EXPECT_TRUE(views->isViewVisible(key)) << key.toStdString();
        // Closing one view by its toggle hides it; the layout is saved on close.
        views->dock(QStringLiteral("norms"))->close();
        QCoreApplication::processEvents();
        EXPECT_FALSE(views->isViewVisible(QStringLiteral("norms")));
        window.close();
    }
    {
        // A new window (a restart) brings back the tiled layout with the closed view closed.
        app::MainWindow window;
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents();
        auto *views
            = window.trainingPanel()->findChild<widgets::DockArea *>(QStringLiteral("liveViews"));
        ASSERT_NE(views, nullptr);
        for (const QString &key : training)
            EXPECT_EQ(views->isViewVisible(key), key != QStringLiteral("norms"))
                << key.toStdString();
        // Tab panel views puts every view back in one group, the closed one included.
        findAction(window, "actionTabViews")->trigger();
        QCoreApplication::processEvents();
        EXPECT_FALSE(views->dock(QStringLiteral("norms"))->isHidden());
        int visible = 0;
        for (const QString &key : training)
            visible += views->isViewVisible(key) ? 1 : 0;
        EXPECT_EQ(visible, 1);
        window.close();
    }
}

TEST(MainWindow, EveryMnemonicLabelHasABuddy)
{
    // A label with "&X" but no buddy shows the ampersand literally and its shortcut does nothing.
    app::MainWindow window;
    int checked = 0;
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        const QString text = label->text();
        if (Qt::mightBeRichText(text))
            continue;
        const QString plain = QString(text).replace(QStringLiteral("&&"), QString());
        const qsizetype at = plain.indexOf(u'&');
        if (at < 0 || at + 1 >= plain.size() || !plain[at + 1].isLetterOrNumber())
            continue;
        ++checked;
        EXPECT_NE(label->buddy(), nullptr) << text.toStdString();
    }
    EXPECT_GT(checked, 20);
}
