// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"

#include "sparsescope/core/rln/RlnBenchmark.h"

#include <QObject>
#include <QString>

#include <memory>
#include <string>

namespace sparsescope::app {

class RlnBuffer;

/// Runs core::RlnBenchmark as a job of its JobController (it lives on the GUI thread; its
/// signals come there). Observer values go into the shared RlnBuffer; updatesAvailable() says,
/// once each time it stops being empty (drained with the controller's ~35 ms updates), that the
/// buffer holds something.
/// requestStop(), pause(), resume() and postSettings() reach the running job at its next step.
class RlnWorker : public QObject
{
    Q_OBJECT

public:
    explicit RlnWorker(std::shared_ptr<RlnBuffer> buffer, QObject *parent = nullptr);
    /// Stops a running job and joins its thread before anything else goes.
    ~RlnWorker() override;

    /// Starts the job; ends with finished() or failed(). False while one runs.
    bool start(const core::RlnConfig &config, const std::string &outDirectory);
    void requestStop();
    void pause();
    void resume();
    /// New Θ, ν, norm for the running RLN network, taken at its next step.
    void postSettings(const core::RlnSettings &settings);

Q_SIGNALS:
    /// The buffer has updates to draw.
    void updatesAvailable();
    /// The job ended (completed or cancelled); the RlnResult waits in the buffer.
    void finished();
    /// Bad input (the message names the file and line) or a library error.
    void failed(const QString &message);

private:
    std::shared_ptr<RlnBuffer> m_buffer;
    core::RlnBenchmark m_benchmark;
    JobController *m_jobs = nullptr;
};

} // namespace sparsescope::app
