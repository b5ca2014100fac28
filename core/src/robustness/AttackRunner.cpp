// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/robustness/AttackRunner.h"

#include "models/ModelImpl_p.h"
#include "robustness/Attack.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/robustness/AttackRegistry.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace sparsescope::core {

void AttackJob::validate(const std::string &origin) const
{
    const AttackInfo &info = AttackRegistry::info(attack);
    if (batchSize <= 0)
        throw Error(origin, "batch size must be positive");
    if (workers < 0)
        throw Error(origin, "workers must be 0 (automatic) or positive");
    if (settings.target != "none" && settings.target != "next" && settings.target != "random")
        throw Error(origin, "unknown target mode '" + settings.target + "'",
                    "use none, next or random");
    if (settings.target != "none" && !info.supportsTargets)
        throw Error(origin, attack + " is untargeted only");
    if (info.usesEpsilon) {
        const std::vector<double> list
            = epsilons.empty() ? std::vector {settings.epsilon} : epsilons;
        for (double e : list)
            if (!(e >= 0.0) || !std::isfinite(e))
                throw Error(origin,
                            "ε must be a finite number ≥ 0 (got " + std::to_string(e) + ")");
        if (info.norm == "linf")
            for (double e : list)
                if (e > 1.0)
                    throw Error(origin, "an ℓ∞ ε above 1 covers the whole [0, 1] input range",
                                "ε is on the [0, 1] pixel scale: 8/255 ≈ 0.031");
    }
    if (settings.steps < 0)
        throw Error(origin, "steps must be ≥ 0 (0: the attack's default)");
    if (settings.overshoot < 0.0 || settings.confidence < 0.0)
        throw Error(origin, "overshoot and confidence must be ≥ 0");
}

namespace {

/// The attacked samples of one batch and what came out.
struct ChunkResult
{
    std::vector<AttackRecord> records;
    std::vector<AdversarialExample> examples;
};

std::uint64_t mix(std::uint64_t seed, std::uint64_t a, std::uint64_t b)
{
    // splitmix64 over the inputs: independent streams per (seed, ε index, batch).
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (a + 1) + 0xBF58476D1CE4E5B9ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::vector<float> toFloatVector(const torch::Tensor &t)
{
    const auto c = t.contiguous().to(torch::kFloat32);
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

/// The first `count` samples of a chunk as examples for the views: images, predictions and
/// class probabilities before and after the attack.
std::vector<AdversarialExample>
keptExamples(const torch::Tensor &x, const torch::Tensor &adversarial,
             const torch::Tensor &cleanLogits, const torch::Tensor &advLogits,
             const std::vector<std::int64_t> &labelValues, const torch::Tensor &predClean,
             const torch::Tensor &predAdv, std::size_t begin, std::size_t count, double epsilon)
{
    const auto pClean = torch::softmax(cleanLogits, 1);
    const auto pAdv = torch::softmax(advLogits, 1);
    const auto pc = predClean.accessor<std::int64_t, 1>();
    const auto pa = predAdv.accessor<std::int64_t, 1>();
    std::vector<AdversarialExample> examples;
    for (std::size_t i = 0; i < count; ++i) {
        const auto k = static_cast<std::int64_t>(i);
        AdversarialExample e;
        e.index = begin + i;
        e.epsilon = epsilon;
        e.label = labelValues[i];
        e.predClean = pc[k];
        e.predAdv = pa[k];
        e.channels = int(x.size(1));
        e.height = int(x.size(2));
        e.width = int(x.size(3));
        e.original = toFloatVector(x[k]);
        e.adversarial = toFloatVector(adversarial[k]);
        e.probabilitiesClean = toFloatVector(pClean[k]);
        e.probabilitiesAdv = toFloatVector(pAdv[k]);
        examples.push_back(std::move(e));
    }
    return examples;
}

ChunkResult attackChunk(ModelImpl &model, const Attack &attack, const AttackInfo &info,
                        const AttackSettings &settings, const Dataset &data, std::size_t begin,
                        std::size_t end, double epsilon, std::uint64_t streamSeed,
                        std::size_t keepExamples, const std::stop_token &stop)
{
    const auto n = static_cast<std::int64_t>(end - begin);
    const int c = data.channels(), h = data.height(), w = data.width();
    std::vector<float> pixels(std::size_t(n) * c * h * w);
    std::vector<std::int64_t> labelValues(n);
    std::vector<std::size_t> positions(n);
    for (std::int64_t i = 0; i < n; ++i)
        positions[i] = begin + i;
    data.fill(positions.data(), n, pixels.data(), labelValues.data());
    const auto x = torch::from_blob(pixels.data(), {n, c, h, w}, torch::kFloat32).clone();
    const auto labels = torch::from_blob(labelValues.data(), {n}, torch::kInt64).clone();

    AttackBatch batch;
    batch.generator = at::make_generator<at::CPUGeneratorImpl>(streamSeed);
    torch::Tensor cleanLogits;
    {
        torch::NoGradGuard noGrad;
        cleanLogits = attack_detail::logits(model, x);
    }
    const auto classes = cleanLogits.size(1);
    if (labels.max().item<std::int64_t>() >= classes)
        throw Error(model.architecture(),
                    "has " + std::to_string(classes) + " outputs but " + data.source()
                        + " has labels up to " + std::to_string(labels.max().item<std::int64_t>()));
    const auto predClean = cleanLogits.argmax(1);
    torch::Tensor targets;
    if (settings.target == "next")
        targets = (labels + 1) % classes;
    else if (settings.target == "random")
        targets
            = (labels + torch::randint(1, classes, {n}, batch.generator, torch::kInt64)) % classes;
    // Samples that already meet the goal are left as they are (foolbox's convention).
    const auto attackable = targets.defined() ? predClean.ne(targets) : predClean.eq(labels);
    const auto indices = attackable.nonzero().squeeze(1);
    auto adversarial = x.clone();
    if (indices.numel() > 0) {
        batch.inputs = x.index_select(0, indices);
        batch.labels = labels.index_select(0, indices);
        if (targets.defined())
            batch.targets = targets.index_select(0, indices);
        AttackSettings withEpsilon = settings;
        withEpsilon.epsilon = epsilon; // before resolving: step sizes derive from ε
        const AttackSettings resolved = attack.resolved(withEpsilon);
        const auto result = attack.perturb(model, batch, resolved, stop);
        adversarial.index_copy_(0, indices, result.to(torch::kFloat32));
    }
    torch::Tensor advLogits;
    {
        torch::NoGradGuard noGrad;
        advLogits = attack_detail::logits(model, adversarial);
    }
    const auto predAdv = advLogits.argmax(1);
    const auto delta = (adversarial - x).reshape({n, -1}).to(torch::kFloat64);
    const auto l2 = delta.norm(2, 1);
    const auto linf = delta.abs().amax(1);
    const auto xNorm = x.reshape({n, -1}).to(torch::kFloat64).norm(2, 1);
    const auto success = targets.defined() ? predAdv.eq(targets) : predAdv.ne(labels);

    ChunkResult result;
    result.records.resize(n);
    const auto pc = predClean.accessor<std::int64_t, 1>();
    const auto pa = predAdv.accessor<std::int64_t, 1>();
    const auto ok = success.accessor<bool, 1>();
    const auto l2a = l2.accessor<double, 1>();
    const auto lia = linf.accessor<double, 1>();
    const auto xna = xNorm.accessor<double, 1>();
    for (std::int64_t i = 0; i < n; ++i) {
        AttackRecord &r = result.records[i];
        r.index = begin + i;
        r.label = labelValues[i];
        r.predClean = pc[i];
        r.predAdv = pa[i];
        r.epsilon = info.usesEpsilon ? epsilon : std::nan("");
        r.success = ok[i];
        if (r.success) {
            r.l2 = l2a[i];
            r.linf = lia[i];
            r.rho2 = xna[i] > 0.0 ? l2a[i] / xna[i] : std::nan("");
        }
    }
    if (begin < keepExamples)
        result.examples = keptExamples(
            x, adversarial, cleanLogits, advLogits, labelValues, predClean, predAdv, begin,
            std::min<std::size_t>(std::size_t(n), keepExamples - begin), epsilon);
    return result;
}

} // namespace

AttackReport AttackRunner::run(const Model &model, const Dataset &fullData, const AttackJob &job,
                               AttackObserver &observer, std::stop_token stop)
{
    job.validate("attack");
    const AttackInfo &info = AttackRegistry::info(job.attack);
    const auto attack = Attack::create(job.attack);
    const Dataset data = job.limit ? fullData.first(job.limit) : fullData;
    if (data.empty())
        throw Error(fullData.source(), "no samples to attack");
    std::vector<double> epsilons
        = job.epsilons.empty() ? std::vector {job.settings.epsilon} : job.epsilons;
    if (!info.usesEpsilon)
        epsilons = {std::nan("")};

    AttackReport report;
    report.attack = job.attack;
    const auto started = std::chrono::steady_clock::now();
    ModelImpl &impl = model.impl();
    impl.setTraining(false);

    const std::size_t batch = static_cast<std::size_t>(job.batchSize);
    const std::size_t chunks = (data.size() + batch - 1) / batch;
    const int threads = std::max(1, Runtime::threads());
    const int workers = std::max(
        1, std::min<int>(job.workers > 0 ? job.workers : threads, static_cast<int>(chunks)));
    const int intraThreads = std::max(1, threads / workers);
    const std::size_t total = data.size() * epsilons.size();
    std::atomic<std::size_t> done {0};
    std::mutex observerMutex;

    for (std::size_t e = 0; e < epsilons.size() && !stop.stop_requested(); ++e) {
        std::vector<ChunkResult> results(chunks);
        std::atomic<std::size_t> next {0};
        std::exception_ptr failure;
        std::mutex failureMutex;
        const auto work = [&](bool ownThread) {
            if (ownThread)
                at::set_num_threads(intraThreads);
            try {
                for (std::size_t k = next++; k < chunks && !stop.stop_requested(); k = next++) {
                    const std::size_t begin = k * batch;
                    const std::size_t end = std::min(data.size(), begin + batch);
                    results[k] = attackChunk(impl, *attack, info, job.settings, data, begin, end,
                                             epsilons[e], mix(job.settings.seed, e, k),
                                             job.keepExamples, stop);
                    done += end - begin;
                    {
                        // Read under the lock, so that reports never go backwards.
                        std::lock_guard lock(observerMutex);
                        observer.onProgress(done.load(), total);
                    }
                }
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = chunks; // the other workers stop at their next batch
            }
        };
        if (workers == 1) {
            work(false);
        } else {
            std::vector<std::jthread> pool;
            for (int t = 0; t < workers; ++t)
                pool.emplace_back(work, true);
        }
        if (failure)
            std::rethrow_exception(failure);
        if (stop.stop_requested())
            break;
        const std::size_t first = report.records.size();
        for (auto &chunk : results) {
            report.records.insert(report.records.end(), chunk.records.begin(), chunk.records.end());
            for (auto &example : chunk.examples)
                report.examples.push_back(std::move(example));
        }
        report.summaries.push_back(AttackReport::summarise(
            job.attack, report.records.data() + first, report.records.size() - first));
        {
            std::lock_guard lock(observerMutex);
            observer.onSummary(report.summaries.back());
        }
    }
    report.cancelled = stop.stop_requested();
    report.seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

AdversarialExample AttackRunner::example(const Model &model, const Dataset &data, std::size_t index,
                                         const std::string &attackName,
                                         const AttackSettings &settings)
{
    if (index >= data.size())
        throw Error(data.source(),
                    "has no sample " + std::to_string(index) + " (it has "
                        + std::to_string(data.size()) + ")");
    AttackJob job;
    job.attack = attackName;
    job.settings = settings;
    job.validate("attack");
    const AttackInfo &info = AttackRegistry::info(attackName);
    const auto attack = Attack::create(attackName);
    model.impl().setTraining(false);
    ChunkResult result = attackChunk(model.impl(), *attack, info, settings, data, index, index + 1,
                                     settings.epsilon, mix(settings.seed, 0, index), index + 1, {});
    AdversarialExample example = std::move(result.examples.front());
    if (!info.usesEpsilon)
        example.epsilon = std::nan("");
    return example;
}

} // namespace sparsescope::core
