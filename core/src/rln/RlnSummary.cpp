// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/rln/RlnSummary.h"

#include "psychophysics/CsvText_p.h"

#include <cmath>
#include <cstdio>
#include <functional>

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

std::string RlnSummary::toText(const std::vector<ModelSummary> &summaries, TabularTask task)
{
    const bool regression = task == TabularTask::Regression;
    std::string text = padded("model", 10) + padded("runs", 6)
        + (regression ? padded("test MSE", 22) + padded("explained variance", 22)
                      : padded("test accuracy", 22) + padded("test AUC", 22))
        + padded("zero edges (%)", 18) + "features remaining\n";
    for (const auto &s : summaries) {
        text += padded(s.model, 10) + padded(std::to_string(s.runs), 6);
        if (regression)
            text += padded(plusMinus(s.testMse, "%.3f"), 22)
                + padded(plusMinus(s.testExplainedVariance, "%.4f"), 22);
        else
            text += padded(plusMinus(s.testAccuracy, "%.4f"), 22)
                + padded(plusMinus(s.testAuc, "%.4f"), 22);
        text += padded(plusMinus(s.edgesZeroFraction, "%.2f", 100.0), 18)
            + plusMinus(s.featuresRemaining, "%.1f") + "\n";
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
            "features_remaining_sd\n";
    auto cell = [](double v) {
        return std::isnan(v) ? std::string() : formatCsvNumber(v);
    };
    for (const auto &s : summaries) {
        text += s.model + "," + std::to_string(s.runs);
        const auto &a = regression ? s.testMse : s.testAccuracy;
        const auto &b = regression ? s.testExplainedVariance : s.testAuc;
        for (const auto *m : {&a, &b, &s.edgesZeroFraction, &s.featuresRemaining})
            text += "," + cell(m->mean) + "," + cell(m->sd);
        text += "\n";
    }
    return text;
}

} // namespace sparsescope::core
