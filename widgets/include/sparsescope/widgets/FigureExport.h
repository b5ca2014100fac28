// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCustomPlot;

namespace sparsescope::widgets {

/// Writes QCustomPlot figures as PNG (rendered at twice the size), PDF or SVG, chosen by the
/// file suffix (case-insensitive); every plot of the app exports through here.
class FigureExport
{
public:
    /// Width and height default to the plot's size (960×540 when it is tiny or not laid out).
    /// Returns false for an unknown suffix or when the file could not be written.
    static bool save(QCustomPlot &plot, const QString &path, const QString &title, int width = 0,
                     int height = 0);
    /// The file-dialog filter for the three formats.
    static QString dialogFilter();
};

} // namespace sparsescope::widgets
