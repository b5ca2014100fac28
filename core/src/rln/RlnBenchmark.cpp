// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/rln/RlnBenchmark.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "common/WallClock_p.h"
#include "rln/TabularMetrics.h"
#include "rln/TabularModelFactory_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/Runtime.h"
#include "sparsescope/core/Version.h"
#include "sparsescope/core/data/TableScaler.h"
#include "sparsescope/core/data/TableSplit.h"
#include "sparsescope/core/rln/RlnSummary.h"
#include "sparsescope/core/rln/TabularModelRegistry.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

using wall_clock::Clock;
using wall_clock::isoTimeNow;
using wall_clock::secondsSince;

TabularArrays arraysOf(const CsvTable &table, const TableScaler &scaler,
                       const std::vector<std::size_t> &rows)
{
    TabularArrays a;
    a.rows = rows.size();
    a.columns = table.features();
    a.x = scaler.transform(table, rows);
    a.y.reserve(rows.size());
    for (std::size_t r : rows)
        a.y.push_back(table.targets()[r]);
    return a;
}

/// The noise of seed s differs from the split and initialisation streams of the same seed.
std::uint64_t noiseSeed(std::uint64_t seed)
{
    return seed * 0x2545F4914F6CDD1DULL + 0x5eed;
}

std::string runName(const std::string &model, std::uint64_t seed, int fold, bool folds)
{
    std::string name = model + "-seed" + std::to_string(seed);
    if (folds)
        name += "-fold" + std::to_string(fold);
    return name;
}

std::string cell(double v)
{
    return std::isnan(v) ? std::string() : formatCsvNumber(v);
}

/// The fitted output of a model on one split, with its wall time.
struct Fitted
{
    std::optional<ModelOutput> output; ///< nullopt: cancelled
    double seconds = 0.0;
    std::string runDirectory;
};

} // namespace

std::string RlnBenchmark::resultsHeader(TabularTask task)
{
    std::string header = task == TabularTask::Regression
        ? "model,seed,test_mse,test_explained_variance,edges_remaining,features_remaining,fold,"
          "edges_total,features_total,settings,seconds"
        : "model,seed,test_accuracy,test_auc,edges_remaining,features_remaining,fold,"
          "edges_total,features_total,settings,seconds";
    // Sparsity three ways (issue 23): edges with |w| ≤ τ, noise inputs eliminated and real
    // inputs kept at τ (τ = 0: exact zeros).
    for (double tau : kSparsityThresholds)
        header += ",edges_le_" + RlnSummary::tauName(tau);
    header += ",noise_features";
    for (double tau : kSparsityThresholds)
        header += ",noise_eliminated_" + RlnSummary::tauName(tau);
    header += ",real_features";
    for (double tau : kSparsityThresholds)
        header += ",real_kept_" + RlnSummary::tauName(tau);
    return header + ",blend_weight";
}

std::string RlnBenchmark::resultsCsv(const std::vector<ModelScore> &scores, TabularTask task)
{
    std::string text = resultsHeader(task) + "\n";
    auto count = [](std::int64_t v) {
        return v < 0 ? std::string() : std::to_string(v);
    };
    for (const auto &s : scores) {
        const bool regression = task == TabularTask::Regression;
        text += s.model + "," + std::to_string(s.seed) + ","
            + cell(regression ? s.testMse : s.testAccuracy) + ","
            + cell(regression ? s.testExplainedVariance : s.testAuc) + "," + count(s.edgesRemaining)
            + "," + count(s.featuresRemaining) + "," + std::to_string(s.fold) + ","
            + count(s.edgesTotal) + "," + count(s.featuresTotal) + "," + csvQuoted(s.settings) + ","
            + formatCsvNumber(s.seconds);
        const bool counted = s.smallWeights.size() == kSparsityThresholds.size();
        for (std::size_t t = 0; t < kSparsityThresholds.size(); ++t)
            text += "," + (counted ? std::to_string(s.smallWeights[t].edges) : std::string());
        text += "," + count(s.noiseFeatures);
        for (std::size_t t = 0; t < kSparsityThresholds.size(); ++t)
            text += ","
                + (counted ? std::to_string(s.smallWeights[t].noiseEliminated) : std::string());
        text += "," + count(s.realFeatures);
        for (std::size_t t = 0; t < kSparsityThresholds.size(); ++t)
            text += "," + (counted ? std::to_string(s.smallWeights[t].realKept) : std::string());
        text += "," + cell(s.blendWeight) + "\n";
    }
    return text;
}

namespace {

/// One seed's (and fold's) data, standardised on its training rows.
PreparedSplit prepareSplit(const CsvTable &data, const TableSplit &split, std::uint64_t seed,
                           int fold, int realFeatures)
{
    // Standardisation (and mean imputation) from the training rows only.
    const auto fitRows = split.trainAndValidation();
    const TableScaler scaler = TableScaler::fit(data, fitRows);
    PreparedSplit prepared;
    prepared.task = data.task();
    prepared.numClasses = data.numClasses();
    prepared.seed = seed;
    prepared.fold = fold;
    prepared.realFeatures = realFeatures;
    prepared.train = arraysOf(data, scaler, split.train);
    prepared.validation = arraysOf(data, scaler, split.validation);
    prepared.fit = arraysOf(data, scaler, fitRows);
    prepared.test = arraysOf(data, scaler, split.test);
    return prepared;
}

/// The seed's splits: k folds, the fixed test rows, or one random test split.
std::vector<TableSplit> splitsOf(const RlnConfig &config, std::size_t rows, std::uint64_t seed)
{
    if (config.folds >= 2)
        return TableSplit::kFold(rows, config.folds, seed, config.validationFraction);
    if (!config.testRows.empty())
        return {TableSplit::withTestRows(rows, config.testRows, config.validationFraction, seed)};
    return {TableSplit::random(rows, config.testFraction, config.validationFraction, seed)};
}

/// A model's test metrics and first-layer counts.
ModelScore scoreOf(const std::string &name, const PreparedSplit &prepared, const Fitted &fit,
                   int noiseFeatures)
{
    if (!fit.output)
        throw std::logic_error("a cancelled fit has no score");
    const ModelOutput &o = *fit.output;
    ModelScore score;
    score.model = name;
    score.seed = prepared.seed;
    score.fold = prepared.fold;
    score.task = prepared.task;
    score.edgesRemaining = o.edgesRemaining;
    score.edgesTotal = o.edgesTotal;
    score.featuresRemaining = o.featuresRemaining;
    score.featuresTotal = o.featuresTotal;
    score.smallWeights = o.smallWeights;
    if (!o.smallWeights.empty()) {
        score.noiseFeatures = noiseFeatures;
        score.realFeatures = prepared.realFeatures;
    }
    score.blendWeight = o.blendWeight;
    score.settings = o.settings;
    score.seconds = fit.seconds;
    score.runDirectory = fit.runDirectory;
    score.testTargets = prepared.test.y;
    if (prepared.task == TabularTask::Regression) {
        score.testPredictions = o.testPredictions;
        score.testMse = TabularMetrics::meanSquaredError(prepared.test.y, o.testPredictions);
        score.testExplainedVariance
            = TabularMetrics::explainedVariance(prepared.test.y, o.testPredictions);
    } else {
        score.testPredictions
            = TabularMetrics::predictedClasses(o.testPredictions, prepared.numClasses);
        score.testAccuracy
            = TabularMetrics::accuracy(prepared.test.y, o.testPredictions, prepared.numClasses);
        score.testAuc
            = TabularMetrics::auc(prepared.test.y, o.testPredictions, prepared.numClasses);
    }
    return score;
}

/// predictions.csv: the test rows by their line in the CSV file.
std::string predictionsCsv(const CsvTable &data, const TableSplit &split,
                           const PreparedSplit &prepared, const ModelScore &score,
                           const ModelOutput &o)
{
    std::string text = "line,target,prediction";
    const int outputs = prepared.outputs();
    const bool classification = prepared.task == TabularTask::Classification;
    if (classification)
        for (const auto &c : data.classNames())
            text += ",p_" + csvQuoted(c);
    text += "\n";
    for (std::size_t i = 0; i < split.test.size(); ++i) {
        text += std::to_string(data.lineNumbers()[split.test[i]]) + ","
            + formatCsvNumber(prepared.test.y[i]) + "," + formatCsvNumber(score.testPredictions[i]);
        if (classification)
            for (int c = 0; c < outputs; ++c)
                text += ","
                    + formatCsvNumber(o.testPredictions[i * std::size_t(outputs) + std::size_t(c)]);
        text += "\n";
    }
    return text;
}

/// A model's run.json.
nlohmann::json runJson(const RlnConfig &config, const CsvTable &data, const TableSplit &split,
                       const ModelScore &score, const ModelOutput &o, const std::string &started)
{
    auto metric = [](double v) {
        return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
    };
    nlohmann::json small = nlohmann::json::array();
    for (const auto &w : score.smallWeights)
        small.push_back({{"tau", w.tau},
                         {"edges", w.edges},
                         {"noise_eliminated", w.noiseEliminated},
                         {"real_kept", w.realKept}});
    return {
        {"sparsescope_version", kVersion},
        {"kind", "tabular"},
        {"model", score.model},
        {"description", TabularModelRegistry::entry(score.model).description},
        {"seed", score.seed},
        {"fold", score.fold},
        {"csv", config.csv},
        {"target", data.targetName()},
        {"task", toString(score.task)},
        {"noise_features", config.noiseFeatures},
        {"features", data.features()},
        {"train_rows", split.train.size()},
        {"validation_rows", split.validation.size()},
        {"test_rows", split.test.size()},
        {"settings", o.settings},
        {"details", nlohmann::json::parse(o.detailsJson)},
        {"test",
         {{"mse", metric(score.testMse)},
          {"explained_variance", metric(score.testExplainedVariance)},
          {"accuracy", metric(score.testAccuracy)},
          {"auc", metric(score.testAuc)}}},
        {"edges_remaining", score.edgesRemaining},
        {"edges_total", score.edgesTotal},
        {"features_remaining", score.featuresRemaining},
        {"features_total", score.featuresTotal},
        {"small_weights", small},
        {"blend_weight", metric(score.blendWeight)},
        {"versions", {{"libtorch", Runtime::torchVersion()}, {"opencv", Runtime::openCvVersion()}}},
        {"threads", Runtime::threads()},
        {"started", started},
        {"seconds", score.seconds},
        {"status", "completed"}};
}

/// The config's table, at least 10 rows, announced to the observer.
CsvTable readTable(const RlnConfig &config, RlnObserver &observer)
{
    CsvTable table = CsvTable::read(config.csv, config.csvOptions);
    if (table.rows() < 10)
        throw Error(config.csv, "has " + std::to_string(table.rows()) + " rows",
                    "the comparison needs at least 10");
    observer.onMessage("read " + config.csv + ": " + std::to_string(table.rows()) + " rows, "
                       + std::to_string(table.features()) + " features, target "
                       + table.targetName() + " (" + toString(table.task()) + ")"
                       + (config.noiseFeatures > 0
                              ? ", + " + std::to_string(config.noiseFeatures) + " noise features"
                              : ""));
    return table;
}

/// A new output folder with config.json; never one that holds results already.
void createOutputFolder(const RlnConfig &config, const std::string &outDirectory)
{
    const fs::path out(outDirectory);
    std::error_code ec;
    if (fs::exists(out / "results.csv", ec))
        throw Error(outDirectory, "already holds results.csv", "choose a new folder");
    fs::create_directories(out, ec);
    if (ec)
        throw Error(outDirectory, "cannot create the folder: " + ec.message());
    writeTextFile((out / "config.json").string(), config.toJson() + "\n");
}

/// Whether some listed model blends `name` (its out-of-fold predictions are then needed).
bool blended(const RlnConfig &config, const std::string &name)
{
    for (const auto &m : config.models)
        for (const auto &member : TabularModelRegistry::entry(m).members)
            if (member == name)
                return true;
    return false;
}

/// A model run's folder: its test predictions and run.json.
void writeRunFolder(const std::string &directory, const RlnConfig &config, const CsvTable &data,
                    const TableSplit &split, const PreparedSplit &prepared, const ModelScore &score,
                    const ModelOutput &output, const std::string &started)
{
    fs::create_directories(directory);
    writeTextFile(directory + "/predictions.csv",
                  predictionsCsv(data, split, prepared, score, output));
    writeTextFile(directory + "/run.json",
                  json_fields::dump(runJson(config, data, split, score, output, started), 2)
                      + "\n");
}

} // namespace

RlnResult RlnBenchmark::run(const RlnConfig &config, const std::string &outDirectory,
                            RlnObserver &observer, std::stop_token stop)
{
    const auto start = Clock::now();
    const std::string started = isoTimeNow();
    config.validate("config");
    if (config.threads > 0)
        Runtime::setThreads(config.threads);

    const CsvTable table = readTable(config, observer);
    const fs::path out(outDirectory);
    const std::string resultsPath = outDirectory.empty() ? "" : (out / "results.csv").string();
    if (!outDirectory.empty())
        createOutputFolder(config, outDirectory);

    RlnResult result;
    result.task = table.task();
    auto writeResults = [&] {
        if (outDirectory.empty())
            return;
        writeTextFile(resultsPath, resultsCsv(result.scores, result.task));
        writeTextFile((out / "summary.csv").string(),
                      RlnSummary::toCsv(RlnSummary::summarize(result.scores), result.task));
        writeTextFile((out / "paired.csv").string(),
                      RlnSummary::pairedCsv(RlnSummary::paired(result.scores)));
    };
    writeResults();

    const int realFeatures = int(table.features());
    const int splitsPerSeed = config.folds >= 2 ? config.folds : 1;
    const int total = config.seeds * splitsPerSeed * int(config.models.size());
    int index = 0;
    for (int s = 0; s < config.seeds; ++s) {
        const std::uint64_t seed = config.firstSeed + std::uint64_t(s);
        const CsvTable data = table.withNoiseFeatures(config.noiseFeatures, noiseSeed(seed));
        if (s == 0) {
            result.featureNames = data.featureNames();
            observer.onFeatures(result.featureNames);
        }
        const std::vector<TableSplit> splits = splitsOf(config, data.rows(), seed);
        for (std::size_t f = 0; f < splits.size(); ++f) {
            const TableSplit &split = splits[f];
            const int fold = config.folds >= 2 ? int(f) + 1 : 0;
            const PreparedSplit prepared = prepareSplit(data, split, seed, fold, realFeatures);

            std::map<std::string, Fitted> fitted;
            std::function<const Fitted &(const std::string &, bool)> obtain;
            obtain = [&](const std::string &name, bool requested) -> const Fitted & {
                if (auto it = fitted.find(name); it != fitted.end())
                    return it->second;
                Fitted entry;
                if (requested && !outDirectory.empty())
                    entry.runDirectory
                        = (out / runName(name, seed, fold, config.folds >= 2)).string();
                ModelContext context {config,         prepared,           observer, stop,  &m_pause,
                                      &m_rlnSettings, entry.runDirectory, name,     false, {}};
                context.wantOutOfFoldPredictions = blended(config, name);
                context.member = [&](const std::string &member) -> const ModelOutput * {
                    const bool listed
                        = std::find(config.models.begin(), config.models.end(), member)
                        != config.models.end();
                    const Fitted &m = obtain(member, listed);
                    return m.output ? &*m.output : nullptr;
                };
                auto model = createTabularModel(name);
                const auto modelStart = Clock::now();
                entry.output = model->fit(context);
                entry.seconds = secondsSince(modelStart);
                return fitted.emplace(name, std::move(entry)).first->second;
            };

            for (const auto &name : config.models) {
                ++index;
                observer.onModelStarted(name, seed, fold, index, total);
                const Fitted &fit = obtain(name, true);
                if (!fit.output || stop.stop_requested()) {
                    result.status = RlnStatus::Cancelled;
                    result.seconds = secondsSince(start);
                    writeResults();
                    observer.onMessage("cancelled");
                    return result;
                }
                const ModelScore score = scoreOf(name, prepared, fit, config.noiseFeatures);
                if (!fit.runDirectory.empty())
                    writeRunFolder(fit.runDirectory, config, data, split, prepared, score,
                                   *fit.output, started);
                result.scores.push_back(score);
                writeResults();
                observer.onModelFinished(score);
            }
        }
    }
    result.seconds = secondsSince(start);
    return result;
}

} // namespace sparsescope::core
