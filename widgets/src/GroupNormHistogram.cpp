// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/GroupNormHistogram.h"

#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace sparsescope::widgets {

GroupNormHistogram::GroupNormHistogram(QWidget *parent)
    : QCustomPlot(parent)
{
    setMinimumSize(300, 200);
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    xAxis->setNumberFormat(QStringLiteral("eb"));
    xAxis->setNumberPrecision(0);
    xAxis->setLabel(tr("group norm ‖w_g‖₂ (log)"));
    yAxis->setLabel(tr("groups"));
    xAxis->grid()->setPen(QPen(QColor(225, 225, 225), 0, Qt::SolidLine));
    yAxis->grid()->setPen(QPen(QColor(225, 225, 225), 0, Qt::SolidLine));

    m_histogram = addGraph();
    m_histogram->setName(tr("nonzero groups"));
    m_histogram->setLineStyle(QCPGraph::lsStepLeft);
    m_histogram->setPen(QPen(QColor(31, 119, 180), 1.5));
    m_histogram->setBrush(QColor(31, 119, 180, 110));
    m_zeros = addGraph();
    m_zeros->setName(tr("exactly zero"));
    m_zeros->setLineStyle(QCPGraph::lsStepLeft);
    m_zeros->setPen(QPen(QColor(110, 110, 110), 1.5));
    m_zeros->setBrush(QColor(150, 150, 150, 160));

    m_zeroLine = new QCPItemStraightLine(this);
    m_zeroLine->setPen(QPen(QColor(200, 40, 40), 1.2, Qt::DashLine));
    m_zeroLabel = new QCPItemText(this);
    m_zeroLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_zeroLabel->position->setCoords(0.02, 0.03);
    m_zeroLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_zeroLabel->setColor(QColor(200, 40, 40));
    m_placeholder = new QCPItemText(this);
    m_placeholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_placeholder->position->setCoords(0.5, 0.5);
    m_placeholder->setColor(QColor(120, 120, 120));
    m_placeholder->setClipToAxisRect(false);
    m_placeholder->setText(tr("Group norms appear while a model trains."));
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &GroupNormHistogram::showContextMenu);
    redraw();
}

QString GroupNormHistogram::groupName(Group group)
{
    switch (group) {
    case Group::Channels:
        return tr("channels");
    case Group::Columns:
        return tr("filter-shape columns");
    case Group::Filters:
        break;
    }
    return tr("filters");
}

void GroupNormHistogram::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    replot(rpQueuedReplot);
}

void GroupNormHistogram::setBinsPerDecade(int bins)
{
    m_binsPerDecade = std::max(1, bins);
    redraw();
}

void GroupNormHistogram::setStructure(const std::vector<core::LayerStructure> &layers)
{
    const QStringList before = layerNames();
    m_layers = layers;
    const QStringList after = layerNames();
    if (!after.contains(m_layer))
        m_layer = after.isEmpty() ? QString() : after.first();
    if (after != before)
        Q_EMIT layersChanged(after);
    redraw();
}

void GroupNormHistogram::clear()
{
    setStructure({});
}

void GroupNormHistogram::setLayer(const QString &name)
{
    if (!layerNames().contains(name) || name == m_layer)
        return;
    m_layer = name;
    redraw();
}

void GroupNormHistogram::setGroup(Group group)
{
    if (group == m_group)
        return;
    m_group = group;
    redraw();
}

QStringList GroupNormHistogram::layerNames() const
{
    QStringList names;
    for (const auto &layer : m_layers)
        names << QString::fromStdString(layer.name);
    return names;
}

void GroupNormHistogram::redraw()
{
    m_norms.clear();
    m_edges.clear();
    m_counts.clear();
    m_zeroCount = 0;
    const auto layer = std::find_if(m_layers.cbegin(), m_layers.cend(), [this](const auto &l) {
        return QString::fromStdString(l.name) == m_layer;
    });
    if (layer != m_layers.cend()) {
        switch (m_group) {
        case Group::Filters:
            m_norms = layer->rowNorms;
            break;
        case Group::Channels:
            m_norms = layer->channelNorms;
            break;
        case Group::Columns:
            m_norms = layer->columnNorms;
            break;
        }
    }
    float smallest = 0.0F;
    float largest = 0.0F;
    for (float norm : m_norms) {
        if (norm == 0.0F) {
            ++m_zeroCount;
            continue;
        }
        smallest = smallest == 0.0F ? norm : std::min(smallest, norm);
        largest = std::max(largest, norm);
    }
    const double perDecade = m_binsPerDecade;
    // Bin edges on whole fractions of a decade, so that a bin does not move while norms shrink.
    double low = -4.0;
    double high = 0.0;
    if (largest > 0.0F) {
        low = std::floor(std::log10(double(smallest)) * perDecade) / perDecade;
        high = std::ceil(std::log10(double(largest)) * perDecade) / perDecade;
        if (high <= low)
            high = low + 1.0 / perDecade;
    }
    const int bins = std::max(1, int(std::lround((high - low) * perDecade)));
    for (int i = 0; i <= bins; ++i)
        m_edges << std::pow(10.0, low + i / perDecade);
    m_counts.fill(0.0, bins);
    for (float norm : m_norms) {
        if (norm == 0.0F)
            continue;
        const int bin = std::clamp(int(std::floor((std::log10(double(norm)) - low) * perDecade)), 0,
                                   bins - 1);
        m_counts[bin] += 1.0;
    }
    m_edges.removeLast(); // left edges only; the right end is drawn below

    QVector<double> keys = m_edges;
    QVector<double> values = m_counts;
    keys << std::pow(10.0, high);
    values << 0.0;
    const bool any = !m_norms.empty();
    m_histogram->setData(any ? keys : QVector<double>(), any ? values : QVector<double>(), true);
    // Exact zeros: a bar one bin wide, one bin left of the first nonzero bin.
    const double zeroLeft = std::pow(10.0, low - 2.0 / perDecade);
    const double zeroRight = std::pow(10.0, low - 1.0 / perDecade);
    const double zeroLine = std::pow(10.0, low - 0.5 / perDecade);
    m_zeros->setData(any ? QVector<double> {zeroLeft, zeroRight} : QVector<double>(),
                     any ? QVector<double> {double(m_zeroCount), 0.0} : QVector<double>(), true);
    m_zeroLine->point1->setCoords(zeroLine, 0.0);
    m_zeroLine->point2->setCoords(zeroLine, 1.0);
    m_zeroLine->setVisible(any);
    m_zeroLabel->setVisible(any);
    m_zeroLabel->setText(tr("%1 · %2 of %3 %4 exactly zero (grey, left of the line)")
                             .arg(m_layer)
                             .arg(m_zeroCount)
                             .arg(m_norms.size())
                             .arg(groupName(m_group)));
    m_placeholder->setVisible(!any);
    xAxis->setRange(std::pow(10.0, low - 2.5 / perDecade), std::pow(10.0, high + 0.5 / perDecade));
    double top = m_zeroCount;
    for (double count : m_counts)
        top = std::max(top, count);
    yAxis->setRange(0.0, std::max(1.0, top * 1.18));
    replot(rpQueuedReplot);
}

bool GroupNormHistogram::exportFigure(const QString &path, int width, int height)
{
    return FigureExport::save(*this, path, tr("Group norms"), width, height);
}

bool GroupNormHistogram::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "layer,group,index,norm\n";
    const QString group = m_group == Group::Filters ? QStringLiteral("filter")
        : m_group == Group::Channels                ? QStringLiteral("channel")
                                                    : QStringLiteral("column");
    for (std::size_t i = 0; i < m_norms.size(); ++i)
        out << m_layer << ',' << group << ',' << i << ',' << QString::number(m_norms[i], 'g', 9)
            << '\n';
    out.flush();
    return file.error() == QFileDevice::NoError;
}

void GroupNormHistogram::showContextMenu(const QPoint &position)
{
    FigureExport::showExportMenu(
        *this, position, QStringLiteral("group-norms"),
        [this](const QString &path) { return exportFigure(path); },
        [this](const QString &path) { return exportCsv(path); });
}

} // namespace sparsescope::widgets
