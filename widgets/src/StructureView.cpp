// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/StructureView.h"

#include "sparsescope/widgets/FigureExport.h"

#include <QFile>
#include <QPainter>
#include <QRegularExpression>
#include <QTextStream>

#include <map>

namespace sparsescope::widgets {

namespace {
const QRegularExpression kBlockConv(QStringLiteral(R"(^(.*layer\d+\.\d+)\.conv\d+$)"));

QString blockOf(const core::LayerStructure &layer)
{
    const auto match = kBlockConv.match(QString::fromStdString(layer.name));
    return match.hasMatch() ? match.captured(1) : QString();
}

constexpr int kRowHeight = 22;
constexpr int kNameWidth = 130;
constexpr int kChainHeight = 46;
} // namespace

StructureView::StructureView(QWidget *parent)
    : QWidget(parent)
    , m_placeholder(tr("Kept and removed filters, channels and filter-shape columns of every "
                       "layer appear here while a model trains."))
{
    setObjectName(QStringLiteral("structureView"));
    setMinimumSize(320, 160);
    setAutoFillBackground(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        FigureExport::showExportMenu(
            *this, position, QStringLiteral("structure"),
            [this](const QString &path) { return exportFigure(path); },
            [this](const QString &path) { return exportCsv(path); });
    });
}

bool StructureView::exportFigure(const QString &path)
{
    return FigureExport::saveWidget(*this, path, tr("Kept and removed structures"));
}

bool StructureView::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "layer,kind,group_type,total,zero\n";
    for (const core::LayerStructure &layer : m_layers) {
        const QString name = FigureExport::csvField(QString::fromStdString(layer.name));
        const QString kind = QString::fromStdString(layer.kind);
        const auto row = [&](const char *type, std::int64_t total, std::int64_t zero) {
            out << name << ',' << kind << ',' << type << ',' << total << ',' << zero << '\n';
        };
        row("filter", layer.rows, layer.zeroRows);
        row("channel", layer.channels, layer.zeroChannels);
        row("shape", layer.columns, layer.zeroColumns);
        if (layer.kind == "conv")
            row("kernel", layer.kernels, layer.zeroKernels);
        row("element", layer.parameters, layer.zeroParameters);
    }
    out.flush();
    return file.error() == QFile::NoError;
}

void StructureView::setStructure(const std::vector<core::LayerStructure> &layers)
{
    m_layers = layers;
    updateGeometry();
    update();
}

void StructureView::clear()
{
    m_layers.clear();
    update();
}

QStringList StructureView::blocks() const
{
    QStringList names;
    for (const auto &layer : m_layers)
        if (const auto block = blockOf(layer); !block.isEmpty() && !names.contains(block))
            names << block;
    return names;
}

QStringList StructureView::removedBlocks() const
{
    std::map<QString, bool> allZero;
    for (const auto &layer : m_layers) {
        const auto block = blockOf(layer);
        if (block.isEmpty())
            continue;
        const bool zero = layer.parameters > 0 && layer.zeroRows == layer.rows;
        auto it = allZero.find(block);
        allZero[block] = (it == allZero.end() ? true : it->second) && zero;
    }
    QStringList removed;
    for (const auto &block : blocks())
        if (allZero[block])
            removed << block;
    return removed;
}

QSize StructureView::sizeHint() const
{
    const int chain = blocks().isEmpty() ? 0 : kChainHeight;
    return {560, 40 + kRowHeight * int(m_layers.size()) + chain};
}

void StructureView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void StructureView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    if (m_layers.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QColor kept[]
        = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c)};
    const QColor removed = pal.color(QPalette::Mid);
    const QString labels[] = {tr("filters"), tr("channels"), tr("columns")};
    const int barsLeft = kNameWidth + 8;
    const int barsWidth = std::max(60, width() - barsLeft - 12);
    const int third = barsWidth / 3;

    // Legend.
    p.setPen(pal.color(QPalette::Text));
    for (int i = 0; i < 3; ++i) {
        const QRect swatch(barsLeft + i * third, 8, 12, 12);
        p.fillRect(swatch, kept[i]);
        p.drawText(swatch.translated(16, -2).adjusted(0, 0, third - 40, 4),
                   Qt::AlignLeft | Qt::AlignVCenter, labels[i] + tr(" kept"));
    }
    int y = 30;
    for (const auto &layer : m_layers) {
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(4, y, kNameWidth, kRowHeight - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   QString::fromStdString(layer.name));
        const std::int64_t totals[] = {layer.rows, layer.channels, layer.columns};
        const std::int64_t zeros[] = {layer.zeroRows, layer.zeroChannels, layer.zeroColumns};
        for (int i = 0; i < 3; ++i) {
            const QRect bar(barsLeft + i * third, y + 3, third - 10, kRowHeight - 8);
            p.fillRect(bar, removed);
            if (totals[i] > 0) {
                const double fraction = double(totals[i] - zeros[i]) / double(totals[i]);
                p.fillRect(QRect(bar.left(), bar.top(), int(bar.width() * fraction), bar.height()),
                           kept[i]);
                p.setPen(Qt::white);
                p.drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                           QStringLiteral("%1/%2").arg(totals[i] - zeros[i]).arg(totals[i]));
            }
        }
        y += kRowHeight;
    }
    const auto chain = blocks();
    if (chain.isEmpty())
        return;
    // Residual blocks as a chain; removed ones are grey and struck out.
    const auto gone = removedBlocks();
    y += 8;
    const int boxWidth = std::max(24, (width() - 16) / int(chain.size()) - 6);
    int x = 8;
    for (const auto &block : chain) {
        const bool isRemoved = gone.contains(block);
        const QRect box(x, y, boxWidth, kChainHeight - 20);
        p.setPen(pal.color(QPalette::Text));
        p.setBrush(isRemoved ? removed : kept[0].lighter(150));
        p.drawRoundedRect(box, 4, 4);
        p.drawText(box, Qt::AlignCenter, QString(block).remove(QStringLiteral("layer")));
        if (isRemoved) {
            p.setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
            p.drawLine(box.topLeft(), box.bottomRight());
            p.drawLine(box.bottomLeft(), box.topRight());
        }
        x += boxWidth + 6;
    }
}

} // namespace sparsescope::widgets
