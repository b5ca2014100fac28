// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QStringList>
#include <QVector>

namespace sparsescope::widgets {

/// One member of a series as a point of the atlas.
struct AtlasPoint
{
    double x = 0.0;
    double y = 0.0;
    int series = 0; ///< colour (index into the series names)
    int shape = 0; ///< marker shape (index of the member's knob value)
    QString label; ///< "series/label", for the tooltip
};

/// A scatter of the members of a series on two measures (the trade-off atlas): colour by series,
/// marker shape by knob value, the Pareto front (lower x, higher y) as a line, and one selected
/// member ringed. Points with a NaN coordinate are left out. A click on a point selects it
/// (memberClicked); hovering shows its label. Context menu: export the figure (PNG, PDF, SVG).
class AtlasScatter : public QCustomPlot
{
    Q_OBJECT
public:
    explicit AtlasScatter(QWidget *parent = nullptr);
    void setAxisLabels(const QString &x, const QString &y);
    void setTitle(const QString &title) { m_title = title; }
    void setPlaceholderText(const QString &text);
    /// Logarithmic x (MACs over orders of magnitude).
    void setLogarithmicX(bool logarithmic);
    /// `series`: the names, in colour order; `front`: indices into `points` (in x order).
    void setPoints(const QVector<AtlasPoint> &points, const QStringList &series,
                   const QVector<int> &front);
    /// The member ringed (−1: none); does not emit memberClicked.
    void setSelected(int index);
    int selected() const { return m_selected; }
    /// Points drawn (without NaN coordinates).
    int pointCount() const;
    QVector<int> front() const { return m_front; }
    /// The member nearest to a pixel position within `radius` pixels, or −1.
    int memberAt(const QPointF &position, double radius = 8.0) const;
    /// The pixel position of member `index` (for tests and tooltips).
    QPointF pixelOf(int index) const;
    bool exportFigure(const QString &path, int width = 0, int height = 0);
    /// member,x,y,pareto rows; false when the file cannot be written.
    bool exportCsv(const QString &path) const;

Q_SIGNALS:
    void memberClicked(int index);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void fitAxes();
    void showContextMenu(const QPoint &position);
    QVector<AtlasPoint> m_points;
    QVector<int> m_front;
    int m_selected = -1;
    QCPGraph *m_selection = nullptr;
    QCPItemText *m_placeholder = nullptr;
    QString m_title;
    bool m_logX = false;
};

} // namespace sparsescope::widgets
