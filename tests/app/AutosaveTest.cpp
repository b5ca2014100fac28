// SPDX-License-Identifier: GPL-3.0-or-later
// GUI crash recovery (issue 19.7): the workspace autosaves into the data folder next to a
// session marker; a clean exit removes both; a start that finds the marker of a dead process
// offers the autosaved workspace and restores it. The crash is real: the GUI program is killed
// with SIGKILL after its first autosave.
#include "Autosave.h"
#include "MainWindow.h"
#include "panels/TrainingPanel.h"

#include "Fixtures.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <signal.h>

#include <filesystem>
#include <memory>

using namespace sparsescope;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

/// The pid of a process that has ended (no process has it now, bar reuse).
qint64 deadPid()
{
    QProcess process;
    process.start(QStringLiteral("true"), {});
    process.waitForStarted();
    const qint64 pid = process.processId();
    process.waitForFinished();
    return pid;
}

/// What a crashed session leaves: `workspace` as the autosave and a marker naming `pid`.
void leaveCrashedSession(const app::Autosave &autosave, const QByteArray &workspace, qint64 pid)
{
    QDir().mkpath(QFileInfo(autosave.markerPath()).absolutePath());
    QFile save(autosave.autosavePath());
    ASSERT_TRUE(save.open(QIODevice::WriteOnly));
    save.write(workspace);
    save.close();
    QFile marker(autosave.markerPath());
    ASSERT_TRUE(marker.open(QIODevice::WriteOnly));
    marker.write(QJsonDocument(QJsonObject {{QStringLiteral("pid"), pid}}).toJson());
}

} // namespace

TEST(Autosave, SavesOnATimerAndACleanExitLeavesNothing)
{
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.file("data"));
    app::MainWindow window;
    window.trainingPanel()->setEpochs(7);
    window.trainingPanel()->setRunFolder(QString::fromStdString(dir.file("my-run")));
    QByteArray saved;
    {
        app::Autosave autosave(window, folder);
        autosave.setConfirmer([](const QString &, const QString &) {
            ADD_FAILURE() << "nothing to restore on a first start";
            return false;
        });
        ASSERT_TRUE(autosave.start(50)) << autosave.lastError().toStdString();
        EXPECT_TRUE(QFile::exists(autosave.markerPath()));
        EXPECT_EQ(readJson(autosave.markerPath()).value(QStringLiteral("pid")).toInteger(),
                  QCoreApplication::applicationPid());
        ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(autosave.autosavePath()); }, 5000));
        const QJsonObject workspace = readJson(autosave.autosavePath());
        EXPECT_EQ(workspace.value(QStringLiteral("sparsescope_workspace")).toInt(), 1);
        EXPECT_TRUE(QString::fromUtf8(QJsonDocument(workspace).toJson())
                        .contains(QStringLiteral("my-run")));
    }
    // Destroyed = a clean exit.
    EXPECT_FALSE(QFile::exists(folder + QStringLiteral("/session.json")));
    EXPECT_FALSE(QFile::exists(folder + QStringLiteral("/autosave-workspace.json")));
}

TEST(Autosave, ACrashedSessionsWorkspaceIsOfferedAndRestoredOrDropped)
{
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.file("data"));
    const QString runFolder = QString::fromStdString(dir.file("crashed-run"));
    QByteArray workspace;
    {
        app::MainWindow window;
        window.trainingPanel()->setEpochs(7);
        window.trainingPanel()->setRunFolder(runFolder);
        app::Autosave autosave(window, folder);
        ASSERT_TRUE(autosave.start(60000));
        ASSERT_TRUE(autosave.saveNow()) << autosave.lastError().toStdString();
        QFile file(autosave.autosavePath());
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        workspace = file.readAll();
    }
    for (const bool restore : {true, false}) {
        SCOPED_TRACE(restore ? "restore" : "decline");
        app::MainWindow window;
        app::Autosave autosave(window, folder);
        leaveCrashedSession(autosave, workspace, deadPid());
        QStringList questions;
        autosave.setConfirmer([&](const QString &, const QString &question) {
            questions << question;
            return restore;
        });
        ASSERT_TRUE(autosave.start(60000)) << autosave.lastError().toStdString();
        ASSERT_EQ(questions.size(), 1);
        EXPECT_TRUE(questions.front().contains(QStringLiteral("did not close normally")));
        EXPECT_EQ(window.trainingPanel()->runFolder() == runFolder, restore);
        EXPECT_EQ(window.trainingPanel()->config().epochs == 7, restore);
        // This session's marker replaces the dead one.
        EXPECT_EQ(readJson(autosave.markerPath()).value(QStringLiteral("pid")).toInteger(),
                  QCoreApplication::applicationPid());
        if (!restore) {
            EXPECT_FALSE(QFile::exists(autosave.autosavePath())) << "a declined autosave goes";
        }
    }
}

TEST(Autosave, ASecondInstanceNeitherAsksNorOverwrites)
{
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.file("data"));
    QProcess other; // a live process standing for the first instance
    other.start(QStringLiteral("sleep"), {QStringLiteral("30")});
    ASSERT_TRUE(other.waitForStarted());
    app::MainWindow window;
    app::Autosave autosave(window, folder);
    leaveCrashedSession(autosave, "{\"sparsescope_workspace\": 1}", other.processId());
    autosave.setConfirmer([](const QString &, const QString &) {
        ADD_FAILURE() << "the other instance is alive: nothing to restore";
        return true;
    });
    EXPECT_FALSE(autosave.start(50));
    EXPECT_TRUE(autosave.lastError().contains(QStringLiteral("another SparseScope")));
    EXPECT_FALSE(autosave.saveNow());
    EXPECT_EQ(readJson(autosave.markerPath()).value(QStringLiteral("pid")).toInteger(),
              other.processId());
    other.kill();
    other.waitForFinished();
}

TEST(Autosave, TheGuiKilledAfterAnAutosaveIsRestoredOnTheNextStart)
{
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.file("data"));
    QProcess gui;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("SPARSESCOPE_DATA_DIR"), folder);
    environment.insert(QStringLiteral("SPARSESCOPE_AUTOSAVE_SECONDS"), QStringLiteral("1"));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(SPARSESCOPE_GUI_PATH),
              {QStringLiteral("--panel"), QStringLiteral("degradations")});
    ASSERT_TRUE(gui.waitForStarted());
    const QString autosavePath = folder + QStringLiteral("/autosave-workspace.json");
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(autosavePath); }, 60000))
        << gui.readAllStandardError().toStdString();
    ::kill(pid_t(gui.processId()), SIGKILL);
    gui.waitForFinished();
    ASSERT_TRUE(QFile::exists(folder + QStringLiteral("/session.json")));

    app::MainWindow window;
    ASSERT_NE(window.currentPanel(), QStringLiteral("degradations"));
    app::Autosave autosave(window, folder);
    int asked = 0;
    autosave.setConfirmer([&](const QString &, const QString &) { return ++asked > 0; });
    ASSERT_TRUE(autosave.start(60000));
    EXPECT_EQ(asked, 1);
    EXPECT_EQ(window.currentPanel(), QStringLiteral("degradations"));
}
