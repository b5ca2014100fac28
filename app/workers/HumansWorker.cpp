// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/HumansWorker.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include <chrono>
#include <exception>
#include <set>

namespace sparsescope::app {

HumansWorker::HumansWorker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const HumansData>>();
    qRegisterMetaType<std::shared_ptr<const ConsistencyData>>();
}

void HumansWorker::load(const QStringList &directories, const QString &dnnColumn)
{
    QMetaObject::invokeMethod(
        this,
        [this, directories, dnnColumn] {
            try {
                const auto start = std::chrono::steady_clock::now();
                auto data = std::make_shared<HumansData>();
                core::TrialReadOptions options;
                options.dnnResponseColumn = dnnColumn.toStdString();
                for (const QString &directory : directories) {
                    if (directory.trimmed().isEmpty())
                        continue;
                    core::TrialTable part = core::TrialCsvReader::readDirectory(
                        directory.trimmed().toStdString(), options);
                    if (data->table.empty())
                        data->table = std::move(part);
                    else
                        data->table.appendTable(part);
                }
                if (data->table.empty())
                    throw core::Error(directories.join(QLatin1Char(';')).toStdString(),
                                      "no trials found",
                                      "point to a clone of github.com/rgeirhos/"
                                      "generalisation-humans-DNNs or its raw-data folder");
                data->summary = core::ConditionSummary::compute(data->table);
                std::set<std::string> seen;
                for (const auto &row : data->summary)
                    if (seen.insert(row.experiment).second)
                        data->experiments.push_back(row.experiment);
                data->seconds
                    = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                          .count();
                Q_EMIT loaded(std::move(data));
            } catch (const std::exception &error) {
                Q_EMIT failed(QString::fromStdString(error.what()));
            }
        },
        Qt::QueuedConnection);
}

void HumansWorker::computeConsistency(std::shared_ptr<const HumansData> data,
                                      const QString &experiment)
{
    QMetaObject::invokeMethod(
        this,
        [this, data, experiment] {
            try {
                const std::string name = experiment.toStdString();
                const auto id = data->table.experimentNames().find(name);
                if (id < 0)
                    throw core::Error("", "no experiment '" + name + "' in the loaded trials");
                auto result = std::make_shared<ConsistencyData>();
                result->experiment = name;
                result->rows = core::ConsistencyTable::compute(data->table, id);
                Q_EMIT consistencyReady(std::move(result));
            } catch (const std::exception &error) {
                Q_EMIT failed(QString::fromStdString(error.what()));
            }
        },
        Qt::QueuedConnection);
}

} // namespace sparsescope::app
