// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSlider>
#include <QString>
#include <QVector>

namespace sparsescope::widgets {

/// A horizontal slider over a continuous range [minimum, maximum] (optionally logarithmic) that
/// marks named positions — the levels a paper used — with ticks and labels under the groove. With
/// discrete levels only (setDiscrete) the slider steps from mark to mark.
class LevelSlider : public QSlider
{
    Q_OBJECT

public:
    explicit LevelSlider(QWidget *parent = nullptr);

    /// A continuous range with marked levels; `logarithmic` needs minimum > 0.
    void setRange(double minimum, double maximum, bool logarithmic = false);
    /// Only the marked levels can be chosen.
    void setDiscrete(bool discrete);
    void setMarks(const QVector<double> &levels, const QStringList &labels);
    bool isDiscrete() const { return m_discrete; }

    void setLevel(double level);
    double level() const;
    /// The slider position (0 … 1) of `level`.
    double fraction(double level) const;
    QSize sizeHint() const override;

Q_SIGNALS:
    void levelChanged(double level);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double levelAt(int position) const;

    double m_minimum = 0.0;
    double m_maximum = 1.0;
    bool m_logarithmic = false;
    bool m_discrete = false;
    QVector<double> m_marks;
    QStringList m_labels;
};

} // namespace sparsescope::widgets
