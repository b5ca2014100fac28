// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the look every QCustomPlot of the app shares.
#pragma once

#include <qcustomplot.h>

namespace sparsescope::widgets {

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
