// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"

#include "sparsescope/core/robustness/AttackReport.h"
#include "sparsescope/core/robustness/AttackSettings.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {
class Dataset;
class Model;
} // namespace sparsescope::core

namespace sparsescope::app {

/// Accuracy against ε for several models on one dataset.
struct CurveRequest
{
    QStringList models;
    QString data;
    QString attack;
    std::vector<double> epsilons;
    core::AttackSettings settings;
    std::size_t limit = 500;
};

/// One sample attacked at one ε (the panel's live view).
struct ExampleRequest
{
    QString model;
    QString data;
    std::size_t index = 0;
    QString attack;
    core::AttackSettings settings;
};

/// Runs attacks as jobs of its own JobController (it lives on the GUI thread and its signals
/// come there). Models and datasets are loaded once and kept; a model file (or a run folder's
/// model.pt) that changed on disk since is loaded again.
class AttackWorker : public QObject
{
    Q_OBJECT

public:
    explicit AttackWorker(const QString &name, QObject *parent = nullptr);
    /// Stops a running job and joins its thread before anything else goes.
    ~AttackWorker() override;

    /// Starts the curves; ends with curvesFinished() or failed(). False while a job runs.
    bool startCurves(const CurveRequest &request);
    /// The newest request replaces one that has not started yet, so a dragged slider computes
    /// only the positions the worker can keep up with.
    void requestExample(const ExampleRequest &request);
    void requestStop();
    bool isRunning() const;

Q_SIGNALS:
    /// Samples attacked so far over all models and ε (throttled to ~10 per second).
    void progress(qint64 done, qint64 total);
    void curveReady(const QString &model, const QVector<double> &epsilons,
                    const QVector<double> &accuracy, double cleanAccuracy);
    void curvesFinished(bool cancelled);
    void exampleReady(const sparsescope::core::AdversarialExample &example,
                      const QStringList &classNames);
    /// Bad input (the message names the file) or a library error.
    void failed(const QString &message);

private:
    /// On the job's thread (jobs run one at a time: the caches need no lock).
    void runCurves(const CurveRequest &request, core::JobObserver &observer, std::stop_token stop);
    void runExample(const ExampleRequest &request);
    void startPendingExample();
    const core::Model &model(const QString &reference, const core::Dataset &data);
    const core::Dataset &dataset(const QString &spec);

    struct CachedModel
    {
        std::unique_ptr<core::Model> model;
        std::string stamp; ///< the file's size and modification time when it was loaded
    };
    std::map<std::string, CachedModel> m_models;
    std::map<std::string, std::unique_ptr<core::Dataset>> m_datasets;
    JobController *m_jobs = nullptr;
    bool m_curvesRunning = false;
    std::optional<ExampleRequest> m_pendingExample;
};

} // namespace sparsescope::app

Q_DECLARE_METATYPE(sparsescope::core::AdversarialExample)
