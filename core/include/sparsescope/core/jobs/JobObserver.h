// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>

namespace sparsescope::core {

/// How a long job ended.
enum class JobStatus { Completed, Cancelled, Failed };

/// The job contract: every long job in core is a call `run(options, observer, stop)` that takes
/// a JobObserver (or an observer derived from it, for job-specific events) by reference and a
/// std::stop_token; it reports on the calling thread, returns when done or stopped, and throws
/// core::Error on bad input. Observers are called from the job's thread: a GUI copies what it
/// needs into a buffer and draws on its own timer (app/controllers/JobController.h).
class JobObserver
{
public:
    /// The total of jobs whose progress is a fraction of several stages (sweeps, matrices).
    static constexpr std::size_t kProgressUnits = 10000;

    virtual ~JobObserver() = default;
    /// Human-readable status lines ("loading fashion-mnist:train", "checkpoint written").
    virtual void onMessage(const std::string &message) { (void)message; }
    /// `done` of `total` units of the whole job (what a unit is belongs to the job: images,
    /// samples, steps; total 0: not known yet). done never decreases within a job.
    virtual void onProgress(std::size_t done, std::size_t total) { (void)done, (void)total; }
    /// onProgress for jobs that know a fraction in [0, 1] (of kProgressUnits).
    void reportFraction(double fraction)
    {
        const double f = fraction < 0.0 ? 0.0 : (fraction > 1.0 ? 1.0 : fraction);
        onProgress(std::size_t(f * double(kProgressUnits) + 0.5), kProgressUnits);
    }
    /// Once, after the job returned or threw: called by whoever ran it (JobController in the GUI,
    /// the CLI command), not by the job, so that every way out of a job reports it once.
    virtual void onFinished(JobStatus status, const std::string &summary)
    {
        (void)status, (void)summary;
    }
};

/// An observer that ignores everything, for callers without one (observers hold no state
/// unless they override something, so one instance serves every thread).
template<class Observer = JobObserver>
Observer &quietObserver()
{
    static Observer quiet;
    return quiet;
}

/// "completed", "cancelled", "failed".
inline const char *toString(JobStatus status)
{
    switch (status) {
    case JobStatus::Completed:
        return "completed";
    case JobStatus::Cancelled:
        return "cancelled";
    case JobStatus::Failed:
        break;
    }
    return "failed";
}

} // namespace sparsescope::core
