// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "panels/TrainingPanel.h"

#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/Version.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/EpochTableModel.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/GroupNormHistogram.h"
#include "sparsescope/widgets/StructureView.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

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
    // The window opens on the start page; the training keys are live on the training tab.
    EXPECT_EQ(window.currentPanel(), QStringLiteral("start"));
    window.showPanel(QStringLiteral("training"));
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
    EXPECT_TRUE(text.contains(QString::fromLatin1(core::kVersion)));
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
        window.showPanel(QStringLiteral("training"));
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
        window.showPanel(QStringLiteral("training"));
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

TEST(MainWindow, ExportAllWritesEveryFigureAndTableOfTheShownPanel)
{
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.showPanel(QStringLiteral("training"));
    app::TrainingPanel *panel = window.trainingPanel();
    // Synthetic live values, as the trainer's snapshots bring them.
    panel->plot()->appendBatch(0.5, 1.2, 0.6);
    panel->plot()->appendEpoch(1, 0.7, 0.68);
    core::FilterImages filters;
    filters.layer = "conv1";
    filters.count = 3;
    filters.height = filters.width = 2;
    filters.pixels.assign(12, 0.5f);
    filters.norms = {0.8f, 0.0f, 0.3f};
    panel->filterGrid()->setFilters(filters);
    core::LayerStructure conv;
    conv.name = "conv1";
    conv.kind = "conv";
    conv.rows = 3;
    conv.zeroRows = 1;
    conv.channels = 1;
    conv.columns = 4;
    conv.kernels = 3;
    conv.zeroKernels = 1;
    conv.parameters = 12;
    conv.zeroParameters = 4;
    conv.rowNorms = {0.8f, 0.0f, 0.3f};
    conv.channelNorms = {0.85f};
    conv.columnNorms = {0.4f, 0.4f, 0.4f, 0.5f};
    panel->structureView()->setStructure({conv});
    panel->normHistogram()->setStructure({conv});
    core::EpochMetrics epoch;
    epoch.epoch = 1;
    epoch.loss = 0.75;
    epoch.trainAccuracy = 0.7;
    epoch.testAccuracy = 0.68;
    panel->epochModel()->append(epoch);

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("figures"));
    ASSERT_TRUE(window.exportCurrentPanel(out));
    for (const char *stem : {"curves", "filters", "structure", "norms"}) {
        const QString base = out + u'/' + QLatin1String(stem);
        QImage png(base + QStringLiteral(".png"));
        EXPECT_FALSE(png.isNull()) << stem;
        EXPECT_GT(png.width(), 200) << stem;
        QFile pdf(base + QStringLiteral(".pdf"));
        ASSERT_TRUE(pdf.open(QIODevice::ReadOnly)) << stem;
        EXPECT_TRUE(pdf.read(5) == "%PDF-") << stem;
        QFile svg(base + QStringLiteral(".svg"));
        ASSERT_TRUE(svg.open(QIODevice::ReadOnly)) << stem;
        QXmlStreamReader xml(&svg);
        bool sawSvg = false;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"svg")
                sawSvg = true;
        EXPECT_FALSE(xml.hasError()) << stem << ": " << xml.errorString().toStdString();
        EXPECT_TRUE(sawSvg) << stem;
    }
    const auto lines = [&](const char *name) {
        QFile file(out + u'/' + QLatin1String(name));
        EXPECT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text)) << name;
        return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    };
    const QStringList filterRows = lines("filters.csv");
    ASSERT_EQ(filterRows.size(), 4);
    EXPECT_EQ(filterRows[0], QStringLiteral("layer,filter,norm,opacity,zero"));
    EXPECT_TRUE(filterRows[2].startsWith(QStringLiteral("conv1,1,0,0,1")))
        << filterRows[2].toStdString();
    EXPECT_TRUE(lines("structure.csv").contains(QStringLiteral("conv1,conv,filter,3,1")));
    EXPECT_EQ(lines("norms.csv").size(), 4); // header + three filter norms
    const QStringList epochRows = lines("epochs.csv");
    ASSERT_EQ(epochRows.size(), 2);
    EXPECT_TRUE(epochRows[0].startsWith(QStringLiteral("epoch,loss,train_accuracy,test_accuracy")));
    EXPECT_TRUE(epochRows[1].startsWith(QStringLiteral("1,0.75,0.7,0.68,")))
        << epochRows[1].toStdString();
    EXPECT_TRUE(QFileInfo::exists(out + QStringLiteral("/config.json")));
    EXPECT_FALSE(QFileInfo::exists(out + QStringLiteral("/thin-compare.csv")))
        << "nothing thinned yet";

    // A folder that cannot be created is reported, naming it.
    QString reported;
    window.setErrorReporter([&](const QString &, const QString &message) { reported = message; });
    QFile blocker(dir.filePath(QStringLiteral("file")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    EXPECT_FALSE(window.exportCurrentPanel(dir.filePath(QStringLiteral("file/sub"))));
    EXPECT_TRUE(reported.contains(QStringLiteral("file/sub"))) << reported.toStdString();
}
