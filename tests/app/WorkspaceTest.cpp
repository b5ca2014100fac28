// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace files: save the training config and run folder, the other panels' settings and the
// panel shown; open puts them back; bad files are refused naming the file and change nothing.
#include "Workspace.h"
#include "MainWindow.h"
#include "panels/DegradationPanel.h"
#include "panels/HumansPanel.h"
#include "panels/RlnPanel.h"
#include "panels/TrainingPanel.h"

#include "Fixtures.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTest>

#include <memory>

using namespace sparsescope;

TEST(Workspace, SavesAndRestoresTheWholeWorkbench)
{
    test::TempDir dir;
    auto window = std::make_unique<app::MainWindow>();
    QStringList errors;
    window->trainingPanel()->setErrorReporter(
        [&](const QString &, const QString &message) { errors << message; });
    ASSERT_TRUE(window->trainingPanel()->loadConfigFile(
        QStringLiteral(":/presets/ssl-filter-channel.json")));
    const QString runFolder = QString::fromStdString(dir.file("run"));
    window->trainingPanel()->setRunFolder(runFolder);
    window->rlnPanel()->setCsv(QStringLiteral("/data/table.csv"));
    window->rlnPanel()->setTarget(QStringLiteral("price"));
    window->degradationPanel()->setType(QStringLiteral("phase-noise"));
    window->humansPanel()->setDataDirectories(QStringLiteral("/data/a;/data/b"));
    window->showPanel(QStringLiteral("rln"));
    const std::string config = window->trainingPanel()->config().toJson();

    const QString path = QString::fromStdString(dir.file("workspace.json"));
    QString error;
    ASSERT_TRUE(app::Workspace::save(*window, path, &error)) << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    EXPECT_EQ(root.value(QStringLiteral("sparsescope_workspace")).toInt(), 1);
    EXPECT_EQ(root.value(QStringLiteral("panel")).toString(), QStringLiteral("rln"));
    EXPECT_EQ(root.value(QStringLiteral("panels"))
                  .toObject()
                  .value(QStringLiteral("rln"))
                  .toObject()
                  .value(QStringLiteral("csv"))
                  .toString(),
              QStringLiteral("/data/table.csv"));

    // Change everything, then open the workspace.
    ASSERT_TRUE(window->trainingPanel()->loadConfigFile(
        QStringLiteral(":/presets/lenet5-fashion-mnist.json")));
    window->trainingPanel()->setRunFolder(QString());
    window->rlnPanel()->setCsv(QStringLiteral("/elsewhere.csv"));
    window->degradationPanel()->setType(QStringLiteral("contrast"));
    window->humansPanel()->setDataDirectories(QString());
    window->showPanel(QStringLiteral("training"));
    ASSERT_TRUE(app::Workspace::open(*window, path, &error)) << error.toStdString();
    EXPECT_EQ(window->trainingPanel()->config().toJson(), config);
    EXPECT_EQ(window->trainingPanel()->runFolder(), runFolder);
    EXPECT_EQ(window->rlnPanel()->csv(), QStringLiteral("/data/table.csv"));
    EXPECT_EQ(window->degradationPanel()->type(), QStringLiteral("phase-noise"));
    EXPECT_EQ(
        window->humansPanel()->findChild<QLineEdit *>(QStringLiteral("humansDataEdit"))->text(),
        QStringLiteral("/data/a;/data/b"));
    EXPECT_EQ(window->currentPanel(), QStringLiteral("rln"));
    EXPECT_TRUE(errors.isEmpty()) << errors.join('\n').toStdString();
}

TEST(Workspace, BadFilesAreRefusedNamingTheFileAndChangeNothing)
{
    test::TempDir dir;
    app::MainWindow window;
    window.rlnPanel()->setCsv(QStringLiteral("/kept.csv"));
    QString error;
    const auto write = [&](const std::string &name, const std::string &text) {
        test::writeBytes(dir.file(name), text);
        return QString::fromStdString(dir.file(name));
    };
    const QString malformed = write("malformed.json", "{\"sparsescope_workspace\": 1,");
    EXPECT_FALSE(app::Workspace::open(window, malformed, &error));
    EXPECT_TRUE(error.startsWith(malformed)) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("malformed"))) << error.toStdString();
    const QString other = write("other.json", "{\"model\": \"lenet5\"}");
    EXPECT_FALSE(app::Workspace::open(window, other, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("not a SparseScope workspace")))
        << error.toStdString();
    const QString badConfig
        = write("bad.json",
                "{\"sparsescope_workspace\": 1, \"training\": {\"config\": {\"epochs\": \"x\"}},"
                " \"panels\": {\"rln\": {\"csv\": \"/replaced.csv\"}}}");
    EXPECT_FALSE(app::Workspace::open(window, badConfig, &error));
    EXPECT_TRUE(error.startsWith(badConfig)) << error.toStdString();
    EXPECT_EQ(window.rlnPanel()->csv(), QStringLiteral("/kept.csv")) << "nothing changed";
    // A typo is an error with the nearest key, never silently ignored; nothing changes.
    const QString typo = write("typo.json",
                               "{\"sparsescope_workspace\": 1, \"panels\": {\"rln\": "
                               "{\"csv\": \"/replaced.csv\"}}, \"presentaton\": true}");
    EXPECT_FALSE(app::Workspace::open(window, typo, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("unknown key \"presentaton\" (did you mean "
                                              "\"presentation\"?)")))
        << error.toStdString();
    const QString trainingTypo = write(
        "typo2.json", "{\"sparsescope_workspace\": 1, \"training\": {\"runfolder\": \"x\"}}");
    EXPECT_FALSE(app::Workspace::open(window, trainingTypo, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("\"runfolder\" in training (did you mean "
                                              "\"run_folder\"?)")))
        << error.toStdString();
    // A misspelt panel group and values of the wrong type are errors too.
    const QString groupTypo
        = write("typo3.json",
                "{\"sparsescope_workspace\": 1, \"panels\": {\"rnl\": {\"csv\": \"/x.csv\"}}}");
    EXPECT_FALSE(app::Workspace::open(window, groupTypo, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("\"rnl\" in panels (did you mean \"rln\"?)")))
        << error.toStdString();
    const QString wrongType
        = write("type.json", "{\"sparsescope_workspace\": 1, \"presentation\": \"yes\"}");
    EXPECT_FALSE(app::Workspace::open(window, wrongType, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("presentation must be true or false")))
        << error.toStdString();
    EXPECT_EQ(window.rlnPanel()->csv(), QStringLiteral("/kept.csv")) << "nothing changed";
    // Saving over a workspace replaces it whole (QSaveFile).
    const QString saved = QString::fromStdString(dir.file("saved.json"));
    ASSERT_TRUE(app::Workspace::save(window, saved, &error)) << error.toStdString();
    ASSERT_TRUE(app::Workspace::save(window, saved, &error)) << error.toStdString();
    EXPECT_TRUE(app::Workspace::open(window, saved, &error)) << error.toStdString();
    EXPECT_FALSE(app::Workspace::open(window, QStringLiteral("/no/such/workspace.json"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("/no/such/workspace.json")));
    EXPECT_FALSE(app::Workspace::save(window, QStringLiteral("/no/such/dir/w.json"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("cannot be written")));
}
