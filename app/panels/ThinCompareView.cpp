// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/ThinCompareView.h"

#include "sparsescope/core/export/ModelExport.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextStream>
#include <QVBoxLayout>

#include <exception>

namespace sparsescope::app {

namespace {
QString count(double value)
{
    return QLocale().toString(value, 'f', 0);
}
QString ms(double value)
{
    return value > 0.0 ? QString::number(value, 'f', value < 1.0 ? 3 : 2) : QStringLiteral("–");
}
QString percent(double value)
{
    return value >= 0.0 ? QString::number(100.0 * value, 'f', 2) + QStringLiteral(" %")
                        : QStringLiteral("–");
}
} // namespace

ThinCompareView::ThinCompareView(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new JobController(QStringLiteral("thin"), this))
{
    m_reportError = [this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    };
    connect(m_jobs, &JobController::message, this,
            [this](const QString &text) { m_status->setText(text); });
    connect(m_jobs, &JobController::failed, this, [this](const QString &message) {
        setBusy(false, tr("failed: %1").arg(message));
        m_reportError(tr("Thin and compare"), message);
        Q_EMIT failed(message);
    });

    m_status = new QLabel(tr("Train a model (or choose a run folder), then Training → Thin and "
                             "compare (Ctrl+T): the zero filters, channels and columns are cut "
                             "out and both versions measured."));
    m_status->setObjectName(QStringLiteral("thinStatus"));
    m_status->setWordWrap(true);
    m_busyBar = new QProgressBar;
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(160);
    m_busyBar->setVisible(false);

    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(QStringLiteral("thinTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Quantity"), tr("As trained"), tr("Thinned"), tr("Thinned / trained")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("thinNote"));
    m_note->setWordWrap(true);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_before = new QPlainTextEdit;
    m_after = new QPlainTextEdit;
    for (QPlainTextEdit *text : {m_before, m_after}) {
        text->setReadOnly(true);
        text->setFont(fixed);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_before->setPlaceholderText(tr("architecture as trained"));
    m_after->setPlaceholderText(tr("architecture after thinning"));

    m_saveButton = new QPushButton(tr("Save thinned model…"));
    m_saveButton->setObjectName(QStringLiteral("saveThinnedButton"));
    m_saveButton->setToolTip(tr("LibTorch archive (.pt) or ONNX (.onnx)"));
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save thinned model"), QStringLiteral("thinned.pt"),
            tr("LibTorch archive (*.pt);;ONNX (*.onnx)"));
        if (!path.isEmpty())
            saveThinned(path);
    });
    m_csvButton = new QPushButton(tr("Export table (CSV)…"));
    connect(m_csvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export table"), QStringLiteral("thin-compare.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty() && !exportCsv(path))
            m_reportError(tr("Export"), tr("%1: cannot be written").arg(path));
    });
    m_saveButton->setEnabled(false);
    m_csvButton->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_busyBar);
    top->addWidget(m_csvButton);
    top->addWidget(m_saveButton);
    auto *texts = new QSplitter(Qt::Horizontal);
    texts->addWidget(m_before);
    texts->addWidget(m_after);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_note);
    layout->addWidget(texts, 3);
}

ThinCompareView::~ThinCompareView() = default;

void ThinCompareView::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
    m_status->setText(text);
}

void ThinCompareView::compare(const QString &model, const QString &testData, int limit)
{
    if (m_busy)
        return;
    setBusy(true, tr("Thinning %1 and measuring both versions…").arg(model));
    m_jobs->run(
        [model, testData, limit, repeats = m_repeats](core::JobObserver &observer,
                                                      std::stop_token stop) {
            return ThinWorker::compare(model, testData, limit, repeats, observer, stop);
        },
        [this](std::shared_ptr<const ThinComparison> result) {
            if (result)
                show(std::move(result));
            else
                setBusy(false, tr("stopped"));
        });
}

void ThinCompareView::show(std::shared_ptr<const ThinComparison> result)
{
    m_result = std::move(result);
    const ThinComparison &r = *m_result;
    struct Row
    {
        QString name;
        double before;
        double after;
        QString (*format)(double);
    };
    const std::vector<Row> rows {
        {tr("Parameters"), double(r.dense.parameters), double(r.thin.parameters), count},
        {tr("MACs per sample"), double(r.dense.macs), double(r.thin.macs), count},
        {tr("Latency, batch 1 (ms)"), r.dense.latency1Ms, r.thin.latency1Ms, ms},
        {tr("Latency, batch 64 (ms)"), r.dense.latency64Ms, r.thin.latency64Ms, ms},
        {tr("Conv layers, batch 64 (ms)"), r.convDense64Ms, r.convThin64Ms, ms},
        {tr("Test accuracy"), r.dense.accuracy, r.thin.accuracy, percent},
    };
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const Row &row = rows[std::size_t(i)];
        const bool accuracy = row.format == percent;
        QString ratio = QStringLiteral("–");
        if (accuracy && row.before >= 0.0 && row.after >= 0.0)
            ratio = tr("%1 pp").arg(100.0 * (row.after - row.before), 0, 'f', 2);
        else if (!accuracy && row.before > 0.0 && row.after > 0.0)
            ratio = QString::number(row.after / row.before, 'f', 3) + QStringLiteral("×");
        const QStringList cells {row.name, row.format(row.before), row.format(row.after), ratio};
        for (int c = 0; c < 4; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                          : Qt::AlignRight | Qt::AlignVCenter);
            if (c == 1)
                item->setData(Qt::UserRole, row.before);
            if (c == 2)
                item->setData(Qt::UserRole, row.after);
            m_table->setItem(i, c, item);
        }
    }
    // The whole table without a scroll bar; the architectures take the rest.
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
    QString note;
    if (r.convSparse64Ms > 0.0 && r.convThin64Ms > 0.0)
        note = tr("The same zeros scattered (%1 % of the weights, CSR kernel) take %2 ms in the "
                  "conv layers at batch 64: removed as whole filters, channels and columns they "
                  "take %3 ms, %4× faster than scattered.")
                   .arg(100.0 * r.elementSparsity, 0, 'f', 1)
                   .arg(ms(r.convSparse64Ms), ms(r.convThin64Ms))
                   .arg(r.convSparse64Ms / r.convThin64Ms, 0, 'f', 1);
    if (!r.removedBlocks.isEmpty())
        note += (note.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("Residual blocks removed: %1.").arg(r.removedBlocks.join(QStringLiteral(", ")));
    m_note->setText(note);
    m_before->setPlainText(r.dense.architecture);
    m_after->setPlainText(r.thin.architecture);
    m_saveButton->setEnabled(true);
    m_csvButton->setEnabled(true);
    setBusy(
        false,
        tr("%1 thinned and measured in %2 s%3")
            .arg(r.model)
            .arg(r.seconds, 0, 'f', 1)
            .arg(r.evaluated ? tr(" · accuracy on %1 test samples").arg(r.evaluated) : QString()));
    Q_EMIT compared();
}

bool ThinCompareView::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "quantity,trained,thinned,ratio\n";
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const double before = m_table->item(row, 1)->data(Qt::UserRole).toDouble();
        const double after = m_table->item(row, 2)->data(Qt::UserRole).toDouble();
        out << '"' << m_table->item(row, 0)->text() << "\"," << QString::number(before, 'g', 10)
            << ',' << QString::number(after, 'g', 10) << ','
            << (before > 0.0 ? QString::number(after / before, 'g', 6) : QString()) << '\n';
    }
    out.flush();
    return file.error() == QFileDevice::NoError;
}

bool ThinCompareView::saveThinned(const QString &path)
{
    if (!m_result) {
        m_reportError(tr("Save thinned model"), tr("Nothing thinned yet."));
        return false;
    }
    try {
        if (path.endsWith(QStringLiteral(".onnx"), Qt::CaseInsensitive))
            core::exportOnnx(m_result->thinned, path.toStdString());
        else
            core::exportLibTorch(m_result->thinned, path.toStdString());
        m_status->setText(tr("Thinned model written to %1").arg(path));
        return true;
    } catch (const std::exception &error) {
        m_reportError(tr("Save thinned model"), QString::fromUtf8(error.what()));
        return false;
    }
}

} // namespace sparsescope::app
