// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/RlnCommand.h"

#include "commands/RlnProgress.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/rln/RlnBenchmark.h"
#include "sparsescope/core/rln/RlnSummary.h"
#include "sparsescope/core/rln/TabularModelRegistry.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sparsescope::cli {

namespace {

/// "THETA:NU[:NORM],…" → RLN settings.
std::vector<core::RlnSettings> parseRlnGrid(const std::string &text)
{
    std::vector<core::RlnSettings> grid;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        const auto end = std::min(text.find(',', begin), text.size());
        const std::string item = text.substr(begin, end - begin);
        core::RlnSettings s;
        char *rest = nullptr;
        s.theta = std::strtod(item.c_str(), &rest);
        bool ok = rest != item.c_str() && *rest == ':';
        if (ok) {
            const char *nu = rest + 1;
            s.nu = std::strtod(nu, &rest);
            ok = rest != nu && (*rest == '\0' || *rest == ':');
            if (ok && *rest == ':') {
                const char *norm = rest + 1;
                s.norm = int(std::strtol(norm, &rest, 10));
                ok = rest != norm && *rest == '\0';
            }
        }
        if (!ok)
            throw core::Error("--rln-grid", "cannot read '" + item + "'",
                              "give THETA:NU[:NORM] pairs, comma-separated, e.g. -10:1e6,-8:1e6");
        grid.push_back(s);
        begin = end + 1;
    }
    return grid;
}

/// 0-based row indices separated by commas, spaces or line breaks; '#' starts a comment.
std::vector<std::size_t> readRowIndices(const std::string &path)
{
    // A list of row indices is a few megabytes at most: refuse a huge or endless file (a
    // device, a wrong path) before reading it line by line.
    constexpr std::uintmax_t kMaxBytes = 64u << 20;
    std::error_code error;
    if (std::filesystem::exists(path, error)
        && (!std::filesystem::is_regular_file(path, error)
            || std::filesystem::file_size(path, error) > kMaxBytes))
        throw core::Error(path, "is not a row list (not a regular file of at most 64 MiB)");
    std::ifstream in(path);
    if (!in)
        throw core::Error(path, "cannot open the file");
    std::vector<std::size_t> rows;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = line.substr(0, line.find('#'));
        for (char &c : line)
            if (c == ',' || c == ';' || c == '\t' || c == '\r')
                c = ' ';
        std::istringstream words(line);
        std::string word;
        while (words >> word) {
            std::size_t used = 0;
            unsigned long long value = 0;
            try {
                value = std::stoull(word, &used);
            } catch (const std::exception &) {
                used = 0;
            }
            if (used != word.size() || word[0] == '-')
                throw core::Error(
                    path, "line " + std::to_string(number) + ": '" + word + "' is not a row index",
                    "0-based data rows, comma- or line-separated");
            rows.push_back(std::size_t(value));
        }
    }
    if (rows.empty())
        throw core::Error(path, "lists no rows");
    return rows;
}

} // namespace

void RlnCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "rln",
        "Regularization Learning Networks on a CSV table against L1/L2/plain networks, "
        "gradient-boosted trees and the RLN+GBT ensemble (results.csv, run folders)");
    auto &c = m_config;
    auto &csv = c.csvOptions;
    m_app->add_option("--csv", c.csv, "the table (.csv or .csv.gz)");
    m_app->add_option("--target", csv.target, "the target column (default: the last one)");
    m_app
        ->add_option("--skip-rows", csv.skipRows,
                     "lines to skip before the header (1 for scikit-learn's Boston file)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_flag("--no-header", m_noHeader, "no header line: columns are named 0, 1, …");
    m_app->add_option("--delimiter", m_delimiter, "field delimiter: one character, or 'tab'");
    m_app->add_option("--task", m_task, "auto, regression or classification")
        ->check(CLI::IsMember({"auto", "regression", "classification"}));
    m_app->add_flag("--impute-missing", m_imputeMissing,
                    "fill empty/NA feature values with the training mean (default: error)");
    m_app->add_flag("--one-hot", c.csvOptions.oneHot,
                    "one 0/1 column per value of each non-numeric feature column");
    m_app
        ->add_option("--noise-features", c.noiseFeatures,
                     "append N pure-noise N(0,1) features (seeded)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_option("--models", c.models, "comma-separated: rln,l1,l2,plain,gbt,ensemble")
        ->delimiter(',');
    m_app->add_option("--seeds", c.seeds, "repeats with seeds --seed, --seed+1, …")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--seed", c.firstSeed, "the first seed");
    m_app->add_option("--folds", c.folds, "k-fold cross-validation per seed (0: one test split)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_option("--test-fraction", c.testFraction, "test rows (default 0.2)");
    m_app->add_option("--test-rows", m_testRows,
                      "a fixed test set for every seed: a file of 0-based data-row indices "
                      "(e.g. Keras' boston_housing split)");
    m_app->add_option("--validation-fraction", c.validationFraction,
                      "validation rows out of the training rows, for searches (default 0.2)");
    m_thetaOption = m_app->add_option(
        "--theta", c.rln.theta,
        "RLN: fix the mean log-strength Θ (no search; ν defaults to the authors' 6e5)");
    m_nuOption = m_app->add_option(
        "--nu", c.rln.nu,
        "RLN: fix the learning rate ν of the log-strengths (no search; Θ defaults to -7.5)");
    m_app->add_option("--norm", c.rln.norm, "RLN: 1 (L1) or 2 (L2)")->check(CLI::IsMember({1, 2}));
    m_app->add_flag("--keep-zeros", c.rln.keepZeros,
                    "RLN (deviation from the authors' code): a weight the cap sets to 0 stays 0");
    m_app
        ->add_option("--rln-grid", m_rlnGrid,
                     "RLN: search these THETA:NU[:NORM] settings on the validation rows "
                     "(default: Θ -12,-10,-8 × ν 1e5,1e6,1e7, which holds the tutorial's "
                     "-8:1e6,-10:1e5,-10:1e6,-10:1e7,-12:1e6)")
        ->excludes(m_thetaOption)
        ->excludes(m_nuOption);
    m_app->add_option("--layers", m_layers, "regularise the first layer or all (rln, l1, l2)")
        ->check(CLI::IsMember({"first", "all"}));
    m_app
        ->add_option("--depth", c.network.depth,
                     "dense layers incl. the output; hidden widths a geometric series (4)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--hidden", c.network.hidden, "explicit hidden widths, comma-separated")
        ->delimiter(',');
    m_app->add_option("--epochs", c.network.epochs, "network epochs (100)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--batch-size", c.network.batchSize, "network batch size (10)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--lr", c.network.learningRate, "network learning rate (1e-3)")
        ->check(CLI::PositiveNumber);
    m_app
        ->add_option("--optimizer", c.network.optimizer,
                     "rmsprop (Keras defaults, the tutorial's), adam or sgd")
        ->check(CLI::IsMember({"rmsprop", "adam", "sgd"}));
    m_app
        ->add_option("--l1-grid", c.l1Grid,
                     "L1 strengths searched (default 1e-3 … 10 in half decades, 9 values)")
        ->delimiter(',');
    m_app
        ->add_option("--l2-grid", c.l2Grid,
                     "L2 strengths searched (default 1e-4 … 1 in half decades, 9 values)")
        ->delimiter(',');
    m_app->add_option("--gbt-rounds", c.gbt.rounds, "trees: at most this many rounds (1000)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--gbt-eta", c.gbt.learningRate, "trees: learning rate (0.05)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--gbt-depth", c.gbt.maxDepth, "trees: maximum depth (4)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--out", m_out, "output folder (results.csv, summary.csv, run folders)");
    m_app->add_option("--threads", global.threads, "LibTorch and XGBoost threads (0: all cores)");
    m_app->add_flag("--list-models", m_listModels, "list the models and exit");
    m_app->add_flag("--quiet", global.quiet, "no progress output");
}

core::RlnConfig RlnCommand::config() const
{
    core::RlnConfig config = m_config;
    auto &csv = config.csvOptions;
    csv.header = !m_noHeader;
    csv.missing = m_imputeMissing ? core::MissingValues::MeanImpute : core::MissingValues::Error;
    csv.autoTask = m_task == "auto";
    csv.task = m_task == "classification" ? core::TabularTask::Classification
                                          : core::TabularTask::Regression;
    if (m_delimiter == "tab" || m_delimiter == "\\t")
        csv.delimiter = '\t';
    else if (m_delimiter.size() == 1 && m_delimiter != "\"")
        csv.delimiter = m_delimiter[0];
    else
        throw core::Error("--delimiter",
                          "must be one character (or 'tab'), not '" + m_delimiter + "'");
    config.network.layers
        = m_layers == "all" ? core::RegularizedLayers::All : core::RegularizedLayers::First;
    if (!m_rlnGrid.empty())
        config.rlnGrid = parseRlnGrid(m_rlnGrid);
    else if (m_thetaOption->count() > 0 || m_nuOption->count() > 0)
        config.rlnGrid.clear(); // fixed Θ, ν: no search
    else
        for (auto &s : config.rlnGrid) // the default grid, with --norm
            s.norm = config.rln.norm;
    for (auto &s : config.rlnGrid)
        s.keepZeros = config.rln.keepZeros;
    if (!m_testRows.empty())
        config.testRows = readRowIndices(m_testRows);
    config.threads = 0; // main() applied --threads already
    config.validate("command line");
    return config;
}

int RlnCommand::run(std::stop_token stop)
{
    if (m_listModels) {
        for (const auto &e : core::TabularModelRegistry::entries())
            std::printf("%-10s %s\n", e.name.c_str(), e.description.c_str());
        return 0;
    }
    const core::RlnConfig config = this->config();
    if (m_out.empty())
        throw core::Error("", "rln needs --out DIR (results.csv and the run folders)");
    if (std::filesystem::exists(std::filesystem::path(m_out) / "results.csv"))
        throw core::Error(m_out, "already holds results.csv", "choose a new folder");

    RlnProgress progress(m_global->quiet);
    core::RlnBenchmark benchmark;
    const auto result = benchmark.run(config, m_out, progress, stop);
    const auto summaries = core::RlnSummary::summarize(result.scores);
    std::printf("%s", core::RlnSummary::toText(summaries, result.task).c_str());
    const std::string choices = core::RlnSummary::choicesText(result.scores);
    if (!choices.empty())
        std::printf("\nchosen per seed:\n%s", choices.c_str());
    const std::string paired
        = core::RlnSummary::pairedText(core::RlnSummary::paired(result.scores));
    if (!paired.empty())
        std::printf("\npaired by seed:\n%s", paired.c_str());
    std::printf("results: %s\n", (std::filesystem::path(m_out) / "results.csv").string().c_str());
    if (result.status == core::RlnStatus::Cancelled) {
        std::fprintf(stderr,
                     "sparsescope-cli: %s: interrupted (results.csv holds the %zu runs "
                     "that finished)\n",
                     m_out.c_str(), result.scores.size());
        return 130;
    }
    return 0;
}

} // namespace sparsescope::cli
