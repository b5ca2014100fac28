// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/TrainConfig.h"

#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace sparsescope::core {

using nlohmann::json;

std::string TrainConfig::toJson() const
{
    json j = {{"model", model},
              {"data", data},
              {"test_data", testData},
              {"epochs", epochs},
              {"batch_size", batchSize},
              {"optimizer", optimizer},
              {"lr", learningRate},
              {"momentum", momentum},
              {"weight_decay", weightDecay},
              {"schedule", schedule},
              {"step_epochs", stepEpochs},
              {"gamma", gamma},
              {"seed", seed},
              {"limit", limit},
              {"test_limit", testLimit},
              {"threads", threads},
              {"batch_norm", batchNorm},
              {"eval_batch_size", evalBatchSize}};
    if (!resumeFrom.empty())
        j["resume_from"] = resumeFrom;
    if (checkpointEvery > 0)
        j["checkpoint_every"] = checkpointEvery;
    if (pruneSparsity > 0) {
        j["prune_sparsity"] = pruneSparsity;
        j["prune_scope"] = pruneScope;
    }
    if (!sparsity.empty()) {
        json terms = json::array();
        for (const auto &t : sparsity.terms)
            terms.push_back({{"layers", t.layers}, {"type", t.type}, {"strength", t.strength}});
        j["regularization"] = terms;
        j["update"] = sparsity.update;
        j["threshold"] = sparsity.threshold;
        j["scale_columns"] = sparsity.scaleColumns;
        j["freeze_zeros"] = sparsity.freezeZeros;
    }
    if (!stages.empty()) {
        json list = json::array();
        for (const auto &stage : stages) {
            auto item = json::parse(stage.overrides);
            item["name"] = stage.name;
            list.push_back(item);
        }
        j["stages"] = list;
    }
    return json_fields::dump(j, 2);
}

using json_fields::take;

namespace {

/// The "regularization" list: {layers, type, strength} objects.
std::vector<RegularizationTerm> regularizationTerms(const json &list, const std::string &origin)
{
    if (!list.is_array())
        throw Error(origin, "\"regularization\" must be a list of {layers, type, strength}");
    std::vector<RegularizationTerm> terms;
    for (const auto &item : list) {
        if (!item.is_object())
            throw Error(origin, "each regularization entry must be an object");
        RegularizationTerm term;
        take(item, "layers", term.layers, origin);
        take(item, "type", term.type, origin);
        take(item, "strength", term.strength, origin);
        json_fields::checkKeys(item, {"layers", "type", "strength"}, origin, " in regularization");
        terms.push_back(term);
    }
    return terms;
}

} // namespace

TrainConfig TrainConfig::fromJson(const std::string &text, const std::string &origin)
{
    const json j = json_fields::parse(text, origin);
    if (!j.is_object())
        throw Error(origin, "a train config must be a JSON object");
    static const std::set<std::string> known = {"model",
                                                "data",
                                                "test_data",
                                                "epochs",
                                                "batch_size",
                                                "optimizer",
                                                "lr",
                                                "momentum",
                                                "weight_decay",
                                                "schedule",
                                                "step_epochs",
                                                "gamma",
                                                "seed",
                                                "limit",
                                                "test_limit",
                                                "threads",
                                                "batch_norm",
                                                "resume_from",
                                                "eval_batch_size",
                                                "regularization",
                                                "update",
                                                "threshold",
                                                "scale_columns",
                                                "freeze_zeros",
                                                "stages",
                                                "checkpoint_every",
                                                "prune_sparsity",
                                                "prune_scope"};
    json_fields::checkKeys(j, known, origin);
    TrainConfig c;
    take(j, "model", c.model, origin);
    take(j, "data", c.data, origin);
    take(j, "test_data", c.testData, origin);
    take(j, "epochs", c.epochs, origin);
    take(j, "batch_size", c.batchSize, origin);
    take(j, "optimizer", c.optimizer, origin);
    take(j, "lr", c.learningRate, origin);
    take(j, "momentum", c.momentum, origin);
    take(j, "weight_decay", c.weightDecay, origin);
    take(j, "schedule", c.schedule, origin);
    take(j, "step_epochs", c.stepEpochs, origin);
    take(j, "gamma", c.gamma, origin);
    take(j, "seed", c.seed, origin);
    take(j, "limit", c.limit, origin);
    take(j, "test_limit", c.testLimit, origin);
    take(j, "threads", c.threads, origin);
    take(j, "batch_norm", c.batchNorm, origin);
    take(j, "eval_batch_size", c.evalBatchSize, origin);
    take(j, "resume_from", c.resumeFrom, origin);
    take(j, "checkpoint_every", c.checkpointEvery, origin);
    take(j, "prune_sparsity", c.pruneSparsity, origin);
    take(j, "prune_scope", c.pruneScope, origin);
    if (auto it = j.find("regularization"); it != j.end())
        c.sparsity.terms = regularizationTerms(*it, origin);
    take(j, "update", c.sparsity.update, origin);
    take(j, "threshold", c.sparsity.threshold, origin);
    take(j, "scale_columns", c.sparsity.scaleColumns, origin);
    take(j, "freeze_zeros", c.sparsity.freezeZeros, origin);
    if (auto it = j.find("stages"); it != j.end()) {
        if (!it->is_array() || it->empty())
            throw Error(origin, "\"stages\" must be a non-empty list of objects");
        for (const auto &item : *it) {
            if (!item.is_object())
                throw Error(origin, "each stage must be an object of config keys");
            TrainStage stage;
            stage.name = "stage-" + std::to_string(c.stages.size() + 1);
            auto overrides = item;
            if (auto name = overrides.find("name"); name != overrides.end()) {
                if (!name->is_string() || name->get<std::string>().empty()
                    || name->get<std::string>().find_first_of("/\\") != std::string::npos)
                    throw Error(origin, "a stage name must be a non-empty string without slashes");
                stage.name = name->get<std::string>();
                overrides.erase(name);
            }
            for (const char *key : {"stages", "resume_from"})
                if (overrides.contains(key))
                    throw Error(origin, std::string("a stage cannot set \"") + key + "\"");
            stage.overrides = json_fields::dump(overrides);
            c.stages.push_back(stage);
        }
        // Every stage must be a valid config on its own.
        for (std::size_t i = 0; i < c.stages.size(); ++i)
            c.stageConfig(i, i > 0 ? "previous-stage" : "");
    }
    c.validate(origin);
    return c;
}

TrainConfig TrainConfig::fromFile(const std::string &path)
{
    return fromJson(json_fields::readFile(path, "config file"), path);
}

TrainConfig TrainConfig::stageConfig(std::size_t index, const std::string &previousModel) const
{
    if (index >= stages.size())
        throw std::out_of_range("no such stage");
    auto base = json::parse(toJson());
    base.erase("stages");
    const auto overrides = json::parse(stages[index].overrides);
    for (const auto &item : overrides.items())
        base[item.key()] = item.value();
    auto stage = fromJson(json_fields::dump(base), "stage \"" + stages[index].name + "\"");
    if (index > 0)
        stage.model = previousModel;
    return stage;
}

void TrainConfig::validate(const std::string &origin) const
{
    const auto positive = [&origin](const char *key, long long value) {
        if (value <= 0)
            throw Error(origin,
                        std::string(key) + " must be a positive integer, got "
                            + std::to_string(value));
    };
    positive("epochs", epochs);
    positive("batch_size", batchSize);
    positive("eval_batch_size", evalBatchSize);
    positive("step_epochs", stepEpochs);
    const auto number = [&origin](const char *key, double value, bool ok, const char *rule) {
        if (!ok || !std::isfinite(value))
            throw Error(origin,
                        std::string(key) + " must be " + rule + ", got "
                            + json_fields::dump(json(value)));
    };
    number("lr", learningRate, learningRate > 0, "a positive number");
    number("momentum", momentum, momentum >= 0 && momentum < 1, "in [0, 1)");
    number("weight_decay", weightDecay, weightDecay >= 0, "0 or more");
    number("gamma", gamma, gamma > 0, "a positive number");
    if (checkpointEvery < 0)
        throw Error(origin,
                    "checkpoint_every must be 0 (epoch ends only) or a number of steps, got "
                        + std::to_string(checkpointEvery));
    if (threads < 0)
        throw Error(origin,
                    "threads must be 0 (all cores) or more, got " + std::to_string(threads));
    if (optimizer != "sgd" && optimizer != "adam")
        throw Error(origin, "optimizer must be \"sgd\" or \"adam\", not \"" + optimizer + "\"");
    if (schedule != "none" && schedule != "step" && schedule != "cosine")
        throw Error(origin, "schedule must be none, step or cosine, not \"" + schedule + "\"");
    number("prune_sparsity", pruneSparsity, pruneSparsity >= 0 && pruneSparsity < 1, "in [0, 1)");
    if (pruneScope != "global" && pruneScope != "layer")
        throw Error(origin, "prune_scope must be global or layer, not \"" + pruneScope + "\"");
    sparsity.validate(origin);
}

} // namespace sparsescope::core
