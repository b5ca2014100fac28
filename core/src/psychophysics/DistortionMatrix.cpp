// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/DistortionMatrix.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "common/ParallelFor_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationBatch.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/psychophysics/ModelObserver.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsescope/core/training/TrainingObserver.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

namespace sparsescope::core {

namespace fs = std::filesystem;
using json_fields::take;
using nlohmann::json;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr const char *kClean = "clean";

std::string number(double value)
{
    return formatCsvNumber(value, "");
}

void putBigEndian(std::string &out, std::uint32_t value)
{
    out += static_cast<char>((value >> 24) & 0xff);
    out += static_cast<char>((value >> 16) & 0xff);
    out += static_cast<char>((value >> 8) & 0xff);
    out += static_cast<char>(value & 0xff);
}

void writeGzip(const std::string &path, const std::string &header, const std::uint8_t *data,
               std::size_t size)
{
    gzFile file = gzopen(path.c_str(), "wb1");
    if (!file)
        throw Error(path, "cannot create file");
    bool ok = gzwrite(file, header.data(), static_cast<unsigned>(header.size()))
        == static_cast<int>(header.size());
    constexpr std::size_t kChunk = 1 << 24;
    for (std::size_t done = 0; ok && done < size; done += kChunk) {
        const unsigned n = static_cast<unsigned>(std::min(kChunk, size - done));
        ok = gzwrite(file, data + done, n) == static_cast<int>(n);
    }
    if (gzclose(file) != Z_OK || !ok)
        throw Error(path, "cannot write file");
}

/// IDX image (0x803) and label (0x801) files, gzip-compressed: what IdxReader reads back.
void writeIdx(const ImageSet &set, const std::string &imagesPath, const std::string &labelsPath)
{
    std::string header;
    putBigEndian(header, 0x00000803);
    putBigEndian(header, static_cast<std::uint32_t>(set.size()));
    putBigEndian(header, static_cast<std::uint32_t>(set.height));
    putBigEndian(header, static_cast<std::uint32_t>(set.width));
    writeGzip(imagesPath, header, set.pixels.data(), set.pixels.size());
    std::vector<std::uint8_t> labels(set.size());
    for (std::size_t i = 0; i < set.size(); ++i)
        labels[i] = static_cast<std::uint8_t>(set.labels[i]);
    header.clear();
    putBigEndian(header, 0x00000801);
    putBigEndian(header, static_cast<std::uint32_t>(set.size()));
    writeGzip(labelsPath, header, labels.data(), labels.size());
}

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

using json_fields::checkKeys;

double levelFromJson(const DegradationInfo &info, const json &value, const std::string &origin)
{
    try {
        if (value.is_number())
            return DegradationRegistry::parseLevel(info, number(value.get<double>()));
        if (value.is_string())
            return DegradationRegistry::parseLevel(info, value.get<std::string>());
    } catch (const Error &e) {
        throw Error(origin, info.name + ": " + e.problem(), e.hint());
    }
    throw Error(origin, "a level of " + info.name + " must be a number or a level label");
}

/// Forwards a row's training progress into the matrix's overall progress.
class RowTrainingObserver : public TrainingObserver
{
public:
    RowTrainingObserver(JobObserver &observer, std::string row, double from, double width)
        : m_observer(observer)
        , m_row(std::move(row))
        , m_from(from)
        , m_width(width)
    { }
    void onBatch(const BatchMetrics &m) override
    {
        if (m.epochs <= 0 || m.batchesPerEpoch <= 0)
            return;
        const double done = (double(m.epoch - 1) + double(m.batch) / m.batchesPerEpoch) / m.epochs;
        m_observer.reportFraction(m_from + m_width * done);
    }
    void onEpochEnd(const EpochMetrics &m) override
    {
        m_observer.onMessage("train " + m_row + ": epoch " + std::to_string(m.epoch) + " loss "
                             + number(m.loss).substr(0, 6) + " train accuracy "
                             + number(m.trainAccuracy).substr(0, 6));
    }

private:
    JobObserver &m_observer;
    std::string m_row;
    double m_from, m_width;
};

} // namespace

// ---- config ---------------------------------------------------------------------------------

std::vector<std::string> DistortionMatrixConfig::distortionList() const
{
    return distortions.empty() ? ModelObserver::applicableDegradations(1) : distortions;
}

std::vector<double> DistortionMatrixConfig::trainLevelsOf(const std::string &type) const
{
    const auto it = trainLevels.find(type);
    return it != trainLevels.end() ? it->second : DegradationRegistry::info(type).levels;
}

double DistortionMatrixConfig::testLevelOf(const std::string &type) const
{
    const auto it = testLevels.find(type);
    return it != testLevels.end() ? it->second : defaultTestLevel(type);
}

double DistortionMatrixConfig::defaultTestLevel(const std::string &type)
{
    const DegradationInfo &info = DegradationRegistry::info(type);
    if (!std::isnan(info.matrixTestLevel))
        return info.matrixTestLevel;
    return info.levels[info.levels.size() / 2]; // a type registered without one
}

void DistortionMatrixConfig::validate(const std::string &origin) const
{
    if (model.empty() || trainData.empty() || testData.empty())
        throw Error(origin, "\"model\", \"train_data\" and \"test_data\" must not be empty");
    if (epochs <= 0 || batchSize <= 0 || !(learningRate > 0.0))
        throw Error(origin, "epochs, batch size and learning rate must be positive");
    if (optimizer != "sgd" && optimizer != "adam")
        throw Error(origin, "optimizer must be sgd or adam, not \"" + optimizer + "\"");
    if (schedule != "none" && schedule != "step" && schedule != "cosine")
        throw Error(origin, "schedule must be none, step or cosine, not \"" + schedule + "\"");
    const auto list = distortionList();
    if (list.empty() && !includeClean)
        throw Error(origin, "nothing to train: no distortions and no clean baseline");
    std::set<std::string> seen;
    for (const auto &type : list) {
        const DegradationInfo *info = DegradationRegistry::find(type);
        if (!info)
            throw Error(origin, "unknown distortion \"" + type + "\"",
                        "sparsescope-cli degrade --list names the types");
        if (info->colourOnly)
            throw Error(origin, type + " needs colour images; the matrix trains on grey images",
                        "leave it out of \"distortions\"");
        if (!seen.insert(type).second)
            throw Error(origin, "\"" + type + "\" is listed twice");
        const auto levels = trainLevelsOf(type);
        if (levels.empty())
            throw Error(origin, "no training levels for " + type);
        try {
            for (double level : levels)
                DegradationRegistry::checkLevel(*info, level);
            DegradationRegistry::checkLevel(*info, testLevelOf(type));
        } catch (const Error &e) {
            throw Error(origin, type + ": " + e.problem(), e.hint());
        }
    }
    for (const auto &[type, levels] : trainLevels)
        if (!seen.count(type))
            throw Error(origin, "\"train_levels\" names " + type + ", which is not trained on");
    for (const auto &[type, level] : testLevels)
        if (!seen.count(type))
            throw Error(origin, "\"test_levels\" names " + type + ", which is not tested on");
}

std::string DistortionMatrixConfig::toJson() const
{
    json train = json::object();
    json test = json::object();
    // Levels as labels: high-pass's "inf" has no JSON number.
    for (const auto &type : distortionList()) {
        const DegradationInfo &info = DegradationRegistry::info(type);
        json labels = json::array();
        for (double level : trainLevelsOf(type))
            labels.push_back(DegradationRegistry::levelLabel(info, level));
        train[type] = labels;
        test[type] = DegradationRegistry::levelLabel(info, testLevelOf(type));
    }
    const json j = {{"model", model},
                    {"train_data", trainData},
                    {"test_data", testData},
                    {"train_limit", trainLimit},
                    {"test_limit", testLimit},
                    {"epochs", epochs},
                    {"batch_size", batchSize},
                    {"optimizer", optimizer},
                    {"learning_rate", learningRate},
                    {"schedule", schedule},
                    {"distortions", distortionList()},
                    {"train_levels", train},
                    {"test_levels", test},
                    {"include_clean", includeClean},
                    {"seed", seed},
                    {"threads", threads}};
    return json_fields::dump(j, 2);
}

DistortionMatrixConfig DistortionMatrixConfig::fromJson(const std::string &text,
                                                        const std::string &origin)
{
    const json j = json_fields::parse(text, origin);
    if (!j.is_object())
        throw Error(origin, "a distortion-matrix config must be a JSON object");
    checkKeys(j,
              {"model", "train_data", "test_data", "train_limit", "test_limit", "epochs",
               "batch_size", "optimizer", "learning_rate", "schedule", "distortions",
               "train_levels", "test_levels", "include_clean", "seed", "threads"},
              origin, "");
    DistortionMatrixConfig c;
    take(j, "model", c.model, origin);
    take(j, "train_data", c.trainData, origin);
    take(j, "test_data", c.testData, origin);
    take(j, "train_limit", c.trainLimit, origin);
    take(j, "test_limit", c.testLimit, origin);
    take(j, "epochs", c.epochs, origin);
    take(j, "batch_size", c.batchSize, origin);
    take(j, "optimizer", c.optimizer, origin);
    take(j, "learning_rate", c.learningRate, origin);
    take(j, "schedule", c.schedule, origin);
    take(j, "distortions", c.distortions, origin);
    take(j, "include_clean", c.includeClean, origin);
    take(j, "seed", c.seed, origin);
    take(j, "threads", c.threads, origin);
    for (const auto &type : c.distortions)
        if (!DegradationRegistry::find(type))
            throw Error(origin, "unknown distortion \"" + type + "\"",
                        "sparsescope-cli degrade --list names the types");
    if (auto it = j.find("train_levels"); it != j.end()) {
        if (!it->is_object())
            throw Error(origin, "\"train_levels\" must be an object {type: [levels]}");
        for (const auto &[type, value] : it->items()) {
            const DegradationInfo *info = DegradationRegistry::find(type);
            if (!info)
                throw Error(origin,
                            "\"train_levels\" names an unknown distortion \"" + type + "\"");
            if (!value.is_array())
                throw Error(origin, "\"train_levels\" of " + type + " must be a list");
            std::vector<double> levels;
            for (const auto &level : value)
                levels.push_back(levelFromJson(*info, level, origin));
            c.trainLevels[type] = levels;
        }
    }
    if (auto it = j.find("test_levels"); it != j.end()) {
        if (!it->is_object())
            throw Error(origin, "\"test_levels\" must be an object {type: level}");
        for (const auto &[type, value] : it->items()) {
            const DegradationInfo *info = DegradationRegistry::find(type);
            if (!info)
                throw Error(origin, "\"test_levels\" names an unknown distortion \"" + type + "\"");
            c.testLevels[type] = levelFromJson(*info, value, origin);
        }
    }
    c.validate(origin);
    return c;
}

DistortionMatrixConfig DistortionMatrixConfig::fromFile(const std::string &path)
{
    return fromJson(json_fields::readFile(path, "distortion-matrix config"), path);
}

// ---- the matrix -----------------------------------------------------------------------------

std::size_t DistortionMatrix::levelIndex(std::uint64_t seed, std::size_t index, std::size_t count)
{
    if (count <= 1)
        return 0;
    return static_cast<std::size_t>(splitMix64(splitMix64(seed) ^ index) % count);
}

std::uint32_t DistortionMatrix::testSeed(std::uint64_t seed)
{
    return static_cast<std::uint32_t>(seed + 1000000u);
}

ImageSet DistortionMatrix::mixedLevelSet(const Dataset &data, const std::string &type,
                                         const std::vector<double> &levels, std::uint32_t seed,
                                         std::shared_ptr<const AmplitudeSpectrum> spectrum,
                                         int threads, std::stop_token stop)
{
    const DegradationInfo &info = DegradationRegistry::info(type);
    if (levels.empty())
        throw Error(type, "no levels to mix");
    for (double level : levels)
        DegradationRegistry::checkLevel(info, level);
    ImageSet set;
    set.channels = data.channels();
    set.height = data.height();
    set.width = data.width();
    set.numClasses = data.numClasses();
    set.classNames = data.classNames();
    set.source = data.source() + " (" + type + ", mixed levels)";
    set.labels.resize(data.size());
    set.pixels.resize(data.size() * set.imageBytes());
    const std::size_t plane = static_cast<std::size_t>(set.height) * set.width;
    parallelFor(data.size(), threads, [&](std::size_t i) {
        if (stop.stop_requested())
            return;
        DegradationSettings settings;
        settings.level = levels[levelIndex(seed, i, levels.size())];
        settings.seed = DegradationBatch::imageSeed(seed, i);
        settings.spectrum = spectrum;
        const FloatImage degraded = DegradationBatch::fitTo(
            DegradationRegistry::apply(type, DegradationBatch::sample(data, i), settings),
            set.height, set.width, set.channels);
        const std::vector<std::uint8_t> bytes = ImageFile::toBytes(degraded);
        std::uint8_t *target = set.pixels.data() + i * set.imageBytes();
        for (std::size_t p = 0; p < plane; ++p)
            for (int k = 0; k < set.channels; ++k)
                target[k * plane + p] = bytes[p * set.channels + k];
        set.labels[i] = data.label(i);
    });
    return set;
}

void DistortionMatrix::writeCsv(const DistortionMatrixResult &result, const std::string &path)
{
    std::string text = "train";
    for (std::size_t c = 0; c < result.testNames.size(); ++c)
        text += "," + result.testNames[c]
            + (result.testLabels[c].empty() ? "" : " " + result.testLabels[c]);
    text += "\n";
    for (std::size_t r = 0; r < result.trainNames.size(); ++r) {
        text += result.trainNames[r];
        for (double value : result.accuracy[r])
            text += "," + number(value);
        text += "\n";
    }
    writeTextFile(path, text);
}

void DistortionMatrix::writeLongCsv(const DistortionMatrixResult &result, const std::string &path)
{
    std::string text = "train,test,test_level,correct,count,accuracy\n";
    for (std::size_t r = 0; r < result.trainNames.size(); ++r)
        for (std::size_t c = 0; c < result.testNames.size(); ++c) {
            if (std::isnan(result.accuracy[r][c]))
                continue;
            text += result.trainNames[r] + "," + result.testNames[c] + "," + result.testLabels[c]
                + "," + std::to_string(result.correct[r][c]) + ","
                + std::to_string(result.testCount) + "," + number(result.accuracy[r][c]) + "\n";
        }
    writeTextFile(path, text);
}

namespace {

/// config.json and the data/ and models/ folders.
void createOutputFolder(const DistortionMatrixConfig &config, const fs::path &root)
{
    std::error_code error;
    fs::create_directories(root / "data", error);
    if (!error)
        fs::create_directories(root / "models", error);
    if (error)
        throw Error(root.string(), "cannot create the output folder: " + error.message());
    writeTextFile((root / "config.json").string(), config.toJson() + "\n");
}

/// The training and test images, checked against each other.
std::pair<Dataset, Dataset> loadInputs(const DistortionMatrixConfig &config, JobObserver &observer)
{
    // Reported after loading: a bad spec then gives one line, the error.
    Dataset train = Dataset::fromSpec(config.trainData).first(config.trainLimit);
    Dataset test = Dataset::fromSpec(config.testData).first(config.testLimit);
    observer.onMessage("loaded " + std::to_string(train.size()) + " training images ("
                       + config.trainData + ") and " + std::to_string(test.size())
                       + " test images (" + config.testData + ")");
    if (train.empty())
        throw Error(config.trainData, "has no samples to train on");
    if (test.empty())
        throw Error(config.testData, "has no samples to test on");
    if (train.channels() != 1)
        throw Error(config.trainData,
                    "has " + std::to_string(train.channels())
                        + " channels; the distortion matrix trains on grey images (IDX)");
    if (test.channels() != train.channels() || test.height() != train.height()
        || test.width() != train.width())
        throw Error(config.testData,
                    "image shape differs from the training data " + config.trainData);
    return {std::move(train), std::move(test)};
}

/// The training images' mean amplitude spectrum (saved as spectrum.npy) when a type needs it.
std::shared_ptr<const AmplitudeSpectrum> spectrumFor(const DistortionMatrixConfig &config,
                                                     const Dataset &train, const fs::path &root,
                                                     JobObserver &observer)
{
    for (const auto &type : config.distortionList())
        if (DegradationRegistry::info(type).needsSpectrum) {
            observer.onMessage("computing the mean amplitude spectrum of the training images");
            auto mean = std::make_shared<AmplitudeSpectrum>(
                AmplitudeSpectrum::mean(train, config.threads));
            mean->save((root / "spectrum.npy").string());
            return mean;
        }
    return nullptr;
}

/// Rows and columns named, every cell NaN; rowTypes: each row's type ("" for clean).
DistortionMatrixResult emptyResult(const DistortionMatrixConfig &config, std::size_t testCount,
                                   std::vector<std::string> &rowTypes)
{
    DistortionMatrixResult result;
    if (config.includeClean) {
        result.trainNames.push_back(kClean);
        result.testNames.push_back(kClean);
        result.testLevels.push_back(kNan);
        result.testLabels.push_back("");
        rowTypes.push_back("");
    }
    for (const auto &type : config.distortionList()) {
        const DegradationInfo &info = DegradationRegistry::info(type);
        result.trainNames.push_back(type);
        result.testNames.push_back(type);
        result.testLevels.push_back(config.testLevelOf(type));
        result.testLabels.push_back(
            DegradationRegistry::levelLabel(info, config.testLevelOf(type)));
        rowTypes.push_back(type);
    }
    const std::size_t rows = result.trainNames.size();
    const std::size_t columns = result.testNames.size();
    result.accuracy.assign(rows, std::vector<double>(columns, kNan));
    result.correct.assign(rows, std::vector<std::size_t>(columns, 0));
    result.trainSeconds.assign(rows, kNan);
    result.testCount = testCount;
    return result;
}

} // namespace

std::vector<Dataset>
DistortionMatrix::degradedTestSets(const DistortionMatrixConfig &config, const Dataset &test,
                                   const DistortionMatrixResult &result,
                                   const std::vector<std::string> &rowTypes,
                                   const std::shared_ptr<const AmplitudeSpectrum> &spectrum,
                                   JobObserver &observer, std::stop_token stop)
{
    // Degraded once: every row is evaluated on the same images.
    const std::uint32_t testBase = testSeed(config.seed);
    std::vector<Dataset> testSets;
    for (std::size_t c = 0; c < result.testNames.size(); ++c) {
        if (stop.stop_requested())
            return {};
        if (rowTypes[c].empty()) {
            testSets.push_back(test);
            continue;
        }
        observer.onMessage("degrading the test images: " + rowTypes[c] + " "
                           + result.testLabels[c]);
        DegradationSettings settings;
        settings.level = result.testLevels[c];
        settings.seed = testBase;
        settings.spectrum = spectrum;
        testSets.emplace_back(
            DegradationBatch::degradedSet(test, rowTypes[c], settings, config.threads, stop));
    }
    return testSets;
}

bool DistortionMatrix::runRow(const DistortionMatrixConfig &config, std::size_t r,
                              const std::string &type, const Dataset &train,
                              const std::vector<Dataset> &testSets,
                              const std::shared_ptr<const AmplitudeSpectrum> &spectrum,
                              const std::string &outDirectory, DistortionMatrixResult &result,
                              JobObserver &observer, std::stop_token stop)
{
    const fs::path root(outDirectory);
    const std::size_t rows = result.trainNames.size();
    const std::size_t columns = result.testNames.size();
    const std::uint32_t trainBase = static_cast<std::uint32_t>(config.seed);
    const std::string &name = result.trainNames[r];
    TrainConfig trainConfig;
    trainConfig.model = config.model;
    trainConfig.testData.clear();
    trainConfig.epochs = config.epochs;
    trainConfig.batchSize = config.batchSize;
    trainConfig.optimizer = config.optimizer;
    trainConfig.learningRate = config.learningRate;
    trainConfig.schedule = config.schedule;
    trainConfig.seed = config.seed;
    trainConfig.threads = config.threads;
    if (type.empty()) {
        trainConfig.data = config.trainData;
        trainConfig.limit = config.trainLimit;
    } else {
        const auto levels = config.trainLevelsOf(type);
        std::string list;
        for (double level : levels)
            list += (list.empty() ? "" : " ")
                + DegradationRegistry::levelLabel(DegradationRegistry::info(type), level);
        observer.onMessage("degrading the training images: " + type + " (levels mixed: " + list
                           + ")");
        const ImageSet set
            = mixedLevelSet(train, type, levels, trainBase, spectrum, config.threads, stop);
        if (stop.stop_requested())
            return false;
        const std::string images = (root / "data" / (name + "-images.idx.gz")).string();
        const std::string labels = (root / "data" / (name + "-labels.idx.gz")).string();
        writeIdx(set, images, labels);
        trainConfig.data
            = "idx:" + images + "," + labels + "," + std::to_string(train.numClasses());
    }
    const double from = double(r) / double(rows);
    RowTrainingObserver trainingObserver(observer, name, from, 1.0 / double(rows));
    observer.onMessage("training " + name + " (" + std::to_string(r + 1) + "/"
                       + std::to_string(rows) + ")");
    const std::string runDirectory = (root / "models" / name).string();
    const auto started = std::chrono::steady_clock::now();
    Trainer trainer;
    const TrainResult trained = trainer.run(trainConfig, runDirectory, trainingObserver, stop);
    if (trained.status == TrainStatus::Cancelled || stop.stop_requested())
        return false;
    if (!trained.ok())
        throw Error(runDirectory, "training " + name + " failed: " + trained.message);
    result.trainSeconds[r]
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const Model model = Model::load(runDirectory);
    std::string line = name + ":";
    for (std::size_t c = 0; c < columns; ++c) {
        const Evaluation evaluation = model.evaluate(testSets[c]);
        result.accuracy[r][c] = evaluation.accuracy();
        result.correct[r][c] = evaluation.correct;
        line += " " + result.testNames[c] + "=" + number(evaluation.accuracy()).substr(0, 6);
    }
    observer.onMessage(line);
    writeCsv(result, (root / "matrix.csv").string());
    writeLongCsv(result, (root / "matrix-long.csv").string());
    return true;
}

DistortionMatrixResult DistortionMatrix::run(const DistortionMatrixConfig &config,
                                             const std::string &outDirectory, JobObserver &observer,
                                             std::stop_token stop)
{
    config.validate("distortion-matrix config");
    const fs::path root(outDirectory);
    createOutputFolder(config, root);
    const auto [train, test] = loadInputs(config, observer);
    const auto spectrum = spectrumFor(config, train, root, observer);
    std::vector<std::string> rowTypes;
    DistortionMatrixResult result = emptyResult(config, test.size(), rowTypes);
    const std::vector<Dataset> testSets
        = degradedTestSets(config, test, result, rowTypes, spectrum, observer, stop);
    if (stop.stop_requested())
        return result;
    observer.reportFraction(0.0); // the inputs are read: the rows start
    const std::size_t rows = result.trainNames.size();
    for (std::size_t r = 0; r < rows; ++r) {
        if (stop.stop_requested()
            || !runRow(config, r, rowTypes[r], train, testSets, spectrum, outDirectory, result,
                       observer, stop))
            return result;
        observer.reportFraction(double(r + 1) / double(rows));
    }
    result.completed = true;
    return result;
}

} // namespace sparsescope::core
