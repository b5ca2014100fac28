// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ProgressLine.h"

#include <cstdio>
#include <unistd.h>

namespace sparsescope::cli {

ProgressLine::ProgressLine(bool quiet)
    : m_quiet(quiet)
    , m_terminal(isatty(STDERR_FILENO) != 0)
    , m_start(std::chrono::steady_clock::now())
{ }

std::string ProgressLine::formatDuration(double seconds)
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

double ProgressLine::elapsed() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void ProgressLine::start()
{
    if (m_started)
        return;
    m_started = true;
    for (const auto &text : m_pending)
        std::fprintf(stderr, "%s\n", text.c_str());
    m_pending.clear();
}

void ProgressLine::closeLine()
{
    if (m_lineOpen)
        std::fprintf(stderr, "\n");
    m_lineOpen = false;
}

void ProgressLine::message(const std::string &text)
{
    if (m_quiet)
        return;
    if (!m_started) {
        m_pending.push_back(text);
        return;
    }
    closeLine();
    std::fprintf(stderr, "%s\n", text.c_str());
}

void ProgressLine::line(const std::string &text)
{
    if (m_quiet)
        return;
    start();
    closeLine();
    std::fprintf(stderr, "%s\n", text.c_str());
}

void ProgressLine::status(const std::string &text, bool final)
{
    if (m_quiet)
        return;
    start();
    const auto now = std::chrono::steady_clock::now();
    const double interval = m_terminal ? 0.2 : 10.0;
    if (!final && std::chrono::duration<double>(now - m_lastPrint).count() < interval)
        return;
    m_lastPrint = now;
    std::fprintf(stderr, "%s%s%s", m_terminal ? "\r" : "", text.c_str(), m_terminal ? "   " : "\n");
    m_lineOpen = m_terminal;
}

void ProgressLine::progress(const std::string &label, std::size_t done, std::size_t total)
{
    if (m_quiet)
        return;
    const double seconds = elapsed();
    std::string text = label.empty() ? "" : label + " ";
    char part[128];
    if (total > 0) {
        const double fraction = double(done) / double(total);
        const double eta = done > 0 ? seconds * (1.0 - fraction) / fraction : 0.0;
        std::snprintf(part, sizeof part, "%zu/%zu (%.0f%%) %s elapsed, %s left", done, total,
                      100.0 * fraction, formatDuration(seconds).c_str(),
                      done > 0 ? formatDuration(eta).c_str() : "?");
    } else {
        std::snprintf(part, sizeof part, "%zu %s elapsed", done, formatDuration(seconds).c_str());
    }
    status(text + part, total > 0 && done >= total);
}

void ProgressLine::finished(const std::string &label, core::JobStatus status,
                            const std::string &summary)
{
    if (m_quiet)
        return;
    closeLine();
    if (status == core::JobStatus::Cancelled)
        line((label.empty() ? "" : label + ": ") + "cancelled");
    if (!summary.empty())
        line(summary);
}

} // namespace sparsescope::cli
