// SPDX-License-Identifier: GPL-3.0-or-later
// The RLN panel on a tiny table the test writes: a real run through the Run button fills the
// live heatmaps, the sparsity curves, the importance bars, the predictions and the comparison
// table; export writes every figure and table; Θ/ν edits reach the running job; Stop, bad input
// and dropped files.
#include "panels/RlnPanel.h"
#include "MainWindow.h"
#include "panels/TrainingPanel.h"

#include "Fixtures.h"

#include "sparsescope/widgets/HeatmapPlot.h"
#include "sparsescope/widgets/ModelSummaryTableModel.h"
#include "sparsescope/widgets/RankedBarPlot.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cmath>
#include <fstream>
#include <memory>
#include <random>

using namespace sparsescope;

namespace {
/// y = 3·x0 − 2·x1 + small noise; x2, x3 do not matter.
void writeTable(const std::string &path, int rows)
{
    std::ofstream out(path);
    out << "x0,x1,x2,x3,y\n";
    std::mt19937 random(7);
    std::normal_distribution<double> normal;
    for (int r = 0; r < rows; ++r) {
        double x[4];
        for (double &v : x)
            v = normal(random);
        out << x[0] << ',' << x[1] << ',' << x[2] << ',' << x[3] << ','
            << 3.0 * x[0] - 2.0 * x[1] + 0.1 * normal(random) << '\n';
    }
}

class RlnPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        writeTable(m_dir.file("table.csv"), 80);
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        m_window->showPanel(QStringLiteral("rln"));
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        panel()->setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
        panel()->setCsv(QString::fromStdString(m_dir.file("table.csv")));
        panel()->setTarget(QStringLiteral("y"));
        panel()->setSkipRows(0);
        panel()->setNoiseFeatures(6);
        panel()->setSeeds(1);
        panel()->setEpochs(30);
        panel()->setModels({QStringLiteral("rln"), QStringLiteral("plain"), QStringLiteral("gbt"),
                            QStringLiteral("ensemble")});
        panel()->setRlnSettings({-6.0, 1e5, 1});
        panel()->setSearchRln(false); // the search has its own test
        panel()->setOutputFolder(QString());
    }
    void TearDown() override { m_window.reset(); }
    app::RlnPanel *panel() const { return m_window->rlnPanel(); }

    test::TempDir m_dir;
    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};
} // namespace

TEST_F(RlnPanelTest, RunFillsTheLiveViewsAndTheComparisonTable)
{
    QSignalSpy finished(panel(), &app::RlnPanel::finished);
    int strengthColumns = 0;
    int magnitudeColumns = 0;
    QObject::connect(panel(), &app::RlnPanel::updated, panel(), [&] {
        if (panel()->strengthPlot()->hasMatrix())
            strengthColumns = panel()->strengthPlot()->columns();
        if (panel()->magnitudePlot()->hasMatrix())
            magnitudeColumns = panel()->magnitudePlot()->columns();
    });
    panel()->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    ASSERT_TRUE(panel()->isRunning());
    ASSERT_TRUE(finished.wait(90000)) << m_errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_FALSE(finished.first().first().toBool()) << "not cancelled";
    EXPECT_FALSE(panel()->isRunning());

    // 4 real + 6 noise inputs on the heatmaps' column axis.
    EXPECT_EQ(strengthColumns, 10);
    EXPECT_EQ(magnitudeColumns, 10);
    EXPECT_GT(panel()->magnitudePlot()->rows(), 0);
    // One edges and one features curve per network and seed, with one point per epoch.
    const QStringList series = panel()->sparsityPlot()->seriesNames();
    EXPECT_TRUE(series.contains(QStringLiteral("rln s1 edges"))) << series.join(',').toStdString();
    EXPECT_TRUE(series.contains(QStringLiteral("plain s1 features")));
    EXPECT_EQ(panel()->sparsityPlot()->seriesY(QStringLiteral("rln s1 edges")).size(), 30);
    for (double fraction : panel()->sparsityPlot()->seriesY(QStringLiteral("rln s1 edges"))) {
        EXPECT_GT(fraction, 0.0);
        EXPECT_LE(fraction, 1.0);
    }
    // Importance: the real, strong inputs rank above the noise.
    const QStringList ranked = panel()->importancePlot()->shownNames();
    ASSERT_FALSE(ranked.isEmpty());
    EXPECT_TRUE(ranked.first() == QStringLiteral("x0") || ranked.first() == QStringLiteral("x1"))
        << ranked.join(',').toStdString();
    // Predicted against true: one scatter per model and the reference line.
    const QStringList predictions = panel()->predictionPlot()->seriesNames();
    for (const char *name : {"rln", "plain", "gbt", "ensemble", "y = x"})
        EXPECT_TRUE(predictions.contains(QString::fromLatin1(name))) << name;
    EXPECT_EQ(panel()->predictionPlot()->seriesY(QStringLiteral("gbt")).size(), 16)
        << "20 % of 80 rows are test rows";
    // The comparison table: one row per model, in the registry's order.
    const auto *summary = panel()->summaryModel();
    ASSERT_EQ(summary->rowCount(), 4);
    EXPECT_EQ(summary->data(summary->index(0, 0)).toString(), QStringLiteral("rln"));
    for (int row = 0; row < 4; ++row) {
        const double mse = summary->data(summary->index(row, 2), Qt::UserRole).toDouble();
        EXPECT_TRUE(std::isfinite(mse) && mse >= 0.0) << row;
    }
    // The trees and the ensemble learn this linear target far better than predicting the mean
    // (variance ≈ 13).
    EXPECT_LT(summary->data(summary->index(2, 2), Qt::UserRole).toDouble(), 8.0);
    EXPECT_EQ(panel()->scores().size(), 4U);
}

TEST_F(RlnPanelTest, SearchesThetaAndNuByDefaultAndShowsTheThreeSparsitiesAndPairedStatistics)
{
    // A fresh panel (settings cleared before each test) searches; the fixed Θ, ν are disabled.
    app::RlnPanel fresh;
    EXPECT_TRUE(fresh.searchRln());
    EXPECT_FALSE(fresh.findChild<QWidget *>(QStringLiteral("thetaSpin"))->isEnabled());

    panel()->setSearchRln(true);
    panel()->setEpochs(4);
    panel()->setModels({QStringLiteral("rln"), QStringLiteral("gbt"), QStringLiteral("ensemble")});
    const auto config = panel()->config();
    ASSERT_EQ(config.rlnGrid.size(), core::RlnConfig::defaultRlnGrid().size());
    EXPECT_EQ(config.l1Grid.size(), 9u);
    QSignalSpy finished(panel(), &app::RlnPanel::finished);
    ASSERT_TRUE(panel()->run());
    // A live Θ edit cannot reach a search (each candidate has its own): nothing is sent.
    panel()->setRlnSettings({-9.0, 1e5, 2});
    EXPECT_EQ(panel()->settingsPosted(), 0);
    ASSERT_TRUE(finished.wait(90000)) << m_errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();

    const QString paired = panel()->pairedText();
    EXPECT_TRUE(paired.contains(QStringLiteral("ensemble − best of rln, gbt (test MSE, per seed)")))
        << paired.toStdString();
    EXPECT_TRUE(paired.contains(QStringLiteral("rln: seed 1 theta="))) << paired.toStdString();
    EXPECT_TRUE(paired.contains(QStringLiteral("ensemble: seed 1 w="))) << paired.toStdString();
    using M = widgets::ModelSummaryTableModel;
    const auto *summary = panel()->summaryModel();
    ASSERT_EQ(summary->rowCount(), 3);
    const double small
        = summary->data(summary->index(0, M::SmallEdgesColumn), Qt::UserRole).toDouble();
    const double zero
        = summary->data(summary->index(0, M::EdgesZeroColumn), Qt::UserRole).toDouble();
    EXPECT_GE(small, zero) << "|w| ≤ 1e-3 includes the exact zeros";
    EXPECT_TRUE(summary->data(summary->index(0, M::RealKeptColumn))
                    .toString()
                    .endsWith(QStringLiteral(" of 4")));
    const double w
        = summary->data(summary->index(2, M::BlendWeightColumn), Qt::UserRole).toDouble();
    EXPECT_GE(w, 0.0);
    EXPECT_LE(w, 1.0);
    EXPECT_EQ(summary->data(summary->index(1, M::SmallEdgesColumn)).toString(), QStringLiteral("–"))
        << "trees have no first layer";
}

TEST_F(RlnPanelTest, ExportAllWritesEveryFigureAndTable)
{
    panel()->setModels({QStringLiteral("rln"), QStringLiteral("gbt")});
    QSignalSpy finished(panel(), &app::RlnPanel::finished);
    ASSERT_TRUE(panel()->run());
    ASSERT_TRUE(finished.wait(90000));
    QTemporaryDir dir;
    ASSERT_TRUE(panel()->exportAll(dir.path()));
    for (const char *stem : {"strengths", "magnitudes", "sparsity", "importance", "predictions"}) {
        for (const char *suffix : {".png", ".pdf", ".svg", ".csv"}) {
            const QString path = dir.filePath(QString::fromLatin1(stem) + QLatin1String(suffix));
            EXPECT_GT(QFileInfo(path).size(), 20) << path.toStdString();
        }
        EXPECT_FALSE(
            QImage(dir.filePath(QString::fromLatin1(stem) + QLatin1String(".png"))).isNull());
    }
    QFile results(dir.filePath(QStringLiteral("results.csv")));
    ASSERT_TRUE(results.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(results.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("model,seed,test_mse,test_explained_variance,"
                                                   "edges_remaining,features_remaining")));
    EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("summary.csv"))));
    EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("paired.csv"))));
    EXPECT_FALSE(panel()->exportAll(QStringLiteral("/proc/no-such-dir")));
}

TEST_F(RlnPanelTest, SettingsEditsReachTheRunningJobAndStopCancels)
{
    panel()->setModels({QStringLiteral("rln")});
    panel()->setEpochs(5000);
    QSignalSpy finished(panel(), &app::RlnPanel::finished);
    QSignalSpy updated(panel(), &app::RlnPanel::updated);
    ASSERT_TRUE(panel()->run());
    ASSERT_TRUE(updated.wait(30000)) << "live updates while training";
    panel()->setRlnSettings({-8.0, 2e5, 1});
    EXPECT_GE(panel()->settingsPosted(), 1);
    EXPECT_TRUE(panel()
                    ->findChild<QPlainTextEdit *>(QStringLiteral("rlnLog"))
                    ->toPlainText()
                    .contains(QStringLiteral("sent to the running RLN network")));
    // Paused, the job holds at its next step: once the step in flight is drained, no update
    // comes; resumed, updates come again.
    panel()->setPaused(true);
    QTest::qWait(250);
    updated.clear();
    QTest::qWait(400);
    EXPECT_EQ(updated.count(), 0) << "updates while paused";
    EXPECT_TRUE(panel()->isRunning());
    panel()->setPaused(false);
    ASSERT_TRUE(updated.wait(10000)) << "updates again after resume";
    panel()->findChild<QPushButton *>(QStringLiteral("stopButton"))->click();
    ASSERT_TRUE(finished.wait(20000)) << "Stop ends the job";
    EXPECT_TRUE(finished.first().first().toBool()) << "cancelled";
    EXPECT_FALSE(panel()->isRunning());
    EXPECT_TRUE(m_errors.isEmpty());
    // Not running: edits are kept for the next run, nothing is sent.
    const int posted = panel()->settingsPosted();
    panel()->setRlnSettings({-7.0, 1e5, 1});
    EXPECT_EQ(panel()->settingsPosted(), posted);
}

TEST_F(RlnPanelTest, BadInputIsReportedNamingTheFileAndLine)
{
    {
        std::ofstream out(m_dir.file("bad.csv"));
        out << "a,b,y\n1,2,3\n4,oops,6\n7,8,9\n";
    }
    panel()->setCsv(QString::fromStdString(m_dir.file("bad.csv")));
    QSignalSpy failed(panel(), &app::RlnPanel::failed);
    ASSERT_TRUE(panel()->run());
    ASSERT_TRUE(failed.wait(20000));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("bad.csv")))
        << m_errors.first().toStdString();
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("line 3")))
        << m_errors.first().toStdString();
    EXPECT_FALSE(panel()->isRunning());

    m_errors.clear();
    panel()->setCsv(QString());
    EXPECT_FALSE(panel()->run());
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("CSV")));
    m_errors.clear();
    panel()->setCsv(QString::fromStdString(m_dir.file("table.csv")));
    panel()->setModels({});
    EXPECT_FALSE(panel()->run());
    EXPECT_EQ(m_errors.size(), 1);
}

TEST_F(RlnPanelTest, DroppingATableFileSetsIt)
{
    const QString path = QString::fromStdString(m_dir.file("dropped.csv"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel(), &drop);
    EXPECT_EQ(panel()->csv(), path);
    QMimeData image;
    image.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/picture.png"))});
    QDragEnterEvent refused(QPoint(5, 5), Qt::CopyAction, &image, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(panel(), &refused);
    EXPECT_FALSE(refused.isAccepted());
}

TEST_F(RlnPanelTest, CtrlRRunsThisPanelWhenItIsShown)
{
    // The Training menu's Start (also Ctrl+R) must not take the key while this tab is shown.
    QSignalSpy finished(panel(), &app::RlnPanel::finished);
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_R, Qt::ControlModifier);
    // A button's shortcut animates the click: it lands a moment later.
    for (int i = 0; i < 40 && !panel()->isRunning() && finished.isEmpty(); ++i)
        QTest::qWait(25);
    EXPECT_TRUE(panel()->isRunning() || !finished.isEmpty());
    EXPECT_FALSE(m_window->trainingPanel()->isRunning());
    if (panel()->isRunning()) {
        ASSERT_TRUE(finished.wait(90000));
    }
    // Back on the training tab its Start takes Ctrl+R again.
    EXPECT_TRUE(m_window->trainingPanel()->startAction()->shortcut().isEmpty());
    m_window->showPanel(QStringLiteral("training"));
    EXPECT_EQ(m_window->trainingPanel()->startAction()->shortcut(),
              QKeySequence(Qt::CTRL | Qt::Key_R));
}
