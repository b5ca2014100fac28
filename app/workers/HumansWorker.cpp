// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/HumansWorker.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include <chrono>
#include <set>

namespace sparsescope::app {

std::shared_ptr<const HumansData> HumansWorker::load(const QStringList &directories,
                                                     const QString &dnnColumn,
                                                     core::JobObserver &observer,
                                                     std::stop_token stop)
{
    const auto start = std::chrono::steady_clock::now();
    auto data = std::make_shared<HumansData>();
    core::TrialReadOptions options;
    options.dnnResponseColumn = dnnColumn.toStdString();
    std::size_t done = 0;
    for (const QString &directory : directories) {
        if (stop.stop_requested())
            return nullptr;
        observer.onProgress(done++, std::size_t(directories.size()));
        if (directory.trimmed().isEmpty())
            continue;
        observer.onMessage("reading " + directory.trimmed().toStdString());
        core::TrialTable part
            = core::TrialCsvReader::readDirectory(directory.trimmed().toStdString(), options);
        if (data->table.empty())
            data->table = std::move(part);
        else
            data->table.appendTable(part);
    }
    if (data->table.empty())
        throw core::Error(directories.join(QLatin1Char(';')).toStdString(), "no trials found",
                          "point to a clone of github.com/rgeirhos/"
                          "generalisation-humans-DNNs or its raw-data folder");
    data->summary = core::ConditionSummary::compute(data->table);
    std::set<std::string> seen;
    for (const auto &row : data->summary)
        if (seen.insert(row.experiment).second)
            data->experiments.push_back(row.experiment);
    data->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    observer.onProgress(std::size_t(directories.size()), std::size_t(directories.size()));
    return data;
}

std::shared_ptr<const ConsistencyData>
HumansWorker::computeConsistency(const std::shared_ptr<const HumansData> &data,
                                 const std::string &experiment)
{
    const auto id = data->table.experimentNames().find(experiment);
    if (id < 0)
        throw core::Error("", "no experiment '" + experiment + "' in the loaded trials");
    auto result = std::make_shared<ConsistencyData>();
    result->experiment = experiment;
    result->rows = core::ConsistencyTable::compute(data->table, id);
    return result;
}

} // namespace sparsescope::app
