// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/AttackWorker.h"

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/AttackRunner.h"

#include <filesystem>
#include <utility>

namespace sparsescope::app {

namespace {
/// Forwards one model's attack progress into the whole request's, offset by the earlier models.
class ProgressRelay : public core::AttackObserver
{
public:
    ProgressRelay(core::JobObserver &observer, std::size_t offset, std::size_t total)
        : m_observer(observer)
        , m_offset(offset)
        , m_total(total)
    { }
    void onProgress(std::size_t done, std::size_t) override
    {
        m_observer.onProgress(m_offset + done, m_total);
    }

private:
    core::JobObserver &m_observer;
    std::size_t m_offset;
    std::size_t m_total;
};

/// Size and modification time of a model file (a run folder: its model.pt); empty for
/// built-in names.
std::string fileStamp(const std::string &reference)
{
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path path(reference);
    if (fs::is_directory(path, error))
        path /= "model.pt";
    const auto size = fs::file_size(path, error);
    if (error)
        return {};
    const auto time = fs::last_write_time(path, error);
    if (error)
        return {};
    return std::to_string(size) + "@" + std::to_string(time.time_since_epoch().count());
}

QStringList classNames(const core::Dataset &data)
{
    QStringList names;
    for (const auto &name : data.classNames())
        names << QString::fromStdString(name);
    return names;
}
} // namespace

AttackWorker::AttackWorker(const QString &name, QObject *parent)
    : QObject(parent)
    , m_jobs(new JobController(name, this))
{
    qRegisterMetaType<core::AdversarialExample>();
    connect(m_jobs, &JobController::progress, this, &AttackWorker::progress);
    connect(m_jobs, &JobController::finished, this, [this](core::JobStatus status) {
        if (std::exchange(m_curvesRunning, false))
            Q_EMIT curvesFinished(status == core::JobStatus::Cancelled);
        startPendingExample();
    });
    connect(m_jobs, &JobController::failed, this, [this](const QString &message) {
        m_curvesRunning = false;
        Q_EMIT failed(message);
        startPendingExample();
    });
}

AttackWorker::~AttackWorker()
{
    delete m_jobs; // its jobs use this object's caches: join them first
}

bool AttackWorker::startCurves(const CurveRequest &request)
{
    if (m_jobs->isRunning())
        return false;
    m_curvesRunning = true;
    return m_jobs->run([this, request](core::JobObserver &observer, std::stop_token stop) {
        runCurves(request, observer, stop);
    });
}

void AttackWorker::requestExample(const ExampleRequest &request)
{
    m_pendingExample = request;
    startPendingExample();
}

void AttackWorker::startPendingExample()
{
    if (!m_pendingExample || m_jobs->isRunning())
        return; // the running job's end starts it
    ExampleRequest request = std::move(*m_pendingExample);
    m_pendingExample.reset();
    m_jobs->run([this, request](core::JobObserver &, std::stop_token) { runExample(request); });
}

void AttackWorker::requestStop()
{
    m_jobs->stop();
}

bool AttackWorker::isRunning() const
{
    return m_jobs->isRunning();
}

const core::Dataset &AttackWorker::dataset(const QString &spec)
{
    auto &slot = m_datasets[spec.toStdString()];
    if (!slot)
        slot = std::make_unique<core::Dataset>(core::Dataset::fromSpec(spec.toStdString()));
    return *slot;
}

const core::Model &AttackWorker::model(const QString &reference, const core::Dataset &data)
{
    const std::string key = reference.toStdString();
    const std::string stamp = fileStamp(key);
    CachedModel &slot = m_models[key];
    if (!slot.model || slot.stamp != stamp) {
        slot.model = std::make_unique<core::Model>(core::Model::loadFor(key, data));
        slot.stamp = stamp;
    }
    return *slot.model;
}

void AttackWorker::runCurves(const CurveRequest &request, core::JobObserver &observer,
                             std::stop_token stop)
{
    const core::Dataset &all = dataset(request.data);
    const core::Dataset data = all.first(request.limit);
    const std::size_t perModel = data.size() * request.epsilons.size();
    const std::size_t total = perModel * std::size_t(request.models.size());
    for (int m = 0; m < request.models.size() && !stop.stop_requested(); ++m) {
        core::AttackJob job;
        job.attack = request.attack.toStdString();
        job.epsilons = request.epsilons;
        job.settings = request.settings;
        ProgressRelay relay(observer, perModel * std::size_t(m), total);
        const auto report
            = core::AttackRunner::run(model(request.models[m], all), data, job, relay, stop);
        if (report.cancelled)
            break;
        QVector<double> eps, accuracy;
        for (const auto &s : report.summaries) {
            eps << s.epsilon;
            accuracy << s.adversarialAccuracy();
        }
        const double clean
            = report.summaries.empty() ? 0.0 : report.summaries.front().cleanAccuracy();
        m_jobs->post([this, name = request.models[m], eps, accuracy, clean] {
            Q_EMIT curveReady(name, eps, accuracy, clean);
        });
        observer.onProgress(perModel * std::size_t(m + 1), total);
    }
}

void AttackWorker::runExample(const ExampleRequest &request)
{
    const core::Dataset &data = dataset(request.data);
    const auto example
        = core::AttackRunner::example(model(request.model, data), data, request.index,
                                      request.attack.toStdString(), request.settings);
    m_jobs->post(
        [this, example, names = classNames(data)] { Q_EMIT exampleReady(example, names); });
}

} // namespace sparsescope::app
