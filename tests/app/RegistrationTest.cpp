// SPDX-License-Identifier: GPL-3.0-or-later
// "One file plus one line": a model and a group type that exist only in this file are registered
// here, and the rest of the program — the strength editor of the training panel, the trainer,
// the thinner, the exporters — takes them from the registries with no other file touched.
// Torch before Qt: Qt's "slots" macro breaks LibTorch's headers.
#include "models/ConvLayer.h"
#include "models/ModelImpl_p.h"
#include "models/NetFactory_p.h"
#include "sparsescope/core/export/ModelExport.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelRegistry.h"
#include "sparsescope/core/sparsity/RegularizerRegistry.h"
#include "sparsescope/core/sparsity/SparsityConfig.h"
#include "sparsescope/core/sparsity/Thinner.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsity/RegularizerFactory_p.h"

#include "Fixtures.h"
#include "MainWindow.h"
#include "panels/TrainingPanel.h"
#include "sparsescope/widgets/StrengthEditor.h"

#include <gtest/gtest.h>

#include <QSlider>
#include <QTest>

#include <filesystem>

using namespace sparsescope;

namespace {

/// A new architecture: conv 3×3 (8 filters), max-pool 2, ReLU, fc to the classes. It honours
/// the options a thinned model is built with (widths, kept inputs), as ThinningRule::Chain asks.
class StripeNet : public core::TracedNet
{
public:
    explicit StripeNet(const core::ModelOptions &options)
        : TracedNet(options)
    {
        const int filters = options.layerWidth("conv1", 8);
        m_conv1 = core::ConvLayer(*this, "conv1", "conv1", options,
                                  inputCount("conv1", options.inChannels), filters, 3, 1, 0, true);
        const auto flat
            = featureSize([this](const torch::Tensor &x) { return features(x, nullptr); });
        m_fc1 = register_module("fc1",
                                torch::nn::Linear(inputCount("fc1", flat), options.numClasses));
    }

protected:
    torch::Tensor body(const torch::Tensor &x, core::Trace *trace) override
    {
        return core::tracedLinear(trace, "fc1", m_fc1,
                                  selectInputs("fc1", features(x, trace).flatten(1)));
    }

private:
    torch::Tensor features(const torch::Tensor &x, core::Trace *trace)
    {
        namespace F = torch::nn::functional;
        const auto y = m_conv1.forward(selectInputs("conv1", x), trace);
        return torch::relu(F::max_pool2d(y, F::MaxPool2dFuncOptions(2)));
    }

    core::ConvLayer m_conv1;
    torch::nn::Linear m_fc1 {nullptr};
};

/// A new group type: the rows of every 2-D kernel, W[n, c, i, :] ("stripes"). Conv layers only.
class StripeGroupLasso : public core::GroupLasso
{
public:
    bool accepts(const torch::Tensor &weight) const override { return weight.dim() == 4; }
    torch::Tensor toGroups(const torch::Tensor &w) const override
    {
        return w.reshape({-1, w.size(3)});
    }
    torch::Tensor fromGroups(const torch::Tensor &groups, const torch::Tensor &like) const override
    {
        return groups.reshape(like.sizes());
    }
};

const bool kRegistered = [] {
    core::registerRegularizer({"group-lasso-stripe", "stripe", "rows of every 2-D kernel", true},
                              [] { return std::make_shared<StripeGroupLasso>(); });
    core::registerNet({"stripe-net",
                       "test architecture: conv 8@3x3, pool, fc classes",
                       "StripeNet",
                       core::ThinningRule::Chain,
                       {"filter", "stripe", "l1"}},
                      [](const core::ModelOptions &o) { return std::make_shared<StripeNet>(o); });
    return true;
}();

/// Zero rows of [G, S] groups of `weight` (exact zeros).
std::int64_t zeroGroups(const torch::Tensor &groups)
{
    return groups.ne(0).any(1).logical_not().sum().item<std::int64_t>();
}

torch::Tensor weightOf(const core::Model &model, const std::string &name)
{
    for (const auto &[n, t] : model.impl().namedParameters())
        if (n == name)
            return t.detach().contiguous();
    ADD_FAILURE() << "no parameter " << name;
    return {};
}

torch::Tensor logits(const core::Model &model, const torch::Tensor &x)
{
    torch::NoGradGuard noGrad;
    model.impl().setTraining(false);
    return model.impl().forward(x);
}

} // namespace

TEST(Registration, ANewModelAndGroupTypeAreOfferedTrainedThinnedAndExported)
{
    ASSERT_TRUE(kRegistered);
    // The registries list them; the CLI's --ssl and configs accept the alias.
    const core::ModelEntry *entry = core::ModelRegistry::find("stripe-net");
    ASSERT_NE(entry, nullptr);
    EXPECT_TRUE(entry->thinnable());
    // Registering from a static initialiser builds the table before the registry's own file
    // is initialised: the built-ins keep their group types (issue 19: ASan's init-order check
    // found them copied from unconstructed vectors).
    const core::ModelEntry *lenet = core::ModelRegistry::find("lenet5");
    ASSERT_NE(lenet, nullptr);
    EXPECT_EQ(lenet->groupTypes.size(), 7u);
    EXPECT_EQ(core::ModelRegistry::find("lenet-300-100")->groupTypes.size(), 6u);
    EXPECT_EQ(core::RegularizerRegistry::canonicalName("stripe"), "group-lasso-stripe");
    const auto flag = core::SparsityConfig::parseFlag("stripe=0.01");
    ASSERT_EQ(flag.size(), 1u);
    EXPECT_EQ(flag.front().type, "stripe");

    // The strength editor of the training panel offers the model's group types: its filter
    // column and the new stripe column; LeNet-5 (whose entry does not list stripe) does not.
    app::MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    app::TrainingPanel *panel = window.findChild<app::TrainingPanel *>();
    ASSERT_NE(panel, nullptr);
    panel->setModel(QStringLiteral("lenet5"));
    widgets::StrengthEditor *editor = panel->strengthEditor();
    EXPECT_FALSE(editor->groupTypes().contains(QStringLiteral("stripe")));
    panel->setModel(QStringLiteral("stripe-net"));
    EXPECT_EQ(editor->groupTypes(),
              (QStringList {QStringLiteral("filter"), QStringLiteral("stripe")}));
    EXPECT_EQ(editor->layers(), (QStringList {QStringLiteral("conv1"), QStringLiteral("fc1")}));
    EXPECT_NE(editor->findChild<QSlider *>(QStringLiteral("strength-conv1-stripe")), nullptr);
    EXPECT_EQ(editor->findChild<QSlider *>(QStringLiteral("strength-conv1-shape")), nullptr);

    // Strengths set in the editor are what the trainer gets.
    const test::TempDir directory;
    const std::string images = directory.file("train-images"),
                      labels = directory.file("train-labels");
    test::writeIdx(test::syntheticImages(256, 4, 1, 28, 28, 3), images, labels);
    editor->setStrength(QStringLiteral("conv1"), QStringLiteral("stripe"), 0.2);
    editor->setStrength(QStringLiteral("conv1"), QStringLiteral("filter"), 0.05);
    core::TrainConfig config = panel->config();
    config.model = "stripe-net";
    config.data = "idx:" + images + "," + labels;
    config.testData.clear();
    config.epochs = 4;
    config.batchSize = 32;
    config.learningRate = 0.1;
    config.limit = 0;
    config.sparsity.update = "proximal";
    ASSERT_EQ(config.sparsity.terms.size(), 2u);
    core::Trainer trainer;
    const core::TrainResult result = trainer.run(config, directory.file("run"),
                                                 core::quietObserver<core::TrainingObserver>(), {});
    ASSERT_EQ(result.status, core::TrainStatus::Completed) << result.message;

    // The new groups went to exact zero in the saved model, and some whole filters with them.
    const core::Model trained = core::Model::load(directory.file("run/model.pt"));
    EXPECT_EQ(trained.architecture(), "stripe-net");
    const torch::Tensor w = weightOf(trained, "conv1.weight");
    const std::int64_t stripes = zeroGroups(w.reshape({-1, 3}));
    const std::int64_t filters = zeroGroups(w.reshape({8, -1}));
    // Measured: 13 of 24 stripes in 3 of 8 filters; 9 stripes belong to the zero filters.
    EXPECT_GE(stripes, 3 * filters + 2) << "zero stripes beyond the zero filters' own";
    EXPECT_GE(filters, 1);
    EXPECT_LT(filters, 8);

    // Thinned by its declared rule: fewer filters, the same function.
    ASSERT_TRUE(core::Thinner::supports(trained));
    const core::ThinningResult thin = core::Thinner::thin(trained, {false, 0.1});
    ASSERT_EQ(thin.layers.size(), 2u);
    EXPECT_EQ(thin.layers[0].outputsAfter, 8 - filters);
    EXPECT_LT(thin.layers[1].parametersAfter, thin.layers[1].parametersBefore);
    const torch::Tensor x = torch::rand({16, 1, 28, 28});
    EXPECT_LE((logits(trained, x) - logits(thin.model, x)).abs().max().item<float>(), 1e-4f);

    // Exported: an ONNX file the checker accepts with the thinned size, and an archive that
    // loads back as the same network.
    const std::string onnx = directory.file("thin.onnx"), archive = directory.file("thin.pt");
    core::exportOnnx(thin.model, onnx);
    const core::OnnxFileInfo info = core::checkOnnx(onnx);
    std::int64_t parameters = 0;
    for (const auto &layer : thin.layers)
        parameters += layer.parametersAfter;
    EXPECT_GE(info.floatParameters, parameters);
    EXPECT_EQ(std::count(info.opTypes.begin(), info.opTypes.end(), "Conv"), 1);
    core::exportLibTorch(thin.model, archive);
    const core::Model reloaded = core::Model::load(archive);
    EXPECT_EQ(reloaded.architecture(), "stripe-net");
    EXPECT_LE((logits(reloaded, x) - logits(thin.model, x)).abs().max().item<float>(), 1e-6f);
}
