// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/ImageView.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QPainter>

#include <algorithm>

namespace sparsescope::widgets {

ImageView::ImageView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

namespace {

/// The most an actual-pixels view asks of its layout.
constexpr int kLargestActualSize = 512;

} // namespace

void ImageView::setImage(const QImage &image)
{
    const bool resized = image.size() != m_image.size();
    m_image = image;
    if (resized && m_zoom == Zoom::ActualPixels)
        updateGeometry();
    update();
}

void ImageView::setZoom(Zoom zoom)
{
    if (zoom == m_zoom)
        return;
    m_zoom = zoom;
    updateGeometry();
    update();
    emit zoomChanged(zoom);
}

int ImageView::captionHeight() const
{
    return m_caption.isEmpty() ? 0 : fontMetrics().height() + 4;
}

QRect ImageView::imageArea() const
{
    return rect().adjusted(2, 2, -2, -2 - captionHeight());
}

QRect ImageView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QRect area = imageArea();
    const QSize size = m_zoom == Zoom::ActualPixels
        ? m_image.size()
        : m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
    return {area.left() + (area.width() - size.width()) / 2,
            area.top() + (area.height() - size.height()) / 2, size.width(), size.height()};
}

QSize ImageView::sizeHint() const
{
    return minimumSizeHint().expandedTo({160, 180});
}

QSize ImageView::minimumSizeHint() const
{
    if (m_zoom != Zoom::ActualPixels || m_image.isNull())
        return {60, 70};
    const QSize image = m_image.size().boundedTo({kLargestActualSize, kLargestActualSize});
    return {image.width() + 4, image.height() + 4 + captionHeight()};
}

void ImageView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!m_switchable)
        return QWidget::mouseDoubleClickEvent(event);
    setZoom(m_zoom == Zoom::Fit ? Zoom::ActualPixels : Zoom::Fit);
}

void ImageView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_switchable)
        return QWidget::contextMenuEvent(event);
    QMenu menu(this);
    QAction *fit = menu.addAction(tr("Fit to view"), this, [this] { setZoom(Zoom::Fit); });
    QAction *actual
        = menu.addAction(tr("Actual pixels (1:1)"), this, [this] { setZoom(Zoom::ActualPixels); });
    fit->setCheckable(true);
    actual->setCheckable(true);
    fit->setChecked(m_zoom == Zoom::Fit);
    actual->setChecked(m_zoom == Zoom::ActualPixels);
    menu.exec(event->globalPos());
}

void ImageView::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void ImageView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void ImageView::clear()
{
    m_image = QImage();
    m_caption.clear();
    update();
}

void ImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const int captionHeight = this->captionHeight();
    const QRect area = imageArea();
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                         m_caption.isEmpty() || !m_placeholder.isEmpty() ? m_placeholder
                                                                         : QString());
    } else {
        const QRect target = imageRect();
        // Enlarged small stimuli stay crisp; reduced large ones are smoothed.
        painter.setRenderHint(QPainter::SmoothPixmapTransform, target.width() < m_image.width());
        painter.setClipRect(area); // actual pixels of an image larger than the view
        painter.drawImage(target, m_image);
        painter.setClipping(false);
    }
    if (!m_caption.isEmpty()) {
        painter.setPen(palette().color(QPalette::WindowText));
        const QString caption = m_zoom == Zoom::ActualPixels && !m_image.isNull()
            ? m_caption + QStringLiteral(" · 1:1")
            : m_caption;
        painter.drawText(QRect(0, height() - captionHeight, width(), captionHeight),
                         Qt::AlignCenter | Qt::TextSingleLine,
                         fontMetrics().elidedText(caption, Qt::ElideRight, width() - 4));
    }
}

} // namespace sparsescope::widgets
