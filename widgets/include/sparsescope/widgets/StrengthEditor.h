// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/sparsity/RegularizationTerm.h"

#include <QStringList>
#include <QWidget>

#include <map>
#include <utility>
#include <vector>

class QAction;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QSlider;
class QUndoStack;

namespace sparsescope::widgets {

/// Group-Lasso strengths per layer and group type (the RegularizerRegistry entries marked
/// editorColumn that the model has, by default filter, channel and shape): a log-scale slider
/// (10⁻⁶ … 1, left end = off) and a spin box per cell, a global multiplier (10⁻² … 10²), and
/// undo/redo of every edit (consecutive moves of one slider are one step). terms() gives the
/// effective strengths (cell × multiplier) as RegularizationTerms with exact layer names;
/// termsChanged() fires after every edit, undo and redo.
class StrengthEditor : public QWidget
{
    Q_OBJECT

public:
    explicit StrengthEditor(QWidget *parent = nullptr);
    ~StrengthEditor() override;

    /// Every registered per-layer group type (RegularizerRegistry::editorColumns()).
    static QStringList allGroupTypes();
    /// The columns shown, in registry order.
    QStringList groupTypes() const { return m_types; }
    /// Shows the columns of `types` that are registered editor columns (ModelEntry::groupTypes
    /// of the model); forgets the strengths of the others. Clears the undo history.
    void setGroupTypes(const QStringList &types);
    /// Rows, one per weight layer; keeps the strengths of layers that stay.
    void setLayers(const QStringList &layers);
    QStringList layers() const { return m_layers; }

    /// An undoable edit of one cell (0 switches the group type off for that layer).
    void setStrength(const QString &layer, const QString &type, double strength);
    double strength(const QString &layer, const QString &type) const;
    void setMultiplier(double multiplier);
    double multiplier() const { return m_multiplier; }
    /// Every layer that `term.layers` matches (a name or a glob such as "conv*") gets the
    /// strength (presets); with `replace` every other cell is switched off. One undo step.
    /// Returns the terms the editor has no column for (kernel, depth, l1, l2, or a type the
    /// model lacks), untouched.
    std::vector<core::RegularizationTerm>
    applyTerms(const std::vector<core::RegularizationTerm> &terms, bool replace = false);
    std::vector<core::RegularizationTerm> terms() const;

    QUndoStack *undoStack() const { return m_undo; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }

    /// Slider position of a strength: 0 for off, else 10·(log10 λ + 6) + 1, clamped to 1 … 61.
    static int sliderPosition(double strength);
    static double strengthAt(int position);

Q_SIGNALS:
    void termsChanged();

private:
    friend class SetStrengthCommand;
    struct Cell
    {
        QSlider *slider = nullptr;
        QDoubleSpinBox *spin = nullptr;
    };
    /// Sets the values without an undo step (undo commands and rebuilding call this).
    void assign(const std::map<std::pair<QString, QString>, double> &values, double multiplier);
    void rebuild();
    void showValues();

    QStringList m_layers;
    QStringList m_types;
    std::map<std::pair<QString, QString>, double> m_values;
    std::map<std::pair<QString, QString>, Cell> m_cells;
    double m_multiplier = 1.0;
    QGridLayout *m_grid = nullptr;
    QSlider *m_multiplierSlider = nullptr;
    QLabel *m_multiplierLabel = nullptr;
    QUndoStack *m_undo = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    bool m_showing = false;
};

} // namespace sparsescope::widgets
