// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QStringList>
#include <QVector>

namespace sparsescope::widgets {

/// A matrix as a colour map with a colour scale: RLN's per-weight log-strengths and the weight
/// magnitudes of a first layer (rows = hidden units, columns = inputs). With a logarithmic scale
/// the colours show log10 of the values and exact zeros are drawn in a separate colour (light
/// grey) so that vanished edges stand out. Hovering shows the cell's row, column name and value;
/// a context menu exports the figure (PNG, PDF, SVG) and the matrix (CSV).
class HeatmapPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit HeatmapPlot(QWidget *parent = nullptr);

    void setAxisLabels(const QString &columns, const QString &rows);
    /// Title of exported figures and label of the colour scale.
    void setTitle(const QString &title);
    void setPlaceholderText(const QString &text);
    /// log10 colours, zeros in their own colour (for magnitudes); off: linear colours.
    void setLogarithmic(bool logarithmic);
    /// Names shown in the tooltip for each column (e.g. feature names); may be empty.
    void setColumnNames(const QStringList &names);
    /// Names of the rows, shown in the tooltip.
    void setRowNames(const QStringList &names);
    /// Row and column names as axis tick labels (for small matrices such as confusion tables);
    /// off: numeric ticks.
    void setNamedTicks(bool named);
    /// Writes each cell's value into the cell (small matrices).
    void setCellLabels(bool shown, int decimals = 2);

    /// `values` is rows × columns, row-major. An empty matrix clears the plot.
    void setMatrix(int rows, int columns, const QVector<float> &values);
    void clearMatrix();
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    bool hasMatrix() const { return m_rows > 0 && m_columns > 0; }
    /// The colour-scale range (in log10 units when logarithmic).
    QCPRange colourRange() const;
    /// How many cells are exactly zero.
    int zeroCount() const { return m_zeroCount; }
    /// The text the tooltip would show for a cell.
    QString describeCell(int row, int column) const;

    bool exportFigure(const QString &path, int width = 0, int height = 0);
    /// row,column,column_name,value rows. False when the file cannot be written.
    bool exportCsv(const QString &path) const;

protected:
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void redraw();
    void showContextMenu(const QPoint &position);

    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_scale = nullptr;
    QCPItemText *m_placeholder = nullptr;
    QString m_title;
    QStringList m_columnNames;
    QStringList m_rowNames;
    bool m_namedTicks = false;
    bool m_cellLabels = false;
    int m_cellDecimals = 2;
    QList<QCPItemText *> m_labels;
    bool m_logarithmic = false;
    int m_rows = 0;
    int m_columns = 0;
    int m_zeroCount = 0;
    QVector<float> m_values;
};

} // namespace sparsescope::widgets
