// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <qcustomplot.h>

#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace sparsescope::widgets {

/// The distribution of one layer's group norms (filters, input channels or filter-shape columns)
/// on a log axis, live from the trainer's snapshots: group Lasso pushes the norms down until a
/// group reaches exact zero. Exact zeros cannot sit on a log axis: they are counted in their own
/// grey bar left of the dashed zero line, with "k of n groups exactly zero" above. A context menu
/// exports the figure (PNG/PDF/SVG) and the norms (CSV).
class GroupNormHistogram : public QCustomPlot
{
    Q_OBJECT

public:
    enum class Group { Filters, Channels, Columns };

    explicit GroupNormHistogram(QWidget *parent = nullptr);

    void setPlaceholderText(const QString &text);
    /// Bins per decade of norm (default 8).
    void setBinsPerDecade(int bins);

    void setStructure(const std::vector<core::LayerStructure> &layers);
    void clear();
    /// Which layer (by name; unknown names keep the current one) and which group type.
    void setLayer(const QString &name);
    void setGroup(Group group);

    QStringList layerNames() const;
    QString currentLayer() const { return m_layer; }
    Group group() const { return m_group; }
    /// The shown layer's norms of the chosen group type.
    const std::vector<float> &norms() const { return m_norms; }
    int zeroCount() const { return m_zeroCount; }
    /// Left bin edges (log-spaced) and the count of nonzero norms in each bin.
    const QVector<double> &binEdges() const { return m_edges; }
    const QVector<double> &binCounts() const { return m_counts; }

    bool exportFigure(const QString &path, int width = 0, int height = 0);
    /// layer,group,index,norm for the shown layer. False when the file cannot be written.
    bool exportCsv(const QString &path) const;

    static QString groupName(Group group);

Q_SIGNALS:
    /// The layer list changed (a new model).
    void layersChanged(const QStringList &names);

private:
    void redraw();
    void showContextMenu(const QPoint &position);

    std::vector<core::LayerStructure> m_layers;
    QString m_layer;
    Group m_group = Group::Filters;
    int m_binsPerDecade = 8;
    std::vector<float> m_norms;
    int m_zeroCount = 0;
    QVector<double> m_edges;
    QVector<double> m_counts;
    QCPGraph *m_histogram = nullptr;
    QCPGraph *m_zeros = nullptr;
    QCPItemStraightLine *m_zeroLine = nullptr;
    QCPItemText *m_zeroLabel = nullptr;
    QCPItemText *m_placeholder = nullptr;
};

} // namespace sparsescope::widgets
