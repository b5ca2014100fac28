// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/FigureExport.h"

#include "sparsescope/widgets/FigureSizeDialog.h"

#include <qcustomplot.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <algorithm>

namespace sparsescope::widgets {

namespace {
constexpr QSize kFallbackSize(960, 540);
FigureSize g_defaultSize; // GUI thread only, like every widget

/// The size a figure is drawn at: the given width/height, else the default size's, else the
/// figure's own when it is laid out (960×540 when it is tiny or not laid out).
QSize exportSize(QSize own, int width, int height)
{
    const bool laidOut = own.width() >= 200 && own.height() >= 120;
    width = width > 0 ? width : g_defaultSize.width;
    height = height > 0 ? height : g_defaultSize.height;
    return {width > 0 ? width : (laidOut ? own.width() : kFallbackSize.width()),
            height > 0 ? height : (laidOut ? own.height() : kFallbackSize.height())};
}
} // namespace

FigureSize FigureExport::defaultSize()
{
    return g_defaultSize;
}

void FigureExport::setDefaultSize(const FigureSize &size)
{
    g_defaultSize.width = std::max(0, size.width);
    g_defaultSize.height = std::max(0, size.height);
    g_defaultSize.dpi = std::clamp(size.dpi, 48, 1200);
}

bool FigureExport::save(QCustomPlot &plot, const QString &path, const QString &title, int width,
                        int height)
{
    const FigureSize defaults = g_defaultSize;
    const QSize size = exportSize(plot.size(), width, height);
    const int w = size.width();
    const int h = size.height();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return plot.savePng(path, w, h, defaults.dpi / 96.0, -1, defaults.dpi, QCP::ruDotsPerInch);
    if (suffix == QLatin1String("pdf"))
        return plot.savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("SparseScope"), title);
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(w, h));
        generator.setViewBox(QRect(0, 0, w, h));
        generator.setTitle(title);
        generator.setDescription(QStringLiteral("Written by SparseScope"));
        QCPPainter painter;
        if (!painter.begin(&generator))
            return false;
        plot.toPainter(&painter, w, h);
        painter.end();
        return QFileInfo(path).size() > 0;
    }
    return false;
}

bool FigureExport::saveWidget(QWidget &widget, const QString &path, const QString &title)
{
    const FigureSize defaults = g_defaultSize;
    const QSize own = widget.size();
    const QSize size = exportSize(own, 0, 0);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf")
        && suffix != QLatin1String("svg"))
        return false;
    // Draw at the export size; a shown widget is put back at once (no event loop runs between).
    const bool resize = size != own;
    if (resize)
        widget.resize(size);
    const auto draw = [&widget](QPainter &painter) {
        widget.render(&painter, QPoint(), QRegion(),
                      QWidget::DrawWindowBackground | QWidget::DrawChildren);
    };
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        const double scale = defaults.dpi / 96.0;
        QImage image(QSize(int(size.width() * scale), int(size.height() * scale)),
                     QImage::Format_ARGB32_Premultiplied);
        image.fill(widget.palette().color(QPalette::Window));
        const int dotsPerMeter = int(defaults.dpi / 0.0254 + 0.5);
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(scale, scale);
            draw(painter);
        }
        ok = image.save(path, "PNG");
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setCreator(QStringLiteral("SparseScope"));
        writer.setTitle(title);
        writer.setResolution(96);
        // Points of 1/96 inch (FigureSize) as the page's 1/72-inch points.
        writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(),
                                     QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (painter.begin(&writer)) {
            draw(painter);
            ok = painter.end();
        }
    } else {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(), size));
        generator.setTitle(title);
        generator.setDescription(QStringLiteral("Written by SparseScope"));
        QPainter painter;
        if (painter.begin(&generator)) {
            draw(painter);
            ok = painter.end();
        }
    }
    if (resize)
        widget.resize(own);
    return ok && QFileInfo(path).size() > 0;
}

bool FigureExport::saveFormats(const QString &basePath,
                               const std::function<bool(const QString &)> &write)
{
    bool ok = true;
    for (const char *suffix : {".png", ".pdf", ".svg"})
        ok = write(basePath + QLatin1String(suffix)) && ok;
    return ok;
}

QString FigureExport::csvField(QString text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')))
        return text;
    return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

QString FigureExport::dialogFilter()
{
    return QObject::tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)");
}

void FigureExport::showExportMenu(QWidget &owner, const QPoint &position, const QString &stem,
                                  const std::function<bool(const QString &)> &figure,
                                  const std::function<bool(const QString &)> &data)
{
    QWidget *parent = &owner;
    auto run = [parent](const QString &path, const std::function<bool(const QString &)> &write) {
        if (!path.isEmpty() && !write(path))
            QMessageBox::warning(parent, QObject::tr("Export"),
                                 QObject::tr("%1: cannot be written").arg(path));
    };
    QMenu menu(parent);
    menu.addAction(QObject::tr("Export figure…"), parent, [=] {
        run(QFileDialog::getSaveFileName(parent, QObject::tr("Export figure"),
                                         stem + QStringLiteral(".png"), dialogFilter()),
            figure);
    });
    menu.addAction(QObject::tr("Export data (CSV)…"), parent, [=] {
        run(QFileDialog::getSaveFileName(parent, QObject::tr("Export data"),
                                         stem + QStringLiteral(".csv"), QObject::tr("CSV (*.csv)")),
            data);
    });
    menu.addSeparator();
    menu.addAction(QObject::tr("Export size and resolution…"), parent, [parent] {
        FigureSizeDialog dialog(parent);
        dialog.setSize(defaultSize());
        if (dialog.exec() == QDialog::Accepted) {
            setDefaultSize(dialog.size());
            FigureSizeDialog::store(defaultSize());
        }
    });
    menu.exec(owner.mapToGlobal(position));
}

} // namespace sparsescope::widgets
