// SPDX-License-Identifier: GPL-3.0-or-later
// The start page (issue 22): its lists and empty states, the human-data box, and what each
// choice does in the main window.
#include "panels/StartPage.h"
#include "MainWindow.h"
#include "panels/TrainingPanel.h"
#include "teaching/Lesson.h"
#include "teaching/LessonDock.h"

#include "Fixtures.h"

#include <gtest/gtest.h>

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

void activate(QListWidget *list, int row)
{
    Q_EMIT list->itemActivated(list->item(row));
}

} // namespace

TEST(StartPage, ListsRunsRecentFilesLessonsAndTheHumanData)
{
    test::TempDir dir;
    const QByteArray savedData = qgetenv("SPARSESCOPE_DATA_DIR");
    qputenv("SPARSESCOPE_DATA_DIR", QByteArray::fromStdString((dir.path() / "data").string()));
    app::RecentFiles recent(QStringLiteral("startPageTestRecent"));
    recent.clear();
    const QString runs = QString::fromStdString((dir.path() / "runs").string());
    app::StartPage page(recent, runs);

    // Empty states say what to do.
    ASSERT_EQ(page.recentRunsList()->count(), 1);
    EXPECT_TRUE(page.recentRunsList()->item(0)->text().contains(QStringLiteral("run the demo")));
    ASSERT_EQ(page.recentFilesList()->count(), 1);
    EXPECT_EQ(page.humanDataState(), QStringLiteral("missing"));
    auto *humanButton = page.findChild<QPushButton *>(QStringLiteral("humanDataButton"));
    ASSERT_NE(humanButton, nullptr);
    EXPECT_EQ(humanButton->text(), QStringLiteral("Get the 2018 data…"));

    // A run folder, a recent model and the human data appear on refresh.
    fs::create_directories(dir.path() / "runs" / "run-a");
    test::writeBytes((dir.path() / "runs" / "run-a" / "run.json").string(), "{}");
    fs::create_directories(dir.path() / "runs" / "not-a-run");
    recent.add({app::RecentEntry::Kind::Model, QStringLiteral("lenet5")});
    fs::create_directories(dir.path() / "data" / "generalisation-humans-DNNs" / "raw-data"
                           / "humans");
    page.refresh();
    ASSERT_EQ(page.recentRunsList()->count(), 1);
    QSignalSpy runChosen(&page, &app::StartPage::runChosen);
    activate(page.recentRunsList(), 0);
    ASSERT_EQ(runChosen.size(), 1);
    EXPECT_TRUE(runChosen.first().first().toString().endsWith(QStringLiteral("/runs/run-a")));
    ASSERT_EQ(page.recentFilesList()->count(), 1);
    QSignalSpy recentChosen(&page, &app::StartPage::recentChosen);
    activate(page.recentFilesList(), 0);
    ASSERT_EQ(recentChosen.size(), 1);
    EXPECT_EQ(recentChosen.first().first().value<app::RecentEntry>().value,
              QStringLiteral("lenet5"));
    EXPECT_EQ(page.humanDataState(), QStringLiteral("found"));
    QSignalSpy humanData(&page, &app::StartPage::humanDataRequested);
    humanButton->click();
    ASSERT_EQ(humanData.size(), 1);
    EXPECT_FALSE(humanData.first().first().toBool()); // there already: show it, fetch nothing

    // One button per embedded lesson, in order.
    const QStringList lessons = app::Lesson::embedded();
    ASSERT_EQ(lessons.size(), 5);
    QSignalSpy lessonRequested(&page, &app::StartPage::lessonRequested);
    for (int i = 0; i < lessons.size(); ++i) {
        auto *button = page.findChild<QPushButton *>(QStringLiteral("lessonButton%1").arg(i + 1));
        ASSERT_NE(button, nullptr) << i;
        EXPECT_TRUE(button->text().contains(app::Lesson::fromFile(lessons[i]).title));
        button->click();
    }
    ASSERT_EQ(lessonRequested.size(), 5);
    EXPECT_EQ(lessonRequested.at(2).first().toString(), lessons[2]);
    recent.clear();
    qputenv("SPARSESCOPE_DATA_DIR", savedData);
}

TEST(StartPage, TheWindowOpensOnItAndItsChoicesAct)
{
    app::MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_EQ(window.currentPanel(), QStringLiteral("start"));

    window.startPage()->findChild<QPushButton *>(QStringLiteral("lessonButton1"))->click();
    EXPECT_EQ(window.currentPanel(), QStringLiteral("training"));
    EXPECT_TRUE(window.lessonDock()->isVisible());

    window.showPanel(QStringLiteral("start"));
    window.lessonDock()->hide();
    auto *training = window.trainingPanel();
    training->setErrorReporter([](const QString &title, const QString &message) {
        ADD_FAILURE() << title.toStdString() << ": " << message.toStdString();
    });
    QSignalSpy finished(training, &app::TrainingPanel::runFinished);
    window.startPage()->findChild<QPushButton *>(QStringLiteral("demoButton"))->click();
    EXPECT_EQ(window.currentPanel(), QStringLiteral("training"));
    EXPECT_TRUE(training->isRunning());
    EXPECT_EQ(training->model(), QStringLiteral("lenet5"));
    training->stop();
    ASSERT_TRUE(finished.wait(60000));
}
