// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <QWidget>

namespace sparsescope::widgets {

/// The filters of one conv layer as a grid of greyscale images. Each filter's opacity follows its
/// group norm relative to the largest one, so filters fade as group Lasso shrinks them; a filter
/// at exact zero greys out and collapses to a small crossed tile.
class FilterGrid : public QWidget
{
    Q_OBJECT

public:
    explicit FilterGrid(QWidget *parent = nullptr);

    void setFilters(const core::FilterImages &filters);
    void clear();
    /// The text shown while there is nothing to draw (default: what appears while a model trains).
    void setPlaceholderText(const QString &text);
    const core::FilterImages &filters() const { return m_filters; }
    int zeroFilterCount() const;
    /// Opacity in [0, 1] a filter is drawn with (0 for a zero filter).
    double opacity(int index) const;
    /// The grid as PNG, PDF or SVG (by suffix; FigureExport's size and dpi); right-click offers it.
    bool exportFigure(const QString &path);
    /// index, norm, opacity, zero per filter.
    bool exportCsv(const QString &path) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    core::FilterImages m_filters;
    QString m_placeholder;
};

} // namespace sparsescope::widgets
