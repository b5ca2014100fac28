// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/Trainer.h"

#include <QObject>
#include <QString>

#include <memory>
#include <mutex>
#include <stop_token>
#include <string>

namespace sparsescope::app {

class TrainingBuffer;

/// Runs core::Trainer on the thread it was moved to (Qt's Controller/Worker pattern; the
/// TrainingController owns that thread). Observer values go into the shared TrainingBuffer and
/// dataAvailable() tells the GUI once per batch of pending data.
///
/// requestStop(), pause() and resume() are plain thread-safe functions, deliberately not slots:
/// while a run is going, this object's event loop is blocked inside Trainer::run and would never
/// deliver a queued call.
class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    explicit TrainingWorker(std::shared_ptr<TrainingBuffer> buffer, QObject *parent = nullptr);

    /// Call from the controller's thread: arms a fresh stop source and queues the run on this
    /// worker's thread. Ends with finished() or failed().
    void start(const core::TrainConfig &config, const std::string &runDirectory);
    void requestStop();
    void pause();
    void resume();
    /// Thread-safe: the running trainer takes these terms at its next step.
    void postStrengths(const std::vector<core::RegularizationTerm> &terms);

Q_SIGNALS:
    /// The buffer went from empty to non-empty.
    void dataAvailable();
    /// The run ended (completed, cancelled or failed by the trainer); the TrainResult waits in
    /// the buffer.
    void finished();
    /// The run threw: bad input (core::Error names the file), a library error, anything else.
    void failed(const QString &message);

private:
    void run(const core::TrainConfig &config, const std::string &runDirectory,
             std::stop_token stop);

    std::shared_ptr<TrainingBuffer> m_buffer;
    core::Trainer m_trainer;
    std::mutex m_stopMutex;
    std::stop_source m_stopSource;
};

} // namespace sparsescope::app
