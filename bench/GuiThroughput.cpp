// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 4's GUI targets, measured: training throughput with the live views on against the same
// run without a GUI, and a stall probe on the GUI event loop.
//
// With --slider-image IMAGE [--slider-type T] it measures issue 5's panel instead (below).
// With --strength-response STRENGTH it measures how fast a strength slider edit shows (below).
//
// Rounds alternate: (a) the training panel of a shown main window (offscreen unless a display is
// set) trains the configured run with the live curves, filters and structure updating; a 5 ms
// precise timer on the GUI thread records every gap between its ticks; (b) the very same config
// (TrainingPanel::config()) goes through core::Trainer on a plain thread, as the CLI runs it,
// writing a run folder too. Throughput = training images / the epochs' seconds (no test set, so
// an epoch is training steps only). Prints per round and the medians:
//   gui_images_per_second=… cli_images_per_second=… ratio=… max_gap_ms=… gaps_over_50ms=…
#include "MainWindow.h"
#include "panels/DegradationPanel.h"
#include "panels/TrainingPanel.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/LevelSlider.h"
#include "sparsescope/widgets/StrengthEditor.h"

#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsescope/widgets/EpochTableModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QSlider>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace sparsescope;

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

double imagesPerSecond(const std::vector<core::EpochMetrics> &epochs, std::size_t samples)
{
    double seconds = 0.0;
    for (const auto &epoch : epochs)
        seconds += epoch.seconds;
    return seconds > 0.0 ? double(samples) * double(epochs.size()) / seconds : 0.0;
}

/// The training panel set up for the measurements: LeNet-5 on Fashion-MNIST's training set
/// (no test set: an epoch is training steps only), errors to stderr and exit 1.
app::TrainingPanel *setUpLeNet5(app::MainWindow &window, int epochs, int limit, const QString &view)
{
    app::TrainingPanel *panel = window.trainingPanel();
    panel->setErrorReporter([](const QString &title, const QString &message) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(message));
        std::exit(1);
    });
    panel->setModel(QStringLiteral("lenet5"));
    panel->setTrainingData(QStringLiteral("fashion-mnist:train"));
    panel->setTestData(QString());
    panel->setEpochs(epochs);
    panel->setLimit(limit);
    panel->showView(view);
    return panel;
}

struct GuiRound
{
    double imagesPerSecond = 0.0;
    double maxGapMs = 0.0;
    double p99GapMs = 0.0;
    int gapsOver50 = 0;
    std::size_t ticks = 0;
};

GuiRound guiRound(app::MainWindow &window, const QString &runFolder, std::size_t samples)
{
    app::TrainingPanel *panel = window.trainingPanel();
    panel->setRunFolder(runFolder);
    std::vector<double> gaps;
    QElapsedTimer clock;
    qint64 last = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - last) / 1e6);
        last = now;
    });
    QEventLoop loop;
    bool ok = false;
    QObject::connect(panel, &app::TrainingPanel::runFinished, &loop,
                     [&](core::TrainStatus status, const QString &) {
                         ok = status == core::TrainStatus::Completed;
                         loop.quit();
                     });
    clock.start();
    probe.start();
    panel->start();
    loop.exec();
    probe.stop();
    if (!ok) {
        std::fprintf(stderr, "gui round did not complete\n");
        std::exit(1);
    }
    GuiRound round;
    round.imagesPerSecond = imagesPerSecond(panel->epochModel()->epochs(), samples);
    round.ticks = gaps.size();
    if (!gaps.empty()) {
        round.maxGapMs = *std::max_element(gaps.begin(), gaps.end());
        std::sort(gaps.begin(), gaps.end());
        round.p99GapMs = gaps[std::min(gaps.size() - 1, gaps.size() * 99 / 100)];
        round.gapsOver50
            = int(std::count_if(gaps.begin(), gaps.end(), [](double g) { return g > 50.0; }));
    }
    return round;
}

double cliRound(const core::TrainConfig &config, const std::string &runFolder, std::size_t samples)
{
    core::TrainResult result;
    std::thread worker([&] {
        core::Trainer trainer;
        core::TrainingObserver quiet;
        std::stop_source never;
        result = trainer.run(config, runFolder, quiet, never.get_token());
    });
    worker.join();
    if (result.status != core::TrainStatus::Completed) {
        std::fprintf(stderr, "cli round did not complete: %s\n", result.message.c_str());
        std::exit(1);
    }
    return imagesPerSecond(result.epochs, samples);
}

/// Issue 5's panel target: a slider drag (a move every 10 ms, there and back, `moves` moves) over
/// an image with the grid of all thirteen types on; the same 5 ms probe records the GUI
/// thread's longest gap. Rendering runs in the panel's worker; a stall would be GUI-thread work.
int sliderRound(app::MainWindow &window, const QString &image, const QString &type, int moves)
{
    app::DegradationPanel *panel = window.degradationPanel();
    window.showPanel(QStringLiteral("degradations"));
    panel->setErrorReporter([](const QString &title, const QString &message) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(message));
        std::exit(1);
    });
    panel->setGridVisible(true);
    panel->setType(type);
    if (!panel->openImage(image))
        return 1;
    auto *slider = panel->findChild<widgets::LevelSlider *>(QStringLiteral("levelSlider"));
    std::vector<double> gaps;
    QElapsedTimer clock;
    qint64 last = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - last) / 1e6);
        last = now;
    });
    QTimer drag;
    drag.setTimerType(Qt::PreciseTimer);
    drag.setInterval(10);
    int move = 0;
    QEventLoop loop;
    QObject::connect(&drag, &QTimer::timeout, [&] {
        const int span = slider->maximum() - slider->minimum();
        const int phase = move % 200; // 100 steps up, 100 down
        const int step = phase < 100 ? phase : 200 - phase;
        slider->setValue(slider->minimum() + span * step / 100);
        if (++move >= moves)
            loop.quit();
    });
    // The panel switch, the first paint and the first render of the image and the grid are
    // not a drag: let them settle (timed apart) before the drag begins.
    QElapsedTimer settle;
    settle.start();
    QTimer::singleShot(1000, &loop, &QEventLoop::quit);
    loop.exec();
    std::printf("settling (panel shown, first render): %lld ms\n", settle.elapsed());
    clock.start();
    probe.start();
    drag.start();
    loop.exec();
    drag.stop();
    // Let the last render land, still probing.
    QTimer::singleShot(1500, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    double at = 0.0;
    for (double gap : gaps) {
        at += gap;
        if (gap > 50.0)
            std::printf("gap of %.1f ms ending %.0f ms after the drag began\n", gap, at);
    }
    const double maxGap = gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end());
    const auto over50 = std::count_if(gaps.begin(), gaps.end(), [](double g) { return g > 50.0; });
    std::sort(gaps.begin(), gaps.end());
    std::printf("slider type=%s moves=%d grid=on max_gap_ms=%.1f p99_gap_ms=%.1f "
                "gaps_over_50ms=%td ticks=%zu tiles_rendered=%d\n",
                qPrintable(type), moves, maxGap,
                gaps.empty() ? 0.0 : gaps[std::min(gaps.size() - 1, gaps.size() * 99 / 100)],
                over50, gaps.size(), panel->renderedTiles());
    return 0;
}

/// Issue 4's "a slider edit visibly changes the vanishing within a second": the panel trains
/// LeNet-5 (proximal update) for `warmupMs`; then the first conv layer's filter-strength slider is
/// moved to `strength` (QSlider::setValue, the path a drag takes) and a 5 ms probe on the GUI
/// thread records when (a) the log shows "new strengths applied" (the trainer took the edit from
/// the mailbox), (b) the filter grid got its first snapshot after that, (c) the grid's summed
/// filter norm fell by 10 % and 50 % from its value at the edit, (d) the grid shows one more
/// exact-zero (collapsed) filter than at the edit. Times are milliseconds after the edit.
int strengthResponseRound(app::MainWindow &window, double strength, int warmupMs, int limit)
{
    app::TrainingPanel *panel
        = setUpLeNet5(window, 10, limit, QStringLiteral("filters")); // stopped once measured
    QTemporaryDir runs;
    panel->setRunFolder(runs.filePath(QStringLiteral("response")));
    widgets::StrengthEditor *editor = panel->strengthEditor();
    widgets::FilterGrid *grid = panel->filterGrid();
    auto *log = panel->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    QEventLoop loop;
    QObject::connect(panel, &app::TrainingPanel::runFinished, &loop, &QEventLoop::quit);
    panel->start();
    QTimer::singleShot(warmupMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!panel->isRunning() || editor->layers().isEmpty()) {
        std::fprintf(stderr, "training is not running after the warm-up\n");
        return 1;
    }
    const QString layer = editor->layers().front();
    auto *slider = editor->findChild<QSlider *>(QStringLiteral("strength-%1-filter").arg(layer));
    if (!slider) {
        std::fprintf(stderr, "no filter slider for %s\n", qPrintable(layer));
        return 1;
    }
    auto normSum = [&] {
        double sum = 0.0;
        for (float n : grid->filters().norms)
            sum += n;
        return sum;
    };
    const double before = normSum();
    const int zerosBefore = grid->zeroFilterCount();
    const int logBlocks = log->document()->blockCount();
    const double oldStrength = editor->strength(layer, QStringLiteral("filter"));
    QElapsedTimer clock;
    double applied = -1, snapshot = -1, fell10 = -1, fell50 = -1, newZero = -1, maxGap = 0;
    qint64 last = 0;
    std::vector<float> lastNorms = grid->filters().norms;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 nowNs = clock.nsecsElapsed();
        maxGap = std::max(maxGap, double(nowNs - last) / 1e6);
        last = nowNs;
        const double now = double(nowNs) / 1e6;
        if (applied < 0)
            for (QTextBlock b = log->document()->lastBlock();
                 b.isValid() && b.blockNumber() >= logBlocks - 1; b = b.previous())
                if (b.text().contains(QStringLiteral("new strengths applied")))
                    applied = now;
        if (applied >= 0 && snapshot < 0 && grid->filters().norms != lastNorms)
            snapshot = now;
        const double sum = normSum();
        if (fell10 < 0 && sum <= 0.9 * before)
            fell10 = now;
        if (fell50 < 0 && sum <= 0.5 * before)
            fell50 = now;
        if (newZero < 0 && grid->zeroFilterCount() > zerosBefore)
            newZero = now;
        if ((newZero >= 0 && fell50 >= 0) || now > 20000.0 || !panel->isRunning())
            loop.quit();
    });
    clock.start();
    probe.start();
    slider->setValue(widgets::StrengthEditor::sliderPosition(strength));
    loop.exec();
    probe.stop();
    panel->stop();
    if (panel->isRunning()) {
        QObject::connect(panel, &app::TrainingPanel::runFinished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    std::printf("strength_response layer=%s filter strength %.3g -> %.3g (slider): applied_ms=%.0f "
                "first_snapshot_ms=%.0f norm_sum_minus10pc_ms=%.0f norm_sum_minus50pc_ms=%.0f "
                "first_new_zero_filter_ms=%.0f zero_filters %d -> %d of %zu, norm sum %.3f -> "
                "%.3f, max_gui_gap_ms=%.1f (-1: not within 20 s)\n",
                qPrintable(layer), oldStrength, editor->strength(layer, QStringLiteral("filter")),
                applied, snapshot, fell10, fell50, newZero, zerosBefore, grid->zeroFilterCount(),
                grid->filters().norms.size(), before, normSum(), maxGap);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int rounds = 3;
    int limit = 6000;
    int epochs = 2;
    QString view = QStringLiteral("curves");
    QString sliderImage;
    QString sliderType = QStringLiteral("low-pass");
    double responseStrength = 0.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--limit"))
            limit = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--epochs"))
            epochs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--view"))
            view = QString::fromLatin1(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--slider-image"))
            sliderImage = QString::fromLocal8Bit(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--slider-type"))
            sliderType = QString::fromLatin1(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--strength-response"))
            responseStrength = std::atof(argv[i + 1]);
        else {
            std::fprintf(
                stderr,
                "usage: %s [--rounds N] [--limit IMAGES] [--epochs N] [--view "
                "curves|filters|structure|norms] | [--slider-image IMAGE "
                "[--slider-type TYPE]] | [--strength-response STRENGTH [--limit IMAGES]]\n",
                argv[0]);
            return 2;
        }
    }
    QApplication application(argc, argv);
    core::Runtime::initialiseDefaults();
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    if (!sliderImage.isEmpty())
        return sliderRound(window, sliderImage, sliderType, 400);
    if (responseStrength > 0.0)
        return strengthResponseRound(window, responseStrength, 3000, limit);
    app::TrainingPanel *panel = setUpLeNet5(window, epochs, limit, view);
    core::TrainConfig config = panel->config();
    const std::size_t samples = core::Dataset::fromSpec(config.data).first(config.limit).size();
    QTemporaryDir runs;
    std::vector<double> gui, cli, maxGaps;
    int over50 = 0;
    for (int round = 0; round < rounds; ++round) {
        const GuiRound g
            = guiRound(window, runs.filePath(QStringLiteral("gui-%1").arg(round)), samples);
        const double c = cliRound(
            config, runs.filePath(QStringLiteral("cli-%1").arg(round)).toStdString(), samples);
        std::printf("round %d: gui %.1f images/s (max gap %.1f ms, p99 %.1f ms, %d gaps > 50 ms of "
                    "%zu ticks), cli %.1f images/s, ratio %.3f\n",
                    round + 1, g.imagesPerSecond, g.maxGapMs, g.p99GapMs, g.gapsOver50, g.ticks, c,
                    g.imagesPerSecond / c);
        std::fflush(stdout);
        gui.push_back(g.imagesPerSecond);
        cli.push_back(c);
        maxGaps.push_back(g.maxGapMs);
        over50 += g.gapsOver50;
    }
    std::printf("gui_images_per_second=%.1f cli_images_per_second=%.1f ratio=%.3f "
                "max_gap_ms=%.1f gaps_over_50ms=%d threads=%d images=%zu epochs=%d view=%s\n",
                median(gui), median(cli), median(gui) / median(cli),
                *std::max_element(maxGaps.begin(), maxGaps.end()), over50, core::Runtime::threads(),
                samples, epochs, qPrintable(view));
    return 0;
}
