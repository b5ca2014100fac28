// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/SeriesMeasure.h"

#include "atlas/GroupCounts_p.h"
#include "common/JsonFields_p.h"
#include "common/WallClock_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/HumanComparison.h"
#include "sparsescope/core/atlas/MeasureCache.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/DegradedEvaluation.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/psychophysics/ModelObserver.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"
#include "sparsescope/core/robustness/AttackRunner.h"
#include "sparsescope/core/sparsity/LatencyBench.h"
#include "sparsescope/core/sparsity/Thinner.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>

namespace sparsescope::core {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPaperImageSize = 224.0;

/// Everything one member's measures share.
struct MemberContext
{
    const SeriesMember *member = nullptr;
    Model model;
    Dataset data; ///< the test data, cut to the limit
    std::shared_ptr<const TrialTable> humans; ///< read once for the whole series
};

/// The paper's levels of a degradation for images `size` pixels wide, with their raw-data labels:
/// levels in pixels (blur σ, Eidolon reach) scaled by size/224, those then out of range left out.
std::vector<std::pair<std::string, double>> scaledPaperLevels(const DegradationInfo &info, int size)
{
    const bool pixels = info.parameter.find("pixels") != std::string::npos;
    std::vector<std::pair<std::string, double>> out;
    for (std::size_t i = 0; i < info.levels.size(); ++i) {
        const double level = info.levels[i];
        const double scaled
            = pixels && std::isfinite(level) ? level * size / kPaperImageSize : level;
        if (scaled >= info.minimum && scaled <= info.maximum)
            out.emplace_back(i < info.labels.size() ? info.labels[i] : std::to_string(i), scaled);
    }
    return out;
}

std::string numberLabel(double value)
{
    return json_fields::dump(json(value));
}

/// A member's own test data: its train.json (sweeps), its run.json's config, or the default.
std::string memberTestData(const SeriesMember &member)
{
    const fs::path folder(member.path);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return "fashion-mnist:test";
    if (fs::is_regular_file(folder / "train.json", ec)) {
        const auto config = TrainConfig::fromFile((folder / "train.json").string());
        if (!config.testData.empty())
            return config.testData;
    }
    if (fs::is_regular_file(folder / "run.json", ec)) {
        const json run
            = json_fields::parse(json_fields::readFile((folder / "run.json").string(), "run.json"),
                                 (folder / "run.json").string());
        if (run.contains("test_data") && run["test_data"].is_string()
            && !run["test_data"].get<std::string>().empty())
            return run["test_data"].get<std::string>();
    }
    return "fashion-mnist:test";
}

/// The settings a measure's result depends on (its cache key, with the model's hash).
json measureSettingsJson(const std::string &measure, const MeasureSettings &s,
                         const std::string &dataSpec)
{
    json j = {{"measure", measure}, {"version", 1}};
    if (measure == "latency") {
        j["repeats"] = s.latencyRepeats;
        return j; // the model alone (and the machine)
    }
    if (measure == "structure")
        return j;
    j["data"] = dataSpec;
    j["limit"] = s.limit;
    if (measure == "adversarial") {
        j["epsilons"] = s.epsilons;
        j["attack_limit"] = s.attackLimit;
        j["seed"] = s.seed;
    } else if (measure == "corruption") {
        j["degradations"] = s.degradations;
        j["seed"] = s.seed;
    } else if (measure == "humans") {
        j = {{"measure", measure}, {"version", 1},     {"stimuli", s.stimuli},
             {"humans", s.humans}, {"limit", s.limit}, {"bootstrap", s.bootstrap},
             {"seed", s.seed}};
    }
    return j;
}

MeasureEntry measureStructure(const MemberContext &m)
{
    MeasureEntry e;
    const auto structure = m.model.structure();
    e.values.emplace_back("params", double(structure.totalParameters));
    e.values.emplace_back("macs", double(structure.totalMacs));
    const GroupCounts g = groupCounts(m.model);
    e.values.emplace_back("element_sparsity",
                          g.weights ? double(g.weightsZero) / double(g.weights) : kNaN);
    e.values.emplace_back("conv_macs", g.convMacs);
    e.values.emplace_back("conv_macs_kept", g.convMacsKept);
    for (const auto &[name, zero, total] : {std::tuple {"filters", g.filtersZero, g.filters},
                                            std::tuple {"channels", g.channelsZero, g.channels},
                                            std::tuple {"shapes", g.shapesZero, g.shapes},
                                            std::tuple {"kernels", g.kernelsZero, g.kernels},
                                            std::tuple {"layers", g.layersZero, g.layers}}) {
        e.values.emplace_back(std::string("zero_") + name, double(zero));
        e.values.emplace_back(std::string(name), double(total));
    }
    if (!Thinner::supports(m.model)) {
        e.notes.push_back("structure: not thinned (" + m.model.architecture()
                          + " is not a built-in model)");
        return e;
    }
    const auto thin = Thinner::thin(m.model);
    double macs = 0;
    for (const auto &layer : thin.layers)
        macs += double(layer.macsAfter);
    e.values.emplace_back("params_thinned", double(thin.model.structure().totalParameters));
    e.values.emplace_back("macs_thinned", macs);
    e.values.emplace_back("blocks_removed", double(thin.removedBlocks.size()));
    return e;
}

MeasureEntry measureLatency(const MemberContext &m, const MeasureSettings &s)
{
    MeasureEntry e;
    if (!Thinner::supports(m.model)) {
        e.notes.push_back("latency: not measured (" + m.model.architecture()
                          + " cannot be thinned)");
        return e;
    }
    LatencyOptions options;
    options.batches = {1, 64};
    options.repeats = s.latencyRepeats;
    options.seed = s.seed;
    for (const auto &report : LatencyBench::run(m.model, options)) {
        const std::string b = std::to_string(report.batch);
        e.values.emplace_back("latency_b" + b + "_ms", report.modelThinMs);
        e.values.emplace_back("latency_dense_b" + b + "_ms", report.modelDenseMs);
    }
    return e;
}

MeasureEntry measureClean(const MemberContext &m)
{
    MeasureEntry e;
    const auto evaluation = m.model.evaluate(m.data);
    e.values.emplace_back("clean_accuracy", evaluation.accuracy());
    e.values.emplace_back("clean_loss", evaluation.loss);
    e.values.emplace_back("test_images", double(evaluation.count));
    return e;
}

/// nullopt when stopped.
std::optional<MeasureEntry> measureAdversarial(const MemberContext &m, const MeasureSettings &s,
                                               std::stop_token stop)
{
    MeasureEntry e;
    const std::size_t limit = std::min<std::size_t>(s.attackLimit, m.data.size());
    for (const std::string attack : {"fgsm", "pgd-linf", "deepfool"}) {
        AttackJob job;
        job.attack = attack;
        job.limit = limit;
        job.settings.seed = s.seed;
        if (attack != "deepfool")
            job.epsilons = s.epsilons;
        const auto report
            = AttackRunner::run(m.model, m.data, job, quietObserver<AttackObserver>(), stop);
        if (report.cancelled || stop.stop_requested())
            return std::nullopt;
        for (const auto &summary : report.summaries) {
            if (attack == "deepfool") {
                e.values.emplace_back("deepfool_median_rho2", summary.medianRho2);
                e.values.emplace_back("deepfool_success", summary.successRate());
            } else {
                e.values.emplace_back("adv:" + attack + ":" + numberLabel(summary.epsilon),
                                      summary.adversarialAccuracy());
            }
        }
    }
    e.values.emplace_back("attacked_images", double(limit));
    return e;
}

/// The degradation types measured on this data, with notes on those left out.
std::vector<std::string> corruptionTypes(const MemberContext &m, const MeasureSettings &s,
                                         std::vector<std::string> &notes)
{
    if (!s.degradations.empty())
        return s.degradations;
    const auto types = ModelObserver::applicableDegradations(m.data.channels());
    std::string skipped;
    for (const auto &info : DegradationRegistry::entries())
        if (std::find(types.begin(), types.end(), info.name) == types.end())
            skipped += (skipped.empty() ? "" : ", ") + info.name
                + (info.colourOnly           ? " (colour only)"
                       : info.identityOnGrey ? " (no change on grey images)"
                       : info.slow           ? " (about 0.5 s per image; name it to include it)"
                                             : "");
    if (!skipped.empty())
        notes.push_back("corruption: skipped " + skipped);
    return types;
}

std::optional<MeasureEntry> measureCorruption(const MemberContext &m, const MeasureSettings &s,
                                              std::stop_token stop)
{
    MeasureEntry e;
    const auto types = corruptionTypes(m, s, e.notes);
    double sumOfMeans = 0.0;
    int typesMeasured = 0;
    std::shared_ptr<const AmplitudeSpectrum> spectrum;
    for (const auto &type : types) {
        const auto levels = scaledPaperLevels(DegradationRegistry::info(type),
                                              std::min(m.data.width(), m.data.height()));
        if (levels.empty())
            continue;
        DegradedEvaluation::Config config;
        config.type = type;
        config.seed = std::uint32_t(s.seed);
        if (DegradationRegistry::info(type).needsSpectrum) {
            // Power equalisation imposes the mean amplitude spectrum of the images measured.
            if (!spectrum)
                spectrum
                    = std::make_shared<const AmplitudeSpectrum>(AmplitudeSpectrum::mean(m.data));
            config.spectrum = spectrum;
        }
        for (const auto &level : levels)
            config.levels.push_back(level.second);
        const auto results
            = DegradedEvaluation::run(m.model, m.data, config, quietObserver(), stop);
        if (stop.stop_requested() || results.size() != levels.size())
            return std::nullopt;
        double sum = 0.0;
        for (std::size_t i = 0; i < results.size(); ++i) {
            // Columns by the paper's level label, so that members of any image size line up.
            e.values.emplace_back("corr:" + type + ":" + levels[i].first, results[i].accuracy());
            sum += results[i].accuracy();
        }
        e.values.emplace_back("corr:" + type + ":mean", sum / double(results.size()));
        sumOfMeans += sum / double(results.size());
        ++typesMeasured;
    }
    e.values.emplace_back("corruption_mean", typesMeasured ? sumOfMeans / typesMeasured : kNaN);
    if (m.data.width() != int(kPaperImageSize))
        e.notes.push_back("corruption: blur sigmas scaled by " + std::to_string(m.data.width())
                          + "/224 (the paper's images were 224 x 224)");
    return e;
}

std::optional<MeasureEntry> measureHumans(const MemberContext &m, const MeasureSettings &s,
                                          std::stop_token stop)
{
    MeasureEntry e;
    if (s.stimuli.empty() || !m.humans) {
        e.notes.push_back("humans: skipped (needs --stimuli, a 16-class stimulus folder, and "
                          "--humans, the 2018 trial data)");
        return e;
    }
    ObserveOptions options;
    options.limit = s.limit;
    options.observer = ModelObserver::observerName(m.member->path);
    TrialTable trials;
    try {
        trials = ModelObserver::observeStimuli(m.model, s.stimuli, options, quietObserver(), stop);
    } catch (const Error &error) {
        e.notes.push_back("humans: skipped (" + error.problem() + ")");
        return e;
    }
    if (stop.stop_requested())
        return std::nullopt;
    for (const auto &row : HumanComparison::compare(trials, *m.humans, s.bootstrap, s.seed)) {
        const std::string prefix = "humans:" + row.experiment + ":";
        e.values.emplace_back(prefix + "accuracy_difference", row.accuracyDifference);
        e.values.emplace_back(prefix + "kappa", row.kappa);
        e.values.emplace_back(prefix + "kappa_low", row.kappaInterval.low);
        e.values.emplace_back(prefix + "kappa_high", row.kappaInterval.high);
        e.values.emplace_back(prefix + "trials", double(row.trials));
    }
    if (e.values.empty())
        e.notes.push_back("humans: no human trial shares an image with the stimuli");
    return e;
}

std::optional<MeasureEntry> measureOne(const std::string &measure, const MemberContext &m,
                                       const MeasureSettings &s, std::stop_token stop)
{
    if (measure == "structure")
        return measureStructure(m);
    if (measure == "latency")
        return measureLatency(m, s);
    if (measure == "clean")
        return measureClean(m);
    if (measure == "adversarial")
        return measureAdversarial(m, s, stop);
    if (measure == "corruption")
        return measureCorruption(m, s, stop);
    return measureHumans(m, s, stop);
}

} // namespace

const std::vector<std::string> &SeriesMeasure::measureNames()
{
    static const std::vector<std::string> names {"structure",   "latency",    "clean",
                                                 "adversarial", "corruption", "humans"};
    return names;
}

void MeasureSettings::validate(const std::string &origin) const
{
    const auto &known = SeriesMeasure::measureNames();
    if (measures.empty())
        throw Error(origin, "no measure asked for");
    for (const auto &measure : measures)
        if (std::find(known.begin(), known.end(), measure) == known.end())
            throw Error(origin, "unknown measure \"" + measure + "\"",
                        "measures: structure, latency, clean, adversarial, corruption, humans");
    for (double eps : epsilons)
        if (!(eps > 0 && eps <= 1))
            throw Error(origin, "an attack budget must be in (0, 1], got " + numberLabel(eps));
    for (const auto &type : degradations)
        DegradationRegistry::info(type);
    if (latencyRepeats < 1 || bootstrap < 0)
        throw Error(origin, "latency repeats must be positive and bootstrap resamples 0 or more");
    if (!stimuli.empty() && humans.empty())
        throw Error(origin, "--stimuli needs --humans (the trial data to compare with)");
}

std::vector<double> SeriesMeasure::scaledLevels(const std::string &degradation, int size)
{
    std::vector<double> out;
    for (const auto &level : scaledPaperLevels(DegradationRegistry::info(degradation), size))
        out.push_back(level.second);
    return out;
}

namespace {

/// Σ over levels of the error (1 − accuracy) per degradation type of a row.
std::map<std::string, double> errorsPerType(const AtlasRow &row)
{
    std::map<std::string, double> errors;
    for (const auto &[column, value] : row.values) {
        if (column.rfind("corr:", 0) != 0 || std::isnan(value))
            continue;
        const auto second = column.find(':', 5);
        if (second == std::string::npos
            || column.compare(second + 1, std::string::npos, "mean") == 0)
            continue;
        errors[column.substr(5, second - 5)] += 1.0 - value;
    }
    return errors;
}

} // namespace

const AtlasRow *SeriesMeasure::denseMember(const AtlasTable &table, const std::string &series)
{
    const AtlasRow *best = nullptr;
    for (const auto &row : table.rows) {
        if (row.series != series)
            continue;
        const double sparsity = row.value("element_sparsity");
        if (!best || (!std::isnan(sparsity) && !(best->value("element_sparsity") <= sparsity)))
            best = &row;
    }
    return best;
}

void SeriesMeasure::addRelativeCorruptionError(AtlasTable &table, const std::string &reference)
{
    // The reference of each series: the named member, else its least sparse member.
    std::map<std::string, const AtlasRow *> references;
    for (const auto &row : table.rows) {
        if (reference.empty())
            references[row.series] = denseMember(table, row.series);
        else if (row.member == reference)
            for (const auto &other : table.rows)
                references[other.series] = &row;
    }
    if (!reference.empty() && references.empty())
        throw Error(reference, "is not a member of the series (--reference)");
    std::vector<double> ce(table.rows.size(), kNaN);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto found = references.find(table.rows[r].series);
        if (found == references.end())
            continue;
        const auto mine = errorsPerType(table.rows[r]);
        const auto theirs = errorsPerType(*found->second);
        double sum = 0.0;
        int types = 0;
        for (const auto &[type, error] : mine) {
            const auto other = theirs.find(type);
            if (other == theirs.end() || other->second <= 0.0)
                continue;
            sum += error / other->second;
            ++types;
        }
        if (types > 0)
            ce[r] = sum / types;
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        if (!std::isnan(ce[r]))
            table.rows[r].set("corruption_ce", ce[r]);
}

AtlasTable SeriesMeasure::run(const Series &series, const MeasureSettings &settings,
                              MeasureObserver &observer, std::stop_token stop)
{
    settings.validate("measure");
    std::shared_ptr<const TrialTable> humans;
    const auto &measures = settings.measures;
    if (std::find(measures.begin(), measures.end(), "humans") != measures.end()
        && !settings.humans.empty()) {
        observer.onMessage("reading the human trials in " + settings.humans);
        humans = std::make_shared<const TrialTable>(TrialCsvReader::readDirectory(settings.humans));
    }
    AtlasTable table;
    const std::size_t total = series.members.size() * measures.size();
    std::size_t done = 0;
    observer.onProgress(0, total);
    for (const auto &member : series.members) {
        if (stop.stop_requested())
            break;
        AtlasRow row {member.id(),
                      member.series,
                      member.label,
                      fs::absolute(member.path).lexically_normal().string(),
                      member.knobs,
                      {},
                      {}};
        const std::string modelPath = Series::modelFile(member);
        const std::string modelHash = MeasureCache::fileHash(modelPath);
        const std::string dataSpec = settings.data.empty() ? memberTestData(member) : settings.data;
        MemberContext context;
        context.member = &member;
        context.humans = humans;
        bool complete = true;
        for (const auto &measure : measures) {
            const std::string key
                = json_fields::dump(measureSettingsJson(measure, settings, dataSpec));
            const std::string path
                = MeasureCache::entryPath(Series::cacheDirectory(member), measure, modelHash, key);
            auto entry = MeasureCache::load(path);
            if (entry) {
                observer.onMessage(member.id() + ": " + measure + " (cached)");
            } else {
                if (!context.model.isValid()) {
                    context.model = Model::load(modelPath);
                    context.data = Dataset::fromSpec(dataSpec).first(settings.limit);
                }
                const auto start = wall_clock::Clock::now();
                entry = measureOne(measure, context, settings, stop);
                if (!entry) {
                    complete = false;
                    break;
                }
                entry->seconds = wall_clock::secondsSince(start);
                MeasureCache::store(path, *entry, key, modelHash);
                char seconds[32];
                std::snprintf(seconds, sizeof seconds, "%.1f s", entry->seconds);
                observer.onMessage(member.id() + ": " + measure + " in " + seconds);
            }
            for (const auto &[column, value] : entry->values)
                row.set(column, value);
            row.notes.insert(row.notes.end(), entry->notes.begin(), entry->notes.end());
            observer.onProgress(++done, total);
        }
        if (!complete)
            break;
        table.rows.push_back(row);
        observer.onRow(row);
    }
    addRelativeCorruptionError(table, settings.reference);
    return table;
}

} // namespace sparsescope::core
