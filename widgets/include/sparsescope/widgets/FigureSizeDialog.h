// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/widgets/FigureExport.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace sparsescope::widgets {

/// Asks for the export size of figures: "as on screen" or a width × height in points, and the
/// PNG resolution in dpi; shows the PNG's pixel size. store()/load() keep it in QSettings
/// (group "export").
class FigureSizeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FigureSizeDialog(QWidget *parent = nullptr);

    void setSize(const FigureSize &size);
    FigureSize size() const;

    static void store(const FigureSize &size);
    /// The stored size, or the defaults when none was stored.
    static FigureSize load();

private:
    void updateSummary();

    QCheckBox *m_onScreen = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QSpinBox *m_dpi = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace sparsescope::widgets
