// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/ImageView.h"

#include <QPainter>

#include <algorithm>

namespace sparsescope::widgets {

ImageView::ImageView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageView::setImage(const QImage &image)
{
    m_image = image;
    update();
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
    const int captionHeight = m_caption.isEmpty() ? 0 : fontMetrics().height() + 4;
    const QRect area = rect().adjusted(2, 2, -2, -2 - captionHeight);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                         m_caption.isEmpty() || !m_placeholder.isEmpty() ? m_placeholder
                                                                         : QString());
    } else {
        const QSize size = m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
        const QRect target(area.left() + (area.width() - size.width()) / 2,
                           area.top() + (area.height() - size.height()) / 2, size.width(),
                           size.height());
        // Enlarged small stimuli stay crisp; reduced large ones are smoothed.
        painter.setRenderHint(QPainter::SmoothPixmapTransform, size.width() < m_image.width());
        painter.drawImage(target, m_image);
    }
    if (!m_caption.isEmpty()) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, height() - captionHeight, width(), captionHeight),
                         Qt::AlignCenter | Qt::TextSingleLine,
                         fontMetrics().elidedText(m_caption, Qt::ElideRight, width() - 4));
    }
}

} // namespace sparsescope::widgets
