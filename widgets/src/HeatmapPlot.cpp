// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/HeatmapPlot.h"

#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QTextStream>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sparsescope::widgets {

HeatmapPlot::HeatmapPlot(QWidget *parent)
    : QCustomPlot(parent)
{
    setMinimumSize(300, 200);
    setMouseTracking(true);
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);
    m_scale = new QCPColorScale(this);
    m_scale->setType(QCPAxis::atRight);
    plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(225, 225, 225));
    m_map->setGradient(gradient);
    auto *margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    yAxis->setRangeReversed(true); // unit 0 at the top, as a matrix is read
    m_placeholder = new QCPItemText(this);
    m_placeholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_placeholder->position->setCoords(0.5, 0.5);
    m_placeholder->setColor(QColor(120, 120, 120));
    m_placeholder->setClipToAxisRect(false);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &HeatmapPlot::showContextMenu);
    redraw();
}

void HeatmapPlot::setAxisLabels(const QString &columns, const QString &rows)
{
    xAxis->setLabel(columns);
    yAxis->setLabel(rows);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setTitle(const QString &title)
{
    m_title = title;
    m_scale->axis()->setLabel(title);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setLogarithmic(bool logarithmic)
{
    m_logarithmic = logarithmic;
    redraw();
}

void HeatmapPlot::setColumnNames(const QStringList &names)
{
    m_columnNames = names;
    if (m_namedTicks)
        redraw();
}

void HeatmapPlot::setRowNames(const QStringList &names)
{
    m_rowNames = names;
    redraw();
}

void HeatmapPlot::setNamedTicks(bool named)
{
    m_namedTicks = named;
    redraw();
}

void HeatmapPlot::setCellLabels(bool shown, int decimals)
{
    m_cellLabels = shown;
    m_cellDecimals = decimals;
    redraw();
}

void HeatmapPlot::setMatrix(int rows, int columns, const QVector<float> &values)
{
    if (rows <= 0 || columns <= 0 || values.size() != qsizetype(rows) * columns) {
        clearMatrix();
        return;
    }
    m_rows = rows;
    m_columns = columns;
    m_values = values;
    redraw();
}

void HeatmapPlot::clearMatrix()
{
    m_rows = 0;
    m_columns = 0;
    m_values.clear();
    redraw();
}

QCPRange HeatmapPlot::colourRange() const
{
    return m_map->dataRange();
}

void HeatmapPlot::redraw()
{
    m_zeroCount = 0;
    for (QCPItemText *label : m_labels)
        removeItem(label);
    m_labels.clear();
    m_placeholder->setVisible(!hasMatrix());
    m_map->setVisible(hasMatrix());
    if (!hasMatrix()) {
        m_map->data()->setSize(1, 1);
        xAxis->setRange(0, 1);
        yAxis->setRange(0, 1);
        replot(rpQueuedReplot);
        return;
    }
    QCPColorMapData *data = m_map->data();
    data->setSize(m_columns, m_rows);
    data->setRange(QCPRange(0, m_columns - 1), QCPRange(0, m_rows - 1));
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (int r = 0; r < m_rows; ++r)
        for (int c = 0; c < m_columns; ++c) {
            const double v = m_values[qsizetype(r) * m_columns + c];
            double shown = v;
            if (v == 0.0)
                ++m_zeroCount;
            if (m_logarithmic)
                shown = v > 0.0 ? std::log10(v) : std::numeric_limits<double>::quiet_NaN();
            if (std::isfinite(shown)) {
                low = std::min(low, shown);
                high = std::max(high, shown);
            }
            data->setCell(c, r, shown);
        }
    if (!std::isfinite(low)) {
        low = 0.0;
        high = 1.0;
    }
    if (high <= low)
        high = low + 1.0;
    m_map->setDataRange(QCPRange(low, high));
    m_scale->axis()->setLabel(m_logarithmic ? m_title + QStringLiteral(" (log₁₀)") : m_title);
    xAxis->setRange(-0.5, m_columns - 0.5);
    yAxis->setRange(-0.5, m_rows - 0.5);
    const auto ticks = [](const QStringList &names, int count) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int i = 0; i < count; ++i)
            ticker->addTick(i, i < names.size() ? names[i] : QString::number(i));
        return ticker;
    };
    if (m_namedTicks) {
        xAxis->setTicker(ticks(m_columnNames, m_columns));
        yAxis->setTicker(ticks(m_rowNames, m_rows));
        xAxis->setTickLabelRotation(m_columns > 6 ? 60 : 0);
    } else {
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        xAxis->setTickLabelRotation(0);
    }
    if (m_cellLabels && qsizetype(m_rows) * m_columns <= 900) {
        const double middle = 0.5 * (low + high);
        for (int r = 0; r < m_rows; ++r)
            for (int c = 0; c < m_columns; ++c) {
                const double v = m_values[qsizetype(r) * m_columns + c];
                if (!std::isfinite(v))
                    continue;
                auto *label = new QCPItemText(this);
                label->position->setCoords(c, r);
                label->setText(QString::number(v, 'f', m_cellDecimals));
                const double shown = m_logarithmic ? (v > 0 ? std::log10(v) : low) : v;
                // Thermal colours: dark at the low end, light at the high end.
                label->setColor(shown > middle ? Qt::black : Qt::white);
                m_labels << label;
            }
    }
    replot(rpQueuedReplot);
}

QString HeatmapPlot::describeCell(int row, int column) const
{
    if (row < 0 || column < 0 || row >= m_rows || column >= m_columns)
        return {};
    const QString name = column < m_columnNames.size() ? m_columnNames[column]
                                                       : QStringLiteral("input %1").arg(column);
    const QString rowName
        = row < m_rowNames.size() ? m_rowNames[row] : QStringLiteral("unit %1").arg(row);
    const double v = m_values[qsizetype(row) * m_columns + column];
    return tr("%1 · %2\n%3 = %4")
        .arg(rowName, name, m_title.isEmpty() ? tr("value") : m_title, QString::number(v, 'g', 4));
}

void HeatmapPlot::mouseMoveEvent(QMouseEvent *event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (!hasMatrix())
        return;
    const QPointF p = event->position();
    const int column = static_cast<int>(std::lround(xAxis->pixelToCoord(p.x())));
    const int row = static_cast<int>(std::lround(yAxis->pixelToCoord(p.y())));
    if (axisRect()->rect().contains(p.toPoint()))
        QToolTip::showText(event->globalPosition().toPoint(), describeCell(row, column), this);
    else
        QToolTip::hideText();
}

bool HeatmapPlot::exportFigure(const QString &path, int width, int height)
{
    return FigureExport::save(*this, path, m_title, width, height);
}

bool HeatmapPlot::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "row,column,column_name,value\n";
    for (int r = 0; r < m_rows; ++r)
        for (int c = 0; c < m_columns; ++c) {
            const QString name = c < m_columnNames.size() ? m_columnNames[c] : QString();
            out << r << ',' << c << ',' << FigureExport::csvField(name) << ','
                << QString::number(m_values[qsizetype(r) * m_columns + c], 'g', 9) << '\n';
        }
    out.flush();
    return file.error() == QFile::NoError;
}

void HeatmapPlot::showContextMenu(const QPoint &position)
{
    FigureExport::showExportMenu(
        *this, position, QStringLiteral("heatmap"),
        [this](const QString &path) { return exportFigure(path); },
        [this](const QString &path) { return exportCsv(path); });
}

} // namespace sparsescope::widgets
