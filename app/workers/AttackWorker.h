// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/robustness/AttackReport.h"
#include "sparsescope/core/robustness/AttackSettings.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <map>
#include <memory>
#include <mutex>
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

/// Runs attacks on the thread it was moved to (Qt's Controller/Worker pattern; the
/// RobustnessPanel owns the threads). Models and datasets are loaded once and kept.
/// requestStop() is a plain thread-safe function, not a slot: while a job runs this object's
/// event loop is blocked inside core::AttackRunner.
class AttackWorker : public QObject
{
    Q_OBJECT

public:
    explicit AttackWorker(QObject *parent = nullptr);
    ~AttackWorker() override;

    /// From any thread: queues the curves; ends with curvesFinished() or failed().
    void startCurves(const CurveRequest &request);
    /// From any thread: the newest request replaces one that has not started yet, so a dragged
    /// slider computes only the positions the worker can keep up with.
    void requestExample(const ExampleRequest &request);
    void requestStop();

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
    void runCurves(const CurveRequest &request, std::stop_token stop);
    void runPendingExample();
    const core::Model &model(const QString &reference, const core::Dataset &data);
    const core::Dataset &dataset(const QString &spec);

    std::map<std::string, std::unique_ptr<core::Model>> m_models;
    std::map<std::string, std::unique_ptr<core::Dataset>> m_datasets;
    std::mutex m_mutex;
    std::stop_source m_stopSource;
    std::optional<ExampleRequest> m_pendingExample;
};

} // namespace sparsescope::app

Q_DECLARE_METATYPE(sparsescope::core::AdversarialExample)
