// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

class QPoint;
class QWidget;

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
    /// The plots' context menu: "Export figure…" (PNG/PDF/SVG) and "Export data (CSV)…", with
    /// file names proposed from `stem`; a write that fails is reported in a warning naming the
    /// file. `position` is in `owner`'s coordinates.
    static void showExportMenu(QWidget &owner, const QPoint &position, const QString &stem,
                               const std::function<bool(const QString &)> &figure,
                               const std::function<bool(const QString &)> &data);
};

} // namespace sparsescope::widgets
