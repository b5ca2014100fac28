// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/RlnProgress.h"

#include <cstdio>

namespace sparsescope::cli {

RlnProgress::RlnProgress(bool quiet)
    : JobProgress(quiet, "rln")
{ }

void RlnProgress::onModelStarted(const std::string &model, std::uint64_t seed, int fold, int index,
                                 int total)
{
    m_label = "[" + std::to_string(index) + "/" + std::to_string(total) + "] " + model + " seed "
        + std::to_string(seed) + (fold > 0 ? " fold " + std::to_string(fold) : "");
}

void RlnProgress::onBatch(const core::BatchMetrics &m)
{
    char text[256];
    std::snprintf(text, sizeof text, "%s  epoch %d/%d  loss %.4g  ETA %s", m_label.c_str(), m.epoch,
                  m.epochs, m.loss, ProgressLine::formatDuration(m.etaSeconds).c_str());
    m_line.status(text);
}

void RlnProgress::onModelFinished(const core::ModelScore &s)
{
    std::string text = m_label + ": ";
    char part[160];
    if (s.task == core::TabularTask::Regression)
        std::snprintf(part, sizeof part, "test MSE %.4g  explained variance %.4f", s.testMse,
                      s.testExplainedVariance);
    else
        std::snprintf(part, sizeof part, "test accuracy %.4f  AUC %.4f", s.testAccuracy, s.testAuc);
    text += part;
    if (s.edgesTotal > 0) {
        std::snprintf(part, sizeof part, "  zero edges %.2f %%",
                      100.0 * (1.0 - double(s.edgesRemaining) / double(s.edgesTotal)));
        text += part;
    }
    if (s.smallWeights.size() > 2 && s.edgesTotal > 0) {
        const auto &paper = s.smallWeights[2]; // τ = 1e-3 (kSparsityThresholds)
        std::snprintf(part, sizeof part, "  |w|≤1e-3 %.1f %%, noise out %d/%d, real kept %d/%d",
                      100.0 * double(paper.edges) / double(s.edgesTotal), paper.noiseEliminated,
                      s.noiseFeatures, paper.realKept, s.realFeatures);
        text += part;
    }
    if (s.featuresRemaining >= 0)
        text += "  features " + std::to_string(s.featuresRemaining) + "/"
            + std::to_string(s.featuresTotal);
    if (!s.settings.empty())
        text += "  (" + s.settings + ")";
    std::snprintf(part, sizeof part, "  %.1f s", s.seconds);
    text += part;
    m_line.line(text);
}

} // namespace sparsescope::cli
