// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/AdversarialView.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace sparsescope::widgets {

namespace {
/// C×H×W floats → an RGB image; `map` turns a value into [0, 1].
template<typename Map>
QImage toImage(const std::vector<float> &chw, int c, int h, int w, Map map)
{
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int rgb[3];
            for (int k = 0; k < 3; ++k) {
                const int channel = c == 3 ? k : 0;
                const double v
                    = std::clamp(map(chw[(std::size_t(channel) * h + y) * w + x]), 0.0, 1.0);
                rgb[k] = static_cast<int>(std::lround(v * 255.0));
            }
            image.setPixel(x, y, qRgb(rgb[0], rgb[1], rgb[2]));
        }
    return image;
}

QString className(const QStringList &names, std::int64_t index)
{
    return index >= 0 && index < names.size() ? names[int(index)] : QString::number(index);
}

double probability(const std::vector<float> &p, std::int64_t index)
{
    return index >= 0 && std::size_t(index) < p.size() ? p[std::size_t(index)] : 0.0;
}
} // namespace

AdversarialView::AdversarialView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(360, 160);
}

void AdversarialView::setExample(const core::AdversarialExample &e, const QStringList &names)
{
    const int c = e.channels, h = e.height, w = e.width;
    if (c <= 0 || h <= 0 || w <= 0 || e.original.size() != std::size_t(c) * h * w
        || e.adversarial.size() != e.original.size()) {
        clear();
        return;
    }
    std::vector<float> delta(e.original.size());
    float largest = 0.0f;
    double l2 = 0.0;
    for (std::size_t i = 0; i < delta.size(); ++i) {
        delta[i] = e.adversarial[i] - e.original[i];
        largest = std::max(largest, std::abs(delta[i]));
        l2 += double(delta[i]) * delta[i];
    }
    m_amplification = largest > 0.0f ? 0.5 / largest : 0.0;
    const auto identity = [](float v) {
        return double(v);
    };
    m_original = toImage(e.original, c, h, w, identity);
    m_adversarial = toImage(e.adversarial, c, h, w, identity);
    const double gain = m_amplification;
    m_perturbation = toImage(delta, c, h, w, [gain](float v) { return 0.5 + gain * v; });
    m_changed = e.predAdv != e.predClean;
    m_captions = {tr("original: %1 (%2 %)")
                      .arg(className(names, e.predClean))
                      .arg(100.0 * probability(e.probabilitiesClean, e.predClean), 0, 'f', 1),
                  largest > 0.0f ? tr("perturbation ×%1: ‖r‖∞ %2, ‖r‖₂ %3")
                                       .arg(2.0 * gain, 0, 'f', 1)
                                       .arg(largest, 0, 'f', 3)
                                       .arg(std::sqrt(l2), 0, 'f', 3)
                                 : tr("no perturbation"),
                  tr("adversarial: %1 (%2 %)")
                      .arg(className(names, e.predAdv))
                      .arg(100.0 * probability(e.probabilitiesAdv, e.predAdv), 0, 'f', 1)};
    update();
}

void AdversarialView::clear()
{
    m_original = m_perturbation = m_adversarial = QImage();
    m_captions.clear();
    m_amplification = 0.0;
    update();
}

QImage AdversarialView::render() const
{
    QImage image(size().expandedTo(sizeHint()), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QWidget *self = const_cast<AdversarialView *>(this);
    self->render(&image);
    return image;
}

void AdversarialView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!hasExample()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Choose a model and a sample: the original, the perturbation and the "
                            "adversarial image appear here."));
        return;
    }
    const int captionHeight = 2 * fontMetrics().height() + 6;
    const int gap = 12;
    const int cell
        = std::max(16, std::min((width() - 4 * gap) / 3, height() - captionHeight - 2 * gap));
    const int total = 3 * cell + 2 * gap;
    int x = (width() - total) / 2;
    const int y = gap;
    const QImage *images[] = {&m_original, &m_perturbation, &m_adversarial};
    for (int i = 0; i < 3; ++i) {
        const QRect target(x, y, cell, cell);
        // Nearest neighbour: the pixels of a 28×28 digit stay visible as pixels.
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(target, *images[i]);
        painter.setPen(QColor(200, 200, 200));
        painter.drawRect(target.adjusted(0, 0, -1, -1));
        painter.setPen(i == 2 && m_changed ? QColor(200, 30, 30) : palette().color(QPalette::Text));
        painter.drawText(QRect(x - gap / 2, y + cell + 4, cell + gap, captionHeight),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_captions.value(i));
        x += cell + gap;
    }
}

} // namespace sparsescope::widgets
