// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <QStringList>
#include <QWidget>

#include <vector>

namespace sparsescope::widgets {

/// For every weight layer, kept versus removed filters, input channels and filter-shape columns
/// as bars (kept in colour, exact zeros grey), and for residual networks the chain of blocks,
/// where a block whose branch is all zero is struck out: depth vanishing made visible. Draws the
/// latest LayerStructure values it was given; an empty state says what will appear.
class StructureView : public QWidget
{
    Q_OBJECT

public:
    explicit StructureView(QWidget *parent = nullptr);

    void setStructure(const std::vector<core::LayerStructure> &layers);
    void clear();
    /// The text shown while there is nothing to draw (default: what appears while a model trains).
    void setPlaceholderText(const QString &text);
    const std::vector<core::LayerStructure> &structure() const { return m_layers; }
    /// Residual blocks ("layer2.1") in order, and the ones whose branch convs are all zero.
    QStringList blocks() const;
    QStringList removedBlocks() const;
    QSize sizeHint() const override;
    /// The view as PNG, PDF or SVG (by suffix); right-click offers it.
    bool exportFigure(const QString &path);
    /// layer, kind, group type, total, zero per layer and group type (filters, channels,
    /// columns, kernels, weights).
    bool exportCsv(const QString &path) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<core::LayerStructure> m_layers;
    QString m_placeholder;
};

} // namespace sparsescope::widgets
