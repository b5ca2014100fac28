// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/rln/RlnConfig.h"

#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/rln/TabularModelRegistry.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace sparsescope::core {

namespace {
nlohmann::json rlnJson(const RlnSettings &s)
{
    return {{"theta", s.theta}, {"nu", s.nu}, {"norm", s.norm}, {"keep_zeros", s.keepZeros}};
}
} // namespace

std::vector<RlnSettings> RlnConfig::defaultRlnGrid()
{
    std::vector<RlnSettings> grid;
    for (double theta : {-12.0, -10.0, -8.0})
        for (double nu : {1e5, 1e6, 1e7}) {
            RlnSettings s;
            s.theta = theta;
            s.nu = nu;
            grid.push_back(s);
        }
    return grid;
}

std::vector<double> RlnConfig::logGrid(double first, double last, int count)
{
    std::vector<double> grid;
    if (count == 1)
        return {first};
    const double a = std::log10(first);
    const double b = std::log10(last);
    for (int i = 0; i < count; ++i) {
        const double v = std::pow(10.0, a + (b - a) * i / double(count - 1));
        // 10^-3.5 stays as computed; whole decades are exact (1e-3, not 0.0010000000000000002).
        const double decade = std::round(std::log10(v));
        grid.push_back(std::abs(std::log10(v) - decade) < 1e-12 ? std::pow(10.0, decade) : v);
    }
    return grid;
}

void RlnConfig::validate(const std::string &source) const
{
    auto fail = [&](const std::string &problem, const std::string &hint = {}) {
        throw Error(source, problem, hint);
    };
    if (csv.empty())
        fail("no CSV table given", "--csv FILE");
    if (noiseFeatures < 0)
        fail("noise features must be ≥ 0");
    if (seeds < 1)
        fail("seeds must be ≥ 1");
    if (folds == 1 || folds < 0)
        fail("folds must be 0 (one random test split) or ≥ 2");
    if (folds >= 2 && !testRows.empty())
        fail("fixed test rows and k-fold exclude each other");
    if (folds == 0 && !(testFraction > 0.0 && testFraction < 1.0))
        fail("the test fraction must be in (0, 1)");
    if (!(validationFraction >= 0.0 && validationFraction < 1.0))
        fail("the validation fraction must be in [0, 1)");
    if (models.empty())
        fail("no models given", "--models rln,l1,l2,plain,gbt,ensemble");
    std::set<std::string> seen;
    for (const auto &m : models) {
        TabularModelRegistry::entry(m); // throws naming the known ones
        if (!seen.insert(m).second)
            fail("model " + m + " is listed twice");
    }
    auto checkRln = [&](const RlnSettings &s) {
        if (s.norm != 1 && s.norm != 2)
            fail("the RLN norm must be 1 or 2");
        if (!(s.nu >= 0.0) || !std::isfinite(s.theta))
            fail("RLN needs a finite theta and nu ≥ 0");
    };
    checkRln(rln);
    for (const auto &s : rlnGrid)
        checkRln(s);
    for (const auto *grid : {&l1Grid, &l2Grid}) {
        if (grid->empty())
            fail("an L1 / L2 strength grid is empty");
        for (double v : *grid)
            if (!(v >= 0.0))
                fail("L1 / L2 strengths must be ≥ 0");
    }
    const bool searches = rlnGrid.size() > 1 || l1Grid.size() > 1 || l2Grid.size() > 1;
    if (searches && validationFraction <= 0.0
        && std::any_of(models.begin(), models.end(), [](const std::string &m) {
               return m == "rln" || m == "l1" || m == "l2" || m == "ensemble";
           }))
        fail("strength searches need validation rows", "set a validation fraction above 0");
    if (network.epochs < 1 || network.batchSize < 1 || !(network.learningRate > 0.0))
        fail("networks need epochs ≥ 1, batch size ≥ 1 and a learning rate > 0");
    if (network.optimizer != "rmsprop" && network.optimizer != "adam" && network.optimizer != "sgd")
        fail("the optimizer must be rmsprop, adam or sgd, not " + network.optimizer);
    if (network.hidden.empty() && network.depth < 1)
        fail("the network depth must be ≥ 1");
    for (int w : network.hidden)
        if (w < 1)
            fail("hidden widths must be ≥ 1");
    if (gbt.rounds < 1 || gbt.earlyStoppingRounds < 1 || gbt.maxDepth < 1
        || !(gbt.learningRate > 0.0) || !(gbt.subsample > 0.0 && gbt.subsample <= 1.0)
        || !(gbt.columnSample > 0.0 && gbt.columnSample <= 1.0))
        fail("bad gradient-boosting settings");
    if (threads < 0)
        fail("threads must be ≥ 0");
}

std::string RlnConfig::toJson() const
{
    nlohmann::json grid = nlohmann::json::array();
    for (const auto &s : rlnGrid)
        grid.push_back(rlnJson(s));
    const nlohmann::json j
        = {{"csv", csv},
           {"delimiter", std::string(1, csvOptions.delimiter)},
           {"skip_rows", csvOptions.skipRows},
           {"header", csvOptions.header},
           {"target", csvOptions.target},
           {"missing", csvOptions.missing == MissingValues::Error ? "error" : "mean-impute"},
           {"one_hot", csvOptions.oneHot},
           {"task", csvOptions.autoTask ? "auto" : toString(csvOptions.task)},
           {"noise_features", noiseFeatures},
           {"models", models},
           {"seeds", seeds},
           {"first_seed", firstSeed},
           {"folds", folds},
           {"test_fraction", testFraction},
           {"test_rows", testRows},
           {"validation_fraction", validationFraction},
           {"rln", rlnJson(rln)},
           {"rln_grid", grid},
           {"network",
            {{"depth", network.depth},
             {"hidden", network.hidden},
             {"epochs", network.epochs},
             {"batch_size", network.batchSize},
             {"learning_rate", network.learningRate},
             {"optimizer", network.optimizer},
             {"regularized_layers", network.layers == RegularizedLayers::First ? "first" : "all"}}},
           {"gbt",
            {{"rounds", gbt.rounds},
             {"early_stopping_rounds", gbt.earlyStoppingRounds},
             {"learning_rate", gbt.learningRate},
             {"max_depth", gbt.maxDepth},
             {"subsample", gbt.subsample},
             {"colsample_bytree", gbt.columnSample},
             {"min_child_weight", gbt.minChildWeight}}},
           {"l1_grid", l1Grid},
           {"l2_grid", l2Grid},
           {"threads", threads}};
    return json_fields::dump(j, 2);
}

} // namespace sparsescope::core
