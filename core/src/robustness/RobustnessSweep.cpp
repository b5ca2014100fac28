// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/robustness/RobustnessSweep.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/AttackRegistry.h"
#include "sparsescope/core/robustness/AttackRunner.h"
#include "sparsescope/core/robustness/MagnitudePruner.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsescope/core/training/TrainingObserver.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sparsescope::core {

using json_fields::take;
using nlohmann::json;

namespace {
using json_fields::checkKeys;

std::string percentName(double sparsity)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "magnitude-%05.2f", 100.0 * sparsity);
    return buffer;
}

/// Forwards the fine-tuning runs' epochs as sweep messages.
class FinetuneObserver : public TrainingObserver
{
public:
    FinetuneObserver(SweepObserver &observer, std::string member)
        : m_observer(observer)
        , m_member(std::move(member))
    { }
    void onEpochEnd(const EpochMetrics &m) override
    {
        m_observer.onMessage(m_member + ": fine-tune epoch " + std::to_string(m.epoch)
                             + " test accuracy " + csvNumberOrEmpty(m.testAccuracy));
    }

private:
    SweepObserver &m_observer;
    std::string m_member;
};

/// Scales one member's attack progress into the sweep's overall fraction.
class ScaledAttackObserver : public AttackObserver
{
public:
    ScaledAttackObserver(SweepObserver &observer, double from, double width)
        : m_observer(observer)
        , m_from(from)
        , m_width(width)
    { }
    void onProgress(std::size_t done, std::size_t total) override
    {
        if (total)
            m_observer.reportFraction(m_from + m_width * double(done) / double(total));
    }

private:
    SweepObserver &m_observer;
    double m_from, m_width;
};
} // namespace

void SweepConfig::validate(const std::string &origin) const
{
    if (model.empty() && members.empty())
        throw Error(origin, "nothing to sweep: give \"model\" (pruned series) or \"members\"");
    if (!model.empty() && sparsities.empty())
        throw Error(origin, "\"sparsities\" is empty");
    for (double s : sparsities)
        if (!(s >= 0.0 && s < 1.0))
            throw Error(origin, "sparsities must be in [0, 1), got " + csvNumberOrEmpty(s));
    MagnitudePruner::scopeFromName(scope, origin);
    if (finetuneEpochs < 0 || finetuneLearningRate < 0.0 || batchSize <= 0 || attackBatchSize <= 0)
        throw Error(origin, "fine-tune epochs, learning rate and batch sizes must be positive");
    if (attacks.empty())
        throw Error(origin, "\"attacks\" is empty",
                    "e.g. [{\"attack\": \"fgsm\", \"eps\": [0.1]}]");
    std::set<std::string> names;
    for (const auto &m : members) {
        // A name is a folder under --out and a field of summary.csv: no path tricks ("..",
        // slashes), no CSV delimiters or line breaks, no leading formula characters.
        const auto safe = [](const std::string &text) {
            if (text == "." || text == ".." || text.find_first_of("=+-@") == 0)
                return false;
            return std::all_of(text.begin(), text.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_'
                    || c == '-' || c == '+';
            });
        };
        if (m.name.empty() || !safe(m.name))
            throw Error(origin, "member name \"" + m.name + "\" is not allowed",
                        "use letters, digits, '.', '_', '-' and '+' (not first), not . or ..");
        if (!safe(m.series))
            throw Error(origin, "series name \"" + m.series + "\" is not allowed",
                        "use letters, digits, '.', '_', '-' and '+' (not first)");
        if (!names.insert(m.name).second)
            throw Error(origin, "two members are named \"" + m.name + "\"");
    }
    for (const auto &a : attacks) {
        AttackJob job;
        job.attack = a.attack;
        job.epsilons = a.epsilons;
        job.settings = a.settings;
        job.validate(origin);
    }
}

std::string SweepConfig::toJson() const
{
    json attackList = json::array();
    for (const auto &a : attacks) {
        const AttackSettings &s = a.settings;
        attackList.push_back({{"attack", a.attack},
                              {"eps", a.epsilons},
                              {"steps", s.steps},
                              {"step_size", s.stepSize},
                              {"random_start", s.randomStart},
                              {"overshoot", s.overshoot},
                              {"confidence", s.confidence},
                              {"binary_search_steps", s.binarySearchSteps},
                              {"initial_constant", s.initialConstant},
                              {"learning_rate", s.learningRate},
                              {"target", s.target}});
    }
    json memberList = json::array();
    for (const auto &m : members)
        memberList.push_back({{"name", m.name}, {"model", m.model}, {"series", m.series}});
    json j = {{"model", model},
              {"data", data},
              {"test_data", testData},
              {"test_limit", testLimit},
              {"sparsities", sparsities},
              {"scope", scope},
              {"finetune_epochs", finetuneEpochs},
              {"finetune_lr", finetuneLearningRate},
              {"finetune_limit", finetuneLimit},
              {"batch_size", batchSize},
              {"members", memberList},
              {"attacks", attackList},
              {"attack_batch_size", attackBatchSize},
              {"seed", seed}};
    return json_fields::dump(j, 2);
}

SweepConfig SweepConfig::fromJson(const std::string &text, const std::string &origin)
{
    const json j = json_fields::parse(text, origin);
    if (!j.is_object())
        throw Error(origin, "a sweep config must be a JSON object");
    checkKeys(j,
              {"model", "data", "test_data", "test_limit", "sparsities", "scope", "finetune_epochs",
               "finetune_lr", "finetune_limit", "batch_size", "members", "attacks",
               "attack_batch_size", "seed"},
              origin, "");
    SweepConfig c;
    c.members.clear();
    take(j, "model", c.model, origin);
    take(j, "data", c.data, origin);
    take(j, "test_data", c.testData, origin);
    take(j, "test_limit", c.testLimit, origin);
    take(j, "sparsities", c.sparsities, origin);
    take(j, "scope", c.scope, origin);
    take(j, "finetune_epochs", c.finetuneEpochs, origin);
    take(j, "finetune_lr", c.finetuneLearningRate, origin);
    take(j, "finetune_limit", c.finetuneLimit, origin);
    take(j, "batch_size", c.batchSize, origin);
    take(j, "attack_batch_size", c.attackBatchSize, origin);
    take(j, "seed", c.seed, origin);
    if (auto it = j.find("members"); it != j.end()) {
        if (!it->is_array())
            throw Error(origin, "\"members\" must be a list of {name, model, series}");
        for (const auto &item : *it) {
            if (!item.is_object())
                throw Error(origin, "each member must be an object {name, model, series}");
            checkKeys(item, {"name", "model", "series"}, origin, " in a member");
            SweepMember m;
            take(item, "name", m.name, origin);
            take(item, "model", m.model, origin);
            take(item, "series", m.series, origin);
            if (m.model.empty())
                throw Error(origin, "member \"" + m.name + "\" has no \"model\"");
            c.members.push_back(m);
        }
    }
    if (auto it = j.find("attacks"); it != j.end()) {
        if (!it->is_array())
            throw Error(origin, "\"attacks\" must be a list of objects");
        for (const auto &item : *it) {
            if (!item.is_object())
                throw Error(origin, "each attack must be an object {attack, eps, ...}");
            checkKeys(item,
                      {"attack", "eps", "steps", "step_size", "random_start", "overshoot",
                       "confidence", "binary_search_steps", "initial_constant", "learning_rate",
                       "target"},
                      origin, " in an attack");
            SweepAttack a;
            take(item, "attack", a.attack, origin);
            if (auto eps = item.find("eps"); eps != item.end() && eps->is_number())
                a.epsilons = {eps->get<double>()};
            else
                take(item, "eps", a.epsilons, origin);
            AttackSettings &s = a.settings;
            take(item, "steps", s.steps, origin);
            take(item, "step_size", s.stepSize, origin);
            take(item, "random_start", s.randomStart, origin);
            take(item, "overshoot", s.overshoot, origin);
            take(item, "confidence", s.confidence, origin);
            take(item, "binary_search_steps", s.binarySearchSteps, origin);
            take(item, "initial_constant", s.initialConstant, origin);
            take(item, "learning_rate", s.learningRate, origin);
            take(item, "target", s.target, origin);
            s.seed = c.seed;
            c.attacks.push_back(a);
        }
    }
    c.validate(origin);
    return c;
}

SweepConfig SweepConfig::fromFile(const std::string &path)
{
    return fromJson(json_fields::readFile(path, "sweep config"), path);
}

namespace {

/// The fine-tuning of a pruned member: cosine schedule, no weight decay, zeros frozen.
TrainConfig finetuneConfig(const SweepConfig &config, const std::string &pruned)
{
    TrainConfig train;
    train.model = pruned;
    train.data = config.data;
    train.testData = config.testData;
    train.testLimit = config.testLimit;
    train.limit = config.finetuneLimit;
    train.epochs = config.finetuneEpochs;
    train.learningRate = config.finetuneLearningRate;
    train.batchSize = config.batchSize;
    train.schedule = "cosine";
    train.weightDecay = 0.0;
    train.seed = config.seed;
    train.sparsity.freezeZeros = true;
    return train;
}

} // namespace

std::vector<SweepRow> RobustnessSweep::run(const SweepConfig &config,
                                           const std::string &outDirectory, SweepObserver &observer,
                                           std::stop_token stop)
{
    namespace fs = std::filesystem;
    config.validate("sweep");
    std::error_code ec;
    fs::create_directories(outDirectory, ec);
    if (ec)
        throw Error(outDirectory, "cannot create the sweep folder: " + ec.message());
    writeTextFile((fs::path(outDirectory) / "sweep.json").string(), config.toJson() + "\n");
    const Dataset test = Dataset::fromSpec(config.testData).first(config.testLimit);

    // Members: the pruned series first, then the given models.
    struct Plan
    {
        std::string name, series, model;
        double sparsity = -1.0; ///< ≥ 0: prune the base model to this before fine-tuning
    };
    std::vector<Plan> plans;
    if (!config.model.empty())
        for (double s : config.sparsities)
            plans.push_back({percentName(s), "magnitude", config.model, s});
    for (const auto &m : config.members)
        plans.push_back({m.name, m.series, m.model, -1.0});

    std::vector<SweepRow> rows;
    const auto scope = MagnitudePruner::scopeFromName(config.scope, "sweep");
    for (std::size_t p = 0; p < plans.size() && !stop.stop_requested(); ++p) {
        const Plan &plan = plans[p];
        const fs::path folder = fs::path(outDirectory) / plan.name;
        const double from = double(p) / double(plans.size());
        const double width = 1.0 / double(plans.size());
        observer.reportFraction(from);
        observer.onMessage(plan.name + ": preparing");
        Model model;
        if (plan.sparsity >= 0.0) {
            const Model base = Model::load(plan.model);
            fs::create_directories(folder, ec);
            const std::string pruned = (folder / "pruned.pt").string();
            MagnitudePruner::prune(base, plan.sparsity, scope).save(pruned);
            if (config.finetuneEpochs > 0) {
                const TrainConfig train = finetuneConfig(config, pruned);
                Trainer trainer;
                FinetuneObserver fineObserver(observer, plan.name);
                const TrainResult result
                    = trainer.run(train, (folder / "finetune").string(), fineObserver, stop);
                if (!result.ok()) {
                    if (result.status == TrainStatus::Cancelled)
                        break;
                    throw Error((folder / "finetune").string(),
                                "fine-tuning failed: " + result.message);
                }
                model = Model::load((folder / "finetune").string());
            } else {
                model = Model::load(pruned);
            }
        } else {
            model = Model::load(plan.model);
        }
        const double sparsity
            = model.isTorchScript() ? std::nan("") : MagnitudePruner::weightSparsity(model);
        const double clean = model.evaluate(test).accuracy();
        for (std::size_t a = 0; a < config.attacks.size() && !stop.stop_requested(); ++a) {
            const SweepAttack &attack = config.attacks[a];
            observer.onMessage(plan.name + ": " + attack.attack);
            AttackJob job;
            job.attack = attack.attack;
            job.epsilons = attack.epsilons;
            job.settings = attack.settings;
            job.batchSize = config.attackBatchSize;
            ScaledAttackObserver scaled(observer,
                                        from + width * double(a) / double(config.attacks.size()),
                                        width / double(config.attacks.size()));
            const AttackReport report = AttackRunner::run(model, test, job, scaled, stop);
            if (report.cancelled)
                break;
            fs::create_directories(folder, ec);
            report.writeCsv((folder / ("attacks-" + attack.attack + ".csv")).string());
            for (const auto &summary : report.summaries) {
                SweepRow row;
                row.member = plan.name;
                row.series = plan.series;
                row.sparsity = sparsity;
                row.cleanAccuracy = clean;
                row.summary = summary;
                rows.push_back(row);
                observer.onRow(row);
            }
        }
        writeCsv(rows, (fs::path(outDirectory) / "summary.csv").string());
    }
    if (!stop.stop_requested())
        observer.reportFraction(1.0);
    return rows;
}

void RobustnessSweep::writeCsv(const std::vector<SweepRow> &rows, const std::string &path)
{
    std::ostringstream out;
    out << "member,series,sparsity,clean_accuracy,attack,eps,adversarial_accuracy,success_rate,"
           "mean_rho2,median_rho2,count\n";
    for (const auto &r : rows)
        out << r.member << ',' << r.series << ',' << csvNumberOrEmpty(r.sparsity) << ','
            << csvNumberOrEmpty(r.cleanAccuracy) << ',' << r.summary.attack << ','
            << csvNumberOrEmpty(r.summary.epsilon) << ','
            << csvNumberOrEmpty(r.summary.adversarialAccuracy()) << ','
            << csvNumberOrEmpty(r.summary.successRate()) << ','
            << csvNumberOrEmpty(r.summary.meanRho2) << ',' << csvNumberOrEmpty(r.summary.medianRho2)
            << ',' << r.summary.count << '\n';
    writeTextFile(path, out.str());
}

std::vector<SweepRow> RobustnessSweep::readCsv(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path, "cannot open the sweep summary");
    std::string line;
    if (!std::getline(in, line)
        || line.rfind("member,series,sparsity,clean_accuracy,attack", 0) != 0)
        throw Error(path,
                    "not a sweep summary (header must start with "
                    "member,series,sparsity,clean_accuracy,attack)");
    std::vector<SweepRow> rows;
    std::size_t lineNumber = 1;
    const auto parseNumber = [&](const std::string &field) {
        if (field.empty())
            return std::nan("");
        std::size_t used = 0;
        double value = 0.0;
        try {
            value = std::stod(field, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (used != field.size())
            throw Error(path,
                        "line " + std::to_string(lineNumber) + ": '" + field + "' is not a number");
        return value;
    };
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        std::vector<std::string> f;
        std::stringstream fields(line);
        std::string field;
        while (std::getline(fields, field, ','))
            f.push_back(field);
        if (line.back() == ',')
            f.emplace_back();
        if (f.size() != 11)
            throw Error(path,
                        "line " + std::to_string(lineNumber) + " has " + std::to_string(f.size())
                            + " fields, expected 11");
        SweepRow row;
        row.member = f[0];
        row.series = f[1];
        row.sparsity = parseNumber(f[2]);
        row.cleanAccuracy = parseNumber(f[3]);
        row.summary.attack = f[4];
        row.summary.epsilon = parseNumber(f[5]);
        const double count = parseNumber(f[10]);
        row.summary.count = std::isnan(count) ? 0 : static_cast<std::size_t>(count);
        // Counts are rebuilt from the rates so that the summary's accessors give them back.
        row.summary.adversarialCorrect
            = static_cast<std::size_t>(std::llround(parseNumber(f[6]) * double(row.summary.count)));
        row.summary.cleanCorrect
            = static_cast<std::size_t>(std::llround(row.cleanAccuracy * double(row.summary.count)));
        row.summary.fooled = static_cast<std::size_t>(
            std::llround(parseNumber(f[7]) * double(row.summary.cleanCorrect)));
        row.summary.meanRho2 = parseNumber(f[8]);
        row.summary.medianRho2 = parseNumber(f[9]);
        rows.push_back(row);
    }
    return rows;
}

} // namespace sparsescope::core
