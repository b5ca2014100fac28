// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/rln/RlnSummary.h"

#include "common/CsvText_p.h"
#include "rln/PairedTest.h"
#include "sparsescope/core/rln/TabularModelRegistry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>

namespace sparsescope::core {

MetricSummary RlnSummary::summarizeValues(const std::vector<double> &values)
{
    MetricSummary s;
    double sum = 0.0;
    for (double v : values)
        if (!std::isnan(v)) {
            sum += v;
            ++s.count;
        }
    if (s.count == 0)
        return s;
    s.mean = sum / s.count;
    if (s.count > 1) {
        double squares = 0.0;
        for (double v : values)
            if (!std::isnan(v))
                squares += (v - s.mean) * (v - s.mean);
        s.sd = std::sqrt(squares / (s.count - 1));
    }
    return s;
}

std::vector<ModelSummary> RlnSummary::summarize(const std::vector<ModelScore> &scores)
{
    std::vector<ModelSummary> out;
    for (const auto &score : scores) {
        bool known = false;
        for (const auto &s : out)
            known = known || s.model == score.model;
        if (known)
            continue;
        ModelSummary s;
        s.model = score.model;
        auto collect = [&](const std::function<double(const ModelScore &)> &value) {
            std::vector<double> values;
            for (const auto &other : scores)
                if (other.model == score.model)
                    values.push_back(value(other));
            return summarizeValues(values);
        };
        for (const auto &other : scores)
            s.runs += other.model == score.model ? 1 : 0;
        s.testMse = collect([](const ModelScore &m) { return m.testMse; });
        s.testExplainedVariance
            = collect([](const ModelScore &m) { return m.testExplainedVariance; });
        s.testAccuracy = collect([](const ModelScore &m) { return m.testAccuracy; });
        s.testAuc = collect([](const ModelScore &m) { return m.testAuc; });
        s.edgesZeroFraction = collect([](const ModelScore &m) {
            return m.edgesTotal > 0 ? 1.0 - double(m.edgesRemaining) / double(m.edgesTotal)
                                    : std::nan("");
        });
        s.featuresRemaining = collect([](const ModelScore &m) {
            return m.featuresRemaining >= 0 ? double(m.featuresRemaining) : std::nan("");
        });
        if (!score.smallWeights.empty()) {
            s.realFeatures = score.realFeatures;
            for (std::size_t t = 0; t < kSparsityThresholds.size(); ++t) {
                auto at = [t](const ModelScore &m) -> const SmallWeights * {
                    return t < m.smallWeights.size() ? &m.smallWeights[t] : nullptr;
                };
                s.smallEdgesFraction.push_back(collect([&](const ModelScore &m) {
                    return at(m) && m.edgesTotal > 0 ? double(at(m)->edges) / double(m.edgesTotal)
                                                     : std::nan("");
                }));
                s.noiseEliminatedFraction.push_back(collect([&](const ModelScore &m) {
                    return at(m) && m.noiseFeatures > 0
                        ? double(at(m)->noiseEliminated) / double(m.noiseFeatures)
                        : std::nan("");
                }));
                s.realKept.push_back(collect([&](const ModelScore &m) {
                    return at(m) ? double(at(m)->realKept) : std::nan("");
                }));
            }
        }
        s.blendWeight = collect([](const ModelScore &m) { return m.blendWeight; });
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

std::string plusMinus(const MetricSummary &m, const char *format, double factor = 1.0)
{
    if (m.count == 0)
        return "-";
    char mean[32];
    char sd[32];
    std::snprintf(mean, sizeof mean, format, m.mean * factor);
    if (std::isnan(m.sd))
        return mean;
    std::snprintf(sd, sizeof sd, format, m.sd * factor);
    return std::string(mean) + " ± " + sd;
}

/// Pads to `width` display columns ("±" is one column but two bytes).
std::string padded(const std::string &text, std::size_t width)
{
    std::size_t columns = 0;
    for (unsigned char c : text)
        columns += (c & 0xC0) != 0x80 ? 1 : 0;
    return text + std::string(columns < width ? width - columns : 0, ' ');
}

} // namespace

std::string RlnSummary::tauName(double tau)
{
    if (tau == 0.0)
        return "0";
    const double exponent = std::round(std::log10(tau));
    if (std::abs(tau / std::pow(10.0, exponent) - 1.0) < 1e-9)
        return "1e" + std::to_string(int(exponent));
    char text[32];
    std::snprintf(text, sizeof text, "%g", tau);
    return text;
}

std::string RlnSummary::toText(const std::vector<ModelSummary> &summaries, TabularTask task)
{
    const bool regression = task == TabularTask::Regression;
    std::string text = padded("model", 10) + padded("runs", 6)
        + (regression ? padded("test MSE", 22) + padded("explained variance", 22)
                      : padded("test accuracy", 22) + padded("test AUC", 22))
        + padded("zero edges (%)", 18) + padded("features remaining", 20)
        + padded("|w|≤1e-3 (%)", 16) + padded("noise out@1e-3 (%)", 20)
        + padded("real kept@1e-3", 16) + "blend w\n";
    constexpr std::size_t paperTau = 2; // kSparsityThresholds[2] = 1e-3
    for (const auto &s : summaries) {
        text += padded(s.model, 10) + padded(std::to_string(s.runs), 6);
        if (regression)
            text += padded(plusMinus(s.testMse, "%.3f"), 22)
                + padded(plusMinus(s.testExplainedVariance, "%.4f"), 22);
        else
            text += padded(plusMinus(s.testAccuracy, "%.4f"), 22)
                + padded(plusMinus(s.testAuc, "%.4f"), 22);
        text += padded(plusMinus(s.edgesZeroFraction, "%.2f", 100.0), 18)
            + padded(plusMinus(s.featuresRemaining, "%.1f"), 20);
        const bool counted = s.smallEdgesFraction.size() > paperTau;
        const MetricSummary none;
        text
            += padded(plusMinus(counted ? s.smallEdgesFraction[paperTau] : none, "%.2f", 100.0), 16)
            + padded(plusMinus(counted ? s.noiseEliminatedFraction[paperTau] : none, "%.1f", 100.0),
                     20)
            + padded(counted ? plusMinus(s.realKept[paperTau], "%.1f") + " of "
                             + std::to_string(s.realFeatures)
                             : std::string("-"),
                     16)
            + plusMinus(s.blendWeight, "%.2f") + "\n";
    }
    return text;
}

std::string RlnSummary::toCsv(const std::vector<ModelSummary> &summaries, TabularTask task)
{
    const bool regression = task == TabularTask::Regression;
    std::string text = "model,runs";
    const std::vector<std::string> names = regression
        ? std::vector<std::string> {"test_mse", "test_explained_variance"}
        : std::vector<std::string> {"test_accuracy", "test_auc"};
    for (const auto &n : names)
        text += "," + n + "_mean," + n + "_sd";
    text += ",edges_zero_fraction_mean,edges_zero_fraction_sd,features_remaining_mean,"
            "features_remaining_sd";
    for (const char *kind : {"edges_small_fraction", "noise_eliminated_fraction", "real_kept"})
        for (double tau : kSparsityThresholds)
            text += std::string(",") + kind + "_" + tauName(tau) + "_mean," + kind + "_"
                + tauName(tau) + "_sd";
    text += ",real_features,blend_weight_mean,blend_weight_sd\n";
    auto cell = [](double v) {
        return std::isnan(v) ? std::string() : formatCsvNumber(v);
    };
    for (const auto &s : summaries) {
        text += s.model + "," + std::to_string(s.runs);
        const auto &a = regression ? s.testMse : s.testAccuracy;
        const auto &b = regression ? s.testExplainedVariance : s.testAuc;
        for (const auto *m : {&a, &b, &s.edgesZeroFraction, &s.featuresRemaining})
            text += "," + cell(m->mean) + "," + cell(m->sd);
        for (const auto *kind : {&s.smallEdgesFraction, &s.noiseEliminatedFraction, &s.realKept})
            for (std::size_t t = 0; t < kSparsityThresholds.size(); ++t)
                text += t < kind->size() ? "," + cell((*kind)[t].mean) + "," + cell((*kind)[t].sd)
                                         : std::string(",,");
        text += "," + (s.realFeatures >= 0 ? std::to_string(s.realFeatures) : std::string()) + ","
            + cell(s.blendWeight.mean) + "," + cell(s.blendWeight.sd) + "\n";
    }
    return text;
}

namespace {

/// The error a paired comparison uses: lower is better.
double errorOf(const ModelScore &s)
{
    return s.task == TabularTask::Regression ? s.testMse : 1.0 - s.testAccuracy;
}

const ModelScore *find(const std::vector<ModelScore> &scores, const std::string &model,
                       std::uint64_t seed, int fold)
{
    for (const auto &s : scores)
        if (s.model == model && s.seed == seed && s.fold == fold)
            return &s;
    return nullptr;
}

/// `model` against the lower error of `against` on every (seed, fold) where all are present.
std::optional<PairedComparison> compare(const std::vector<ModelScore> &scores,
                                        const std::string &model,
                                        const std::vector<std::string> &against)
{
    PairedComparison c;
    c.model = model;
    c.against = against.size() == 1 ? against.front() : "best of ";
    for (std::size_t i = 0; against.size() > 1 && i < against.size(); ++i)
        c.against += (i ? ", " : "") + against[i];
    for (const auto &s : scores) {
        if (s.model != model || std::isnan(errorOf(s)))
            continue;
        double best = std::numeric_limits<double>::infinity();
        for (const auto &name : against) {
            const ModelScore *other = find(scores, name, s.seed, s.fold);
            best = other && !std::isnan(errorOf(*other)) ? std::min(best, errorOf(*other))
                                                         : std::nan("");
            if (std::isnan(best))
                break;
        }
        if (std::isnan(best))
            continue;
        c.metric = s.task == TabularTask::Regression ? "test MSE" : "test error";
        c.seeds.push_back(s.seed);
        c.folds.push_back(s.fold);
        c.differences.push_back(errorOf(s) - best);
    }
    if (c.differences.empty())
        return std::nullopt;
    c.difference = RlnSummary::summarizeValues(c.differences);
    for (double d : c.differences) {
        c.lower += d < 0.0 ? 1 : 0;
        c.higher += d > 0.0 ? 1 : 0;
    }
    c.tTestP = PairedTest::tTestP(c.differences);
    c.signTestP = PairedTest::signTestP(c.differences);
    return c;
}

std::string number(double v, const char *format)
{
    if (std::isnan(v))
        return "-";
    char text[48];
    std::snprintf(text, sizeof text, format, v);
    return text;
}

} // namespace

std::vector<PairedComparison> RlnSummary::paired(const std::vector<ModelScore> &scores)
{
    std::vector<PairedComparison> out;
    auto add = [&](const std::string &model, const std::vector<std::string> &against) {
        if (auto c = compare(scores, model, against))
            out.push_back(std::move(*c));
    };
    add("rln", {"l1"});
    std::vector<std::string> seen;
    for (const auto &s : scores) {
        if (std::find(seen.begin(), seen.end(), s.model) != seen.end())
            continue;
        seen.push_back(s.model);
        if (TabularModelRegistry::contains(s.model)) {
            const auto &members = TabularModelRegistry::entry(s.model).members;
            if (!members.empty())
                add(s.model, members);
        }
    }
    return out;
}

std::string RlnSummary::pairedText(const std::vector<PairedComparison> &comparisons)
{
    std::string text;
    for (const auto &c : comparisons) {
        const std::size_t n = c.differences.size();
        text += c.model + " − " + c.against + " (" + c.metric + ", per seed): mean "
            + number(c.difference.mean, "%+.3f")
            + (std::isnan(c.difference.sd) ? std::string()
                                           : " ± " + number(c.difference.sd, "%.3f"))
            + " over " + std::to_string(n) + (n == 1 ? " pair" : " pairs") + ", lower on "
            + std::to_string(c.lower) + ", higher on " + std::to_string(c.higher)
            + "; paired t-test p = " + number(c.tTestP, "%.3g")
            + ", sign test p = " + number(c.signTestP, "%.3g") + "\n";
    }
    return text;
}

std::string RlnSummary::pairedCsv(const std::vector<PairedComparison> &comparisons)
{
    std::string text = "model,against,metric,seed,fold,difference,difference_sd,pairs,lower,"
                       "higher,t_test_p,sign_test_p\n";
    auto cell = [](double v) {
        return std::isnan(v) ? std::string() : formatCsvNumber(v);
    };
    for (const auto &c : comparisons) {
        const std::string head = c.model + "," + csvQuoted(c.against) + "," + c.metric + ",";
        for (std::size_t i = 0; i < c.differences.size(); ++i)
            text += head + std::to_string(c.seeds[i]) + "," + std::to_string(c.folds[i]) + ","
                + cell(c.differences[i]) + ",,,,,,\n";
        text += head + ",," + cell(c.difference.mean) + "," + cell(c.difference.sd) + ","
            + std::to_string(c.differences.size()) + "," + std::to_string(c.lower) + ","
            + std::to_string(c.higher) + "," + cell(c.tTestP) + "," + cell(c.signTestP) + "\n";
    }
    return text;
}

std::string RlnSummary::choicesText(const std::vector<ModelScore> &scores)
{
    std::string text;
    std::vector<std::string> models;
    for (const auto &s : scores)
        if (!s.settings.empty() && std::find(models.begin(), models.end(), s.model) == models.end())
            models.push_back(s.model);
    for (const auto &model : models) {
        std::string line = model + ":";
        bool first = true;
        for (const auto &s : scores) {
            if (s.model != model)
                continue;
            line += std::string(first ? " " : "; ") + "seed " + std::to_string(s.seed)
                + (s.fold > 0 ? " fold " + std::to_string(s.fold) : "") + " " + s.settings;
            first = false;
        }
        text += line + "\n";
    }
    return text;
}

} // namespace sparsescope::core
