// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QVector>

namespace sparsescope::widgets {

/// Lines with markers, one per named series, in a fixed colour cycle: accuracy against ε per
/// model, robustness against sparsity per attack. Adding a series under an existing name
/// replaces it. The axes fit the data; a context menu exports the figure (PNG, PDF, SVG) and the
/// data (CSV).
class SeriesPlot : public QCustomPlot
{
    Q_OBJECT

public:
    /// How a series is drawn: curves, scatter plots (predicted against true) or reference lines.
    enum class Style { LinesAndMarkers, Markers, Line };

    explicit SeriesPlot(QWidget *parent = nullptr);

    void setAxisLabels(const QString &x, const QString &y);
    /// Title of exported figures.
    void setTitle(const QString &title) { m_title = title; }
    /// Shown in the middle of the empty plot.
    void setPlaceholderText(const QString &text);
    /// Logarithmic x axis (sparsity plotted as 1 − s, e.g.) ; off by default.
    void setLogarithmicX(bool logarithmic);
    /// Text labels at x = 0, 1, 2, … (conditions such as "c100", "bw"); empty: numeric ticks.
    void setCategoryTicks(const QStringList &labels);

    void setSeries(const QString &name, const QVector<double> &x, const QVector<double> &y,
                   Style style = Style::LinesAndMarkers);
    void removeSeries(const QString &name);
    void clearSeries();
    int seriesCount() const { return graphCount(); }
    QStringList seriesNames() const;
    QVector<double> seriesY(const QString &name) const;

    bool exportFigure(const QString &path, int width = 0, int height = 0);
    /// series,x,y rows. Returns false when the file cannot be written.
    bool exportCsv(const QString &path) const;

private:
    void fitAxes();
    void showContextMenu(const QPoint &position);
    QCPGraph *find(const QString &name) const;

    QString m_title;
    QString m_xLabel;
    QString m_yLabel;
    QCPItemText *m_placeholder = nullptr;
    int m_colourIndex = 0;
};

} // namespace sparsescope::widgets
