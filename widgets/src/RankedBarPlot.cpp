// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/RankedBarPlot.h"

#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sparsescope::widgets {

RankedBarPlot::RankedBarPlot(QWidget *parent)
    : QCustomPlot(parent)
{
    setMinimumSize(300, 200);
    m_bars = new QCPBars(yAxis, xAxis);
    m_bars->setName(tr("features"));
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(QColor(31, 119, 180));
    m_bars->setWidth(0.75);
    m_highlightBars = new QCPBars(yAxis, xAxis);
    m_highlightBars->setName(tr("highlighted"));
    m_highlightBars->setPen(Qt::NoPen);
    m_highlightBars->setBrush(QColor(255, 127, 14));
    m_highlightBars->setWidth(0.75);
    yAxis->setRangeReversed(true); // rank 1 at the top
    yAxis->grid()->setVisible(false);
    xAxis->grid()->setPen(QPen(QColor(225, 225, 225), 0, Qt::SolidLine));
    m_placeholder = new QCPItemText(this);
    m_placeholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_placeholder->position->setCoords(0.5, 0.5);
    m_placeholder->setColor(QColor(120, 120, 120));
    m_placeholder->setClipToAxisRect(false);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &RankedBarPlot::showContextMenu);
    redraw();
}

void RankedBarPlot::setValueLabel(const QString &label)
{
    xAxis->setLabel(label);
    replot(rpQueuedReplot);
}

void RankedBarPlot::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    replot(rpQueuedReplot);
}

void RankedBarPlot::setShownCount(int count)
{
    m_shownCount = std::max(1, count);
    redraw();
}

void RankedBarPlot::setHighlighted(const QStringList &names)
{
    m_highlighted = names;
    redraw();
}

void RankedBarPlot::setValues(const QStringList &names, const QVector<double> &values)
{
    m_names = names;
    m_values = values;
    m_values.resize(names.size(), 0.0);
    redraw();
}

void RankedBarPlot::redraw()
{
    std::vector<int> order(static_cast<std::size_t>(m_names.size()));
    std::iota(order.begin(), order.end(), 0);
    // Largest first; ties keep the input order so the ranking is stable between updates.
    std::stable_sort(order.begin(), order.end(),
                     [this](int a, int b) { return m_values[a] > m_values[b]; });
    order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(m_shownCount)));
    m_shownNames.clear();
    m_shownValues.clear();
    QVector<double> keys, values, highlightKeys, highlightValues;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double peak = 0.0;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const int i = order[rank];
        m_shownNames << m_names[i];
        m_shownValues << m_values[i];
        const double key = double(rank + 1);
        ticker->addTick(key, m_names[i]);
        peak = std::max(peak, m_values[i]);
        if (m_highlighted.contains(m_names[i])) {
            highlightKeys << key;
            highlightValues << m_values[i];
        } else {
            keys << key;
            values << m_values[i];
        }
    }
    m_bars->setData(keys, values, true);
    m_highlightBars->setData(highlightKeys, highlightValues, true);
    yAxis->setTicker(ticker);
    yAxis->setRange(0.4, std::max<double>(1.0, double(order.size())) + 0.6);
    xAxis->setRange(0.0, peak > 0.0 ? peak * 1.05 : 1.0);
    m_placeholder->setVisible(order.empty());
    replot(rpQueuedReplot);
}

bool RankedBarPlot::exportFigure(const QString &path, int width, int height)
{
    return FigureExport::save(*this, path, m_title, width, height);
}

bool RankedBarPlot::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    std::vector<int> order(static_cast<std::size_t>(m_names.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [this](int a, int b) { return m_values[a] > m_values[b]; });
    QTextStream out(&file);
    out << "rank,name,value\n";
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        out << rank + 1 << ',' << FigureExport::csvField(m_names[order[rank]]) << ','
            << QString::number(m_values[order[rank]], 'g', 9) << '\n';
    }
    out.flush();
    return file.error() == QFile::NoError;
}

void RankedBarPlot::showContextMenu(const QPoint &position)
{
    FigureExport::showExportMenu(
        *this, position, QStringLiteral("importance"),
        [this](const QString &path) { return exportFigure(path); },
        [this](const QString &path) { return exportCsv(path); });
}

} // namespace sparsescope::widgets
