// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ProgressPrinter.h"

#include <cstdio>

namespace sparsescope::cli {

ProgressPrinter::ProgressPrinter(bool quiet)
    : JobProgress(quiet, "train")
{ }

void ProgressPrinter::onBatch(const core::BatchMetrics &m)
{
    const double percent = 100.0 * double(m.batch) / double(m.batchesPerEpoch);
    char text[256];
    std::snprintf(text, sizeof text, "epoch %d/%d  %5.1f%%  loss %.4f  lr %.3g  elapsed %s  ETA %s",
                  m.epoch, m.epochs, percent, m.loss, m.learningRate,
                  ProgressLine::formatDuration(m.elapsedSeconds).c_str(),
                  ProgressLine::formatDuration(m.etaSeconds).c_str());
    m_line.status(text, m.batch == m.batchesPerEpoch);
}

void ProgressPrinter::onEpochEnd(const core::EpochMetrics &m)
{
    char text[256];
    if (m.testAccuracy >= 0)
        std::snprintf(text, sizeof text,
                      "epoch %d: loss %.4f  train accuracy %.4f  test accuracy %.4f  (%.1f s)",
                      m.epoch, m.loss, m.trainAccuracy, m.testAccuracy, m.seconds);
    else
        std::snprintf(text, sizeof text, "epoch %d: loss %.4f  train accuracy %.4f  (%.1f s)",
                      m.epoch, m.loss, m.trainAccuracy, m.seconds);
    m_line.line(text);
}

} // namespace sparsescope::cli
