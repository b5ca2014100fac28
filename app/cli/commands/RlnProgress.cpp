// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/RlnProgress.h"

#include "commands/ProgressPrinter.h"

#include <cstdio>
#include <unistd.h>

namespace sparsescope::cli {

RlnProgress::RlnProgress(bool quiet)
    : m_quiet(quiet)
    , m_terminal(isatty(STDERR_FILENO) != 0)
{ }

void RlnProgress::start()
{
    if (m_started)
        return;
    m_started = true;
    for (const auto &message : m_pending)
        std::fprintf(stderr, "%s\n", message.c_str());
    m_pending.clear();
}

void RlnProgress::closeLine()
{
    if (m_lineOpen)
        std::fprintf(stderr, "\n");
    m_lineOpen = false;
}

void RlnProgress::onModelStarted(const std::string &model, std::uint64_t seed, int fold, int index,
                                 int total)
{
    m_label = "[" + std::to_string(index) + "/" + std::to_string(total) + "] " + model + " seed "
        + std::to_string(seed) + (fold > 0 ? " fold " + std::to_string(fold) : "");
    m_lastPrint = std::chrono::steady_clock::now();
}

void RlnProgress::onBatch(const core::BatchMetrics &m)
{
    if (m_quiet)
        return;
    start();
    const auto now = std::chrono::steady_clock::now();
    const double interval = m_terminal ? 0.2 : 10.0;
    if (std::chrono::duration<double>(now - m_lastPrint).count() < interval)
        return;
    m_lastPrint = now;
    std::fprintf(stderr, "%s%s  epoch %d/%d  loss %.4g  ETA %s%s", m_terminal ? "\r" : "",
                 m_label.c_str(), m.epoch, m.epochs, m.loss,
                 ProgressPrinter::formatDuration(m.etaSeconds).c_str(),
                 m_terminal ? "        " : "\n");
    m_lineOpen = m_terminal;
}

void RlnProgress::onModelFinished(const core::ModelScore &s)
{
    if (m_quiet)
        return;
    start();
    closeLine();
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
    std::fprintf(stderr, "%s\n", text.c_str());
}

void RlnProgress::onMessage(const std::string &message)
{
    if (m_quiet)
        return;
    if (!m_started) {
        m_pending.push_back(message);
        return;
    }
    closeLine();
    std::fprintf(stderr, "%s\n", message.c_str());
}

} // namespace sparsescope::cli
