// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace sparsescope::widgets {

/// An image scaled to fit (aspect kept; crisp pixels when enlarged, as small stimuli such as
/// 28×28 Fashion-MNIST need), with a caption underneath and a placeholder text while empty.
class ImageView : public QWidget
{
    Q_OBJECT

public:
    explicit ImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    void setCaption(const QString &caption);
    void setPlaceholderText(const QString &text);
    void clear();
    const QImage &image() const { return m_image; }
    QString caption() const { return m_caption; }
    QSize sizeHint() const override { return {160, 180}; }
    QSize minimumSizeHint() const override { return {60, 70}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_caption;
    QString m_placeholder;
};

} // namespace sparsescope::widgets
