// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace tree: built-in models, datasets and recent entries, run folders that hold a run
// (newest first), activation signals, the item model tester; and the main window's wiring.
#include "WorkspaceTree.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "Workspace.h"
#include "panels/TrainingPanel.h"

#include "Fixtures.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QUrl>

#include <filesystem>

using namespace sparsescope;
using Kind = app::WorkspaceTree::Kind;

namespace {
QModelIndex find(const QStandardItemModel &model, const QString &value)
{
    const auto hits = model.match(model.index(0, 0), app::WorkspaceTree::ValueRole, value, 1,
                                  Qt::MatchExactly | Qt::MatchRecursive);
    return hits.isEmpty() ? QModelIndex() : hits.first();
}
} // namespace

TEST(WorkspaceTree, ListsModelsDatasetsAndRunsAndEmitsWhatIsActivated)
{
    test::TempDir runs;
    std::filesystem::create_directories(runs.file("20260101-120000"));
    test::writeBytes(runs.file("20260101-120000/run.json"), "{}");
    std::filesystem::create_directories(runs.file("not-a-run"));
    app::RecentFiles recent(QStringLiteral("test/workspaceTreeRecent"));
    recent.clear();
    recent.add({app::RecentEntry::Kind::Model, QStringLiteral("/models/mine.pt")});
    recent.add({app::RecentEntry::Kind::Dataset, QStringLiteral("idx:/a,/b")});

    app::WorkspaceTree tree(recent, QString::fromStdString(runs.path().string()));
    QAbstractItemModelTester tester(tree.treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QStringList models = tree.values(Kind::Model);
    EXPECT_TRUE(models.contains(QStringLiteral("lenet5")));
    EXPECT_TRUE(models.contains(QStringLiteral("resnet20")));
    EXPECT_TRUE(models.contains(QStringLiteral("/models/mine.pt")));
    EXPECT_EQ(tree.values(Kind::Dataset),
              (QStringList {QStringLiteral("fashion-mnist:train"),
                            QStringLiteral("fashion-mnist:test"), QStringLiteral("idx:/a,/b")}));
    const QStringList runFolders = tree.values(Kind::Run);
    ASSERT_EQ(runFolders.size(), 1) << "a folder without run.json or model.pt is no run";
    EXPECT_TRUE(runFolders[0].endsWith(QStringLiteral("20260101-120000")));

    QSignalSpy model(&tree, &app::WorkspaceTree::modelChosen);
    QSignalSpy dataset(&tree, &app::WorkspaceTree::datasetChosen);
    QSignalSpy run(&tree, &app::WorkspaceTree::runChosen);
    Q_EMIT tree.activated(find(*tree.treeModel(), QStringLiteral("lenet5")));
    Q_EMIT tree.activated(find(*tree.treeModel(), QStringLiteral("idx:/a,/b")));
    Q_EMIT tree.activated(find(*tree.treeModel(), runFolders[0]));
    Q_EMIT tree.activated(tree.treeModel()->index(0, 0)); // a category: nothing
    ASSERT_EQ(model.size(), 1);
    EXPECT_EQ(model.first().first().toString(), QStringLiteral("lenet5"));
    ASSERT_EQ(dataset.size(), 1);
    ASSERT_EQ(run.size(), 1);
    EXPECT_EQ(run.first().first().toString(), runFolders[0]);

    // A run that appears later is listed after refresh().
    std::filesystem::create_directories(runs.file("20260102-080000"));
    test::writeBytes(runs.file("20260102-080000/model.pt"), "x");
    tree.refresh();
    EXPECT_EQ(tree.values(Kind::Run).size(), 2);
    recent.clear();
}

TEST(WorkspaceTree, TheMainWindowPutsChosenItemsIntoTheTrainingPanel)
{
    app::MainWindow window;
    app::WorkspaceTree *tree = window.workspaceTree();
    ASSERT_NE(tree, nullptr);
    Q_EMIT tree->modelChosen(QStringLiteral("resnet20"));
    EXPECT_EQ(window.trainingPanel()->model(), QStringLiteral("resnet20"));
    Q_EMIT tree->datasetChosen(QStringLiteral("fashion-mnist:test"));
    EXPECT_EQ(window.trainingPanel()->testData(), QStringLiteral("fashion-mnist:test"));
    Q_EMIT tree->datasetChosen(QStringLiteral("idx:/x,/y"));
    EXPECT_EQ(window.trainingPanel()->trainingData(), QStringLiteral("idx:/x,/y"));
    Q_EMIT tree->runChosen(QStringLiteral("/runs/r1"));
    EXPECT_EQ(window.trainingPanel()->runFolder(), QStringLiteral("/runs/r1"));
}

TEST(MainWindowDrop, DroppedPathsOpenAsModelDatasetWorkspaceLessonOrConfig)
{
    test::TempDir dir;
    app::MainWindow window;
    QStringList errors;
    auto report = [&](const QString &, const QString &message) {
        errors << message;
    };
    window.setErrorReporter(report);
    window.trainingPanel()->setErrorReporter(report);

    std::filesystem::create_directories(dir.file("run"));
    test::writeBytes(dir.file("run/run.json"), "{}");
    const QString run = QString::fromStdString(dir.file("run"));
    EXPECT_EQ(window.openDroppedPath(run), QStringLiteral("model"));
    EXPECT_EQ(window.trainingPanel()->model(), run);
    const QString pt = QString::fromStdString(dir.file("net.pt"));
    test::writeBytes(pt.toStdString(), "x");
    EXPECT_EQ(window.openDroppedPath(pt), QStringLiteral("model"));
    EXPECT_EQ(window.trainingPanel()->model(), pt);

    const std::string images = dir.file("t10k-images-idx3-ubyte");
    test::writeIdx(test::syntheticImages(4), images, dir.file("t10k-labels-idx1-ubyte"));
    EXPECT_EQ(window.openDroppedPath(QString::fromStdString(images)), QStringLiteral("dataset"));
    EXPECT_TRUE(window.trainingPanel()->trainingData().startsWith(QStringLiteral("idx:")));

    const QString config = QString::fromStdString(dir.file("config.json"));
    test::writeBytes(config.toStdString(), "{\"model\": \"lenet5\", \"epochs\": 7}");
    EXPECT_EQ(window.openDroppedPath(config), QStringLiteral("config"));
    EXPECT_EQ(window.trainingPanel()->config().epochs, 7);
    const QString lesson = QString::fromStdString(dir.file("lesson.json"));
    test::writeBytes(lesson.toStdString(), "{\"title\": \"T\", \"steps\": [{\"text\": \"a\"}]}");
    EXPECT_EQ(window.openDroppedPath(lesson), QStringLiteral("lesson"));
    const QString workspace = QString::fromStdString(dir.file("workspace.json"));
    QString error;
    ASSERT_TRUE(app::Workspace::save(window, workspace, &error)) << error.toStdString();
    EXPECT_EQ(window.openDroppedPath(workspace), QStringLiteral("workspace"));
    EXPECT_TRUE(errors.isEmpty()) << errors.join('\n').toStdString();

    EXPECT_TRUE(window.openDroppedPath(QStringLiteral("/no/such/thing")).isEmpty());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors[0].contains(QStringLiteral("/no/such/thing")));
    const QString picture = QString::fromStdString(dir.file("picture.png"));
    test::writeBytes(picture.toStdString(), "x");
    EXPECT_FALSE(app::MainWindow::acceptsDrop(picture)) << "left to the panel under the cursor";
    EXPECT_TRUE(window.openDroppedPath(picture).isEmpty());
    ASSERT_EQ(errors.size(), 2);
    EXPECT_TRUE(errors[1].contains(QStringLiteral("picture.png")));

    // Through a real drop event.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(run)});
    window.trainingPanel()->setModel(QStringLiteral("lenet5"));
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    EXPECT_EQ(window.trainingPanel()->model(), run);
}
