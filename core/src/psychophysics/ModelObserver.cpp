// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ModelObserver.h"

#include "common/ParallelFor_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationBatch.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/psychophysics/StimulusFolder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

constexpr double kNoRt = std::numeric_limits<double>::quiet_NaN();

/// A name fit for a `,`-separated, unquoted trial field and for file names.
std::string fieldSafe(std::string text)
{
    for (char &c : text)
        if (c == ',' || c == '\n' || c == '\r' || c == '"' || c == '/' || c == '\\')
            c = '-';
    return text;
}

/// A class name fit for one `_`-separated field of an image name.
std::string imageNameField(const std::string &text)
{
    std::string out;
    for (unsigned char c : text)
        out += std::isalnum(c) || c == '-' || c == '.' ? static_cast<char>(c) : '-';
    return out.empty() ? "-" : out;
}

std::string padded(std::size_t number, std::size_t digits)
{
    std::string text = std::to_string(number);
    return std::string(digits - std::min(digits, text.size()), '0') + text;
}

/// Shorter side resized to `size`, centre crop to size × size, RGB.
FloatImage prepareStimulus(const FloatImage &image, int size)
{
    if (size <= 0)
        return DegradationBatch::fitTo(image, image.height, image.width, 3);
    const int shorter = std::min(image.height, image.width);
    const int height = image.height == shorter
        ? size
        : static_cast<int>(std::lround(double(image.height) * size / shorter));
    const int width = image.width == shorter
        ? size
        : static_cast<int>(std::lround(double(image.width) * size / shorter));
    const FloatImage resized = DegradationBatch::fitTo(image, height, width, 3);
    if (height == size && width == size)
        return resized;
    FloatImage cropped(size, size, 3);
    const int top = (height - size) / 2;
    const int left = (width - size) / 2;
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c)
            for (int k = 0; k < 3; ++k)
                cropped.at(r, c, k) = resized.at(top + r, left + c, k);
    return cropped;
}

std::size_t argmax(const float *values, int count)
{
    return static_cast<std::size_t>(std::max_element(values, values + count) - values);
}

} // namespace

std::vector<std::string> ModelObserver::applicableDegradations(int channels, bool includeSlow)
{
    std::vector<std::string> names;
    for (const auto &info : DegradationRegistry::entries()) {
        if (channels == 1 && (info.colourOnly || info.identityOnGrey))
            continue;
        if (!includeSlow && info.slow)
            continue;
        names.push_back(info.name);
    }
    return names;
}

std::string ModelObserver::observerName(const std::string &modelReference)
{
    std::string name;
    if (Model::isRegistryName(modelReference)) {
        name = modelReference;
    } else {
        fs::path path = fs::path(modelReference).lexically_normal();
        if (path.filename().empty())
            path = path.parent_path();
        std::error_code error;
        if (fs::is_directory(path, error))
            name = path.filename().string();
        else if (path.stem() == "model" && !path.parent_path().filename().empty())
            name = path.parent_path().filename().string();
        else
            name = path.stem().string();
    }
    for (char &c : name)
        if (std::isspace(static_cast<unsigned char>(c)))
            c = '-';
    name = fieldSafe(name);
    if (name.empty())
        name = "model";
    if (name.starts_with("subject-"))
        name = "dnn-" + name;
    return name;
}

bool ModelObserver::isStimulusFolder(const std::string &data)
{
    std::error_code error;
    return fs::is_directory(data, error);
}

TrialTable ModelObserver::observeStimuli(const Model &model, const std::string &directory,
                                         const ObserveOptions &options, JobObserver &progress,
                                         std::stop_token stop)
{
    std::vector<Stimulus> stimuli
        = StimulusFolder::scan(directory, ImageNetCategories::names(), options.experiment);
    if (options.limit && stimuli.size() > options.limit)
        stimuli.resize(options.limit);
    const std::string observer = fieldSafe(options.observer.empty() ? "model" : options.observer);
    const int batch = std::max(1, options.batchSize);

    TrialTable table;
    table.reserve(stimuli.size());
    std::vector<std::int32_t> trialInExperiment;
    std::vector<std::string> experiments;
    int firstHeight = 0, firstWidth = 0;
    for (std::size_t start = 0; start < stimuli.size(); start += batch) {
        if (stop.stop_requested())
            break;
        const std::size_t count = std::min<std::size_t>(batch, stimuli.size() - start);
        std::vector<FloatImage> images(count);
        parallelFor(count, options.threads, [&](std::size_t i) {
            images[i]
                = prepareStimulus(ImageFile::read(stimuli[start + i].path), options.inputSize);
        });
        if (start == 0) {
            firstHeight = images[0].height;
            firstWidth = images[0].width;
        }
        ImageSet set;
        set.channels = 3;
        set.height = firstHeight;
        set.width = firstWidth;
        set.numClasses = 1; // the logits are all we use
        set.classNames = {"stimulus"};
        set.source = directory;
        set.labels.assign(count, 0);
        set.pixels.resize(count * set.imageBytes());
        const std::size_t plane = static_cast<std::size_t>(set.height) * set.width;
        for (std::size_t i = 0; i < count; ++i) {
            const FloatImage &image = images[i];
            if (image.height != set.height || image.width != set.width)
                throw Error(stimuli[start + i].path,
                            "is " + std::to_string(image.height) + "x" + std::to_string(image.width)
                                + ", the first stimulus " + std::to_string(set.height) + "x"
                                + std::to_string(set.width),
                            "give an input size to resize and crop every stimulus");
            std::uint8_t *target = set.pixels.data() + i * set.imageBytes();
            for (std::size_t p = 0; p < plane; ++p)
                for (int k = 0; k < 3; ++k)
                    target[k * plane + p] = static_cast<std::uint8_t>(
                        std::lround(std::clamp(image.values[p * 3 + k], 0.0, 1.0) * 255.0));
        }
        const Evaluation evaluation = model.evaluate(Dataset(std::move(set)), batch, true);
        const int classes = evaluation.numClasses;
        if (classes != ImageNetCategories::kImageNetClasses
            && classes != ImageNetCategories::kCategories)
            throw Error(model.architecture(),
                        "gives " + std::to_string(classes)
                            + " outputs; an ImageNet observer needs 1000 (ImageNet classes) or "
                              "16 (16-class-ImageNet)");
        for (std::size_t i = 0; i < count; ++i) {
            const float *logits = evaluation.logits.data() + i * classes;
            const std::string &response = classes == ImageNetCategories::kImageNetClasses
                ? ImageNetCategories::names()[ImageNetCategories::decide(logits,
                                                                         options.aggregation)]
                : ImageNetCategories::sixteenClassOutputOrder()[argmax(logits, classes)];
            const Stimulus &s = stimuli[start + i];
            auto it = std::find(experiments.begin(), experiments.end(), s.experiment);
            if (it == experiments.end()) {
                experiments.push_back(s.experiment);
                trialInExperiment.push_back(0);
                it = experiments.end() - 1;
            }
            const std::int32_t trial = ++trialInExperiment[it - experiments.begin()];
            TrialRecord record;
            record.experiment = s.experiment;
            record.observer = observer;
            record.kind = ObserverKind::Dnn;
            record.session = 1;
            record.trial = trial;
            record.rt = kNoRt;
            record.response = response;
            record.category = s.category;
            record.condition = s.condition;
            record.image = s.image;
            table.append(record);
        }
        progress.onProgress(start + count, stimuli.size());
        progress.onMessage(std::to_string(start + count) + "/" + std::to_string(stimuli.size())
                           + " stimuli");
    }
    return table;
}

TrialTable ModelObserver::observeDegradations(const Model &model, const Dataset &data,
                                              const ObserveOptions &options, JobObserver &progress,
                                              std::stop_token stop)
{
    if (data.empty())
        throw Error(data.source(), "has no samples to observe");
    const std::vector<std::string> types = options.degradations.empty()
        ? applicableDegradations(data.channels())
        : options.degradations;
    if (!options.levels.empty() && types.size() != 1)
        throw Error({}, "levels can be given for one degradation only",
                    "name one degradation, or leave the levels out for the paper's levels");
    std::shared_ptr<const AmplitudeSpectrum> spectrum = options.spectrum;
    for (const auto &type : types) {
        const DegradationInfo &info = DegradationRegistry::info(type);
        if (info.colourOnly && data.channels() != 3)
            throw Error(type, "needs colour images, but " + data.source() + " is greyscale",
                        "leave it out of the degradations");
        for (double level : options.levels)
            DegradationRegistry::checkLevel(info, level);
        if (info.needsSpectrum && !spectrum) {
            progress.onMessage("computing the mean amplitude spectrum of " + data.source());
            spectrum = std::make_shared<AmplitudeSpectrum>(
                AmplitudeSpectrum::mean(data, options.threads));
        }
    }
    const std::string observer = fieldSafe(options.observer.empty() ? "model" : options.observer);
    std::vector<std::string> classNames = data.classNames();
    for (auto &name : classNames)
        name = fieldSafe(name);
    auto className = [&](std::size_t k) {
        return k < classNames.size() ? classNames[k] : "class-" + std::to_string(k);
    };
    std::vector<std::string> classFields;
    for (std::size_t k = 0; k < classNames.size(); ++k)
        classFields.push_back(imageNameField(classNames[k]));

    std::size_t conditions = 0, conditionsDone = 0;
    for (const auto &type : types)
        conditions += options.levels.empty() ? DegradationRegistry::info(type).levels.size()
                                             : options.levels.size();
    TrialTable table;
    for (const auto &type : types) {
        const DegradationInfo &info = DegradationRegistry::info(type);
        const std::vector<double> &levels = options.levels.empty() ? info.levels : options.levels;
        table.reserveMore(levels.size() * data.size());
        const std::uint32_t seed = options.seed.value_or(info.defaultSeed);
        const std::size_t digits = std::to_string(levels.size() * data.size()).size();
        std::int32_t trial = 0;
        for (double level : levels) {
            if (stop.stop_requested())
                return table;
            DegradationSettings settings;
            settings.level = level;
            settings.seed = seed;
            settings.spectrum = spectrum;
            const Dataset degraded(
                DegradationBatch::degradedSet(data, type, settings, options.threads, stop));
            if (stop.stop_requested())
                return table;
            const Evaluation evaluation = model.evaluate(degraded, options.batchSize, true);
            const std::string condition = DegradationRegistry::levelLabel(info, level);
            const int classes = evaluation.numClasses;
            for (std::size_t i = 0; i < data.size(); ++i) {
                const std::size_t label = static_cast<std::size_t>(data.label(i));
                const std::string response
                    = className(argmax(evaluation.logits.data() + i * classes, classes));
                const std::string category = className(label);
                // IIII_<experiment>_dnn_<condition>_<category>_<seed>_<index>.png: the last
                // two fields (the short id consistency analyses match on) name the source
                // image and its noise, the same for every model observing it.
                const std::string image = padded(std::size_t(trial) + 1, digits) + "_" + type
                    + "_dnn_" + imageNameField(condition) + "_"
                    + (label < classFields.size() ? classFields[label] : category) + "_"
                    + std::to_string(DegradationBatch::imageSeed(seed, i)) + "_"
                    + std::to_string(data.sourceIndex(i)) + ".png";
                TrialRecord record;
                record.experiment = type;
                record.observer = observer;
                record.kind = ObserverKind::Dnn;
                record.session = 1;
                record.trial = ++trial;
                record.rt = kNoRt;
                record.response = response;
                record.category = category;
                record.condition = condition;
                record.image = image;
                table.append(record);
            }
            progress.onProgress(++conditionsDone, conditions);
            progress.onMessage(type + " " + condition + ": accuracy "
                               + std::to_string(evaluation.accuracy()).substr(0, 6)
                               + " (n=" + std::to_string(evaluation.count) + ")");
        }
    }
    return table;
}

} // namespace sparsescope::core
