// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/Trainer.h"

#include "WallClock_p.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/Version.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsity/SparsityEngine.h"
#include "training/Snapshots_p.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>

namespace sparsescope::core {

namespace {

using wall_clock::Clock;
using wall_clock::isoTimeNow;
using wall_clock::secondsSince;

/// Learning rate at a global step: constant, step decay per epoch, or cosine per step.
double learningRateAt(const TrainConfig &config, long step, long totalSteps, int epoch)
{
    if (config.schedule == "step")
        return config.learningRate * std::pow(config.gamma, (epoch - 1) / config.stepEpochs);
    if (config.schedule == "cosine")
        return config.learningRate * 0.5
            * (1.0 + std::cos(M_PI * double(step) / double(std::max(1L, totalSteps))));
    return config.learningRate;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainConfig &config,
                                                       const std::vector<torch::Tensor> &params)
{
    if (config.optimizer == "adam")
        return std::make_unique<torch::optim::Adam>(
            params,
            torch::optim::AdamOptions(config.learningRate).weight_decay(config.weightDecay));
    return std::make_unique<torch::optim::SGD>(params,
                                               torch::optim::SGDOptions(config.learningRate)
                                                   .momentum(config.momentum)
                                                   .weight_decay(config.weightDecay));
}

std::string statePathFor(const std::string &checkpoint)
{
    return checkpoint.substr(0, checkpoint.size() - 3) + ".state.pt";
}

/// Training data, test data and their compatibility.
struct Data
{
    Dataset train;
    Dataset test;
};

Data loadData(const TrainConfig &config, TrainingObserver &observer)
{
    Data data;
    observer.onMessage("loading " + config.data);
    data.train = Dataset::fromSpec(config.data).first(config.limit);
    if (data.train.empty())
        throw Error(config.data, "has no samples to train on");
    if (!config.testData.empty()) {
        observer.onMessage("loading " + config.testData);
        data.test = Dataset::fromSpec(config.testData).first(config.testLimit);
        const auto &a = data.train;
        const auto &b = data.test;
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width())
            throw Error(config.testData,
                        "image shape differs from the training data " + config.data);
        if (b.numClasses() > a.numClasses())
            throw Error(config.testData, "has more classes than the training data " + config.data);
    }
    return data;
}

} // namespace

TrainResult Trainer::run(const TrainConfig &config, const std::string &runDirectory,
                         TrainingObserver &observer, std::stop_token stop)
{
    const auto runStart = Clock::now();
    const std::string started = isoTimeNow();
    config.validate("config");
    Runtime::setThreads(config.threads);

    TrainResult result;
    result.runDirectory = runDirectory;
    // A bad model reference or resume folder fails before any data is read.
    std::string checkpoint;
    if (!config.resumeFrom.empty()) {
        checkpoint = RunFolder(config.resumeFrom).lastCheckpoint();
        if (checkpoint.empty())
            throw Error(config.resumeFrom, "has no checkpoint to resume from");
    }
    Model model;
    if (!checkpoint.empty())
        model = Model::load(checkpoint);
    else if (!Model::isRegistryName(config.model))
        model = Model::load(config.model);
    Data data = loadData(config, observer);
    const Dataset &train = data.train;

    std::optional<RunFolder> folder;
    if (!runDirectory.empty()) {
        folder.emplace(runDirectory);
        folder->create();
    }

    // The model: resumed from a checkpoint, a fresh built-in, or a saved model to go on with.
    int startEpoch = 0;
    std::string stateToLoad;
    if (!checkpoint.empty()) {
        observer.onMessage("resuming from " + checkpoint);
        stateToLoad = statePathFor(checkpoint);
        result.epochs = RunFolder(config.resumeFrom).readMetrics();
    } else if (!model.isValid()) {
        ModelOptions options;
        options.inChannels = train.channels();
        options.height = train.height();
        options.width = train.width();
        options.numClasses = train.numClasses();
        options.batchNorm = config.batchNorm;
        const auto norm = train.normalization();
        options.mean = norm.mean;
        options.std = norm.std;
        model = Model::create(config.model, options, config.seed);
    }
    ModelImpl &net = model.impl();
    auto optimizer = makeOptimizer(config, net.parameters());
    if (!stateToLoad.empty()) {
        try {
            torch::serialize::InputArchive state;
            state.load_from(stateToLoad);
            torch::serialize::InputArchive optimizerState;
            state.read("optimizer", optimizerState);
            optimizer->load(optimizerState);
            c10::IValue epoch;
            state.read("epoch", epoch);
            startEpoch = static_cast<int>(epoch.toInt());
        } catch (const c10::Error &e) {
            throw Error(stateToLoad,
                        std::string("cannot read trainer state: ") + e.what_without_backtrace());
        }
        while (!result.epochs.empty() && result.epochs.back().epoch > startEpoch)
            result.epochs.pop_back();
    }

    const std::int64_t c = train.channels(), h = train.height(), w = train.width();
    const int batchSize = config.batchSize;
    const int batchesPerEpoch = int((train.size() + batchSize - 1) / batchSize);
    const long totalSteps = long(config.epochs) * batchesPerEpoch;
    const long stepsThisProcess = long(config.epochs - startEpoch) * batchesPerEpoch;

    nlohmann::json runJson = {
        {"sparsescope_version", kVersion},
        {"config", nlohmann::json::parse(config.toJson())},
        {"seed", config.seed},
        {"data", config.data},
        {"test_data", config.testData},
        {"train_samples", train.size()},
        {"test_samples", data.test.size()},
        {"model", {{"architecture", model.architecture()}, {"parameters", model.parameterCount()}}},
        {"versions", {{"libtorch", Runtime::torchVersion()}, {"opencv", Runtime::openCvVersion()}}},
        {"threads", Runtime::threads()},
        {"started", started},
        {"status", "running"}};
    auto writeRunJson = [&](const std::string &status, const std::string &message) {
        if (!folder)
            return;
        runJson["status"] = status;
        runJson["message"] = message;
        runJson["epochs_completed"] = result.epochs.empty() ? 0 : result.epochs.back().epoch;
        runJson["seconds"] = secondsSince(runStart);
        if (!result.epochs.empty()) {
            const auto &last = result.epochs.back();
            runJson["final"] = {{"loss", last.loss},
                                {"train_accuracy", last.trainAccuracy},
                                {"test_accuracy", last.testAccuracy},
                                {"test_loss", last.testLoss}};
        }
        nlohmann::json timings = nlohmann::json::array();
        for (const auto &e : result.epochs)
            timings.push_back(e.seconds);
        runJson["epoch_seconds"] = timings;
        folder->writeRunJson(runJson.dump(2));
    };
    writeRunJson("running", "");

    SparsityEngine sparsity(net, config.sparsity);
    const auto areas = outputAreas(net);
    unsigned long long appliedEdits = 0;
    if (!config.sparsity.empty())
        observer.onMessage("structured sparsity: " + std::to_string(config.sparsity.terms.size())
                           + " term(s), " + config.sparsity.update + " update");

    std::vector<float> images(std::size_t(batchSize) * c * h * w);
    std::vector<std::int64_t> labels(batchSize);
    long stepsDone = 0;
    auto lastSnapshot = Clock::now();
    const double snapshotInterval = observer.snapshotInterval();
    auto finish = [&](TrainStatus status, const std::string &message) {
        result.status = status;
        result.message = message;
        result.seconds = secondsSince(runStart);
        if (folder && status != TrainStatus::Failed)
            net.save(folder->modelPath());
        writeRunJson(toString(status), message);
        observer.onMessage(message.empty() ? toString(status) : message);
        return result;
    };

    for (int epoch = startEpoch + 1; epoch <= config.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        const auto order = train.epochOrder(config.seed, epoch);
        net.setTraining(true);
        double lossSum = 0.0;
        std::int64_t correct = 0;
        std::size_t seen = 0;
        double lr = config.learningRate;
        for (int b = 0; b < batchesPerEpoch; ++b) {
            if (!m_pause.waitWhilePaused(stop) || stop.stop_requested())
                return finish(TrainStatus::Cancelled,
                              "cancelled at epoch " + std::to_string(epoch) + ", batch "
                                  + std::to_string(b + 1));
            const std::size_t first = std::size_t(b) * batchSize;
            const std::size_t n = std::min<std::size_t>(batchSize, train.size() - first);
            train.fill(order.data() + first, n, images.data(), labels.data());
            auto x = torch::from_blob(images.data(), {std::int64_t(n), c, h, w}, torch::kFloat32);
            auto y = torch::from_blob(labels.data(), {std::int64_t(n)}, torch::kInt64);
            const long step = long(epoch - 1) * batchesPerEpoch + b;
            lr = learningRateAt(config, step, totalSteps, epoch);
            for (auto &group : optimizer->param_groups())
                group.options().set_lr(lr);

            optimizer->zero_grad();
            torch::Tensor logits;
            try {
                logits = net.forward(x);
            } catch (const c10::Error &e) {
                std::string what = e.what_without_backtrace();
                throw Error(config.model,
                            "cannot run on " + config.data + ": "
                                + what.substr(0, what.find('\n')));
            }
            if (logits.dim() != 2 || logits.size(1) < train.numClasses())
                throw Error(config.model,
                            "gives " + std::to_string(logits.dim()) + "-D output, not logits for "
                                + std::to_string(train.numClasses()) + " classes");
            auto loss = torch::nn::functional::cross_entropy(logits, y);
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                const std::string last = folder ? folder->lastCheckpoint() : std::string();
                return finish(TrainStatus::Failed,
                              "loss is " + std::string(std::isnan(lossValue) ? "NaN" : "infinite")
                                  + " at epoch " + std::to_string(epoch) + ", batch "
                                  + std::to_string(b + 1) + " (try a lower learning rate); "
                                  + (last.empty() ? "no checkpoint was written yet"
                                                  : "last good checkpoint: " + last));
            }
            if (auto terms = m_strengths.take()) {
                sparsity.setTerms(*terms);
                ++appliedEdits;
                observer.onMessage("new strengths applied at epoch " + std::to_string(epoch)
                                   + ", batch " + std::to_string(b + 1));
            }
            loss.backward();
            sparsity.beforeStep();
            optimizer->step();
            sparsity.afterStep(lr);

            const std::int64_t batchCorrect = logits.argmax(1).eq(y).sum().item<std::int64_t>();
            correct += batchCorrect;
            lossSum += lossValue * double(n);
            seen += n;
            ++stepsDone;

            BatchMetrics metrics;
            metrics.epoch = epoch;
            metrics.batch = b + 1;
            metrics.batchesPerEpoch = batchesPerEpoch;
            metrics.epochs = config.epochs;
            metrics.loss = lossValue;
            metrics.accuracy = double(batchCorrect) / double(n);
            metrics.learningRate = lr;
            metrics.elapsedSeconds = secondsSince(runStart);
            metrics.etaSeconds
                = metrics.elapsedSeconds / double(stepsDone) * double(stepsThisProcess - stepsDone);
            metrics.appliedEdits = appliedEdits;
            if (sparsity.active())
                metrics.penalty = sparsity.penalty();
            observer.onBatch(metrics);
            if (snapshotInterval > 0.0 && secondsSince(lastSnapshot) >= snapshotInterval) {
                observer.onStructure(layerStructures(net, areas));
                observer.onFilters(firstConvFilters(net));
                lastSnapshot = Clock::now();
            }
        }
        const auto structure = layerStructures(net, areas);

        EpochMetrics metrics;
        metrics.epoch = epoch;
        metrics.loss = lossSum / double(seen);
        metrics.trainAccuracy = double(correct) / double(seen);
        metrics.learningRate = lr;
        if (!data.test.empty()) {
            const auto evaluation
                = evaluateModel(net, data.test, config.evalBatchSize, false, &stop);
            if (stop.stop_requested())
                return finish(TrainStatus::Cancelled,
                              "cancelled while testing epoch " + std::to_string(epoch));
            metrics.testAccuracy = evaluation.accuracy();
            metrics.testLoss = evaluation.loss;
        }
        double zeros = 0, weights = 0;
        for (const auto &layer : structure) {
            zeros += double(layer.zeroParameters);
            weights += double(layer.parameters);
            metrics.macs += std::max(0.0, layer.macs);
            metrics.denseMacs += std::max(0.0, layer.denseMacs);
        }
        metrics.sparsity = weights > 0 ? zeros / weights : 0.0;
        metrics.seconds = secondsSince(epochStart);
        result.epochs.push_back(metrics);
        if (folder) {
            const std::string checkpoint = folder->checkpointPath(epoch);
            net.save(checkpoint);
            torch::serialize::OutputArchive state;
            torch::serialize::OutputArchive optimizerState;
            optimizer->save(optimizerState);
            state.write("optimizer", optimizerState);
            state.write("epoch", c10::IValue(std::int64_t(epoch)));
            state.save_to(statePathFor(checkpoint));
            folder->writeMetrics(result.epochs);
            folder->appendStructure(epoch, structure);
            writeRunJson("running", "");
        }
        observer.onEpochEnd(metrics);
        observer.onStructure(structure);
        observer.onFilters(firstConvFilters(net));
        lastSnapshot = Clock::now();
    }
    return finish(TrainStatus::Completed, "");
}

TrainResult Trainer::runStages(const TrainConfig &config, const std::string &runDirectory,
                               TrainingObserver &observer, std::stop_token stop)
{
    if (config.stages.empty())
        return run(config, runDirectory, observer, stop);
    if (runDirectory.empty())
        throw Error("stages", "a staged run needs a run folder");
    namespace fs = std::filesystem;
    fs::create_directories(runDirectory);
    TrainResult all;
    all.runDirectory = runDirectory;
    nlohmann::json list = nlohmann::json::array();
    std::string previous;
    for (std::size_t i = 0; i < config.stages.size(); ++i) {
        const auto &stage = config.stages[i];
        const auto stageConfig = config.stageConfig(i, previous);
        const auto folder
            = (fs::path(runDirectory) / (std::to_string(i + 1) + "-" + stage.name)).string();
        observer.onMessage("stage " + std::to_string(i + 1) + "/"
                           + std::to_string(config.stages.size()) + ": " + stage.name);
        auto result = run(stageConfig, folder, observer, stop);
        all.seconds += result.seconds;
        all.epochs.insert(all.epochs.end(), result.epochs.begin(), result.epochs.end());
        nlohmann::json item
            = {{"name", stage.name}, {"run", folder}, {"status", toString(result.status)}};
        if (!result.epochs.empty())
            item["test_accuracy"] = result.epochs.back().testAccuracy;
        list.push_back(item);
        std::ofstream(fs::path(runDirectory) / "stages.json") << list.dump(2) << "\n";
        if (!result.ok()) {
            all.status = result.status;
            all.message = "stage " + stage.name + ": " + result.message;
            return all;
        }
        previous = folder;
    }
    fs::copy_file(fs::path(previous) / "model.pt", fs::path(runDirectory) / "model.pt",
                  fs::copy_options::overwrite_existing);
    return all;
}

} // namespace sparsescope::core
