// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/LevelSlider.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOptionSlider>

#include <algorithm>
#include <cmath>

namespace sparsescope::widgets {

namespace {
constexpr int kSteps = 1000;
constexpr int kLabelHeight = 16;
} // namespace

LevelSlider::LevelSlider(QWidget *parent)
    : QSlider(Qt::Horizontal, parent)
{
    QSlider::setRange(0, kSteps);
    connect(this, &QSlider::valueChanged, this,
            [this](int position) { Q_EMIT levelChanged(levelAt(position)); });
}

void LevelSlider::setRange(double minimum, double maximum, bool logarithmic)
{
    m_minimum = minimum;
    m_maximum = maximum > minimum ? maximum : minimum + 1.0;
    m_logarithmic = logarithmic && minimum > 0.0;
    update();
}

void LevelSlider::setDiscrete(bool discrete)
{
    m_discrete = discrete;
    if (discrete && !m_marks.isEmpty())
        QSlider::setRange(0, int(m_marks.size()) - 1);
    else
        QSlider::setRange(0, kSteps);
    setPageStep(discrete ? 1 : kSteps / 10);
    update();
}

void LevelSlider::setMarks(const QVector<double> &levels, const QStringList &labels)
{
    m_marks = levels;
    m_labels = labels;
    setDiscrete(m_discrete);
    update();
}

double LevelSlider::fraction(double level) const
{
    if (m_logarithmic)
        return (std::log(std::max(level, m_minimum)) - std::log(m_minimum))
            / (std::log(m_maximum) - std::log(m_minimum));
    return (level - m_minimum) / (m_maximum - m_minimum);
}

double LevelSlider::levelAt(int position) const
{
    if (m_discrete)
        return m_marks.isEmpty() ? m_minimum
                                 : m_marks[std::clamp(position, 0, int(m_marks.size()) - 1)];
    const double f = double(position) / kSteps;
    if (m_logarithmic)
        return std::exp(std::log(m_minimum) + f * (std::log(m_maximum) - std::log(m_minimum)));
    return m_minimum + f * (m_maximum - m_minimum);
}

void LevelSlider::setLevel(double level)
{
    if (m_discrete) {
        int best = 0;
        for (int i = 1; i < m_marks.size(); ++i)
            if (std::abs(m_marks[i] - level) < std::abs(m_marks[best] - level))
                best = i;
        setValue(best);
    } else {
        setValue(int(std::lround(std::clamp(fraction(level), 0.0, 1.0) * kSteps)));
    }
}

double LevelSlider::level() const
{
    return levelAt(value());
}

QSize LevelSlider::sizeHint() const
{
    const QSize base = QSlider::sizeHint();
    return {std::max(base.width(), 300), base.height() + kLabelHeight};
}

void LevelSlider::paintEvent(QPaintEvent *event)
{
    QSlider::paintEvent(event);
    if (m_marks.isEmpty())
        return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove
        = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const int handle = style()->pixelMetric(QStyle::PM_SliderLength, &option, this);
    const int left = groove.left() + handle / 2;
    const int span = std::max(1, groove.width() - handle);
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::Mid));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    painter.setFont(small);
    const QFontMetrics metrics(small);
    int lastRight = -1000;
    for (int i = 0; i < m_marks.size(); ++i) {
        const double f = m_discrete ? (m_marks.size() > 1 ? double(i) / (m_marks.size() - 1) : 0.0)
                                    : std::clamp(fraction(m_marks[i]), 0.0, 1.0);
        const int x = left + int(std::lround(f * span));
        painter.drawLine(x, groove.bottom() + 1, x, groove.bottom() + 4);
        const QString label = i < m_labels.size() ? m_labels[i] : QString::number(m_marks[i]);
        const int width = metrics.horizontalAdvance(label);
        const int textLeft = std::clamp(x - width / 2, 0, std::max(0, this->width() - width));
        // Crowded marks: draw the tick, skip a label that would overlap the previous one.
        if (textLeft <= lastRight + 3)
            continue;
        painter.drawText(textLeft, height() - 2, label);
        lastRight = textLeft + width;
    }
}

} // namespace sparsescope::widgets
