// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/ProgressLine.h"

#include <string>
#include <utility>

namespace sparsescope::cli {

/// The CLI's progress printer for every job: any core observer (core::JobObserver or one derived
/// from it) whose messages, progress and end go to stderr through one ProgressLine. Commands
/// with job-specific events (training epochs, RLN models) derive from it and print through
/// m_line as well.
template<class Observer>
class JobProgress : public Observer
{
public:
    JobProgress(bool quiet, std::string label)
        : m_line(quiet)
        , m_label(std::move(label))
    { }
    void onMessage(const std::string &message) override { m_line.message(message); }
    void onProgress(std::size_t done, std::size_t total) override
    {
        m_line.progress(m_label, done, total);
    }
    void onFinished(core::JobStatus status, const std::string &summary) override
    {
        m_line.finished(m_label, status, summary);
    }

protected:
    ProgressLine m_line;
    std::string m_label;
};

} // namespace sparsescope::cli
