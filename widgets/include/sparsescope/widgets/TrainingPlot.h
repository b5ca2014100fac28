// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QFont>
#include <QString>

namespace sparsescope::widgets {

/// Live training curves: the loss per batch (raw and smoothed, left axis), the smoothed batch
/// accuracy and the train and test accuracy per epoch (in percent, right axis). The x axis counts
/// epochs, so a batch halfway through epoch 2 sits at x = 1.5 and the end of epoch 2 at x = 2.
///
/// The view follows the data until the user zooms (wheel) or pans (drag); a double click or
/// "Reset view" in the context menu follows it again. Appends only queue a replot
/// (QCustomPlot::rpQueuedReplot), so many appends in one event-loop pass draw once.
class TrainingPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit TrainingPlot(QWidget *parent = nullptr);

    /// One optimisation step at `x` epochs with its training `loss` and, when known (>= 0), the
    /// batch's accuracy as a fraction in [0, 1].
    void appendBatch(double x, double loss, double accuracy = -1.0);
    /// A finished epoch; accuracies are fractions in [0, 1], a negative `testAccuracy` means
    /// "no test set" and is not drawn.
    void appendEpoch(int epoch, double trainAccuracy, double testAccuracy);
    /// Removes every point and shows the placeholder text again.
    void clear();
    /// The run's planned length: the x axis spans it from the start, so the curves grow
    /// across the plot instead of being stretched. 0: follow the data only.
    void setExpectedEpochs(int epochs);
    int expectedEpochs() const { return m_expectedEpochs; }

    /// Shown in the middle of the empty plot ("Press Start to train …").
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;

    bool isEmpty() const;
    int batchCount() const;
    int epochCount() const;
    /// False after the user zoomed or panned, until resetView().
    bool followsData() const { return m_followData; }

    /// Writes the figure as PNG, PDF or SVG, chosen by the file suffix (case-insensitive).
    /// Width and height default to the widget's size (960×540 when that is tiny); PNGs are
    /// rendered at twice that size for sharp figures.
    /// Returns false for an unknown suffix or when the file could not be written.
    bool exportFigure(const QString &path, int width = 0, int height = 0);

public Q_SLOTS:
    /// Fits the axes to the data and follows new data again.
    void resetView();

protected:
    /// Wraps the legend into as many rows as the width needs (no name is cut off).
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitLegend();
    void followData();
    void updatePlaceholder();
    void showContextMenu(const QPoint &position);

    QCPGraph *m_loss = nullptr;
    QCPGraph *m_smoothedLoss = nullptr;
    QCPGraph *m_batchAccuracy = nullptr;
    QCPGraph *m_trainAccuracy = nullptr;
    QCPGraph *m_testAccuracy = nullptr;
    QCPItemText *m_placeholder = nullptr;
    double m_smoothed = 0.0;
    double m_smoothedAccuracy = -1.0;
    double m_maxX = 0.0;
    double m_maxLoss = 0.0;
    double m_minAccuracy; ///< lowest accuracy drawn, in percent; +inf when none
    int m_legendFitWidth = -1; ///< the width and font fitLegend last fitted the legend to
    QFont m_legendFitFont;
    int m_batches = 0;
    int m_epochs = 0;
    int m_expectedEpochs = 0;
    bool m_followData = true;
};

} // namespace sparsescope::widgets
