// SPDX-License-Identifier: GPL-3.0-or-later
// Teaching mode: every embedded lesson parses and its configs are valid training configs; the
// lesson dock steps through a lesson and "Do it" sets the training panel up; bad lesson files are
// reported naming the file; presentation mode scales every font.
#include "teaching/Lesson.h"
#include "MainWindow.h"
#include "panels/AtlasPanel.h"
#include "panels/TrainingPanel.h"
#include "teaching/LessonDock.h"

#include "Fixtures.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/StrengthEditor.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>
#include <memory>

using namespace sparsescope;

TEST(Lesson, EveryEmbeddedLessonParsesWithValidTrainingConfigs)
{
    const QStringList lessons = app::Lesson::embedded();
    ASSERT_EQ(lessons.size(), 5) << lessons.join(',').toStdString();
    for (const QString &path : lessons) {
        const app::Lesson lesson = app::Lesson::fromFile(path);
        EXPECT_FALSE(lesson.title.isEmpty()) << path.toStdString();
        ASSERT_FALSE(lesson.steps.isEmpty()) << path.toStdString();
        int configs = 0;
        for (const app::LessonStep &step : lesson.steps) {
            if (step.isAtlasStep() && !step.atlas.isEmpty())
                ++configs; // an atlas lesson sets the Atlas panel up
            if (step.config.isEmpty())
                continue;
            ++configs;
            const core::TrainConfig config
                = core::TrainConfig::fromJson(step.config.toStdString(), path.toStdString());
            EXPECT_NO_THROW(config.validate(path.toStdString())) << path.toStdString();
            EXPECT_TRUE(config.stages.empty());
        }
        EXPECT_GT(configs, 0) << path.toStdString() << ": a lesson sets the panel up";
    }
}

TEST(Lesson, BadLessonsAreRefusedNamingTheFile)
{
    auto problem = [](const char *json) {
        try {
            app::Lesson::fromJson(QByteArray(json), QStringLiteral("bad.json"));
        } catch (const core::Error &error) {
            return QString::fromUtf8(error.what());
        }
        return QString();
    };
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [").contains(QStringLiteral("bad.json")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": []}").contains(QStringLiteral("steps")));
    EXPECT_TRUE(problem("{\"steps\": [{\"text\": \"a\"}]}").contains(QStringLiteral("title")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"view\": \"nope\"}]}")
                    .contains(QStringLiteral("nope")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"view\": \"filters\"}]}")
                    .contains(QStringLiteral("step 1")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"action\": \"fly\"}]}")
                    .contains(QStringLiteral("fly")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\"}]}").isEmpty());
    // Typos are errors with the nearest key, in the root and in a step.
    EXPECT_TRUE(problem("{\"titel\": \"x\", \"steps\": [{\"text\": \"a\"}]}")
                    .contains(QStringLiteral("unknown key \"titel\" (did you mean \"title\"?)")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"acton\": \"start\"}]}")
                    .contains(QStringLiteral("\"acton\" in step 1 (did you mean \"action\"?)")));
    // A step's config is checked when the lesson is read, not when "Do it" is pressed.
    EXPECT_TRUE(
        problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"config\": {\"epochs\": -3}}]}")
            .contains(
                QStringLiteral("step 1's config: epochs must be a positive integer, got -3")));
    EXPECT_TRUE(
        problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"config\": {\"epoch\": 3}}]}")
            .contains(QStringLiteral("did you mean \"epochs\"")));
    // Wrong types are named, never read as empty.
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"view\": 3}]}")
                    .contains(QStringLiteral("\"view\" must be a string")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": {\"text\": \"a\"}}")
                    .contains(QStringLiteral("must be a list")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [\"a\"]}")
                    .contains(QStringLiteral("step 1 is not an object")));
    // Atlas steps: the keys imply the atlas view, belong to no other, and axes are a pair.
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"atlas\": \"a.csv\"}]}")
                    .isEmpty());
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"view\": "
                        "\"filters\", \"select\": \"dense/seed=1\"}]}")
                    .contains(QStringLiteral("belong to the atlas view, not \"filters\"")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"axes\": [\"macs\"]}]}")
                    .contains(QStringLiteral("\"axes\" must be two atlas columns")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"atlas\": "
                        "\"a.csv\", \"action\": \"start\"}]}")
                    .contains(QStringLiteral("an atlas step has no")));
    EXPECT_TRUE(problem("{\"title\": \"x\", \"steps\": [{\"text\": \"a\", \"atlas\": 3}]}")
                    .contains(QStringLiteral("\"atlas\" must be a string")));
}

namespace {
const QString kAtlasLesson = QStringLiteral(":/lessons/05-what-sparsity-costs-and-buys.json");
const QString kShippedAtlas = QStringLiteral(":/atlas/lenet5-fashion-mnist.csv");

class LessonDockTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        auto report = [this](const QString &, const QString &message) {
            m_errors << message;
        };
        m_window->setErrorReporter(report);
        m_window->trainingPanel()->setErrorReporter(report);
    }
    void TearDown() override { m_window.reset(); }

    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};
} // namespace

TEST_F(LessonDockTest, StepsThroughALessonAndDoItSetsThePanelUp)
{
    app::LessonDock *dock = m_window->lessonDock();
    EXPECT_FALSE(dock->isVisible()) << "hidden until a lesson is opened";
    ASSERT_TRUE(m_window->openLesson(QStringLiteral(":/lessons/01-filters-vanish.json")));
    EXPECT_TRUE(dock->isVisible());
    EXPECT_EQ(dock->step(), 0);
    EXPECT_TRUE(dock->narration().contains(QStringLiteral("20 filters")));
    dock->previous();
    EXPECT_EQ(dock->step(), 0) << "no step before the first";
    dock->next();
    EXPECT_EQ(dock->step(), 1);
    // Step 2: group Lasso 0.3 on the conv layers' filters, the filters view in front.
    dock->doStep();
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join('\n').toStdString();
    app::TrainingPanel *panel = m_window->trainingPanel();
    EXPECT_FALSE(panel->isRunning()) << "the step has no start action";
    const auto *editor = panel->strengthEditor();
    EXPECT_DOUBLE_EQ(editor->strength(QStringLiteral("conv1"), QStringLiteral("filter")), 0.3);
    EXPECT_DOUBLE_EQ(editor->strength(QStringLiteral("conv2"), QStringLiteral("filter")), 0.3);
    EXPECT_EQ(editor->strength(QStringLiteral("fc1"), QStringLiteral("filter")), 0.0);
    EXPECT_EQ(panel->config().epochs, 3);
    EXPECT_DOUBLE_EQ(panel->config().weightDecay, 0.0);
    auto *views = panel->findChild<widgets::DockArea *>(QStringLiteral("liveViews"));
    ASSERT_NE(views, nullptr);
    EXPECT_EQ(views->currentView(), QStringLiteral("filters"));
    EXPECT_EQ(m_window->currentPanel(), QStringLiteral("training"));
    for (int i = 0; i < 5; ++i)
        dock->next();
    EXPECT_EQ(dock->step(), 3) << "stops at the last step";
    // The last step thins: with nothing trained yet that is refused with a message.
    dock->doStep();
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors[0].contains(QStringLiteral("untrained"))
                || m_errors[0].contains(QStringLiteral("model")))
        << m_errors[0].toStdString();

    EXPECT_FALSE(m_window->openLesson(QStringLiteral("/no/such/lesson.json")));
    ASSERT_EQ(m_errors.size(), 2);
    EXPECT_TRUE(m_errors[1].contains(QStringLiteral("/no/such/lesson.json")));
    EXPECT_EQ(dock->lesson().title, QStringLiteral("Filters vanish on LeNet-5"))
        << "a failed open keeps the lesson";
}

// Issue 20.4: "what sparsity costs and buys", on the atlas this project measured (resources/atlas).
TEST_F(LessonDockTest, TheAtlasLessonOpensTheShippedAtlasSetsAxesAndSelectsMembers)
{
    app::AtlasPanel *atlas = m_window->atlasPanel();
    atlas->setErrorReporter(
        [this](const QString &, const QString &message) { m_errors << message; });
    app::LessonDock *dock = m_window->lessonDock();
    ASSERT_TRUE(m_window->openLesson(kAtlasLesson));
    const app::Lesson &lesson = dock->lesson();
    ASSERT_GE(lesson.steps.size(), 4);
    int selections = 0;
    for (int i = 0; i < lesson.steps.size(); ++i) {
        const app::LessonStep &step = lesson.steps[i];
        ASSERT_TRUE(step.isAtlasStep()) << "step " << i + 1;
        m_window->showPanel(QStringLiteral("training"));
        dock->doStep();
        ASSERT_TRUE(m_errors.isEmpty()) << m_errors.join('\n').toStdString();
        EXPECT_EQ(m_window->currentPanel(), QStringLiteral("atlas")) << "step " << i + 1;
        EXPECT_EQ(atlas->path(), kShippedAtlas);
        if (i == 0) {
            // The shipped atlas: the whole LeNet-5 series, every member measured.
            ASSERT_EQ(atlas->table().rows.size(), 32u);
            for (const auto &row : atlas->table().rows) {
                EXPECT_TRUE(std::isfinite(row.value("clean_accuracy"))) << row.member;
                EXPECT_TRUE(std::isfinite(row.value("macs_thinned"))) << row.member;
                EXPECT_TRUE(std::isfinite(row.value("corruption_mean"))) << row.member;
                EXPECT_TRUE(std::isfinite(row.value("adv:pgd-linf:0.03"))) << row.member;
            }
        }
        if (!step.xAxis.isEmpty()) {
            EXPECT_EQ(atlas->xColumn(), step.xAxis)
                << "step " << i + 1 << ": a column of the atlas";
            EXPECT_EQ(atlas->yColumn(), step.yAxis) << "step " << i + 1;
        }
        if (!step.member.isEmpty()) {
            ++selections;
            ASSERT_GE(atlas->selectedMember(), 0) << step.member.toStdString();
            EXPECT_EQ(QString::fromStdString(
                          atlas->table().rows[std::size_t(atlas->selectedMember())].member),
                      step.member);
            EXPECT_TRUE(atlas->detailsText().contains(step.member.toHtmlEscaped()));
        }
        dock->next();
    }
    EXPECT_GE(selections, 1);
    // Any step first (Next, Next, Do it), with the atlas panel showing nothing: the lesson's atlas
    // (named by step 1) opens and the step's member is selected.
    atlas->setTable({});
    dock->setLesson(lesson);
    int selecting = 0;
    while (lesson.steps[selecting].member.isEmpty() || lesson.steps[selecting].atlas.size() > 0)
        ++selecting;
    for (int i = 0; i < selecting; ++i)
        dock->next();
    dock->doStep();
    ASSERT_EQ(atlas->table().rows.size(), 32u);
    ASSERT_GE(atlas->selectedMember(), 0);
    EXPECT_EQ(
        QString::fromStdString(atlas->table().rows[std::size_t(atlas->selectedMember())].member),
        lesson.steps[selecting].member);
    // No model files ship with the atlas: the filter view says so instead of failing.
    QTRY_VERIFY(!atlas->shownModel().isEmpty());
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join('\n').toStdString();

    // A user's lesson naming a member the atlas lacks says so in the dock, not in a dialog.
    app::Lesson own = app::Lesson::fromJson(
        QByteArray("{\"title\": \"t\", \"steps\": [{\"text\": \"a\", \"atlas\": \"")
            + kShippedAtlas.toUtf8() + "\", \"select\": \"dense/seed=9\"}]}",
        QStringLiteral("own.json"));
    dock->setLesson(own);
    dock->doStep();
    EXPECT_TRUE(m_errors.isEmpty());
    EXPECT_TRUE(dock->positionText().contains(QStringLiteral("dense/seed=9 is not in this atlas")))
        << dock->positionText().toStdString();

    // A relative atlas path is relative to the lesson file, not to the working folder.
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    ASSERT_TRUE(QFile::copy(kShippedAtlas, folder.filePath(QStringLiteral("mine.csv"))));
    QFile lessonFile(folder.filePath(QStringLiteral("lesson.json")));
    ASSERT_TRUE(lessonFile.open(QIODevice::WriteOnly));
    lessonFile.write("{\"title\": \"t\", \"steps\": [{\"text\": \"a\", \"atlas\": \"mine.csv\", "
                     "\"select\": \"magnitude/sparsity=0.9_seed=2\"}]}");
    lessonFile.close();
    ASSERT_TRUE(m_window->openLesson(lessonFile.fileName()));
    dock->doStep();
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join('\n').toStdString();
    EXPECT_EQ(atlas->path(), folder.filePath(QStringLiteral("mine.csv")));
    ASSERT_GE(atlas->selectedMember(), 0);
    EXPECT_EQ(atlas->table().rows[std::size_t(atlas->selectedMember())].member,
              "magnitude/sparsity=0.9_seed=2");
}

TEST_F(LessonDockTest, PresentationModeGoesFullScreenAndScalesWidgetAndPlotFonts)
{
    auto *plot = m_window->findChild<QCustomPlot *>();
    ASSERT_NE(plot, nullptr);
    const double widgetSize = m_window->font().pointSizeF();
    const double tickSize = plot->xAxis->tickLabelFont().pointSizeF();
    m_window->setWindowState(Qt::WindowMaximized);
    m_window->setPresentationMode(true);
    EXPECT_TRUE(m_window->isPresentationMode());
    EXPECT_TRUE(m_window->windowState() & Qt::WindowFullScreen);
    EXPECT_NEAR(m_window->font().pointSizeF(), 1.5 * widgetSize, 1e-6);
    EXPECT_NEAR(plot->xAxis->tickLabelFont().pointSizeF(), 1.5 * tickSize, 1e-6);
    m_window->setPresentationMode(true);
    EXPECT_NEAR(m_window->font().pointSizeF(), 1.5 * widgetSize, 1e-6) << "idempotent";
    m_window->setPresentationMode(false);
    EXPECT_NEAR(m_window->font().pointSizeF(), widgetSize, 1e-6);
    EXPECT_NEAR(plot->xAxis->tickLabelFont().pointSizeF(), tickSize, 1e-6);
    EXPECT_FALSE(m_window->windowState() & Qt::WindowFullScreen);
    EXPECT_TRUE(m_window->windowState() & Qt::WindowMaximized) << "the state before comes back";
}
