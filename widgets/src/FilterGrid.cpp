// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/FilterGrid.h"

#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace sparsescope::widgets {

FilterGrid::FilterGrid(QWidget *parent)
    : QWidget(parent)
    , m_placeholder(tr("The first conv layer's filters appear here while a model trains; "
                       "filters fade as their group norm shrinks and grey out at exact zero."))
{
    setObjectName(QStringLiteral("filterGrid"));
    setMinimumSize(240, 160);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        FigureExport::showExportMenu(
            *this, position, QStringLiteral("filters"),
            [this](const QString &path) { return exportFigure(path); },
            [this](const QString &path) { return exportCsv(path); });
    });
}

bool FilterGrid::exportFigure(const QString &path)
{
    return FigureExport::saveWidget(
        *this, path, tr("Filters of %1").arg(QString::fromStdString(m_filters.layer)));
}

bool FilterGrid::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "layer,filter,norm,opacity,zero\n";
    const QString layer = FigureExport::csvField(QString::fromStdString(m_filters.layer));
    for (std::size_t i = 0; i < m_filters.norms.size(); ++i)
        out << layer << ',' << i << ',' << QString::number(m_filters.norms[i], 'g', 9) << ','
            << QString::number(opacity(int(i)), 'g', 6) << ',' << (m_filters.norms[i] == 0.0f)
            << '\n';
    out.flush();
    return file.error() == QFile::NoError;
}

void FilterGrid::setFilters(const core::FilterImages &filters)
{
    m_filters = filters;
    update();
}

void FilterGrid::clear()
{
    m_filters = {};
    update();
}

int FilterGrid::zeroFilterCount() const
{
    return static_cast<int>(std::count(m_filters.norms.begin(), m_filters.norms.end(), 0.0f));
}

double FilterGrid::opacity(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_filters.norms.size()))
        return 0.0;
    const float largest = *std::max_element(m_filters.norms.begin(), m_filters.norms.end());
    const float norm = m_filters.norms[static_cast<std::size_t>(index)];
    if (norm <= 0.0f || largest <= 0.0f)
        return 0.0;
    // Square root: a filter at a quarter of the largest norm is still clearly visible.
    return std::clamp(0.15 + 0.85 * std::sqrt(double(norm) / double(largest)), 0.0, 1.0);
}

void FilterGrid::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void FilterGrid::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const auto &f = m_filters;
    if (f.count <= 0 || f.height <= 0 || f.width <= 0
        || f.pixels.size() < std::size_t(f.count) * f.height * f.width) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const int title = 22;
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(6, 2, width() - 12, title), Qt::AlignLeft | Qt::AlignVCenter,
               tr("%1: %2 filters, %3 at zero")
                   .arg(QString::fromStdString(f.layer))
                   .arg(f.count)
                   .arg(zeroFilterCount()));
    const QRect area = rect().adjusted(6, title + 4, -6, -6);
    const int columns = std::max(
        1, int(std::ceil(std::sqrt(f.count * double(area.width()) / std::max(1, area.height())))));
    const int rows = (f.count + columns - 1) / columns;
    const int cell = std::max(4, std::min(area.width() / columns, area.height() / rows));
    const int gap = std::max(1, cell / 12);
    for (int i = 0; i < f.count; ++i) {
        const QRect tile(area.left() + (i % columns) * cell, area.top() + (i / columns) * cell,
                         cell - gap, cell - gap);
        const double alpha = opacity(i);
        if (alpha <= 0.0) {
            // Exact zero: a collapsed grey tile with a cross.
            const QRect small = tile.adjusted(tile.width() / 3, tile.height() / 3,
                                              -tile.width() / 3, -tile.height() / 3);
            p.fillRect(small, pal.color(QPalette::Mid));
            p.setPen(pal.color(QPalette::Dark));
            p.drawLine(small.topLeft(), small.bottomRight());
            p.drawLine(small.bottomLeft(), small.topRight());
            continue;
        }
        QImage image(f.width, f.height, QImage::Format_Grayscale8);
        const float *src = f.pixels.data() + std::size_t(i) * f.height * f.width;
        for (int y = 0; y < f.height; ++y)
            for (int x = 0; x < f.width; ++x)
                image.scanLine(y)[x]
                    = static_cast<uchar>(std::clamp(src[y * f.width + x], 0.0f, 1.0f) * 255.0f);
        p.setOpacity(alpha);
        p.drawImage(tile, image);
        p.setOpacity(1.0);
    }
}

} // namespace sparsescope::widgets
