// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/TrainingPlot.h"

#include "sparsescope/widgets/FigureExport.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace sparsescope::widgets {

namespace {
// Weight of the newest batch in the smoothed loss: about the last 30 batches count.
constexpr double kSmoothing = 0.07;
constexpr double kNoAccuracy = std::numeric_limits<double>::infinity();

const QColor kLossColor(31, 119, 180);
const QColor kTrainColor(230, 120, 20);
const QColor kTestColor(44, 160, 44);

QCPGraph *makeGraph(QCustomPlot *plot, QCPAxis *valueAxis, const QString &name, const QPen &pen,
                    bool markers)
{
    QCPGraph *graph = plot->addGraph(plot->xAxis, valueAxis);
    graph->setName(name);
    graph->setPen(pen);
    if (markers)
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, pen.color(), Qt::white, 7));
    return graph;
}
} // namespace

TrainingPlot::TrainingPlot(QWidget *parent)
    : QCustomPlot(parent)
    , m_minAccuracy(kNoAccuracy)
{
    setObjectName(QStringLiteral("trainingPlot"));
    setMinimumSize(320, 220);

    xAxis->setLabel(tr("epoch"));
    yAxis->setLabel(tr("training loss"));
    yAxis2->setLabel(tr("accuracy (%)"));
    yAxis2->setVisible(true);
    yAxis->setLabelColor(kLossColor.darker(120));
    for (QCPAxis *axis : {xAxis, yAxis, yAxis2}) {
        axis->grid()->setSubGridVisible(false);
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 0, Qt::SolidLine));
    }
    yAxis2->grid()->setVisible(false);
    xAxis->grid()->setZeroLinePen(Qt::NoPen);
    yAxis->grid()->setZeroLinePen(Qt::NoPen);

    QColor rawLoss = kLossColor;
    rawLoss.setAlpha(110);
    m_loss = makeGraph(this, yAxis, tr("loss per batch"), QPen(rawLoss, 1), false);
    m_smoothedLoss = makeGraph(this, yAxis, tr("loss (smoothed)"), QPen(kLossColor, 2), false);
    QColor batchAccuracy = kTrainColor;
    batchAccuracy.setAlpha(150);
    m_batchAccuracy = makeGraph(this, yAxis2, tr("train accuracy (smoothed)"),
                                QPen(batchAccuracy, 1.5, Qt::DashLine), false);
    m_trainAccuracy = makeGraph(this, yAxis2, tr("train accuracy"), QPen(kTrainColor, 2), true);
    m_testAccuracy = makeGraph(this, yAxis2, tr("test accuracy"), QPen(kTestColor, 2), true);

    // The legend gets its own row above the axes, so it never hides the curves.
    legend->setVisible(true);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setColumnSpacing(16);
    axisRect()->insetLayout()->take(legend);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, legend);
    plotLayout()->setRowStretchFactor(0, 0.001);
    plotLayout()->setRowSpacing(0);
    // Also when the legend's font changes (presentation mode scales it).
    connect(this, &QCustomPlot::beforeReplot, this, &TrainingPlot::fitLegend);

    m_placeholder = new QCPItemText(this);
    m_placeholder->setClipToAxisRect(false);
    m_placeholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_placeholder->position->setCoords(0.5, 0.5);
    m_placeholder->setPositionAlignment(Qt::AlignCenter);
    m_placeholder->setColor(QColor(120, 120, 120));
    QFont placeholderFont = font();
    placeholderFont.setPointSizeF(placeholderFont.pointSizeF() * 1.3);
    m_placeholder->setFont(placeholderFont);
    m_placeholder->setText(tr("No training data yet"));

    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDragAxes({xAxis}, {yAxis, yAxis2});
    axisRect()->setRangeZoomAxes({xAxis}, {yAxis, yAxis2});
    setNoAntialiasingOnDrag(true);

    // Any zoom or pan by the user freezes the view until a double click resets it.
    connect(this, &QCustomPlot::mouseWheel, this, [this] { m_followData = false; });
    connect(this, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        if (event->buttons() != Qt::NoButton)
            m_followData = false;
    });
    connect(this, &QCustomPlot::mouseDoubleClick, this, &TrainingPlot::resetView);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &TrainingPlot::showContextMenu);

    followData();
    updatePlaceholder();
}

void TrainingPlot::resizeEvent(QResizeEvent *event)
{
    fitLegend();
    QCustomPlot::resizeEvent(event);
}

void TrainingPlot::fitLegend()
{
    const int available = width() - legend->margins().left() - legend->margins().right();
    // Replots come many times a second while training; the fit changes only with these two.
    if (available == m_legendFitWidth && legend->font() == m_legendFitFont)
        return;
    m_legendFitWidth = available;
    m_legendFitFont = legend->font();
    // The most columns whose widest entries, filled row by row, fit the width. (itemCount()
    // counts the grid's cells, empty ones too, once it has wrapped.)
    std::vector<int> widths;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem *entry = legend->item(i))
            widths.push_back(entry->minimumOuterSizeHint().width());
    if (widths.empty())
        return;
    int columns = 1;
    for (int c = int(widths.size()); c > 1; --c) {
        std::vector<int> column(std::size_t(c), 0);
        for (std::size_t i = 0; i < widths.size(); ++i)
            column[i % std::size_t(c)] = std::max(column[i % std::size_t(c)], widths[i]);
        int total = (c - 1) * legend->columnSpacing();
        for (int w : column)
            total += w;
        if (total <= available) {
            columns = c;
            break;
        }
    }
    if (legend->wrap() == columns && legend->columnCount() <= columns)
        return;
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

void TrainingPlot::appendBatch(double x, double loss, double accuracy)
{
    if (!std::isfinite(x) || !std::isfinite(loss))
        return;
    m_smoothed = m_batches == 0 ? loss : kSmoothing * loss + (1.0 - kSmoothing) * m_smoothed;
    m_loss->addData(x, loss);
    m_smoothedLoss->addData(x, m_smoothed);
    if (accuracy >= 0.0 && std::isfinite(accuracy)) {
        const double value = accuracy * 100.0;
        m_smoothedAccuracy = m_smoothedAccuracy < 0.0
            ? value
            : kSmoothing * value + (1.0 - kSmoothing) * m_smoothedAccuracy;
        m_batchAccuracy->addData(x, m_smoothedAccuracy);
        m_minAccuracy = std::min(m_minAccuracy, m_smoothedAccuracy);
    }
    ++m_batches;
    m_maxX = std::max(m_maxX, x);
    m_maxLoss = std::max(m_maxLoss, loss);
    if (m_batches == 1)
        updatePlaceholder();
    if (m_followData)
        followData();
    replot(rpQueuedReplot);
}

void TrainingPlot::appendEpoch(int epoch, double trainAccuracy, double testAccuracy)
{
    const double x = epoch;
    m_trainAccuracy->addData(x, trainAccuracy * 100.0);
    m_minAccuracy = std::min(m_minAccuracy, trainAccuracy * 100.0);
    if (testAccuracy >= 0.0) {
        m_testAccuracy->addData(x, testAccuracy * 100.0);
        m_minAccuracy = std::min(m_minAccuracy, testAccuracy * 100.0);
    }
    ++m_epochs;
    m_maxX = std::max(m_maxX, x);
    updatePlaceholder();
    if (m_followData)
        followData();
    replot(rpQueuedReplot);
}

void TrainingPlot::clear()
{
    for (QCPGraph *graph :
         {m_loss, m_smoothedLoss, m_batchAccuracy, m_trainAccuracy, m_testAccuracy})
        graph->data()->clear();
    m_smoothed = 0.0;
    m_smoothedAccuracy = -1.0;
    m_maxX = 0.0;
    m_maxLoss = 0.0;
    m_minAccuracy = kNoAccuracy;
    m_batches = 0;
    m_epochs = 0;
    m_followData = true;
    updatePlaceholder();
    followData();
    replot(rpQueuedReplot);
}

void TrainingPlot::setExpectedEpochs(int epochs)
{
    m_expectedEpochs = std::max(0, epochs);
    if (m_followData)
        followData();
    replot(rpQueuedReplot);
}

void TrainingPlot::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    replot(rpQueuedReplot);
}

QString TrainingPlot::placeholderText() const
{
    return m_placeholder->text();
}

bool TrainingPlot::isEmpty() const
{
    return m_batches == 0 && m_epochs == 0;
}

int TrainingPlot::batchCount() const
{
    return m_batches;
}

int TrainingPlot::epochCount() const
{
    return m_epochs;
}

bool TrainingPlot::exportFigure(const QString &path, int width, int height)
{
    return FigureExport::save(*this, path, tr("Training curves"), width, height);
}

void TrainingPlot::resetView()
{
    m_followData = true;
    followData();
    replot(rpQueuedReplot);
}

void TrainingPlot::followData()
{
    // A little room on the right keeps the last epoch's markers whole.
    xAxis->setRange(0.0, std::max({1.0, m_maxX, double(m_expectedEpochs)}) * 1.025);
    yAxis->setRange(0.0, m_maxLoss > 0.0 ? m_maxLoss * 1.08 : 1.0);
    // Accuracy from a round number below the lowest value up to 100 %, so that late small
    // gains stay visible.
    const double lower
        = m_minAccuracy == kNoAccuracy ? 0.0 : std::floor((m_minAccuracy - 5.0) / 10.0) * 10.0;
    yAxis2->setRange(std::clamp(lower, 0.0, 90.0), 100.0);
}

void TrainingPlot::updatePlaceholder()
{
    m_placeholder->setVisible(isEmpty() && !m_placeholder->text().isEmpty());
}

void TrainingPlot::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addAction(tr("Reset view"), this, &TrainingPlot::resetView);
    menu.addAction(tr("Export figure…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"),
                                                          QStringLiteral("training.png"),
                                                          FigureExport::dialogFilter());
        if (!path.isEmpty())
            exportFigure(path);
    });
    menu.exec(mapToGlobal(position));
}

} // namespace sparsescope::widgets
