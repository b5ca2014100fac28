// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/SeriesPlot.h"

#include "PlotStyle_p.h"
#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sparsescope::widgets {

SeriesPlot::SeriesPlot(QWidget *parent)
    : QCustomPlot(parent)
{
    setMinimumSize(300, 200);
    applyPlotStyle(*this);
    m_placeholder = addPlaceholder(*this);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &SeriesPlot::showContextMenu);
    fitAxes();
}

void SeriesPlot::setAxisLabels(const QString &x, const QString &y)
{
    m_xLabel = x;
    m_yLabel = y;
    xAxis->setLabel(x);
    yAxis->setLabel(y);
    replot(rpQueuedReplot);
}

void SeriesPlot::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(graphCount() == 0);
    replot(rpQueuedReplot);
}

void SeriesPlot::setLogarithmicX(bool logarithmic)
{
    xAxis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic)
        xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    fitAxes();
}

void SeriesPlot::setCategoryTicks(const QStringList &labels)
{
    if (labels.isEmpty()) {
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    } else {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int i = 0; i < labels.size(); ++i)
            ticker->addTick(i, labels[i]);
        xAxis->setTicker(ticker);
    }
    fitAxes();
}

QCPGraph *SeriesPlot::find(const QString &name) const
{
    for (int i = 0; i < graphCount(); ++i)
        if (graph(i)->name() == name)
            return graph(i);
    return nullptr;
}

void SeriesPlot::setSeries(const QString &name, const QVector<double> &x, const QVector<double> &y,
                           Style style)
{
    QCPGraph *g = find(name);
    if (!g) {
        g = addGraph();
        g->setName(name);
        const QColor colour = style == Style::Line ? QColor(127, 127, 127)
                                                   : plotColour(std::size_t(m_colourIndex++));
        g->setPen(style == Style::Line ? QPen(colour, 1, Qt::DashLine) : QPen(colour, 2));
        if (style == Style::Markers) {
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 5));
        } else if (style == Style::LinesAndMarkers) {
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 7));
        }
    }
    // NaN points (no value) are left out rather than drawn as gaps at zero.
    QVector<double> keys, values;
    for (int i = 0; i < std::min(x.size(), y.size()); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            keys.push_back(x[i]);
            values.push_back(y[i]);
        }
    g->setData(keys, values);
    m_placeholder->setVisible(false);
    fitAxes();
}

void SeriesPlot::removeSeries(const QString &name)
{
    if (QCPGraph *g = find(name))
        removeGraph(g);
    m_placeholder->setVisible(graphCount() == 0);
    fitAxes();
}

void SeriesPlot::clearSeries()
{
    clearGraphs();
    m_colourIndex = 0;
    m_placeholder->setVisible(true);
    fitAxes();
}

QStringList SeriesPlot::seriesNames() const
{
    QStringList names;
    for (int i = 0; i < graphCount(); ++i)
        names << graph(i)->name();
    return names;
}

QVector<double> SeriesPlot::seriesY(const QString &name) const
{
    QVector<double> values;
    if (const QCPGraph *g = find(name))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            values.push_back(it->value);
    return values;
}

void SeriesPlot::fitAxes()
{
    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin;
    double yMin = xMin, yMax = -xMin;
    for (int i = 0; i < graphCount(); ++i)
        for (auto it = graph(i)->data()->constBegin(); it != graph(i)->data()->constEnd(); ++it) {
            xMin = std::min(xMin, it->key);
            xMax = std::max(xMax, it->key);
            yMin = std::min(yMin, it->value);
            yMax = std::max(yMax, it->value);
        }
    if (!std::isfinite(xMin)) {
        xAxis->setRange(xAxis->scaleType() == QCPAxis::stLogarithmic ? 0.01 : 0.0, 1.0);
        yAxis->setRange(0.0, 1.0);
    } else {
        const bool logarithmic = xAxis->scaleType() == QCPAxis::stLogarithmic;
        if (logarithmic)
            xAxis->setRange(xMin / 1.3, xMax * 1.3);
        else {
            const double pad = xMax > xMin ? 0.04 * (xMax - xMin) : 0.5;
            xAxis->setRange(xMin - pad, xMax + pad);
        }
        // Rates stay anchored at 0; other values get a margin.
        const double low = yMin >= 0.0 ? 0.0 : yMin - 0.05 * (yMax - yMin);
        const double high = yMax > low ? yMax + 0.06 * (yMax - low) : low + 1.0;
        yAxis->setRange(low, high);
    }
    replot(rpQueuedReplot);
}

bool SeriesPlot::exportFigure(const QString &path, int width, int height)
{
    return FigureExport::save(*this, path, m_title, width, height);
}

bool SeriesPlot::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    const auto quoted = &FigureExport::csvField;
    out << "series," << quoted(m_xLabel.isEmpty() ? QStringLiteral("x") : m_xLabel) << ','
        << quoted(m_yLabel.isEmpty() ? QStringLiteral("y") : m_yLabel) << '\n';
    for (int i = 0; i < graphCount(); ++i)
        for (auto it = graph(i)->data()->constBegin(); it != graph(i)->data()->constEnd(); ++it)
            out << quoted(graph(i)->name()) << ',' << QString::number(it->key, 'g', 10) << ','
                << QString::number(it->value, 'g', 10) << '\n';
    out.flush();
    return file.error() == QFile::NoError;
}

void SeriesPlot::showContextMenu(const QPoint &position)
{
    FigureExport::showExportMenu(
        *this, position, QStringLiteral("figure"),
        [this](const QString &path) { return exportFigure(path); },
        [this](const QString &path) { return exportCsv(path); });
}

} // namespace sparsescope::widgets
