// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ProgressPrinter.h"

#include <cstdio>
#include <unistd.h>

namespace sparsescope::cli {

ProgressPrinter::ProgressPrinter(bool quiet)
    : m_quiet(quiet)
    , m_terminal(isatty(STDERR_FILENO) != 0)
{ }

std::string ProgressPrinter::formatDuration(double seconds)
{
    long total = seconds > 0 ? long(seconds + 0.5) : 0;
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60,
                      total % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

void ProgressPrinter::onBatch(const core::BatchMetrics &m)
{
    if (m_quiet)
        return;
    if (!m_started) {
        // Messages before the first step are shown only once training runs, so that bad input
        // ends with exactly one stderr line.
        m_started = true;
        for (const auto &message : m_pending)
            std::fprintf(stderr, "%s\n", message.c_str());
        m_pending.clear();
    }
    const auto now = std::chrono::steady_clock::now();
    // Terminals get 5 updates a second; logs (pipes, CI) one line every 10 s.
    const double interval = m_terminal ? 0.2 : 10.0;
    if (std::chrono::duration<double>(now - m_lastPrint).count() < interval
        && m.batch != m.batchesPerEpoch)
        return;
    m_lastPrint = now;
    const double percent = 100.0 * double(m.batch) / double(m.batchesPerEpoch);
    std::fprintf(stderr, "%sepoch %d/%d  %5.1f%%  loss %.4f  lr %.3g  elapsed %s  ETA %s%s",
                 m_terminal ? "\r" : "", m.epoch, m.epochs, percent, m.loss, m.learningRate,
                 formatDuration(m.elapsedSeconds).c_str(), formatDuration(m.etaSeconds).c_str(),
                 m_terminal ? "   " : "\n");
    m_lineOpen = m_terminal;
}

void ProgressPrinter::onEpochEnd(const core::EpochMetrics &m)
{
    if (m_quiet)
        return;
    if (m_lineOpen)
        std::fprintf(stderr, "\n");
    m_lineOpen = false;
    if (m.testAccuracy >= 0)
        std::fprintf(stderr,
                     "epoch %d: loss %.4f  train accuracy %.4f  test accuracy %.4f  (%.1f s)\n",
                     m.epoch, m.loss, m.trainAccuracy, m.testAccuracy, m.seconds);
    else
        std::fprintf(stderr, "epoch %d: loss %.4f  train accuracy %.4f  (%.1f s)\n", m.epoch,
                     m.loss, m.trainAccuracy, m.seconds);
}

void ProgressPrinter::onMessage(const std::string &message)
{
    if (m_quiet)
        return;
    if (!m_started) {
        m_pending.push_back(message);
        return;
    }
    if (m_lineOpen)
        std::fprintf(stderr, "\n");
    m_lineOpen = false;
    std::fprintf(stderr, "%s\n", message.c_str());
}

} // namespace sparsescope::cli
