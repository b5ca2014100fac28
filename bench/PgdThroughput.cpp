// SPDX-License-Identifier: GPL-3.0-or-later
// PGD-40 (ℓ∞) throughput of core::AttackRunner on LeNet-5 / Fashion-MNIST, for comparison with
// the same loop in PyTorch-Python (pgd_python.py, run by run-pgd-throughput.sh). Prints one line:
//   cpp_pgd_images_per_second=123.4 workers=2 threads=2 images=1000 steps=40 ...
// Every image is attacked for all steps: the dataset is relabelled with the model's own
// predictions, because the runner leaves misclassified samples alone and the Python loop does
// not — both sides then do the same work.
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/AttackRunner.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <vector>

using namespace sparsescope;

int main(int argc, char **argv)
{
    CLI::App app {"PGD-40 throughput of core::AttackRunner (LeNet-5, Fashion-MNIST test)"};
    std::string modelPath;
    std::string savePath;
    std::size_t limit = 1000;
    int steps = 40;
    double epsilon = 0.1;
    int batchSize = 100;
    int workers = 0;
    int threads = 0;
    int repeats = 1;
    app.add_option("--model", modelPath, "trained model (default: a seeded untrained LeNet-5)");
    app.add_option("--save-model", savePath, "write the model used (for the Python side)");
    app.add_option("--limit", limit, "test images attacked");
    app.add_option("--steps", steps, "PGD steps");
    app.add_option("--eps", epsilon, "ℓ∞ budget");
    app.add_option("--batch-size", batchSize, "images per batch");
    app.add_option("--workers", workers, "batches in parallel (0: one per thread)");
    app.add_option("--threads", threads, "LibTorch threads (0: all cores)");
    app.add_option("--repeats", repeats, "timed runs; the best is printed");
    CLI11_PARSE(app, argc, argv);
    try {
        core::Runtime::initialiseDefaults();
        core::Runtime::setThreads(threads);
        const auto model = modelPath.empty() ? core::Model::create("lenet5", {}, 1)
                                             : core::Model::load(modelPath);
        if (!savePath.empty())
            model.save(savePath);
        const auto test = core::Dataset::fromSpec("fashion-mnist:test").first(limit);
        // Relabel with the model's predictions (pixels are k/255 exactly, so they round-trip).
        const auto evaluation = model.evaluate(test, 256, true);
        core::ImageSet set;
        set.channels = test.channels();
        set.height = test.height();
        set.width = test.width();
        set.numClasses = test.numClasses();
        set.classNames = test.classNames();
        set.source = "fashion-mnist:test relabelled";
        std::vector<float> pixels(std::size_t(set.channels) * set.height * set.width);
        for (std::size_t i = 0; i < test.size(); ++i) {
            std::int64_t label = 0;
            test.fill(&i, 1, pixels.data(), &label);
            for (float p : pixels)
                set.pixels.push_back(static_cast<std::uint8_t>(std::lround(p * 255.0f)));
            const float *logits = evaluation.logits.data() + i * evaluation.numClasses;
            set.labels.push_back(std::max_element(logits, logits + evaluation.numClasses) - logits);
        }
        const core::Dataset data(set);

        core::AttackJob job;
        job.attack = "pgd-linf";
        job.epsilons = {epsilon};
        job.settings.steps = steps;
        job.batchSize = batchSize;
        job.workers = workers;
        double best = 0.0;
        core::AttackReport report;
        for (int r = 0; r < std::max(1, repeats); ++r) {
            const auto start = std::chrono::steady_clock::now();
            report = core::AttackRunner::run(model, data, job);
            const double seconds
                = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            best = std::max(best, double(data.size()) / seconds);
        }
        const auto &s = report.summaries.front();
        std::printf("cpp_pgd_images_per_second=%.1f workers=%d threads=%d images=%zu steps=%d "
                    "eps=%g batch=%d adversarial_accuracy=%.4f attacked=%zu\n",
                    best, workers, core::Runtime::threads(), data.size(), steps, epsilon, batchSize,
                    s.adversarialAccuracy(), s.cleanCorrect);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "sparsescope_bench_pgd: %s\n", e.what());
        return 2;
    }
    return 0;
}
