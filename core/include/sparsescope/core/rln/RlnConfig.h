// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/CsvTable.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// The hyper-parameters of Regularization Learning (methods.md §2.3; the authors' defaults).
struct RlnSettings
{
    double theta = -7.5; ///< Θ: the mean of the log-strengths (natural log)
    double nu = 6e5; ///< ν: the learning rate of the log-strengths
    int norm = 1; ///< 1 (L1, recommended) or 2 (L2)
    /// A deviation from the authors' code, off by default: a weight the cap sets to exactly 0
    /// stays 0 for the rest of training (the optimizer's next step would otherwise revive it
    /// about half the time, so few weights are zero at any moment; methods.md §2.3).
    bool keepZeros = false;
};

/// Which weight layers RLN and the L1 / L2 baselines regularise.
enum class RegularizedLayers { First, All };

/// The multilayer perceptron every network model uses, and how it trains (the authors'
/// tutorial: geometric widths, ReLU, Glorot-normal weights, MSE, RMSprop with Keras' defaults,
/// 100 epochs of batch 10, only the first layer regularised).
struct NetworkSettings
{
    /// Dense layers including the output; hidden widths round(D^((depth−k)/depth)), k = 1 …
    /// depth−1, for D inputs, rounded as numpy (1013 → 180, 32, 6 → 1 for depth 4).
    int depth = 4;
    std::vector<int> hidden; ///< explicit hidden widths; overrides depth when not empty
    int epochs = 100;
    int batchSize = 10;
    double learningRate = 1e-3;
    /// "rmsprop" (ρ = 0.9, ε = 1e-7, as Keras: the tutorial's), "adam" or "sgd" (no momentum).
    std::string optimizer = "rmsprop";
    RegularizedLayers layers = RegularizedLayers::First;
};

/// Gradient-boosted trees (XGBoost): rounds chosen by early stopping on the validation rows,
/// then refitted on all training rows.
struct GbtSettings
{
    int rounds = 1000; ///< at most
    int earlyStoppingRounds = 50;
    double learningRate = 0.05;
    int maxDepth = 4;
    double subsample = 0.8;
    double columnSample = 0.8;
    double minChildWeight = 1.0;
};

/// A tabular comparison: one CSV table (plus seeded pure-noise features), models from
/// TabularModelRegistry, several seeds (each one its own split, noise, initialisation).
struct RlnConfig
{
    std::string csv;
    CsvOptions csvOptions;
    int noiseFeatures = 0;
    std::vector<std::string> models {"rln", "l1", "l2", "plain", "gbt", "ensemble"};
    int seeds = 5; ///< repeats, with seeds firstSeed, firstSeed + 1, …
    std::uint64_t firstSeed = 1;
    int folds = 0; ///< ≥ 2: k-fold cross-validation per seed instead of one random test split
    double testFraction = 0.2;
    /// A fixed test set (0-based data rows, the same for every seed: a published split such as
    /// Keras' boston_housing); empty: a seeded random split per seed.
    std::vector<std::size_t> testRows;
    double validationFraction = 0.2; ///< of the training rows, for the strength searches
    RlnSettings rln;
    /// Candidate (Θ, ν, norm) settings searched on the validation rows; empty: use `rln`.
    /// Default: defaultRlnGrid().
    std::vector<RlnSettings> rlnGrid = defaultRlnGrid();
    NetworkSettings network;
    GbtSettings gbt;
    /// Strengths searched for "l1": 10^-3 … 10^1 in half decades (9 values; on Boston + 1000
    /// noise features 10^-4 and 10^-3 are as bad as no penalty and 1 was the best of 10^-4 … 1).
    std::vector<double> l1Grid = logGrid(1e-3, 10.0, 9);
    /// Strengths searched for "l2": 10^-4 … 10^0 in half decades (9 values).
    std::vector<double> l2Grid = logGrid(1e-4, 1.0, 9);
    int threads = 0; ///< LibTorch and XGBoost threads; 0 keeps the process setting

    /// Θ ∈ {−12, −10, −8} × ν ∈ {10^5, 10^6, 10^7} (norm 1): contains the five settings of
    /// the authors' tutorial (methods.md §2.4), whose best was Θ = −10, ν = 10^6.
    static std::vector<RlnSettings> defaultRlnGrid();
    /// `count` log-spaced values from `first` to `last`.
    static std::vector<double> logGrid(double first, double last, int count);

    /// core::Error naming `source` on a bad value.
    void validate(const std::string &source) const;
    std::string toJson() const;
};

} // namespace sparsescope::core
