// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingRun.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "common/Snapshots_p.h"
#include "common/WallClock_p.h"
#include "models/ModelImpl_p.h"
#include "models/ZipDirectory_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/Version.h"
#include "sparsescope/core/robustness/MagnitudePruner.h"
#include "sparsity/SparsityEngine.h"

#include <cmath>
#include <filesystem>

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

} // namespace

TrainingRun::TrainingRun(const TrainConfig &config, const std::string &runDirectory,
                         TrainingObserver &observer, std::stop_token stop, PauseGate &pause,
                         Mailbox<std::vector<RegularizationTerm>> &strengths)
    : m_config(config)
    , m_runDirectory(runDirectory)
    , m_observer(observer)
    , m_stop(std::move(stop))
    , m_pause(pause)
    , m_strengths(strengths)
    , m_start(Clock::now())
    , m_started(isoTimeNow())
{ }

TrainingRun::~TrainingRun() = default;

TrainResult TrainingRun::run()
{
    prepare();
    try {
        return trainEpochs();
    } catch (const std::exception &e) {
        // A full disk or a model that fails mid-run: run.json says so if it still can be written.
        try {
            writeRunJson("failed", e.what());
        } catch (const std::exception &) { }
        throw;
    }
}

TrainResult TrainingRun::trainEpochs()
{
    for (int epoch = m_startEpoch + 1; epoch <= m_config.epochs; ++epoch) {
        // A step checkpoint resumes inside its epoch, with the epoch's sums so far.
        const bool inside = epoch == m_startEpoch + 1 && m_resumeBatch > 0;
        EpochSums sums = inside ? m_resumeSums : EpochSums {};
        sums.learningRate = m_config.learningRate;
        m_epochStart = Clock::now()
            - std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(inside ? m_resumeSeconds : 0.0));
        if (auto ended = trainEpoch(epoch, inside ? m_resumeBatch : 0, sums))
            return *ended;
        if (auto ended = endEpoch(epoch, sums, m_epochStart))
            return *ended;
    }
    return finish(TrainStatus::Completed, "");
}

void TrainingRun::prepare()
{
    m_config.validate("config");
    Runtime::setThreads(m_config.threads);
    m_result.runDirectory = m_runDirectory;
    // A bad model reference or resume folder fails before any data is read.
    if (!m_config.resumeFrom.empty()) {
        m_checkpoint = RunFolder(m_config.resumeFrom).lastCheckpoint();
        if (m_checkpoint.empty())
            throw Error(m_config.resumeFrom, "has no checkpoint to resume from");
    }
    if (!m_checkpoint.empty())
        m_model = Model::load(m_checkpoint);
    else if (!Model::isRegistryName(m_config.model))
        m_model = Model::load(m_config.model);
    m_observer.onMessage("loading " + m_config.data);
    m_train = Dataset::fromSpec(m_config.data).first(m_config.limit);
    if (m_train.empty())
        throw Error(m_config.data, "has no samples to train on");
    if (!m_config.testData.empty()) {
        m_observer.onMessage("loading " + m_config.testData);
        m_test = Dataset::fromSpec(m_config.testData).first(m_config.testLimit);
        if (m_train.channels() != m_test.channels() || m_train.height() != m_test.height()
            || m_train.width() != m_test.width())
            throw Error(m_config.testData,
                        "image shape differs from the training data " + m_config.data);
        if (m_test.numClasses() > m_train.numClasses())
            throw Error(m_config.testData,
                        "has more classes than the training data " + m_config.data);
    }
    if (!m_runDirectory.empty()) {
        m_folder.emplace(m_runDirectory);
        m_folder->create();
    }
    createModel();

    const int batchSize = m_config.batchSize;
    m_batchesPerEpoch = int((m_train.size() + batchSize - 1) / batchSize);
    m_totalSteps = long(m_config.epochs) * m_batchesPerEpoch;
    if (m_startEpoch < 0 || m_startEpoch > m_config.epochs || m_resumeBatch < 0
        || m_resumeBatch >= m_batchesPerEpoch)
        throw Error(RunFolder::statePathFor(m_checkpoint),
                    "trainer state at epoch " + std::to_string(m_startEpoch) + ", batch "
                        + std::to_string(m_resumeBatch) + " does not fit this run");
    m_stepsThisProcess = long(m_config.epochs - m_startEpoch) * m_batchesPerEpoch - m_resumeBatch;
    m_runJson = {
        {"sparsescope_version", kVersion},
        {"config", nlohmann::json::parse(m_config.toJson())},
        {"seed", m_config.seed},
        {"data", m_config.data},
        {"test_data", m_config.testData},
        {"train_samples", m_train.size()},
        {"test_samples", m_test.size()},
        {"model",
         {{"architecture", m_model.architecture()}, {"parameters", m_model.parameterCount()}}},
        {"versions", {{"libtorch", Runtime::torchVersion()}, {"opencv", Runtime::openCvVersion()}}},
        {"threads", Runtime::threads()},
        {"started", m_started},
        {"status", "running"}};
    writeRunJson("running", "");

    ModelImpl &net = m_model.impl();
    m_sparsity = std::make_unique<SparsityEngine>(net, m_config.sparsity);
    if (m_resumeTerms)
        m_sparsity->setTerms(*m_resumeTerms); // the strengths in force when it was saved
    m_areas = outputAreas(net);
    if (!m_config.sparsity.empty())
        m_observer.onMessage("structured sparsity: "
                             + std::to_string(m_config.sparsity.terms.size()) + " term(s), "
                             + m_config.sparsity.update + " update");
    m_images.resize(std::size_t(batchSize) * std::size_t(m_train.channels())
                    * std::size_t(m_train.height()) * std::size_t(m_train.width()));
    m_labels.resize(std::size_t(batchSize));
    m_lastSnapshot = Clock::now();
    m_snapshotInterval = m_observer.snapshotInterval();
}

void TrainingRun::createModel()
{
    // Resumed from a checkpoint, a fresh built-in, or a saved model to go on with.
    std::string stateToLoad;
    if (!m_checkpoint.empty()) {
        m_observer.onMessage("resuming from " + m_checkpoint);
        stateToLoad = RunFolder::statePathFor(m_checkpoint);
        // Killed before the first epoch ended (a step checkpoint): no metrics yet.
        const RunFolder from(m_config.resumeFrom);
        std::error_code ec;
        if (std::filesystem::exists(from.metricsPath(), ec))
            m_result.epochs = from.readMetrics();
    } else if (!m_model.isValid()) {
        ModelOptions options;
        options.inChannels = m_train.channels();
        options.height = m_train.height();
        options.width = m_train.width();
        options.numClasses = m_train.numClasses();
        options.batchNorm = m_config.batchNorm;
        const auto norm = m_train.normalization();
        options.mean = norm.mean;
        options.std = norm.std;
        m_model = Model::create(m_config.model, options, m_config.seed);
    }
    if (m_checkpoint.empty() && m_config.pruneSparsity > 0) {
        m_model = MagnitudePruner::prune(
            m_model, m_config.pruneSparsity,
            MagnitudePruner::scopeFromName(m_config.pruneScope, "prune_scope"));
        m_observer.onMessage("pruned by magnitude to sparsity "
                             + json_fields::dump(nlohmann::json(m_config.pruneSparsity)));
    }
    m_optimizer = makeOptimizer(m_config, m_model.impl().parameters());
    if (!stateToLoad.empty())
        loadTrainerState(stateToLoad);
}

void TrainingRun::loadTrainerState(const std::string &statePath)
{
    ZipDirectory::read(statePath); // SparseScope's checks before LibTorch sees the file
    try {
        torch::serialize::InputArchive state;
        state.load_from(statePath);
        torch::serialize::InputArchive optimizerState;
        state.read("optimizer", optimizerState);
        m_optimizer->load(optimizerState);
        c10::IValue value;
        state.read("epoch", value);
        m_startEpoch = static_cast<int>(value.toInt());
        // Step checkpoints (checkpoint_every) also hold the position and sums inside the epoch.
        if (state.try_read("batch", value))
            m_resumeBatch = static_cast<int>(value.toInt());
        if (state.try_read("loss_sum", value))
            m_resumeSums.lossSum = value.toDouble();
        if (state.try_read("correct", value))
            m_resumeSums.correct = value.toInt();
        if (state.try_read("seen", value))
            m_resumeSums.seen = static_cast<std::size_t>(value.toInt());
        if (state.try_read("epoch_seconds", value))
            m_resumeSeconds = value.toDouble();
        // The strengths in force, as a train config holding only them (TrainConfig's JSON).
        if (state.try_read("terms", value) && value.isString())
            m_resumeTerms = TrainConfig::fromJson(value.toStringRef(), statePath).sparsity.terms;
    } catch (const c10::Error &e) {
        throw Error(statePath,
                    std::string("cannot read trainer state: ") + e.what_without_backtrace());
    }
    while (!m_result.epochs.empty() && m_result.epochs.back().epoch > m_startEpoch)
        m_result.epochs.pop_back();
}

void TrainingRun::writeRunJson(const std::string &status, const std::string &message)
{
    if (!m_folder)
        return;
    m_runJson["status"] = status;
    m_runJson["message"] = message;
    m_runJson["epochs_completed"] = m_result.epochs.empty() ? 0 : m_result.epochs.back().epoch;
    m_runJson["seconds"] = secondsSince(m_start);
    if (!m_result.epochs.empty()) {
        const auto &last = m_result.epochs.back();
        m_runJson["final"] = {{"loss", last.loss},
                              {"train_accuracy", last.trainAccuracy},
                              {"test_accuracy", last.testAccuracy},
                              {"test_loss", last.testLoss}};
    }
    nlohmann::json timings = nlohmann::json::array();
    for (const auto &e : m_result.epochs)
        timings.push_back(e.seconds);
    m_runJson["epoch_seconds"] = timings;
    m_folder->writeRunJson(json_fields::dump(m_runJson, 2));
}

std::optional<TrainResult> TrainingRun::trainEpoch(int epoch, int firstBatch, EpochSums &sums)
{
    m_order = m_train.epochOrder(m_config.seed, epoch);
    m_model.impl().setTraining(true);
    for (int b = firstBatch; b < m_batchesPerEpoch; ++b) {
        if (!m_pause.waitWhilePaused(m_stop) || m_stop.stop_requested())
            return finish(TrainStatus::Cancelled,
                          "cancelled at epoch " + std::to_string(epoch) + ", batch "
                              + std::to_string(b + 1));
        if (auto ended = step(epoch, b, sums))
            return ended;
        if (m_folder && m_config.checkpointEvery > 0 && (b + 1) % m_config.checkpointEvery == 0
            && b + 1 < m_batchesPerEpoch)
            saveCheckpoint(m_folder->stepCheckpointPath(epoch - 1, b + 1), epoch - 1, b + 1, sums);
    }
    return std::nullopt;
}

std::optional<TrainResult> TrainingRun::step(int epoch, int b, EpochSums &sums)
{
    ModelImpl &net = m_model.impl();
    const std::int64_t c = m_train.channels(), h = m_train.height(), w = m_train.width();
    const std::size_t first = std::size_t(b) * std::size_t(m_config.batchSize);
    const std::size_t n
        = std::min<std::size_t>(std::size_t(m_config.batchSize), m_train.size() - first);
    m_train.fill(m_order.data() + first, n, m_images.data(), m_labels.data());
    auto x = torch::from_blob(m_images.data(), {std::int64_t(n), c, h, w}, torch::kFloat32);
    auto y = torch::from_blob(m_labels.data(), {std::int64_t(n)}, torch::kInt64);
    const long globalStep = long(epoch - 1) * m_batchesPerEpoch + b;
    const double lr = learningRateAt(m_config, globalStep, m_totalSteps, epoch);
    sums.learningRate = lr;
    for (auto &group : m_optimizer->param_groups())
        group.options().set_lr(lr);

    m_optimizer->zero_grad();
    torch::Tensor logits;
    try {
        logits = net.forward(x);
    } catch (const c10::Error &e) {
        std::string what = e.what_without_backtrace();
        throw Error(m_config.model,
                    "cannot run on " + m_config.data + ": " + what.substr(0, what.find('\n')));
    }
    if (logits.dim() != 2 || logits.size(1) < m_train.numClasses())
        throw Error(m_config.model,
                    "gives " + std::to_string(logits.dim()) + "-D output, not logits for "
                        + std::to_string(m_train.numClasses()) + " classes");
    auto loss = torch::nn::functional::cross_entropy(logits, y);
    const double lossValue = loss.item<double>();
    if (!std::isfinite(lossValue)) {
        const std::string last = m_folder ? m_folder->lastCheckpoint() : std::string();
        return finish(TrainStatus::Failed,
                      "loss is " + std::string(std::isnan(lossValue) ? "NaN" : "infinite")
                          + " at epoch " + std::to_string(epoch) + ", batch "
                          + std::to_string(b + 1) + " (try a lower learning rate); "
                          + (last.empty() ? "no checkpoint was written yet"
                                          : "last good checkpoint: " + last));
    }
    if (auto terms = m_strengths.take()) {
        m_sparsity->setTerms(*terms);
        ++m_appliedEdits;
        m_observer.onMessage("new strengths applied at epoch " + std::to_string(epoch) + ", batch "
                             + std::to_string(b + 1));
    }
    loss.backward();
    m_sparsity->beforeStep();
    m_optimizer->step();
    m_sparsity->afterStep(lr);

    const std::int64_t batchCorrect = logits.argmax(1).eq(y).sum().item<std::int64_t>();
    sums.correct += batchCorrect;
    sums.lossSum += lossValue * double(n);
    sums.seen += n;
    ++m_stepsDone;

    BatchMetrics metrics;
    metrics.epoch = epoch;
    metrics.batch = b + 1;
    metrics.batchesPerEpoch = m_batchesPerEpoch;
    metrics.epochs = m_config.epochs;
    metrics.loss = lossValue;
    metrics.accuracy = double(batchCorrect) / double(n);
    metrics.learningRate = lr;
    metrics.elapsedSeconds = secondsSince(m_start);
    metrics.etaSeconds
        = metrics.elapsedSeconds / double(m_stepsDone) * double(m_stepsThisProcess - m_stepsDone);
    metrics.appliedEdits = m_appliedEdits;
    if (m_sparsity->active())
        metrics.penalty = m_sparsity->penalty();
    m_observer.onBatch(metrics);
    if (m_snapshotInterval > 0.0 && secondsSince(m_lastSnapshot) >= m_snapshotInterval) {
        m_observer.onStructure(layerStructures(net, m_areas));
        m_observer.onFilters(firstConvFilters(net));
        m_lastSnapshot = Clock::now();
    }
    return std::nullopt;
}

std::optional<TrainResult> TrainingRun::endEpoch(int epoch, const EpochSums &sums,
                                                 Clock::time_point epochStart)
{
    ModelImpl &net = m_model.impl();
    const auto structure = layerStructures(net, m_areas);
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.loss = sums.lossSum / double(sums.seen);
    metrics.trainAccuracy = double(sums.correct) / double(sums.seen);
    metrics.learningRate = sums.learningRate;
    if (!m_test.empty()) {
        const auto evaluation = evaluateModel(net, m_test, m_config.evalBatchSize, false, &m_stop);
        if (m_stop.stop_requested())
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
    m_result.epochs.push_back(metrics);
    if (m_folder) {
        // Metrics before the checkpoint: a kill between the two resumes from the checkpoint
        // before, which drops this epoch's rows and trains it again (each epoch once).
        m_folder->writeMetrics(m_result.epochs);
        m_folder->appendStructure(epoch, structure);
        saveCheckpoint(m_folder->checkpointPath(epoch), epoch, 0, EpochSums {});
        m_folder->removeStepCheckpoints();
        writeRunJson("running", "");
    }
    m_observer.onEpochEnd(metrics);
    m_observer.onStructure(structure);
    m_observer.onFilters(firstConvFilters(net));
    m_lastSnapshot = Clock::now();
    return std::nullopt;
}

void TrainingRun::saveCheckpoint(const std::string &checkpoint, int epochs, int batches,
                                 const EpochSums &sums)
{
    // The model first, then its state: lastCheckpoint() takes a checkpoint only with its state.
    m_model.impl().save(checkpoint);
    torch::serialize::OutputArchive state;
    torch::serialize::OutputArchive optimizerState;
    m_optimizer->save(optimizerState);
    state.write("optimizer", optimizerState);
    state.write("epoch", c10::IValue(std::int64_t(epochs)));
    TrainConfig strengths;
    strengths.sparsity.terms = m_sparsity->terms();
    state.write("terms", c10::IValue(strengths.toJson()));
    if (batches > 0) {
        state.write("batch", c10::IValue(std::int64_t(batches)));
        state.write("loss_sum", c10::IValue(sums.lossSum));
        state.write("correct", c10::IValue(std::int64_t(sums.correct)));
        state.write("seen", c10::IValue(std::int64_t(sums.seen)));
        state.write("epoch_seconds", c10::IValue(secondsSince(m_epochStart)));
    }
    const std::string statePath = RunFolder::statePathFor(checkpoint);
    try {
        replaceFileAtomically(statePath, [&](FileSink &sink) {
            state.save_to(
                [&](const void *data, std::size_t size) { return sink.write(data, size); });
        });
    } catch (const c10::Error &e) {
        throw Error(statePath,
                    std::string("cannot write the trainer state: ") + e.what_without_backtrace());
    }
    if (batches > 0)
        m_folder->removeStepCheckpoints(checkpoint);
}

TrainResult TrainingRun::finish(TrainStatus status, const std::string &message)
{
    m_result.status = status;
    m_result.message = message;
    m_result.seconds = secondsSince(m_start);
    if (m_folder && status != TrainStatus::Failed)
        m_model.impl().save(m_folder->modelPath());
    writeRunJson(toString(status), message);
    m_observer.onMessage(message.empty() ? toString(status) : message);
    return m_result;
}

} // namespace sparsescope::core
