// SPDX-License-Identifier: GPL-3.0-or-later
// Attacks (issue 7): analytic checks on a linear classifier, budget and domain invariants,
// C&W versus FGSM, monotone accuracy in ε, determinism across worker counts, bad arguments.
#include "sparsescope/core/robustness/AttackRegistry.h"
#include "sparsescope/core/robustness/AttackRunner.h"

#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/sparsity/Thinner.h"
#include "sparsescope/core/training/Trainer.h"

#include <gtest/gtest.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

using namespace sparsescope;

namespace {

constexpr int kSide = 4; // 1×4×4 inputs for the linear classifier

/// f(x) = W·flatten(x) + b as a TorchScript module (so the attacks also run on TorchScript).
core::Model linearModel(const test::TempDir &dir, const torch::Tensor &weight,
                        const torch::Tensor &bias)
{
    torch::jit::Module module("Linear");
    module.register_parameter("weight", weight, false);
    module.register_parameter("bias", bias, false);
    module.define(R"JIT(
def forward(self, x):
    return torch.linear(torch.flatten(x, 1), self.weight, self.bias)
)JIT");
    const std::string path = dir.file("linear.pt");
    module.save(path);
    return core::Model::load(path);
}

/// Images with pixels in [0.3, 0.7] (no clipping for small perturbations) and the given labels.
core::Dataset interiorImages(const std::vector<std::int64_t> &labels, int classes,
                             std::uint64_t seed)
{
    core::ImageSet set;
    set.channels = 1;
    set.height = kSide;
    set.width = kSide;
    set.numClasses = classes;
    for (int k = 0; k < classes; ++k)
        set.classNames.push_back("c" + std::to_string(k));
    set.source = "interior";
    std::mt19937 random(static_cast<unsigned>(seed));
    std::uniform_int_distribution<int> pixel(77, 178);
    for (std::int64_t label : labels) {
        for (int i = 0; i < kSide * kSide; ++i)
            set.pixels.push_back(static_cast<std::uint8_t>(pixel(random)));
        set.labels.push_back(label);
    }
    return core::Dataset(set);
}

torch::Tensor imageTensor(const std::vector<float> &pixels)
{
    return torch::tensor(pixels).reshape({1, -1});
}

/// A small MLP trained briefly on the synthetic bars, shared by the tests that need a model
/// that classifies well (trained once per test binary).
struct TrainedMlp
{
    test::SyntheticIdxData data {600, 100, 4};
    core::Model model;
    core::Dataset test;
    TrainedMlp()
    {
        core::TrainConfig config;
        config.model = "lenet-300-100";
        config.data = data.train;
        config.testData = "";
        config.epochs = 2;
        config.batchSize = 32;
        config.learningRate = 0.05;
        config.seed = 3;
        core::Trainer trainer;
        core::TrainingObserver observer;
        const auto result = trainer.run(config, data.dir.file("run"), observer, {});
        if (!result.ok())
            throw std::runtime_error("fixture training failed: " + result.message);
        model = core::Model::load(data.dir.file("run"));
        test = core::Dataset::fromSpec(data.test);
    }
};

TrainedMlp &trained()
{
    static TrainedMlp instance;
    return instance;
}

core::AttackReport attack(const core::Model &model, const core::Dataset &data,
                          const std::string &name, std::vector<double> eps,
                          core::AttackSettings settings = {}, int workers = 1)
{
    core::AttackJob job;
    job.attack = name;
    job.epsilons = std::move(eps);
    job.settings = settings;
    job.batchSize = 32;
    job.workers = workers;
    job.keepExamples = data.size();
    return core::AttackRunner::run(model, data, job);
}

} // namespace

TEST(Attacks, RegistryListsEveryAttackAndRejectsUnknownNames)
{
    const auto names = core::AttackRegistry::names();
    for (const char *name : {"fgsm", "bim", "pgd-linf", "pgd-l2", "deepfool", "cw-l2"})
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    EXPECT_THROW(core::AttackRegistry::info("pgd-l3"), core::Error);
    EXPECT_FALSE(core::AttackRegistry::info("deepfool").usesEpsilon);
    EXPECT_EQ(core::AttackRegistry::info("pgd-l2").norm, "l2");
}

TEST(Attacks, FgsmOnALinearClassifierIsEpsilonTimesSignOfTheWeightDifference)
{
    test::TempDir dir;
    torch::manual_seed(11);
    const auto weight = torch::randn({2, kSide * kSide});
    // Centred on the mid-grey image, so that both classes occur.
    const auto bias = -0.5 * weight.sum(1);
    const auto model = linearModel(dir, weight, bias);
    // Labelled with the model's own predictions: misclassified samples are never attacked.
    const auto probe = interiorImages(std::vector<std::int64_t>(6, 0), 2, 5);
    std::vector<std::int64_t> labels;
    for (std::size_t i = 0; i < probe.size(); ++i)
        labels.push_back(core::AttackRunner::example(model, probe, i, "fgsm", {}).predClean);
    const auto data = interiorImages(labels, 2, 5);
    ASSERT_NE(std::count(labels.begin(), labels.end(), 0), 0);
    ASSERT_NE(std::count(labels.begin(), labels.end(), 1), 0);
    const double eps = 0.05;
    for (std::size_t i = 0; i < data.size(); ++i) {
        core::AttackSettings settings;
        settings.epsilon = eps;
        const auto e = core::AttackRunner::example(model, data, i, "fgsm", settings);
        const auto delta = imageTensor(e.adversarial) - imageTensor(e.original);
        // ∇_x CE = (p − onehot(y))·W: for two classes its sign is sign(w_other − w_y).
        const auto y = data.label(i);
        const auto expected = eps * (weight[1 - y] - weight[y]).sign().reshape({1, -1});
        EXPECT_LT((delta - expected).abs().max().item<float>(), 1e-6) << "sample " << i;
    }
}

TEST(Attacks, DeepFoolOnALinearClassifierFindsTheAnalyticMinimalPerturbation)
{
    test::TempDir dir;
    torch::manual_seed(12);
    const auto weight = torch::randn({2, kSide * kSide}) * 0.5;
    const auto bias = torch::tensor({0.1f, -0.1f});
    const auto model = linearModel(dir, weight, bias);
    // Label every image with the model's own prediction so that all are attacked.
    auto probe = interiorImages(std::vector<std::int64_t>(8, 0), 2, 6);
    std::vector<std::int64_t> labels;
    for (std::size_t i = 0; i < probe.size(); ++i) {
        const auto e = core::AttackRunner::example(model, probe, i, "fgsm", {});
        labels.push_back(e.predClean);
    }
    const auto data = interiorImages(labels, 2, 6);
    const auto report = attack(model, data, "deepfool", {});
    ASSERT_EQ(report.records.size(), data.size());
    const auto w = (weight[1] - weight[0]).reshape({1, -1});
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto &r = report.records[i];
        ASSERT_TRUE(r.success) << "sample " << i;
        const auto x = imageTensor(report.examples[i].original);
        const double f = (x.matmul(w.t()).item<float>() + (bias[1] - bias[0]).item<float>());
        const double minimal = std::abs(f) / w.norm().item<float>();
        // One linearised step is exact for a linear model; DeepFool overshoots by 2 %.
        EXPECT_NEAR(r.l2, 1.02 * minimal, 1e-3 * minimal + 2e-4) << "sample " << i;
        // ... along the weight difference.
        const auto delta = imageTensor(report.examples[i].adversarial) - x;
        const double cosine = std::abs((delta * w).sum().item<float>()
                                       / (delta.norm().item<float>() * w.norm().item<float>()));
        EXPECT_GT(cosine, 0.9999);
    }
}

TEST(Attacks, ProjectedGradientStaysInsideTheBudgetAndTheUnitRange)
{
    auto &fixture = trained();
    const auto data = fixture.test.first(64);
    for (const char *name : {"pgd-linf", "bim", "pgd-l2"}) {
        const bool l2 = std::string(name) == "pgd-l2";
        const double eps = l2 ? 8.0 : 0.3;
        core::AttackSettings settings;
        settings.steps = std::string(name) == "bim" ? 0 : 10; // bim: Kurakin's 80 steps of 1/255
        const auto report = attack(fixture.model, data, name, {eps}, settings);
        ASSERT_EQ(report.examples.size(), data.size());
        for (const auto &e : report.examples) {
            const auto adv = imageTensor(e.adversarial);
            const auto delta = adv - imageTensor(e.original);
            EXPECT_GE(adv.min().item<float>(), 0.0f) << name;
            EXPECT_LE(adv.max().item<float>(), 1.0f) << name;
            if (l2) {
                EXPECT_LE(delta.norm().item<float>(), eps * (1 + 1e-5)) << name;
            } else {
                EXPECT_LE(delta.abs().max().item<float>(), eps + 1e-6) << name;
            }
        }
        EXPECT_LT(report.summaries.front().adversarialAccuracy(),
                  report.summaries.front().cleanAccuracy())
            << name;
    }
}

TEST(Attacks, AdversarialAccuracyDoesNotRiseWithEpsilon)
{
    auto &fixture = trained();
    const auto data = fixture.test;
    const std::vector<double> eps {0.0, 0.02, 0.05, 0.1, 0.2, 0.3};
    for (const char *name : {"fgsm", "pgd-linf"}) {
        core::AttackSettings settings;
        settings.steps = 10;
        const auto report = attack(fixture.model, data, name, eps, settings);
        ASSERT_EQ(report.summaries.size(), eps.size());
        EXPECT_NEAR(report.summaries[0].adversarialAccuracy(), report.summaries[0].cleanAccuracy(),
                    1e-12);
        for (std::size_t i = 1; i < eps.size(); ++i)
            EXPECT_LE(report.summaries[i].adversarialAccuracy(),
                      report.summaries[i - 1].adversarialAccuracy() + 0.02)
                << name << " at ε " << eps[i];
        EXPECT_LT(report.summaries.back().adversarialAccuracy(), 0.5) << name;
    }
}

TEST(Attacks, CarliniWagnerFindsSmallerPerturbationsThanTheSmallestSuccessfulFgsm)
{
    auto &fixture = trained();
    const auto data = fixture.test.first(30);
    std::vector<double> eps;
    for (int i = 1; i <= 30; ++i)
        eps.push_back(0.01 * i);
    const auto fgsm = attack(fixture.model, data, "fgsm", eps);
    std::map<std::size_t, double> smallestFgsm; // index → ρ₂ of the smallest successful ε
    for (const auto &r : fgsm.records)
        if (r.success && r.predClean == r.label && !smallestFgsm.count(r.index))
            smallestFgsm[r.index] = r.rho2;
    core::AttackSettings settings;
    settings.steps = 100;
    settings.binarySearchSteps = 5;
    settings.initialConstant = 0.1;
    const auto cw = attack(fixture.model, data, "cw-l2", {}, settings);
    double cwSum = 0.0, fgsmSum = 0.0;
    int both = 0;
    for (const auto &r : cw.records)
        if (r.success && r.predClean == r.label && smallestFgsm.count(r.index)) {
            cwSum += r.rho2;
            fgsmSum += smallestFgsm[r.index];
            ++both;
        }
    ASSERT_GE(both, 15);
    EXPECT_LT(cwSum / both, fgsmSum / both);
    // C&W almost always succeeds on correctly classified samples.
    EXPECT_GT(cw.summaries.front().successRate(), 0.9);
}

TEST(Attacks, DeepFoolFoolsAlmostEverySampleWithASmallPerturbation)
{
    auto &fixture = trained();
    const auto report = attack(fixture.model, fixture.test.first(50), "deepfool", {});
    const auto &s = report.summaries.front();
    EXPECT_GT(s.successRate(), 0.95);
    EXPECT_GT(s.meanRho2, 0.0);
    EXPECT_LT(s.meanRho2, 1.0);
    EXPECT_TRUE(std::isnan(report.records.front().epsilon));
}

TEST(Attacks, TargetedAttacksReachTheirTargets)
{
    auto &fixture = trained();
    core::AttackSettings settings;
    settings.target = "next";
    settings.steps = 20;
    const auto report = attack(fixture.model, fixture.test.first(40), "pgd-linf", {0.3}, settings);
    int reached = 0;
    for (const auto &r : report.records) {
        EXPECT_EQ(r.success, r.predAdv == (r.label + 1) % 4);
        reached += r.success;
    }
    EXPECT_GT(reached, 30);
}

TEST(Attacks, ResultsDoNotDependOnTheWorkerCount)
{
    auto &fixture = trained();
    core::AttackSettings settings;
    settings.steps = 5;
    const auto data = fixture.test.first(100);
    const auto one = attack(fixture.model, data, "pgd-linf", {0.1}, settings, 1);
    const auto three = attack(fixture.model, data, "pgd-linf", {0.1}, settings, 3);
    ASSERT_EQ(one.records.size(), three.records.size());
    for (std::size_t i = 0; i < one.records.size(); ++i) {
        EXPECT_EQ(one.records[i].predAdv, three.records[i].predAdv) << i;
        EXPECT_EQ(one.records[i].success, three.records[i].success) << i;
        if (one.records[i].success) {
            EXPECT_NEAR(one.records[i].linf, three.records[i].linf, 1e-6) << i;
        }
    }
}

TEST(Attacks, RunOnThinnedModels)
{
    auto &fixture = trained();
    // Zero half the hidden units of the first layer, thin, and attack both models.
    auto masked = fixture.model.clone();
    {
        torch::NoGradGuard noGrad;
        for (auto &[name, p] : masked.impl().namedParameters())
            if (name.rfind("fc1.", 0) == 0)
                p.slice(0, 0, p.size(0) / 2).zero_();
    }
    const auto thinned = core::Thinner::thin(masked).model;
    EXPECT_LT(thinned.parameterCount(), masked.parameterCount());
    const auto data = fixture.test.first(60);
    const auto a = attack(masked, data, "fgsm", {0.1});
    const auto b = attack(thinned, data, "fgsm", {0.1});
    int same = 0;
    for (std::size_t i = 0; i < a.records.size(); ++i)
        same += a.records[i].predAdv == b.records[i].predAdv;
    EXPECT_GE(same, 58);
}

TEST(Attacks, BadArgumentsGiveClearErrors)
{
    auto &fixture = trained();
    const auto data = fixture.test.first(4);
    core::AttackJob job;
    job.attack = "fgsm";
    job.epsilons = {-0.1};
    EXPECT_THROW(core::AttackRunner::run(fixture.model, data, job), core::Error);
    job.epsilons = {2.0};
    EXPECT_THROW(core::AttackRunner::run(fixture.model, data, job), core::Error);
    job.epsilons = {0.1};
    job.batchSize = 0;
    EXPECT_THROW(core::AttackRunner::run(fixture.model, data, job), core::Error);
    job.batchSize = 8;
    job.attack = "deepfool";
    job.settings.target = "next";
    try {
        core::AttackRunner::run(fixture.model, data, job);
        FAIL() << "targeted DeepFool must be refused";
    } catch (const core::Error &e) {
        EXPECT_NE(std::string(e.what()).find("untargeted"), std::string::npos) << e.what();
    }
    job.attack = "fgsm";
    job.settings.target = "sideways";
    EXPECT_THROW(core::AttackRunner::run(fixture.model, data, job), core::Error);
    EXPECT_THROW(core::AttackRunner::example(fixture.model, data, 99, "fgsm", {}), core::Error);
}
