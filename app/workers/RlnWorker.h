// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnBenchmark.h"

#include <QObject>
#include <QString>

#include <memory>
#include <mutex>
#include <stop_token>
#include <string>

namespace sparsescope::app {

class RlnBuffer;

/// Runs core::RlnBenchmark on the thread it was moved to; observer values go into the shared
/// RlnBuffer, which the RlnPanel drains on a timer. requestStop(), pause(), resume() and
/// postSettings() are plain thread-safe functions (the event loop of this object is blocked
/// while the job runs).
class RlnWorker : public QObject
{
    Q_OBJECT

public:
    explicit RlnWorker(std::shared_ptr<RlnBuffer> buffer, QObject *parent = nullptr);

    /// From the GUI thread: queues the job; ends with finished() or failed().
    void start(const core::RlnConfig &config, const std::string &outDirectory);
    void requestStop();
    void pause();
    void resume();
    /// New Θ, ν, norm for the running RLN network, taken at its next step.
    void postSettings(const core::RlnSettings &settings);

Q_SIGNALS:
    /// The job ended (completed or cancelled); the RlnResult waits in the buffer.
    void finished();
    /// Bad input (the message names the file and line) or a library error.
    void failed(const QString &message);

private:
    void run(const core::RlnConfig &config, const std::string &outDirectory, std::stop_token stop);

    std::shared_ptr<RlnBuffer> m_buffer;
    core::RlnBenchmark m_benchmark;
    std::mutex m_stopMutex;
    std::stop_source m_stopSource;
};

} // namespace sparsescope::app
