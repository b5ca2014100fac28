// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QStringList>
#include <QVector>

namespace sparsescope::widgets {

/// Horizontal bars of the largest values, ranked from the top: feature importance (Σ|w| per
/// input) of a first layer. Names marked as highlighted (e.g. the real features among added noise
/// features) get a second colour. A context menu exports the figure and the full ranking (CSV).
class RankedBarPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit RankedBarPlot(QWidget *parent = nullptr);

    void setValueLabel(const QString &label);
    void setTitle(const QString &title) { m_title = title; }
    void setPlaceholderText(const QString &text);
    /// How many bars are shown (the rest stays in the CSV export).
    void setShownCount(int count);
    /// Names drawn in the highlight colour.
    void setHighlighted(const QStringList &names);

    void setValues(const QStringList &names, const QVector<double> &values);
    /// The shown names, largest value first.
    QStringList shownNames() const { return m_shownNames; }
    QVector<double> shownValues() const { return m_shownValues; }

    bool exportFigure(const QString &path, int width = 0, int height = 0);
    /// rank,name,value for every value. False when the file cannot be written.
    bool exportCsv(const QString &path) const;

private:
    void redraw();
    void showContextMenu(const QPoint &position);

    QCPBars *m_bars = nullptr;
    QCPBars *m_highlightBars = nullptr;
    QCPItemText *m_placeholder = nullptr;
    QString m_title;
    int m_shownCount = 20;
    QStringList m_highlighted;
    QStringList m_names;
    QVector<double> m_values;
    QStringList m_shownNames;
    QVector<double> m_shownValues;
};

} // namespace sparsescope::widgets
