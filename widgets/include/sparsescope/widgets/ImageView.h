// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace sparsescope::widgets {

/// An image scaled to fit (aspect kept; crisp pixels when enlarged, as small stimuli such as
/// 28×28 Fashion-MNIST need) or at its actual pixels, with a caption underneath and a
/// placeholder text while empty.
class ImageView : public QWidget
{
    Q_OBJECT

public:
    /// Fit: scaled to the view. ActualPixels: one image pixel per screen pixel, centred (the
    /// view asks its layout for room up to 512 × 512; a larger image shows its middle).
    enum class Zoom { Fit, ActualPixels };

    explicit ImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    void setCaption(const QString &caption);
    void setPlaceholderText(const QString &text);
    void clear();
    const QImage &image() const { return m_image; }
    QString caption() const { return m_caption; }
    void setZoom(Zoom zoom);
    Zoom zoom() const { return m_zoom; }
    /// Lets double-click and the context menu switch the zoom (off by default).
    void setZoomSwitchable(bool switchable) { m_switchable = switchable; }
    /// Where the image is drawn, in widget coordinates (empty without an image).
    QRect imageRect() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void zoomChanged(sparsescope::widgets::ImageView::Zoom zoom);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    int captionHeight() const;
    QRect imageArea() const;

    QImage m_image;
    QString m_caption;
    QString m_placeholder;
    Zoom m_zoom = Zoom::Fit;
    bool m_switchable = false;
};

} // namespace sparsescope::widgets
