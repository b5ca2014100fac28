// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fixtures.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/sparsity/RegularizerRegistry.h"
#include "sparsescope/core/sparsity/SparsityConfig.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsity/RegularizerFactory_p.h"
#include "sparsity/SparsityEngine.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include <functional>

using namespace sparsescope;

namespace {

/// Each group of a weight listed by hand with plain indexing: the direct definition of the
/// groups of SSL (methods.md §1.2), independent of the reshapes the regularizers use.
std::vector<torch::Tensor> directGroups(const std::string &type, const torch::Tensor &w)
{
    using torch::indexing::Slice;
    std::vector<torch::Tensor> groups;
    const bool conv = w.dim() == 4;
    if (type == "filter")
        for (int64_t n = 0; n < w.size(0); ++n)
            groups.push_back(w[n].flatten());
    else if (type == "channel" || (type == "shape" && !conv))
        for (int64_t c = 0; c < w.size(1); ++c)
            groups.push_back(w.index({Slice(), c}).flatten());
    else if (type == "shape")
        for (int64_t c = 0; c < w.size(1); ++c)
            for (int64_t y = 0; y < w.size(2); ++y)
                for (int64_t x = 0; x < w.size(3); ++x)
                    groups.push_back(w.index({Slice(), c, y, x}).flatten());
    else if (type == "kernel")
        for (int64_t n = 0; n < w.size(0); ++n)
            for (int64_t c = 0; c < w.size(1); ++c)
                groups.push_back(w.index({n, c}).flatten());
    else if (type == "depth")
        groups.push_back(w.flatten());
    else if (type == "l1")
        for (int64_t i = 0; i < w.numel(); ++i)
            groups.push_back(w.flatten()[i].reshape({1}));
    return groups;
}

struct TinyRun : test::SyntheticIdxData
{
    TinyRun(std::size_t n = 384)
        : SyntheticIdxData(n, 96, 4)
    { }
    core::TrainConfig config(const std::string &model, std::vector<core::RegularizationTerm> terms,
                             const std::string &update = "authors") const
    {
        core::TrainConfig c;
        c.model = model;
        c.data = train;
        c.testData = test;
        c.epochs = 3;
        c.batchSize = 32;
        c.learningRate = 0.02;
        c.weightDecay = 0;
        c.seed = 3;
        c.sparsity.terms = std::move(terms);
        c.sparsity.update = update;
        return c;
    }
};

struct StructureRecorder : core::TrainingObserver
{
    std::vector<core::LayerStructure> last;
    std::vector<core::BatchMetrics> batches;
    std::vector<std::string> messages;
    std::function<void(const core::BatchMetrics &)> hook;
    void onStructure(const std::vector<core::LayerStructure> &s) override { last = s; }
    void onBatch(const core::BatchMetrics &m) override
    {
        batches.push_back(m);
        if (hook)
            hook(m);
    }
    void onMessage(const std::string &m) override { messages.push_back(m); }
};

} // namespace

TEST(Sparsity, RegistryListsEveryGroupType)
{
    for (const char *alias : {"filter", "channel", "shape", "kernel", "depth", "l1", "l2"})
        EXPECT_FALSE(core::RegularizerRegistry::canonicalName(alias).empty()) << alias;
    EXPECT_EQ(core::RegularizerRegistry::canonicalName("filter"), "group-lasso-filter");
    EXPECT_EQ(core::RegularizerRegistry::canonicalName("nope"), "");
}

TEST(Sparsity, GroupNormsAndSubgradientsMatchTheDirectDefinition)
{
    torch::manual_seed(5);
    for (const char *type : {"filter", "channel", "shape", "kernel", "depth", "l1"}) {
        for (auto shape : {std::vector<int64_t> {6, 4, 3, 3}, std::vector<int64_t> {5, 7}}) {
            auto regularizer = core::createRegularizer(type);
            ASSERT_TRUE(regularizer) << type;
            if (!regularizer->accepts(torch::zeros(shape)))
                continue; // kernels of a linear layer
            auto w = torch::randn(shape);
            w.index_put_({0}, 0.0); // a zero group (and zero elements) must give 0, not NaN
            w.set_requires_grad(true);
            // Direct: R = Σ_g ‖w_g‖₂ and its gradient by autograd (0 where the group is 0).
            auto groups = directGroups(type, w);
            std::vector<torch::Tensor> norms;
            torch::Tensor objective = torch::zeros({});
            for (auto &g : groups) {
                auto squared = g.pow(2).sum();
                norms.push_back(squared.detach().sqrt().reshape({1}));
                if (squared.item<double>() > 0)
                    objective = objective + squared.sqrt();
            }
            auto direct = torch::cat(norms);
            objective.backward();
            const auto expectedGrad = w.grad().clone();

            const auto got = regularizer->norms({w});
            ASSERT_EQ(got.numel(), direct.numel()) << type;
            EXPECT_TRUE(torch::allclose(std::get<0>(got.sort()),
                                        std::get<0>(direct.detach().sort()), 1e-5, 1e-6))
                << type;
            EXPECT_NEAR(regularizer->penalty({w}), direct.sum().item<double>(), 1e-4) << type;

            w.mutable_grad().zero_();
            regularizer->addSubgradient({w}, 0.5);
            EXPECT_TRUE(torch::allclose(w.grad(), 0.5 * expectedGrad, 1e-5, 1e-6)) << type;
            EXPECT_TRUE(torch::isfinite(w.grad()).all().item<bool>()) << type;
        }
    }
}

TEST(Sparsity, ProximalStepIsGroupSoftThresholding)
{
    torch::manual_seed(2);
    auto w = torch::randn({8, 3, 3, 3});
    auto expected = w.clone();
    const double t = 1.2;
    for (int64_t n = 0; n < 8; ++n) {
        const double norm = w[n].norm().item<double>();
        expected[n] *= std::max(0.0, 1.0 - t / norm);
    }
    auto regularizer = core::createRegularizer("filter");
    regularizer->proximal({w}, t);
    EXPECT_TRUE(torch::allclose(w, expected, 1e-5, 1e-6));
    // Groups whose norm was below t are exactly zero.
    int zeroRows = 0;
    for (int64_t n = 0; n < 8; ++n)
        zeroRows += w[n].abs().sum().item<float>() == 0.0f;
    EXPECT_EQ(zeroRows, (expected.reshape({8, -1}).abs().sum(1) == 0).sum().item<int>());
}

TEST(Sparsity, DepthGroupsAreResidualBranches)
{
    EXPECT_EQ(core::SparsityEngine::blockKey("layer2.1.conv2"), "layer2.1");
    EXPECT_EQ(core::SparsityEngine::blockKey("layer2.1.shortcut"), "layer2.1.shortcut");
    EXPECT_EQ(core::SparsityEngine::blockKey("conv1"), "conv1");
}

TEST(Sparsity, EachGroupTypeReachesExactZerosInAShortRun)
{
    TinyRun data;
    struct Case
    {
        std::string model, type;
        double strength;
        std::string update;
        std::function<std::int64_t(const core::LayerStructure &)> zeros;
    };
    const std::vector<Case> cases = {
        {"lenet5", "filter", 1.5, "proximal",
         [](auto &l) {
             return l.zeroRows;
         }},
        {"lenet5", "channel", 3.0, "proximal",
         [](auto &l) {
             return l.zeroChannels;
         }},
        {"lenet5", "shape", 0.5, "proximal",
         [](auto &l) {
             return l.zeroColumns;
         }},
        {"lenet5", "kernel", 0.5, "proximal",
         [](auto &l) {
             return l.zeroKernels;
         }},
        {"lenet5", "l1", 0.05, "proximal",
         [](auto &l) {
             return l.zeroParameters;
         }},
        // The authors' update: subgradient, then |w| < 1e-4 → 0 after each step. Groups only
        // settle below the threshold once the (cosine) learning rate has decayed, so these runs
        // are longer.
        {"lenet5", "filter", 3.0, "authors",
         [](auto &l) {
             return l.zeroRows;
         }},
        {"lenet5", "shape", 0.5, "authors",
         [](auto &l) {
             return l.zeroColumns;
         }},
    };
    for (const auto &c : cases) {
        StructureRecorder recorder;
        core::Trainer trainer;
        auto config = data.config(c.model, {{"conv*", c.type, c.strength}}, c.update);
        if (c.update == "authors")
            config.epochs = 6;
        const auto result = trainer.run(config, "", recorder, {});
        ASSERT_TRUE(result.ok()) << c.type << ": " << result.message;
        SCOPED_TRACE(c.type + " " + c.update);
        std::int64_t zeros = 0;
        for (const auto &layer : recorder.last)
            if (layer.kind == "conv")
                zeros += c.zeros(layer);
        EXPECT_GT(zeros, 0) << c.type;
        EXPECT_GT(result.epochs.back().sparsity, 0.0) << c.type;
        EXPECT_LT(result.epochs.back().sparsity, 0.5) << c.type; // fc layers untouched
    }
}

TEST(Sparsity, DepthRemovesWholeResidualBranches)
{
    TinyRun data(256);
    StructureRecorder recorder;
    core::Trainer trainer;
    auto config = data.config("resnet20", {{"*", "depth", 30.0}}, "proximal");
    const auto result = trainer.run(config, "", recorder, {});
    ASSERT_TRUE(result.ok()) << result.message;
    std::map<std::string, std::pair<int, int>> blocks; // zero layers, layers
    for (const auto &layer : recorder.last) {
        const auto key = core::SparsityEngine::blockKey(layer.name);
        if (key == layer.name)
            continue;
        blocks[key].second++;
        blocks[key].first += layer.zeroParameters == layer.parameters;
    }
    int removed = 0;
    for (const auto &[key, counts] : blocks) {
        EXPECT_TRUE(counts.first == 0 || counts.first == counts.second) << key;
        removed += counts.first == counts.second;
    }
    EXPECT_GE(removed, 1);
    // The stem and the classifier are never depth groups with "*" on a residual network.
    for (const auto &layer : recorder.last) {
        if (layer.name == "conv1" || layer.name == "fc") {
            EXPECT_LT(layer.zeroParameters, layer.parameters) << layer.name;
        }
    }
}

TEST(Sparsity, MailboxEditTakesEffectAtTheNextStep)
{
    TinyRun data(256);
    StructureRecorder recorder;
    core::Trainer trainer;
    auto config = data.config("lenet5", {{"*", "filter", 0.0}});
    config.epochs = 1;
    recorder.hook = [&](const core::BatchMetrics &m) {
        if (m.batch == 2)
            trainer.strengthMailbox().post({{"conv*", "filter", 0.05}});
    };
    const auto result = trainer.run(config, "", recorder, {});
    ASSERT_TRUE(result.ok());
    ASSERT_GE(recorder.batches.size(), 4u);
    EXPECT_EQ(recorder.batches[1].appliedEdits, 0u);
    EXPECT_EQ(recorder.batches[1].penalty, 0.0);
    EXPECT_EQ(recorder.batches[2].appliedEdits, 1u);
    EXPECT_GT(recorder.batches[2].penalty, 0.0);
    bool announced = false;
    for (const auto &m : recorder.messages)
        announced |= m.find("applied at epoch 1, batch 3") != std::string::npos;
    EXPECT_TRUE(announced);
}

TEST(Sparsity, FreezeKeepsZeroWeightsAtZeroWhileFineTuning)
{
    TinyRun data(256);
    auto options = core::ModelOptions {};
    options.numClasses = 4;
    auto model = core::Model::create("lenet5", options, 1);
    {
        torch::NoGradGuard noGrad;
        auto w = weightLayers(model.impl())[0].weight; // conv1
        w.index_put_({torch::indexing::Slice(0, 10)}, 0.0);
    }
    const auto path = data.dir.file("pruned.pt");
    model.save(path);
    auto config = data.config(path, {});
    config.epochs = 1;
    config.sparsity.freezeZeros = true;
    config.weightDecay = 5e-4;
    StructureRecorder recorder;
    core::Trainer trainer;
    const auto run = data.dir.file("ft");
    ASSERT_TRUE(trainer.run(config, run, recorder, {}).ok());
    auto tuned = core::Model::load(run);
    auto w = weightLayers(tuned.impl())[0].weight;
    EXPECT_EQ(w.index({torch::indexing::Slice(0, 10)}).abs().sum().item<float>(), 0.0f);
    EXPECT_GT(w.index({torch::indexing::Slice(10, 20)}).abs().sum().item<float>(), 0.0f);
    EXPECT_NE(test::readBytes(core::RunFolder(run).structurePath()).find("conv1,filter,20,10"),
              std::string::npos);
}

TEST(Sparsity, FlagAndConfigValidation)
{
    const auto terms = core::SparsityConfig::parseFlag("filter=1e-3,channel=0.002");
    ASSERT_EQ(terms.size(), 2u);
    EXPECT_EQ(terms[1].type, "channel");
    EXPECT_DOUBLE_EQ(terms[1].strength, 0.002);
    EXPECT_EQ(terms[0].layers, "*");
    EXPECT_THROW(core::SparsityConfig::parseFlag("filter"), core::Error);
    EXPECT_THROW(core::SparsityConfig::parseFlag("filter=abc"), core::Error);
    core::SparsityConfig config;
    config.terms = {{"*", "rows", 1.0}};
    EXPECT_THROW(config.validate("x.json"), core::Error);
    config.terms = {{"*", "filter", -1.0}};
    EXPECT_THROW(config.validate("x.json"), core::Error);
    config.terms = {};
    config.update = "magic";
    EXPECT_THROW(config.validate("x.json"), core::Error);
    auto train = core::TrainConfig::fromJson(
        R"({"regularization": [{"layers": "conv*", "type": "shape", "strength": 0.01}],
            "update": "proximal"})");
    ASSERT_EQ(train.sparsity.terms.size(), 1u);
    EXPECT_EQ(train.sparsity.terms[0].layers, "conv*");
    EXPECT_EQ(core::TrainConfig::fromJson(train.toJson()).sparsity.terms, train.sparsity.terms);
    EXPECT_THROW(
        core::TrainConfig::fromJson(R"({"regularization": [{"type": "filter", "lambda": 1}]})"),
        core::Error);
}

TEST(Sparsity, DepthGroupsHoldTheBranchBatchNormSoAProximalStepZeroesItAll)
{
    core::ModelOptions options;
    auto model = core::Model::create("resnet20", options, 3);
    core::SparsityConfig config;
    config.terms = {{"*", "depth", 1.0}};
    config.update = "proximal";
    core::SparsityEngine engine(model.impl(), config);
    std::map<std::string, torch::Tensor> before;
    for (const auto &[name, tensor] : model.impl().namedParameters())
        before[name] = tensor.detach().clone();
    engine.afterStep(1e6); // lr·λ far above every block norm: each group is set to zero
    const std::regex branch(R"(^layer\d+\.\d+\.(conv|bn)[12]\..*)");
    int zeroed = 0;
    for (const auto &[name, tensor] : model.impl().namedParameters()) {
        const bool zero = tensor.eq(0).all().item<bool>();
        if (std::regex_match(name, branch)) {
            EXPECT_TRUE(zero) << name;
            zeroed += zero;
        } else {
            EXPECT_TRUE(tensor.equal(before[name])) << name; // stem, shortcuts, classifier
        }
    }
    EXPECT_EQ(zeroed, 9 * 6); // 9 blocks × (2 conv weights + 2 × BN scale and shift)
}
