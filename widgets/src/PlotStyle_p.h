// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the look every QCustomPlot of the app shares.
#pragma once

#include <qcustomplot.h>

#include <cstddef>
#include <iterator>

namespace sparsescope::widgets {

/// The series colours of every plot (Tableau 10: distinguishable, the same order everywhere).
inline QColor plotColour(std::size_t index)
{
    static const QColor colours[]
        = {{31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
           {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return colours[index % std::size(colours)];
}

/// Light major grid without sub-grid, a borderless translucent legend (shown).
inline void applyPlotStyle(QCustomPlot &plot)
{
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
        axis->grid()->setSubGridVisible(false);
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 0, Qt::SolidLine));
    }
    plot.legend->setVisible(true);
    plot.legend->setBorderPen(Qt::NoPen);
    plot.legend->setBrush(QColor(255, 255, 255, 200));
}

/// The grey text in the middle of an empty plot ("open a sweep …").
inline QCPItemText *addPlaceholder(QCustomPlot &plot)
{
    auto *placeholder = new QCPItemText(&plot);
    placeholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    placeholder->position->setCoords(0.5, 0.5);
    placeholder->setColor(QColor(120, 120, 120));
    placeholder->setClipToAxisRect(false);
    return placeholder;
}

} // namespace sparsescope::widgets
