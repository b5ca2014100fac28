// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/NetworkModel.h"

#include "common/JsonFields_p.h"
#include "common/Snapshots_p.h"
#include "rln/FirstLayerSparsity.h"
#include "rln/OutOfFold.h"
#include "rln/RlnRegularizer.h"
#include "rln/TabularNetwork.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/RunFolder.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>

namespace sparsescope::core {

namespace {

/// Fills the first-layer fields of an epoch snapshot from the network's weights.
void describeFirstLayer(const TabularNetwork &network, const NetworkRegularizer *regularizer,
                        RlnEpoch &e)
{
    const auto w = network.firstLayer();
    e.inputs = network.inputs();
    e.units = network.units();
    e.weightMagnitudes.resize(w.size());
    e.featureImportance.assign(std::size_t(e.inputs), 0.0f);
    std::vector<char> used(std::size_t(e.inputs), 0);
    e.edgesRemaining = 0;
    for (int u = 0; u < e.units; ++u)
        for (int i = 0; i < e.inputs; ++i) {
            const std::size_t k = std::size_t(u) * std::size_t(e.inputs) + std::size_t(i);
            const float magnitude = std::abs(w[k]);
            e.weightMagnitudes[k] = magnitude;
            e.featureImportance[std::size_t(i)] += magnitude;
            if (w[k] != 0.0f) {
                ++e.edgesRemaining;
                used[std::size_t(i)] = 1;
            }
        }
    e.edgesTotal = std::int64_t(w.size());
    e.featuresTotal = e.inputs;
    e.featuresRemaining = 0;
    for (char u : used)
        e.featuresRemaining += u;
    e.logStrengths = regularizer ? regularizer->firstLogStrengths() : std::vector<float> {};
}

double meanOf(const std::vector<float> &values)
{
    double sum = 0.0;
    for (float v : values)
        sum += v;
    return values.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / double(values.size());
}

/// Per-epoch files of a network's run folder.
class NetworkRunWriter
{
public:
    explicit NetworkRunWriter(const std::string &directory)
        : m_folder(directory)
        , m_enabled(!directory.empty())
    {
        if (!m_enabled)
            return;
        m_folder.create();
        m_rlnPath = m_folder.directory() + "/rln.csv";
        std::ofstream out(m_rlnPath, std::ios::trunc);
        out << "epoch,train_loss,held_out_loss,edges_remaining,edges_total,features_remaining,"
               "features_total,mean_log_strength\n";
        if (!out)
            throw Error(m_rlnPath, "cannot write file");
    }

    void epoch(TabularNetwork &network, const RlnEpoch &e, double seconds)
    {
        if (!m_enabled)
            return;
        const auto layers = layerStructures(network.model().impl(), {});
        EpochMetrics m;
        m.epoch = e.epoch;
        m.loss = e.trainLoss;
        m.trainAccuracy = -1.0;
        m.testAccuracy = -1.0;
        m.testLoss = e.heldOutLoss;
        m.seconds = seconds;
        double parameters = 0.0;
        double zeros = 0.0;
        for (const auto &l : layers) {
            parameters += double(l.parameters);
            zeros += double(l.zeroParameters);
            m.macs += double(l.rows - l.zeroRows) * double(l.columns - l.zeroColumns);
            m.denseMacs += double(l.rows) * double(l.columns);
        }
        m.sparsity = parameters > 0 ? zeros / parameters : 0.0;
        m_epochs.push_back(m);
        m_folder.writeMetrics(m_epochs);
        m_folder.appendStructure(e.epoch, layers);
        std::ofstream out(m_rlnPath, std::ios::app);
        char row[256];
        std::snprintf(row, sizeof row, "%d,%.8g,%.8g,%lld,%lld,%d,%d,%.8g\n", e.epoch, e.trainLoss,
                      e.heldOutLoss, static_cast<long long>(e.edgesRemaining),
                      static_cast<long long>(e.edgesTotal), e.featuresRemaining, e.featuresTotal,
                      meanOf(e.logStrengths));
        out << row;
        if (!out)
            throw Error(m_rlnPath, "cannot write file");
    }

    void finish(TabularNetwork &network)
    {
        if (m_enabled)
            network.model().save(m_folder.modelPath());
    }

private:
    RunFolder m_folder;
    bool m_enabled;
    std::string m_rlnPath;
    std::vector<EpochMetrics> m_epochs;
};

/// Stop, pause, live RLN settings and batch progress of the context for one training.
NetworkHooks liveHooks(ModelContext &context, NetworkRegularizer *regularizer)
{
    NetworkHooks hooks;
    hooks.stop = context.stop;
    hooks.pause = context.pause;
    auto *rln = dynamic_cast<RlnRegularizer *>(regularizer);
    if (rln && context.rlnSettings)
        hooks.beforeStep = [&context, rln] {
            if (auto edit = context.rlnSettings->take())
                rln->setSettings(*edit);
        };
    hooks.onBatch = [&context](const BatchMetrics &m) {
        context.observer.onBatch(m);
    };
    return hooks;
}

/// What a trained network reports: test predictions, first-layer counts, run.json details.
ModelOutput outputOf(TabularNetwork &network, NetworkRegularizer *regularizer,
                     const PreparedSplit &split, const NetworkSettings &settings,
                     std::vector<float> outOfFoldPredictions, const nlohmann::json &search)
{
    ModelOutput output;
    output.testPredictions = network.predict(split.test, split.task);
    output.outOfFoldPredictions = std::move(outOfFoldPredictions);
    output.smallWeights = FirstLayerSparsity::count(network.firstLayer(), network.units(),
                                                    network.inputs(), split.realFeatures);
    RlnEpoch last;
    describeFirstLayer(network, regularizer, last);
    output.edgesRemaining = last.edgesRemaining;
    output.edgesTotal = last.edgesTotal;
    output.featuresRemaining = last.featuresRemaining;
    output.featuresTotal = last.featuresTotal;
    output.settings = regularizer ? regularizer->describe() : "";
    const int inputs = network.inputs();
    nlohmann::json details = {
        {"network",
         {{"inputs", inputs},
          {"hidden", TabularNetwork::hiddenWidths(inputs, settings)},
          {"outputs", split.outputs()},
          {"epochs", settings.epochs},
          {"batch_size", settings.batchSize},
          {"optimizer", settings.optimizer},
          {"learning_rate", settings.learningRate},
          {"regularized_layers", settings.layers == RegularizedLayers::First ? "first" : "all"}}},
        {"regularizer", output.settings}};
    if (!search.empty())
        details["search"] = search;
    if (auto *rln = dynamic_cast<RlnRegularizer *>(regularizer))
        details["mean_log_strength_first_layer"] = rln->updates().front().meanLogStrength();
    output.detailsJson = json_fields::dump(details);
    return output;
}

/// The index of the candidate with the lowest validation loss (0 when there is one), each
/// candidate's loss appended to `search`; nullopt when stopped.
std::optional<std::size_t>
searchOnValidation(ModelContext &context, const std::vector<RegularizerChoice> &choices,
                   const std::function<std::optional<double>(std::size_t)> &validationLossOf,
                   nlohmann::json &search)
{
    if (choices.size() < 2)
        return 0;
    const PreparedSplit &split = context.split;
    if (split.validation.rows == 0)
        throw Error("",
                    context.modelName + ": searching " + std::to_string(choices.size())
                        + " settings needs validation rows",
                    "set a validation fraction above 0");
    double best = std::numeric_limits<double>::infinity();
    std::size_t selected = 0;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        context.observer.onMessage(context.modelName + " seed " + std::to_string(split.seed)
                                   + ": trying " + choices[i].label);
        const auto validationLoss = validationLossOf(i);
        if (!validationLoss)
            return std::nullopt;
        search.push_back({{"setting", choices[i].label},
                          {"validation_loss",
                           std::isfinite(*validationLoss) ? nlohmann::json(*validationLoss)
                                                          : nlohmann::json(nullptr)}});
        if (std::isfinite(*validationLoss) && *validationLoss < best) {
            best = *validationLoss;
            selected = i;
        }
    }
    context.observer.onMessage(context.modelName + " seed " + std::to_string(split.seed)
                               + ": picked " + choices[selected].label);
    return selected;
}

} // namespace

NetworkModel::NetworkModel(RegularizerChoices choices)
    : m_choices(std::move(choices))
{ }

std::optional<ModelOutput> NetworkModel::fit(ModelContext &context)
{
    const RlnConfig &config = context.config;
    const PreparedSplit &split = context.split;
    const NetworkSettings &settings = config.network;
    const int inputs = int(split.fit.columns);
    auto choices = m_choices(config);
    if (choices.empty())
        choices.push_back({"none", {}});

    // Trains one network with one candidate; false when stopped.
    auto trainOne = [&](TabularNetwork &network, NetworkRegularizer *regularizer,
                        const TabularArrays &data, const TabularArrays *heldOut,
                        const std::string &label, NetworkRunWriter *writer) {
        NetworkHooks hooks = liveHooks(context, regularizer);
        auto epochStart = std::chrono::steady_clock::now();
        hooks.onEpoch = [&](int epoch, double trainLoss, double heldOutLoss) {
            RlnEpoch e;
            e.model = label;
            e.seed = split.seed;
            e.fold = split.fold;
            e.epoch = epoch;
            e.epochs = settings.epochs;
            e.trainLoss = trainLoss;
            e.heldOutLoss = heldOutLoss;
            describeFirstLayer(network, regularizer, e);
            const auto now = std::chrono::steady_clock::now();
            if (writer)
                writer->epoch(network, e, std::chrono::duration<double>(now - epochStart).count());
            epochStart = now;
            context.observer.onEpoch(e);
        };
        return network.train(data, heldOut, split.task, settings, split.seed, regularizer, hooks);
    };

    // A candidate fitted on the training rows only: its validation loss.
    auto fitOnTrainingRows = [&](std::size_t i) {
        TabularNetwork network(inputs, split.outputs(), settings, split.seed);
        auto regularizer = choices[i].create ? choices[i].create() : nullptr;
        if (!trainOne(network, regularizer.get(), split.train, &split.validation,
                      context.modelName + " search", nullptr))
            return std::optional<double> {};
        return std::optional<double> {network.loss(split.validation, split.task)};
    };

    // The strength search on the validation rows.
    nlohmann::json search = nlohmann::json::array();
    const auto selected = searchOnValidation(context, choices, fitOnTrainingRows, search);
    if (!selected)
        return std::nullopt;

    // An ensemble weighs this model: out-of-fold predictions of the training + validation
    // rows at the chosen setting.
    std::vector<float> outOfFold;
    if (context.wantOutOfFoldPredictions) {
        context.observer.onMessage(context.modelName + " seed " + std::to_string(split.seed)
                                   + ": out-of-fold fits for the ensemble");
        auto predictions = OutOfFold::predictions(
            split.fit, split.outputs(), split.seed,
            [&](const TabularArrays &train, const TabularArrays &heldOut) {
                TabularNetwork network(inputs, split.outputs(), settings, split.seed);
                auto regularizer
                    = choices[*selected].create ? choices[*selected].create() : nullptr;
                if (!trainOne(network, regularizer.get(), train, nullptr,
                              context.modelName + " out-of-fold", nullptr))
                    return std::optional<std::vector<float>> {};
                return std::optional<std::vector<float>> {network.predict(heldOut, split.task)};
            });
        if (!predictions)
            return std::nullopt;
        outOfFold = std::move(*predictions);
    }

    // The final fit on training + validation rows.
    TabularNetwork network(inputs, split.outputs(), settings, split.seed);
    auto regularizer = choices[*selected].create ? choices[*selected].create() : nullptr;
    NetworkRunWriter writer(context.runDirectory);
    if (!trainOne(network, regularizer.get(), split.fit, &split.test, context.modelName, &writer))
        return std::nullopt;
    writer.finish(network);

    return outputOf(network, regularizer.get(), split, settings, std::move(outOfFold), search);
}

} // namespace sparsescope::core
