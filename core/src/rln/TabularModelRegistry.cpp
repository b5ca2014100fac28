// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/rln/TabularModelRegistry.h"

#include "rln/EnsembleModel.h"
#include "rln/GbtModel.h"
#include "rln/NetworkModel.h"
#include "rln/PenaltyRegularizer.h"
#include "rln/RlnRegularizer.h"
#include "rln/TabularModelFactory_p.h"
#include "sparsescope/core/Error.h"

#include <functional>

namespace sparsescope::core {

namespace {
struct RegisteredTabularModel
{
    TabularModelEntry entry;
    std::function<std::unique_ptr<TabularModel>()> create;
};

// One line per model: a new one is one file plus one line here.
const std::vector<RegisteredTabularModel> &tabularModelTable()
{
    static const std::vector<RegisteredTabularModel> registered = {
        {{"rln", "MLP with Regularization Learning on the first layer (methods.md 2.3)", {}},
         [] {
             return std::make_unique<NetworkModel>(&RlnRegularizer::choices);
         }},
        {{"l1", "MLP with an L1 penalty, strength searched on the validation rows", {}},
         [] {
             return std::make_unique<NetworkModel>(
                 [](const RlnConfig &c) { return PenaltyRegularizer::choices(1, c.l1Grid); });
         }},
        {{"l2", "MLP with an L2 penalty, strength searched on the validation rows", {}},
         [] {
             return std::make_unique<NetworkModel>(
                 [](const RlnConfig &c) { return PenaltyRegularizer::choices(2, c.l2Grid); });
         }},
        {{"plain", "MLP without regularisation", {}},
         [] {
             return std::make_unique<NetworkModel>(
                 [](const RlnConfig &) { return std::vector<RegularizerChoice> {}; });
         }},
        {{"gbt", "gradient-boosted trees (XGBoost), rounds by early stopping", {}},
         [] {
             return std::make_unique<GbtModel>();
         }},
        {{"ensemble",
          "RLN and GBT blended with a weight chosen on out-of-fold predictions",
          {"rln", "gbt"}},
         [] {
             return std::make_unique<EnsembleModel>(std::vector<std::string> {"rln", "gbt"},
                                                    EnsembleModel::Blend::Weighted);
         }},
        {{"ensemble-mean", "mean of the RLN and GBT predictions", {"rln", "gbt"}},
         [] {
             return std::make_unique<EnsembleModel>(std::vector<std::string> {"rln", "gbt"},
                                                    EnsembleModel::Blend::Mean);
         }},
    };
    return registered;
}
} // namespace

const std::vector<TabularModelEntry> &TabularModelRegistry::entries()
{
    static const std::vector<TabularModelEntry> list = [] {
        std::vector<TabularModelEntry> out;
        for (const auto &r : tabularModelTable())
            out.push_back(r.entry);
        return out;
    }();
    return list;
}

bool TabularModelRegistry::contains(const std::string &name)
{
    for (const auto &r : tabularModelTable())
        if (r.entry.name == name)
            return true;
    return false;
}

const TabularModelEntry &TabularModelRegistry::entry(const std::string &name)
{
    for (const auto &e : entries())
        if (e.name == name)
            return e;
    std::string names;
    for (const auto &e : entries())
        names += (names.empty() ? "" : ", ") + e.name;
    throw Error(name, "unknown tabular model", "models: " + names);
}

std::unique_ptr<TabularModel> createTabularModel(const std::string &name)
{
    for (const auto &r : tabularModelTable())
        if (r.entry.name == name)
            return r.create();
    return nullptr;
}

} // namespace sparsescope::core
