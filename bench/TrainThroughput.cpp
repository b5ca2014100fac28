// SPDX-License-Identifier: GPL-3.0-or-later
// LeNet-5 training throughput through the project's real training path (core::Trainer), for
// comparison with the same training in PyTorch-Python (lenet_throughput.py). Prints one line:
//   cpp_images_per_second=1234.5 threads=2 images=10000 epochs=2 ...
// Throughput is measured between optimisation steps: from the end of step `--warmup` to the end
// of the last step, using the trainer's own BatchMetrics timestamps, so dataset loading, model
// creation and the first (allocator- and cache-warming) steps are excluded — the Python script
// measures the same window.
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/training/Trainer.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <numeric>
#include <stop_token>
#include <vector>

namespace {

using namespace sparsescope;

using Clock = std::chrono::steady_clock;

/// Records, after every step, the trainer's clock, the process CPU time and how many images the
/// step trained on; and how long the trainer spent in its own live snapshots (layer structures
/// and filter images, sent every 0.1 s as the GUI asks for them), which only the C++ side does.
class StepClock : public core::TrainingObserver
{
public:
    StepClock(std::size_t samples, int batchSize)
        : m_samples(samples)
        , m_batchSize(batchSize)
    { }

    void onBatch(const core::BatchMetrics &metrics) override
    {
        const std::size_t before = std::size_t(metrics.batch - 1) * std::size_t(m_batchSize);
        m_images.push_back(std::min<std::size_t>(m_batchSize, m_samples - before));
        m_seconds.push_back(metrics.elapsedSeconds);
        m_cpuSeconds.push_back(double(std::clock()) / CLOCKS_PER_SEC);
        m_snapshotSeconds.push_back(0.0);
        m_lastBatch = Clock::now();
    }
    // The trainer computes the structures, then calls onStructure, then computes the filters and
    // calls onFilters: the gaps from the step's end time the two snapshots.
    void onStructure(const std::vector<core::LayerStructure> &) override { addSnapshotTime(); }
    void onFilters(const core::FilterImages &) override { addSnapshotTime(); }
    double snapshotInterval() const override { return 0.1; }

    std::size_t steps() const { return m_seconds.size(); }
    /// Wall seconds between the end of step `warmup` (1-based) and the end of the last step.
    double windowSeconds(std::size_t warmup) const
    {
        return m_seconds.back() - m_seconds[warmup - 1];
    }
    double windowCpuSeconds(std::size_t warmup) const
    {
        return m_cpuSeconds.back() - m_cpuSeconds[warmup - 1];
    }
    std::size_t windowImages(std::size_t warmup) const
    {
        return std::accumulate(m_images.begin() + std::ptrdiff_t(warmup), m_images.end(),
                               std::size_t {0});
    }
    /// Snapshot seconds that fall inside the window (after steps warmup .. last-1).
    double windowSnapshotSeconds(std::size_t warmup) const
    {
        return std::accumulate(m_snapshotSeconds.begin() + std::ptrdiff_t(warmup) - 1,
                               m_snapshotSeconds.end() - 1, 0.0);
    }
    std::size_t windowSnapshots(std::size_t warmup) const
    {
        return std::size_t(std::count_if(m_snapshotSeconds.begin() + std::ptrdiff_t(warmup) - 1,
                                         m_snapshotSeconds.end() - 1,
                                         [](double seconds) { return seconds > 0.0; }));
    }

private:
    void addSnapshotTime()
    {
        if (m_snapshotSeconds.empty())
            return;
        const auto now = Clock::now();
        m_snapshotSeconds.back() += std::chrono::duration<double>(now - m_lastBatch).count();
        m_lastBatch = now;
    }

    std::size_t m_samples;
    int m_batchSize;
    std::vector<std::size_t> m_images;
    std::vector<double> m_seconds;
    std::vector<double> m_cpuSeconds;
    std::vector<double> m_snapshotSeconds;
    Clock::time_point m_lastBatch;
};

} // namespace

int main(int argc, char **argv)
{
    CLI::App app("LeNet-5 training throughput through core::Trainer (images/s)");
    core::TrainConfig config;
    config.model = "lenet5";
    config.data = "fashion-mnist:train";
    config.testData = ""; // no test evaluation: training steps only
    config.limit = 10000;
    config.epochs = 2;
    config.batchSize = 64;
    config.optimizer = "sgd";
    config.learningRate = 0.01;
    config.momentum = 0.9;
    config.weightDecay = 5e-4;
    config.schedule = "none";
    config.seed = 1;
    config.threads = 0;
    std::size_t warmup = 20;
    app.add_option("--limit", config.limit, "train on the first N images")
        ->check(CLI::PositiveNumber);
    app.add_option("--epochs", config.epochs, "epochs")->check(CLI::PositiveNumber);
    app.add_option("--threads", config.threads, "LibTorch intra-op threads (0: all cores)");
    app.add_option("--batch-size", config.batchSize, "batch size")->check(CLI::PositiveNumber);
    app.add_option("--warmup", warmup, "steps left out of the measurement")
        ->check(CLI::PositiveNumber);
    app.add_option("--data", config.data, "training data spec");
    app.add_option("--seed", config.seed, "random seed");
    CLI11_PARSE(app, argc, argv);

    try {
        const std::size_t samples = core::Dataset::fromSpec(config.data).first(config.limit).size();
        StepClock clock(samples, config.batchSize);
        core::Trainer trainer;
        std::stop_source never;
        // runDirectory "": the trainer writes nothing.
        const core::TrainResult result = trainer.run(config, "", clock, never.get_token());
        if (!result.ok()) {
            std::fprintf(stderr, "sparsescope_bench_train: training %s: %s\n",
                         core::toString(result.status).c_str(), result.message.c_str());
            return 1;
        }
        if (clock.steps() <= warmup) {
            std::fprintf(stderr,
                         "sparsescope_bench_train: %zu steps, not more than --warmup %zu; "
                         "raise --limit or --epochs\n",
                         clock.steps(), warmup);
            return 2;
        }
        const double seconds = clock.windowSeconds(warmup);
        const double cpuSeconds = clock.windowCpuSeconds(warmup);
        const std::size_t images = clock.windowImages(warmup);
        std::printf("cpp_images_per_second=%.1f threads=%d blas_threads=%d images=%zu epochs=%d "
                    "batch_size=%d "
                    "steps=%zu warmup_steps=%zu window_images=%zu window_seconds=%.3f "
                    "window_cpu_seconds=%.3f images_per_cpu_second=%.1f snapshots=%zu "
                    "snapshot_seconds=%.3f total_seconds=%.3f final_loss=%.4f "
                    "train_accuracy=%.4f\n",
                    double(images) / seconds, core::Runtime::threads(),
                    core::Runtime::blasThreads(), samples, config.epochs, config.batchSize,
                    clock.steps(), warmup, images, seconds, cpuSeconds, double(images) / cpuSeconds,
                    clock.windowSnapshots(warmup), clock.windowSnapshotSeconds(warmup),
                    result.seconds, result.epochs.back().loss, result.epochs.back().trainAccuracy);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "sparsescope_bench_train: %s\n", e.what());
        return 1;
    }
}
