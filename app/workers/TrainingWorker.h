// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/Trainer.h"

#include <functional>
#include <memory>
#include <stop_token>
#include <string>

namespace sparsescope::app {

class TrainingBuffer;

/// The training job (run by TrainingController on its JobController's thread): core::Trainer
/// with an observer that appends plain values to the shared TrainingBuffer and calls `notify`
/// when the buffer was empty. pause(), resume() and postStrengths() are thread-safe and reach
/// the running trainer at its next step.
class TrainingWorker
{
public:
    explicit TrainingWorker(std::shared_ptr<TrainingBuffer> buffer);

    /// On the job's thread; the TrainResult goes into the buffer. Throws on bad input.
    void run(const core::TrainConfig &config, const std::string &runDirectory,
             const std::function<void()> &notify, std::stop_token stop);
    void pause();
    void resume();
    void postStrengths(const std::vector<core::RegularizationTerm> &terms);

private:
    std::shared_ptr<TrainingBuffer> m_buffer;
    core::Trainer m_trainer;
};

} // namespace sparsescope::app
