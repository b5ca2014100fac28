// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/AtlasScatter.h"

#include "PlotStyle_p.h"
#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QTextStream>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace sparsescope::widgets {

namespace {
const QCPScatterStyle::ScatterShape kShapes[] = {QCPScatterStyle::ssDisc,
                                                 QCPScatterStyle::ssSquare,
                                                 QCPScatterStyle::ssDiamond,
                                                 QCPScatterStyle::ssTriangle,
                                                 QCPScatterStyle::ssTriangleInverted,
                                                 QCPScatterStyle::ssCross,
                                                 QCPScatterStyle::ssPlus,
                                                 QCPScatterStyle::ssStar};

bool drawable(const AtlasPoint &p, bool logX)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && (!logX || p.x > 0);
}
} // namespace

AtlasScatter::AtlasScatter(QWidget *parent)
    : QCustomPlot(parent)
{
    setMinimumSize(220, 160);
    setMouseTracking(true);
    applyPlotStyle(*this);
    m_placeholder = addPlaceholder(*this);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &AtlasScatter::showContextMenu);
}

void AtlasScatter::setAxisLabels(const QString &x, const QString &y)
{
    xAxis->setLabel(x);
    yAxis->setLabel(y);
    replot(rpQueuedReplot);
}

void AtlasScatter::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(pointCount() == 0);
    replot(rpQueuedReplot);
}

void AtlasScatter::setLogarithmicX(bool logarithmic)
{
    m_logX = logarithmic;
    xAxis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic)
        xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    setPoints(m_points, {}, m_front);
}

void AtlasScatter::setPoints(const QVector<AtlasPoint> &points, const QStringList &series,
                             const QVector<int> &front)
{
    QStringList names = series;
    if (names.isEmpty())
        for (int i = 0; i < legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
                names << item->plottable()->name();
    m_points = points;
    m_front = front;
    clearGraphs();
    // The Pareto front first (under the points).
    QCPGraph *frontLine = addGraph();
    frontLine->setName(tr("Pareto front"));
    frontLine->setPen(QPen(QColor(90, 90, 90), 1.2, Qt::DashLine));
    for (int index : front)
        if (index >= 0 && index < points.size() && drawable(points[index], m_logX))
            frontLine->addData(points[index].x, points[index].y);
    if (frontLine->dataCount() == 0)
        frontLine->removeFromLegend();
    // One graph per (series, shape): QCustomPlot draws one marker style per graph.
    std::map<std::pair<int, int>, QCPGraph *> graphs;
    for (const auto &p : points) {
        if (!drawable(p, m_logX))
            continue;
        QCPGraph *&graph = graphs[{p.series, p.shape}];
        if (!graph) {
            graph = addGraph();
            const QColor colour = plotColour(std::size_t(std::abs(p.series)));
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(
                QCPScatterStyle(kShapes[std::abs(p.shape) % 8], colour,
                                QColor(colour.red(), colour.green(), colour.blue(), 90), 8));
            graph->setPen(QPen(colour));
            graph->setName(p.series < names.size() ? names[p.series] : QString());
            // One legend entry per series: its first shape.
            bool listed = false;
            for (const auto &[key, other] : graphs)
                listed |= other && other != graph && key.first == p.series;
            if (listed || graph->name().isEmpty())
                graph->removeFromLegend();
        }
        graph->addData(p.x, p.y);
    }
    m_selection = addGraph();
    m_selection->setLineStyle(QCPGraph::lsNone);
    m_selection->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), Qt::NoBrush, 16));
    m_selection->removeFromLegend();
    if (m_selected >= points.size())
        m_selected = -1;
    setSelected(m_selected);
    m_placeholder->setVisible(pointCount() == 0);
    fitAxes();
}

void AtlasScatter::setSelected(int index)
{
    m_selected = index >= 0 && index < m_points.size() ? index : -1;
    if (!m_selection)
        return;
    m_selection->data()->clear();
    if (m_selected >= 0 && drawable(m_points[m_selected], m_logX))
        m_selection->addData(m_points[m_selected].x, m_points[m_selected].y);
    replot(rpQueuedReplot);
}

int AtlasScatter::pointCount() const
{
    return int(std::count_if(m_points.begin(), m_points.end(),
                             [this](const AtlasPoint &p) { return drawable(p, m_logX); }));
}

QPointF AtlasScatter::pixelOf(int index) const
{
    if (index < 0 || index >= m_points.size())
        return {};
    return {xAxis->coordToPixel(m_points[index].x), yAxis->coordToPixel(m_points[index].y)};
}

int AtlasScatter::memberAt(const QPointF &position, double radius) const
{
    int best = -1;
    double bestDistance = radius * radius;
    for (int i = 0; i < m_points.size(); ++i) {
        if (!drawable(m_points[i], m_logX))
            continue;
        const QPointF d = pixelOf(i) - position;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

void AtlasScatter::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const int index = memberAt(event->position());
        if (index >= 0) {
            setSelected(index);
            Q_EMIT memberClicked(index);
        }
    }
    QCustomPlot::mousePressEvent(event);
}

void AtlasScatter::mouseMoveEvent(QMouseEvent *event)
{
    const int index = memberAt(event->position());
    if (index >= 0)
        QToolTip::showText(event->globalPosition().toPoint(),
                           QStringLiteral("%1\n%2 = %3\n%4 = %5")
                               .arg(m_points[index].label, xAxis->label(),
                                    QString::number(m_points[index].x, 'g', 4), yAxis->label(),
                                    QString::number(m_points[index].y, 'g', 4)),
                           this);
    else
        QToolTip::hideText();
    QCustomPlot::mouseMoveEvent(event);
}

void AtlasScatter::fitAxes()
{
    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin;
    double yMin = xMin, yMax = -xMin;
    for (const auto &p : m_points) {
        if (!drawable(p, m_logX))
            continue;
        xMin = std::min(xMin, p.x);
        xMax = std::max(xMax, p.x);
        yMin = std::min(yMin, p.y);
        yMax = std::max(yMax, p.y);
    }
    if (!std::isfinite(xMin)) {
        xAxis->setRange(m_logX ? 1 : 0, m_logX ? 10 : 1);
        yAxis->setRange(0, 1);
    } else {
        if (m_logX)
            xAxis->setRange(xMin / 1.3, xMax * 1.3);
        else {
            const double padX
                = xMax > xMin ? (xMax - xMin) * 0.06 : std::max(1e-9, std::abs(xMax) * 0.1);
            xAxis->setRange(xMin - padX, xMax + padX);
        }
        const double padY
            = yMax > yMin ? (yMax - yMin) * 0.08 : std::max(1e-9, std::abs(yMax) * 0.1);
        yAxis->setRange(yMin - padY, yMax + padY);
    }
    replot(rpQueuedReplot);
}

bool AtlasScatter::exportFigure(const QString &path, int width, int height)
{
    return FigureExport::save(*this, path, m_title, width, height);
}

bool AtlasScatter::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "member," << FigureExport::csvField(xAxis->label()) << ','
        << FigureExport::csvField(yAxis->label()) << ",pareto\n";
    for (int i = 0; i < m_points.size(); ++i)
        out << FigureExport::csvField(m_points[i].label) << ',' << m_points[i].x << ','
            << m_points[i].y << ',' << (m_front.contains(i) ? 1 : 0) << '\n';
    out.flush();
    return file.error() == QFile::NoError;
}

void AtlasScatter::showContextMenu(const QPoint &position)
{
    FigureExport::showExportMenu(
        *this, position, m_title.isEmpty() ? QStringLiteral("atlas") : m_title,
        [this](const QString &path) { return exportFigure(path); },
        [this](const QString &path) { return exportCsv(path); });
}

} // namespace sparsescope::widgets
