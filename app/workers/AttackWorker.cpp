// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/AttackWorker.h"

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/AttackRunner.h"

#include <chrono>
#include <exception>

namespace sparsescope::app {

namespace {
/// Forwards the runner's progress, offset by the work of earlier models and throttled.
class ProgressRelay : public core::AttackObserver
{
public:
    ProgressRelay(AttackWorker &worker, qint64 offset, qint64 total)
        : m_worker(worker)
        , m_offset(offset)
        , m_total(total)
    { }
    void onProgress(std::size_t done, std::size_t) override
    {
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        Q_EMIT m_worker.progress(m_offset + qint64(done), m_total);
    }

private:
    AttackWorker &m_worker;
    qint64 m_offset;
    qint64 m_total;
    std::chrono::steady_clock::time_point m_last {};
};

QStringList classNames(const core::Dataset &data)
{
    QStringList names;
    for (const auto &name : data.classNames())
        names << QString::fromStdString(name);
    return names;
}
} // namespace

AttackWorker::AttackWorker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<core::AdversarialExample>();
}

AttackWorker::~AttackWorker() = default;

void AttackWorker::startCurves(const CurveRequest &request)
{
    std::stop_token token;
    {
        std::lock_guard lock(m_mutex);
        m_stopSource = std::stop_source();
        token = m_stopSource.get_token();
    }
    QMetaObject::invokeMethod(
        this, [this, request, token] { runCurves(request, token); }, Qt::QueuedConnection);
}

void AttackWorker::requestExample(const ExampleRequest &request)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        schedule = !m_pendingExample.has_value();
        m_pendingExample = request;
    }
    if (schedule)
        QMetaObject::invokeMethod(
            this, [this] { runPendingExample(); }, Qt::QueuedConnection);
}

void AttackWorker::requestStop()
{
    std::lock_guard lock(m_mutex);
    m_stopSource.request_stop();
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
    auto &slot = m_models[reference.toStdString()];
    if (!slot)
        slot = std::make_unique<core::Model>(core::Model::loadFor(reference.toStdString(), data));
    return *slot;
}

void AttackWorker::runCurves(const CurveRequest &request, std::stop_token stop)
{
    try {
        const core::Dataset &all = dataset(request.data);
        const core::Dataset data = all.first(request.limit);
        const qint64 perModel = qint64(data.size()) * qint64(request.epsilons.size());
        const qint64 total = perModel * request.models.size();
        for (int m = 0; m < request.models.size() && !stop.stop_requested(); ++m) {
            core::AttackJob job;
            job.attack = request.attack.toStdString();
            job.epsilons = request.epsilons;
            job.settings = request.settings;
            ProgressRelay relay(*this, perModel * m, total);
            const auto report
                = core::AttackRunner::run(model(request.models[m], all), data, job, relay, stop);
            if (report.cancelled)
                break;
            QVector<double> eps, accuracy;
            for (const auto &s : report.summaries) {
                eps << s.epsilon;
                accuracy << s.adversarialAccuracy();
            }
            Q_EMIT curveReady(request.models[m], eps, accuracy,
                              report.summaries.empty() ? 0.0
                                                       : report.summaries.front().cleanAccuracy());
            Q_EMIT progress(perModel * (m + 1), total);
        }
        Q_EMIT curvesFinished(stop.stop_requested());
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromStdString(e.what()));
    }
}

void AttackWorker::runPendingExample()
{
    ExampleRequest request;
    {
        std::lock_guard lock(m_mutex);
        if (!m_pendingExample)
            return;
        request = *m_pendingExample;
        m_pendingExample.reset();
    }
    try {
        const core::Dataset &data = dataset(request.data);
        const auto example
            = core::AttackRunner::example(model(request.model, data), data, request.index,
                                          request.attack.toStdString(), request.settings);
        Q_EMIT exampleReady(example, classNames(data));
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromStdString(e.what()));
    }
}

} // namespace sparsescope::app
