// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/EpochTableModel.h"

#include <QFile>
#include <QTextStream>

namespace sparsescope::widgets {

namespace {
QString percent(double fraction)
{
    if (fraction < 0.0)
        return QStringLiteral("—");
    return QStringLiteral("%1 %").arg(fraction * 100.0, 0, 'f', 2);
}

double rawValue(const core::EpochMetrics &epoch, int column)
{
    switch (column) {
    case EpochTableModel::EpochColumn:
        return epoch.epoch;
    case EpochTableModel::LossColumn:
        return epoch.loss;
    case EpochTableModel::TrainAccuracyColumn:
        return epoch.trainAccuracy;
    case EpochTableModel::TestAccuracyColumn:
        return epoch.testAccuracy;
    case EpochTableModel::LearningRateColumn:
        return epoch.learningRate;
    case EpochTableModel::SecondsColumn:
        return epoch.seconds;
    default:
        return 0.0;
    }
}

QString displayText(const core::EpochMetrics &epoch, int column)
{
    switch (column) {
    case EpochTableModel::EpochColumn:
        return QString::number(epoch.epoch);
    case EpochTableModel::LossColumn:
        return QString::number(epoch.loss, 'f', 4);
    case EpochTableModel::TrainAccuracyColumn:
        return percent(epoch.trainAccuracy);
    case EpochTableModel::TestAccuracyColumn:
        return percent(epoch.testAccuracy);
    case EpochTableModel::LearningRateColumn:
        return QString::number(epoch.learningRate, 'g', 4);
    case EpochTableModel::SecondsColumn:
        return QString::number(epoch.seconds, 'f', 1);
    default:
        return {};
    }
}
} // namespace

EpochTableModel::EpochTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int EpochTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_epochs.size());
}

int EpochTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EpochTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::EpochMetrics &epoch = m_epochs[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(epoch, index.column());
    case Qt::UserRole:
        return rawValue(epoch, index.column());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant EpochTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EpochColumn:
        return tr("Epoch");
    case LossColumn:
        return tr("Loss");
    case TrainAccuracyColumn:
        return tr("Train acc.");
    case TestAccuracyColumn:
        return tr("Test acc.");
    case LearningRateColumn:
        return tr("LR");
    case SecondsColumn:
        return tr("Seconds");
    default:
        return {};
    }
}

void EpochTableModel::append(const core::EpochMetrics &epoch)
{
    const int row = static_cast<int>(m_epochs.size());
    beginInsertRows({}, row, row);
    m_epochs.push_back(epoch);
    endInsertRows();
}

void EpochTableModel::setEpochs(std::vector<core::EpochMetrics> epochs)
{
    beginResetModel();
    m_epochs = std::move(epochs);
    endResetModel();
}

void EpochTableModel::clear()
{
    setEpochs({});
}

bool EpochTableModel::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "epoch,loss,train_accuracy,test_accuracy,test_loss,lr,seconds,sparsity,macs,dense_"
           "macs\n";
    const auto number = [](double value) {
        return QString::number(value, 'g', 9);
    };
    for (const core::EpochMetrics &e : m_epochs)
        out << e.epoch << ',' << number(e.loss) << ',' << number(e.trainAccuracy) << ','
            << number(e.testAccuracy) << ',' << number(e.testLoss) << ',' << number(e.learningRate)
            << ',' << number(e.seconds) << ',' << number(e.sparsity) << ',' << number(e.macs) << ','
            << number(e.denseMacs) << '\n';
    out.flush();
    return file.error() == QFile::NoError;
}

} // namespace sparsescope::widgets
