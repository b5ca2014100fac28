// SPDX-License-Identifier: GPL-3.0-or-later
// Real training runs through the GUI: tiny synthetic IDX data written by the test.
#include "panels/TrainingPanel.h"
#include "MainWindow.h"
#include "ModelTrust.h"
#include "Workspace.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/GroupNormHistogram.h"
#include "sparsescope/widgets/StrengthEditor.h"
#include "sparsescope/widgets/StructureView.h"

#include "Fixtures.h"
#include "ScriptModule.h"

#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/training/TrainResult.h"
#include "sparsescope/widgets/EpochTableModel.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <memory>

using namespace sparsescope;

namespace {
/// Writes a synthetic IDX pair and returns its spec string.
QString writeDataset(const test::TempDir &directory, const std::string &name, std::size_t count,
                     std::uint64_t seed)
{
    const std::string images = directory.file(name + "-images-idx3-ubyte");
    const std::string labels = directory.file(name + "-labels-idx1-ubyte");
    test::writeIdx(test::syntheticImages(count, 4, 1, 28, 28, seed), images, labels);
    return QString::fromStdString("idx:" + images + "," + labels);
}

/// A shown main window whose panel reports errors into `errors` instead of a modal dialog.
class TrainingPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        panel()->setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
        panel()->setModel(QStringLiteral("lenet-300-100"));
        panel()->setRunFolder(QString::fromStdString(m_directory.file("run")));
    }
    void TearDown() override { m_window.reset(); }

    app::TrainingPanel *panel() const { return m_window->trainingPanel(); }
    QPushButton *button(const char *name) const
    {
        return panel()->findChild<QPushButton *>(QString::fromLatin1(name));
    }
    void clickStart() { QTest::mouseClick(button("startButton"), Qt::LeftButton); }
    /// One epoch over 64 synthetic images, batches of 32, no test data: a run of a second.
    void useTinyRun()
    {
        panel()->setTrainingData(writeDataset(m_directory, "train", 64, 1));
        panel()->setTestData(QString());
        panel()->setEpochs(1);
        panel()->setBatchSize(32);
    }

    test::TempDir m_directory;
    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};
} // namespace

TEST_F(TrainingPanelTest, TrainsAndWritesARunFolder)
{
    panel()->setModel(QStringLiteral("lenet5")); // a conv net: the filter view has filters
    panel()->setTrainingData(writeDataset(m_directory, "train", 256, 1));
    panel()->setTestData(writeDataset(m_directory, "test", 64, 2));
    panel()->setEpochs(2);
    panel()->setBatchSize(32);
    panel()->setLimit(192);
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);
    QSignalSpy epochs(panel(), &app::TrainingPanel::epochFinished);

    clickStart();
    EXPECT_TRUE(panel()->isRunning());
    EXPECT_FALSE(button("startButton")->isEnabled());
    EXPECT_TRUE(button("pauseButton")->isEnabled());
    EXPECT_TRUE(button("stopButton")->isEnabled());

    ASSERT_TRUE(finished.wait(60000)) << m_errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).value<core::TrainStatus>(), core::TrainStatus::Completed)
        << finished.at(0).at(1).toString().toStdString();
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(epochs.count(), 2);

    EXPECT_EQ(panel()->epochModel()->rowCount(), 2);
    EXPECT_GT(panel()->epochModel()->epochs().back().testAccuracy, 0.0);
    EXPECT_EQ(panel()->plot()->epochCount(), 2);
    EXPECT_EQ(panel()->plot()->batchCount(), 2 * 6); // 192 samples / 32 per batch, 2 epochs
    EXPECT_TRUE(std::filesystem::exists(m_directory.path() / "run" / "metrics.csv"));
    // The live views got the trainer's snapshots: every weight layer, the first conv's filters.
    EXPECT_EQ(panel()->structureView()->structure().size(), 4u);
    EXPECT_EQ(panel()->filterGrid()->filters().layer, "conv1");
    EXPECT_EQ(panel()->filterGrid()->filters().count, 20);
    auto *views = panel()->findChild<widgets::DockArea *>(QStringLiteral("liveViews"));
    ASSERT_NE(views, nullptr);
    views->tabAll(); // the default layout, whatever an earlier test left in the settings
    panel()->showView(QStringLiteral("structure"));
    EXPECT_EQ(views->currentView(), QStringLiteral("structure"));
    EXPECT_TRUE(views->isViewVisible(QStringLiteral("structure")));
    EXPECT_FALSE(views->isViewVisible(QStringLiteral("filters"))) << "covered by its tab group";
    panel()->showView(QStringLiteral("filters"));
    EXPECT_EQ(views->view(QStringLiteral("filters")), panel()->filterGrid());
    EXPECT_TRUE(views->isViewVisible(QStringLiteral("filters")));

    EXPECT_FALSE(panel()->isRunning());
    EXPECT_TRUE(button("startButton")->isEnabled());
    EXPECT_FALSE(button("pauseButton")->isEnabled());
    EXPECT_FALSE(button("stopButton")->isEnabled());
    const auto *progress = panel()->findChild<QProgressBar *>(QStringLiteral("progressBar"));
    EXPECT_EQ(progress->value(), progress->maximum());
    EXPECT_TRUE(finished.at(0).at(1).toString().contains(QStringLiteral("test accuracy")));
}

TEST_F(TrainingPanelTest, StopEndsTheRunQuickly)
{
    panel()->setTrainingData(writeDataset(m_directory, "train", 2000, 1));
    panel()->setTestData(QString());
    panel()->setEpochs(200);
    panel()->setBatchSize(8);
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);

    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([this] { return panel()->plot()->batchCount() > 0; }, 30000))
        << m_errors.join(QLatin1Char('\n')).toStdString();
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    EXPECT_FALSE(button("stopButton")->isEnabled());
    ASSERT_TRUE(finished.count() > 0 || finished.wait(5000));
    EXPECT_LT(clock.elapsed(), 3000);
    EXPECT_EQ(finished.at(0).at(0).value<core::TrainStatus>(), core::TrainStatus::Cancelled);
    EXPECT_TRUE(button("startButton")->isEnabled());
    EXPECT_TRUE(m_errors.isEmpty());
}

TEST_F(TrainingPanelTest, PauseHoldsTheRunAndResumeContinues)
{
    panel()->setTrainingData(writeDataset(m_directory, "train", 2000, 1));
    panel()->setTestData(QString());
    panel()->setEpochs(200);
    panel()->setBatchSize(8);
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);

    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([this] { return panel()->plot()->batchCount() > 0; }, 30000));
    QTest::mouseClick(button("pauseButton"), Qt::LeftButton);
    EXPECT_TRUE(panel()->isPaused());
    EXPECT_EQ(button("pauseButton")->text(), QStringLiteral("&Resume"));
    QTest::qWait(300); // the step in flight lands
    const int held = panel()->plot()->batchCount();
    QTest::qWait(500);
    EXPECT_EQ(panel()->plot()->batchCount(), held);

    QTest::mouseClick(button("pauseButton"), Qt::LeftButton);
    EXPECT_FALSE(panel()->isPaused());
    ASSERT_TRUE(QTest::qWaitFor([&] { return panel()->plot()->batchCount() > held; }, 10000));

    // Stop works from the paused state too.
    QTest::mouseClick(button("pauseButton"), Qt::LeftButton);
    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    ASSERT_TRUE(finished.count() > 0 || finished.wait(5000));
    EXPECT_EQ(finished.at(0).at(0).value<core::TrainStatus>(), core::TrainStatus::Cancelled);
}

TEST_F(TrainingPanelTest, MissingDataFileIsReported)
{
    const std::string missing = m_directory.file("no-such-images-idx3-ubyte");
    panel()->setTrainingData(QString::fromStdString(
        "idx:" + missing + "," + m_directory.file("no-such-labels-idx1-ubyte")));
    panel()->setTestData(QString());
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);

    clickStart();
    ASSERT_TRUE(finished.count() > 0 || finished.wait(30000));
    EXPECT_EQ(finished.at(0).at(0).value<core::TrainStatus>(), core::TrainStatus::Failed);
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.front().contains(QStringLiteral("no-such-images")))
        << m_errors.front().toStdString();
    EXPECT_TRUE(button("startButton")->isEnabled());
    EXPECT_FALSE(panel()->isRunning());
    EXPECT_EQ(panel()->epochModel()->rowCount(), 0);
    // The worker's exception became the dialog; the panel stays usable (issue 19.7).
    useTinyRun();
    panel()->setRunFolder(QString::fromStdString(m_directory.file("second")));
    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 2; }, 60000));
    EXPECT_EQ(finished.at(1).at(0).value<core::TrainStatus>(), core::TrainStatus::Completed);
    EXPECT_EQ(m_errors.size(), 1);
}

TEST_F(TrainingPanelTest, CanRunTwice)
{
    useTinyRun();
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);
    for (int run = 1; run <= 2; ++run) {
        panel()->setRunFolder(
            QString::fromStdString(m_directory.file("run" + std::to_string(run))));
        clickStart();
        ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == run; }, 60000));
        EXPECT_EQ(finished.at(run - 1).at(0).value<core::TrainStatus>(),
                  core::TrainStatus::Completed);
        // Each run starts from an empty table and plot.
        EXPECT_EQ(panel()->epochModel()->rowCount(), 1);
        EXPECT_EQ(panel()->plot()->batchCount(), 2);
    }
}

TEST_F(TrainingPanelTest, StartAsksBeforeItReplacesARunAndExportAllRefusesARunFolder)
{
    panel()->setTrainingData(writeDataset(m_directory, "train", 64, 1));
    panel()->setTestData(QString());
    panel()->setEpochs(2);
    panel()->setBatchSize(32);
    const QString run = QString::fromStdString(m_directory.file("run"));
    panel()->setRunFolder(run);
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);
    QStringList questions;
    bool answer = false;
    panel()->setConfirmer([&](const QString &, const QString &question) {
        questions << question;
        return answer;
    });
    clickStart(); // an empty folder: no question
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 1; }, 60000));
    EXPECT_TRUE(questions.isEmpty());
    const std::string metrics = test::readBytes(m_directory.file("run/metrics.csv"));

    // Exporting into the run folder would write over its structure.csv: refused.
    m_errors.clear();
    m_window->setErrorReporter(
        [this](const QString &, const QString &message) { m_errors << message; });
    EXPECT_FALSE(m_window->exportCurrentPanel(run));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.front().contains(QStringLiteral("holds a run")))
        << m_errors.front().toStdString();

    // The run folder is still the chosen one: Start asks; "no" leaves the run untouched.
    panel()->setRunFolder(run);
    panel()->setEpochs(1);
    clickStart();
    ASSERT_EQ(questions.size(), 1);
    EXPECT_TRUE(questions.front().contains(QStringLiteral("run.json")));
    EXPECT_FALSE(panel()->isRunning());
    EXPECT_EQ(test::readBytes(m_directory.file("run/metrics.csv")), metrics);
    // "Yes" replaces it: one epoch, the old second checkpoint gone.
    answer = true;
    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 2; }, 60000));
    EXPECT_EQ(questions.size(), 2);
    EXPECT_EQ(panel()->epochModel()->rowCount(), 1);
    EXPECT_FALSE(std::filesystem::exists(m_directory.file("run/checkpoints/epoch-002.pt")));
}

TEST_F(TrainingPanelTest, StrengthEditsReachTheRunningTrainerAndZeroFilters)
{
    panel()->setModel(QStringLiteral("lenet5"));
    panel()->setTrainingData(writeDataset(m_directory, "train", 2000, 1));
    panel()->setTestData(QString());
    panel()->setEpochs(100);
    panel()->setBatchSize(16);
    auto *editor = panel()->strengthEditor();
    ASSERT_TRUE(editor->layers().contains(QStringLiteral("conv1"))) << "layers of lenet5 listed";
    EXPECT_TRUE(panel()->config().sparsity.terms.empty());
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);
    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([this] { return panel()->plot()->batchCount() > 2; }, 30000))
        << m_errors.join(QLatin1Char('\n')).toStdString();
    // The user drags conv1's filter slider to the right end while the run goes on.
    auto *slider = editor->findChild<QSlider *>(QStringLiteral("strength-conv1-filter"));
    ASSERT_NE(slider, nullptr);
    slider->setValue(slider->maximum());
    auto *log = panel()->findChild<QPlainTextEdit *>();
    ASSERT_NE(log, nullptr);
    EXPECT_TRUE(QTest::qWaitFor(
        [log] { return log->toPlainText().contains(QStringLiteral("new strengths applied")); },
        10000))
        << log->toPlainText().toStdString();
    // λ = 1 with the proximal update: conv1's filters start reaching exact zero within seconds
    // (the structure view shows it).
    EXPECT_TRUE(QTest::qWaitFor(
        [this] {
            const auto structure = panel()->structureView()->structure();
            return !structure.empty() && structure.front().zeroRows > 0;
        },
        30000));
    // The group-norm histogram follows the same snapshots: conv1's zero filters in its zero bar.
    const auto *norms = panel()->normHistogram();
    EXPECT_EQ(norms->currentLayer(), QStringLiteral("conv1"));
    EXPECT_EQ(norms->norms().size(), 20U) << "LeNet-5's conv1 has 20 filters";
    EXPECT_GT(norms->zeroCount(), 0);
    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    ASSERT_TRUE(finished.count() > 0 || finished.wait(10000));
}

TEST_F(TrainingPanelTest, PresetsFillTheFormAndKeepTheirOtherKeys)
{
    const QStringList presets = app::TrainingPanel::presets();
    ASSERT_TRUE(presets.contains(QStringLiteral(":/presets/ssl-filter-channel.json")))
        << presets.join(',').toStdString();
    // The Training menu lists every embedded preset.
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("menuPresets"));
    ASSERT_NE(menu, nullptr);
    EXPECT_EQ(menu->actions().size(), presets.size());

    ASSERT_TRUE(panel()->loadConfigFile(QStringLiteral(":/presets/ssl-filter-channel.json")))
        << m_errors.join('\n').toStdString();
    const core::TrainConfig config = panel()->config();
    EXPECT_EQ(config.model, "lenet5");
    EXPECT_EQ(config.epochs, 3);
    EXPECT_DOUBLE_EQ(config.learningRate, 0.01);
    EXPECT_DOUBLE_EQ(config.weightDecay, 0.0) << "a key the form has no field for is kept";
    EXPECT_EQ(config.schedule, "cosine");
    EXPECT_EQ(config.sparsity.update, "proximal");
    // "conv*" filter and channel 0.1: conv1 and conv2 get both, the fc layers nothing.
    const auto *editor = panel()->strengthEditor();
    for (const char *layer : {"conv1", "conv2"})
        for (const char *type : {"filter", "channel"})
            EXPECT_DOUBLE_EQ(
                editor->strength(QString::fromLatin1(layer), QString::fromLatin1(type)), 0.1)
                << layer << ' ' << type;
    EXPECT_EQ(editor->strength(QStringLiteral("fc1"), QStringLiteral("filter")), 0.0);
    EXPECT_EQ(config.sparsity.terms.size(), 4U);

    // A preset with a term the editor has no column for keeps it in the config.
    ASSERT_TRUE(panel()->loadConfigFile(QStringLiteral(":/presets/ssl-depth.json")))
        << m_errors.join('\n').toStdString();
    bool depth = false;
    for (const auto &term : panel()->config().sparsity.terms)
        depth = depth || term.type == "depth";
    EXPECT_TRUE(depth);
    EXPECT_EQ(editor->strength(QStringLiteral("conv1"), QStringLiteral("filter")), 0.0)
        << "the previous preset's strengths are replaced";

    // Save and load back: the same JSON.
    const QString saved = QString::fromStdString(m_directory.file("saved.json"));
    ASSERT_TRUE(panel()->saveConfigFile(saved));
    const std::string before = panel()->config().toJson();
    ASSERT_TRUE(panel()->loadConfigFile(saved)) << m_errors.join('\n').toStdString();
    EXPECT_EQ(panel()->config().toJson(), before);
    EXPECT_TRUE(m_errors.isEmpty());

    // Refused: a staged preset, a malformed file, a missing file — each named.
    EXPECT_FALSE(panel()->loadConfigFile(QStringLiteral(":/presets/ssl-lenet5-pipeline.json")));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors[0].contains(QStringLiteral("staged"))) << m_errors[0].toStdString();
    const QString bad = QString::fromStdString(m_directory.file("bad.json"));
    test::writeBytes(bad.toStdString(), "{\"epochs\": \"many\"");
    EXPECT_FALSE(panel()->loadConfigFile(bad));
    ASSERT_EQ(m_errors.size(), 2);
    EXPECT_TRUE(m_errors[1].contains(bad)) << m_errors[1].toStdString();
    EXPECT_FALSE(panel()->loadConfigFile(QStringLiteral("/no/such/preset.json")));
    ASSERT_EQ(m_errors.size(), 3);
    EXPECT_TRUE(m_errors[2].contains(QStringLiteral("/no/such/preset.json")));
    EXPECT_EQ(panel()->config().toJson(), before) << "a refused preset changes nothing";
}

TEST_F(TrainingPanelTest, AWorkspaceIsNotOpenedWhileTraining)
{
    panel()->setTrainingData(writeDataset(m_directory, "train", 2000, 1));
    panel()->setTestData(QString());
    panel()->setEpochs(200);
    panel()->setBatchSize(8);
    const QString workspace = QString::fromStdString(m_directory.file("workspace.json"));
    QString error;
    ASSERT_TRUE(app::Workspace::save(*m_window, workspace, &error)) << error.toStdString();
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);
    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([this] { return panel()->plot()->batchCount() > 0; }, 30000))
        << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_FALSE(app::Workspace::open(*m_window, workspace, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("stop the running training"))) << error.toStdString();
    EXPECT_EQ(panel()->config().epochs, 200) << "nothing changed";
    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    ASSERT_TRUE(finished.count() > 0 || finished.wait(10000));
    EXPECT_TRUE(app::Workspace::open(*m_window, workspace, &error)) << error.toStdString();
}

TEST_F(TrainingPanelTest, AModelFileIsReadForItsLayersOffTheGuiThread)
{
    const std::string file = m_directory.file("saved.pt");
    core::Model::create("lenet-300-100", core::ModelOptions {}).save(file);
    QSignalSpy listed(panel(), &app::TrainingPanel::layersListed);
    panel()->setModel(QStringLiteral("lenet5")); // built-in: listed at once
    ASSERT_GE(listed.count(), 1);
    EXPECT_TRUE(listed.last().at(0).toStringList().contains(QStringLiteral("conv1")));
    listed.clear();
    panel()->setModel(QString::fromStdString(file)); // a file: listed when read
    ASSERT_TRUE(listed.wait(10000));
    EXPECT_TRUE(listed.last().at(0).toStringList().contains(QStringLiteral("fc1")));
    EXPECT_FALSE(listed.last().at(0).toStringList().contains(QStringLiteral("conv1")));
    EXPECT_TRUE(panel()->strengthEditor()->layers().contains(QStringLiteral("fc1")));
    // A path that does not exist (half typed) lists nothing.
    panel()->setModel(QString::fromStdString(file) + QStringLiteral(".x"));
    EXPECT_TRUE(panel()->strengthEditor()->layers().isEmpty());
}

TEST_F(TrainingPanelTest, TermsTheEditorCannotShowSurviveItsEdits)
{
    // A config with a depth term (not one of the editor's sliders) and a filter term.
    panel()->setModel(QStringLiteral("lenet5"));
    core::TrainConfig config = panel()->config();
    config.model = "lenet5";
    config.sparsity.terms = {{"conv1", "filter", 0.01}, {"*", "depth", 0.002}};
    ASSERT_TRUE(panel()->applyConfig(config, QStringLiteral("test")));
    auto hasDepth = [](const std::vector<core::RegularizationTerm> &terms) {
        return std::count_if(terms.begin(), terms.end(), [](const core::RegularizationTerm &t) {
            return t.type == "depth" && t.strength == 0.002;
        });
    };
    EXPECT_EQ(hasDepth(panel()->terms()), 1);
    // An edit of a slider: what a running trainer would get still holds the depth term.
    auto *slider
        = panel()->strengthEditor()->findChild<QSlider *>(QStringLiteral("strength-conv2-filter"));
    ASSERT_NE(slider, nullptr);
    slider->setValue(slider->maximum() / 2);
    const auto terms = panel()->terms();
    EXPECT_EQ(hasDepth(terms), 1);
    EXPECT_GT(terms.size(), 2u) << "the edited conv2 filter term joined";
    EXPECT_EQ(terms, panel()->config().sparsity.terms);
}

// Issue 19.8, models are code: a TorchScript file from outside the user's runs is not loaded for
// its layers when it is chosen; Start asks first, saying that it runs code and where the file
// is from; No loads nothing, Yes trains it and is remembered.
TEST_F(TrainingPanelTest, ATorchScriptFileIsLoadedOnlyAfterTheUserAllowsIt)
{
    app::ModelTrust::forgetAll();
    const QString path
        = QString::fromStdString(test::writeScriptModule(m_directory.file("downloaded.pt"), 10));
    EXPECT_FALSE(app::ModelTrust::isTrusted(path));
    panel()->setModel(path);
    QTest::qWait(200);
    EXPECT_TRUE(panel()->strengthEditor()->layers().isEmpty()) << "read for its layers unasked";
    const auto *log = panel()->findChild<QPlainTextEdit *>();
    ASSERT_NE(log, nullptr);
    EXPECT_TRUE(log->toPlainText().contains(QStringLiteral("TorchScript file with code")))
        << log->toPlainText().toStdString();

    QStringList questions;
    bool allow = false;
    panel()->setConfirmer([&](const QString &, const QString &question) {
        questions << question;
        return allow;
    });
    useTinyRun();
    QSignalSpy finished(panel(), &app::TrainingPanel::runFinished);
    clickStart();
    ASSERT_EQ(questions.size(), 1);
    EXPECT_TRUE(questions.front().contains(QStringLiteral("runs the code")));
    EXPECT_TRUE(questions.front().contains(QString::fromStdString(m_directory.path().string())))
        << "says where the file is from: " << questions.front().toStdString();
    EXPECT_FALSE(panel()->isRunning());
    EXPECT_FALSE(std::filesystem::exists(m_directory.file("run")));

    allow = true;
    clickStart();
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 1; }, 60000));
    EXPECT_EQ(finished.at(0).at(0).value<core::TrainStatus>(), core::TrainStatus::Completed)
        << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(questions.size(), 2);
    EXPECT_TRUE(app::ModelTrust::isTrusted(path)) << "a yes is remembered";
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return panel()->strengthEditor()->layers().contains(QStringLiteral("conv")); },
        10000));
    app::ModelTrust::forgetAll();
}
