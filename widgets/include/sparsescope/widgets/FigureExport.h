// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

class QPoint;
class QWidget;

class QCustomPlot;

namespace sparsescope::widgets {

/// The size figures are exported at: width × height in points (1/96 inch, the on-screen pixel);
/// 0 means the plot's size on screen. PNGs are rendered at `dpi` (192: twice the screen's
/// resolution) and carry it in their metadata; PDF and SVG are vector drawings of that size.
struct FigureSize
{
    int width = 0;
    int height = 0;
    int dpi = 192;
    bool operator==(const FigureSize &) const = default;
};

/// Writes QCustomPlot figures as PNG, PDF or SVG, chosen by the file suffix (case-insensitive);
/// every plot of the app exports through here.
class FigureExport
{
public:
    /// Width and height default to defaultSize()'s, then to the plot's size (960×540 when it is
    /// tiny or not laid out). Returns false for an unknown suffix or when the file could not be
    /// written.
    static bool save(QCustomPlot &plot, const QString &path, const QString &title, int width = 0,
                     int height = 0);
    /// A widget-drawn figure (the filter grid, the structure view) the same way: PNG at the
    /// default dpi, PDF and SVG as vector drawings of what its paintEvent draws. The widget is
    /// drawn at the default size (resized for the drawing, then put back) or its own.
    static bool saveWidget(QWidget &widget, const QString &path, const QString &title);
    /// Calls `write` for basePath.png, .pdf and .svg (all three, also after a failure); true
    /// when every one succeeded. The panels' "export all" write their figures through it.
    static bool saveFormats(const QString &basePath,
                            const std::function<bool(const QString &)> &write);
    /// The size every export uses unless given (the context menu's "Export size…" sets it).
    static FigureSize defaultSize();
    static void setDefaultSize(const FigureSize &size);
    /// The file-dialog filter for the three formats.
    static QString dialogFilter();
    /// A CSV field as the plots' data exports write it: quoted (with "" for ") when it holds a
    /// comma or a quote, else as it is.
    static QString csvField(QString text);
    /// The plots' context menu: "Export figure…" (PNG/PDF/SVG) and "Export data (CSV)…", with
    /// file names proposed from `stem`; a write that fails is reported in a warning naming the
    /// file. `position` is in `owner`'s coordinates.
    static void showExportMenu(QWidget &owner, const QPoint &position, const QString &stem,
                               const std::function<bool(const QString &)> &figure,
                               const std::function<bool(const QString &)> &data);
};

} // namespace sparsescope::widgets
