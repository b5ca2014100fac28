// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/FigureSizeDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

namespace sparsescope::widgets {

FigureSizeDialog::FigureSizeDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export size and resolution"));
    m_onScreen = new QCheckBox(tr("As shown on screen"));
    m_width = new QSpinBox;
    m_height = new QSpinBox;
    for (QSpinBox *spin : {m_width, m_height}) {
        spin->setRange(100, 10000);
        spin->setSuffix(tr(" pt"));
    }
    m_width->setValue(960);
    m_height->setValue(540);
    m_dpi = new QSpinBox;
    m_dpi->setRange(48, 1200);
    m_dpi->setSingleStep(24);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("PNG resolution; PDF and SVG are vector drawings"));
    m_summary = new QLabel;
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(m_onScreen);
    form->addRow(tr("&Width:"), m_width);
    form->addRow(tr("&Height:"), m_height);
    form->addRow(tr("PNG &resolution:"), m_dpi);
    form->addRow(m_summary);
    form->addRow(buttons);
    connect(m_onScreen, &QCheckBox::toggled, this, [this](bool onScreen) {
        m_width->setEnabled(!onScreen);
        m_height->setEnabled(!onScreen);
        updateSummary();
    });
    for (QSpinBox *spin : {m_width, m_height, m_dpi})
        connect(spin, &QSpinBox::valueChanged, this, &FigureSizeDialog::updateSummary);
    setSize(FigureSize {});
}

void FigureSizeDialog::setSize(const FigureSize &size)
{
    m_onScreen->setChecked(size.width <= 0 || size.height <= 0);
    if (size.width > 0)
        m_width->setValue(size.width);
    if (size.height > 0)
        m_height->setValue(size.height);
    m_dpi->setValue(size.dpi);
    m_width->setEnabled(!m_onScreen->isChecked());
    m_height->setEnabled(!m_onScreen->isChecked());
    updateSummary();
}

FigureSize FigureSizeDialog::size() const
{
    if (m_onScreen->isChecked())
        return {0, 0, m_dpi->value()};
    return {m_width->value(), m_height->value(), m_dpi->value()};
}

void FigureSizeDialog::updateSummary()
{
    const FigureSize s = size();
    const double scale = s.dpi / 96.0;
    m_summary->setText(s.width > 0 ? tr("PNG: %1 × %2 pixels; PDF/SVG: %3 × %4 pt")
                                         .arg(qRound(s.width * scale))
                                         .arg(qRound(s.height * scale))
                                         .arg(s.width)
                                         .arg(s.height)
                                   : tr("PNG: the plot's size × %1").arg(scale, 0, 'g', 3));
}

void FigureSizeDialog::store(const FigureSize &size)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("export"));
    settings.setValue(QStringLiteral("width"), size.width);
    settings.setValue(QStringLiteral("height"), size.height);
    settings.setValue(QStringLiteral("dpi"), size.dpi);
}

FigureSize FigureSizeDialog::load()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("export"));
    FigureSize size;
    size.width = settings.value(QStringLiteral("width"), 0).toInt();
    size.height = settings.value(QStringLiteral("height"), 0).toInt();
    size.dpi = settings.value(QStringLiteral("dpi"), size.dpi).toInt();
    return size;
}

} // namespace sparsescope::widgets
