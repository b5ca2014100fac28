// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/robustness/AttackReport.h"

#include <QImage>
#include <QStringList>
#include <QWidget>

namespace sparsescope::widgets {

/// One attacked sample side by side: the original, the perturbation (amplified so that its
/// largest change is black or white on mid-grey) and the adversarial image, each captioned with
/// the model's prediction and confidence; a changed prediction is drawn in red.
class AdversarialView : public QWidget
{
    Q_OBJECT

public:
    explicit AdversarialView(QWidget *parent = nullptr);

    void setExample(const core::AdversarialExample &example, const QStringList &classNames);
    void clear();
    bool hasExample() const { return !m_original.isNull(); }
    /// The three captions (original, perturbation, adversarial), for tests and accessibility.
    QStringList captions() const { return m_captions; }
    /// How much the perturbation image is amplified (1 / largest |change| · ½).
    double amplification() const { return m_amplification; }
    /// The three panels as one image (for export).
    QImage render() const;

    QSize sizeHint() const override { return {540, 220}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_original;
    QImage m_perturbation;
    QImage m_adversarial;
    QStringList m_captions;
    bool m_changed = false;
    double m_amplification = 0.0;
};

} // namespace sparsescope::widgets
