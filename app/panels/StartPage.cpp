// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/StartPage.h"

#include "AppInfo.h"
#include "WorkspaceTree.h"
#include "teaching/Lesson.h"

#include "sparsescope/core/psychophysics/HumanData.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <filesystem>

namespace sparsescope::app {

namespace {
constexpr int kRecentRuns = 8;
constexpr int kValueRole = Qt::UserRole + 1;
constexpr int kKindRole = Qt::UserRole + 2;

QPushButton *bigButton(const QString &text, const QString &name, const QString &tip)
{
    auto *button = new QPushButton(text);
    button->setObjectName(name);
    button->setToolTip(tip);
    button->setMinimumHeight(button->sizeHint().height() * 3 / 2);
    return button;
}
} // namespace

StartPage::StartPage(RecentFiles &recent, QString runsRoot, QWidget *parent)
    : QWidget(parent)
    , m_recent(recent)
    , m_runsRoot(std::move(runsRoot))
{
    setObjectName(QStringLiteral("startPage"));
    auto *title = new QLabel(tr("<h2>SparseScope %1</h2>"
                                "<p>See and shape structured sparsity, robustness and "
                                "human-likeness of neural networks.</p>")
                                 .arg(applicationVersion()));
    title->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->addWidget(buildBeginBox(), 0, 0);
    grid->addWidget(buildLessonsBox(), 1, 0);
    grid->addWidget(buildHumanDataBox(), 2, 0);
    grid->addWidget(buildRecentBox(), 0, 1, 4, 1);
    grid->setRowStretch(3, 1);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(grid, 1);
    refresh();
}

QWidget *StartPage::buildBeginBox()
{
    auto *box = new QGroupBox(tr("Begin"));
    auto *demo = bigButton(tr("▶  Run the demo"), QStringLiteral("demoButton"),
                           tr("LeNet-5 on Fashion-MNIST with group Lasso on the conv filters and "
                              "channels, 3 epochs: watch filters fade to exact zero"));
    connect(demo, &QPushButton::clicked, this, &StartPage::demoRequested);
    auto *model = bigButton(tr("Open a run or model…"), QStringLiteral("openModelButton"),
                            tr("A run folder, a TorchScript file or a LibTorch archive"));
    connect(model, &QPushButton::clicked, this, &StartPage::openModelRequested);
    auto *workspace = bigButton(tr("Open a workspace…"), QStringLiteral("openWorkspaceButton"),
                                tr("A saved .sparsescope.json workspace: every panel's state"));
    connect(workspace, &QPushButton::clicked, this, &StartPage::openWorkspaceRequested);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(demo);
    layout->addWidget(model);
    layout->addWidget(workspace);
    return box;
}

QWidget *StartPage::buildLessonsBox()
{
    auto *box = new QGroupBox(tr("Lessons (teaching mode)"));
    auto *layout = new QVBoxLayout(box);
    int number = 0;
    for (const QString &path : Lesson::embedded()) {
        QString title;
        try {
            title = Lesson::fromFile(path).title;
        } catch (const std::exception &) {
            continue; // the lesson tests keep the embedded ones readable
        }
        auto *button = new QPushButton(tr("%1. %2").arg(++number).arg(title));
        button->setObjectName(QStringLiteral("lessonButton%1").arg(number));
        button->setStyleSheet(QStringLiteral("text-align: left; padding: 4px 8px;"));
        connect(button, &QPushButton::clicked, this,
                [this, path] { Q_EMIT lessonRequested(path); });
        layout->addWidget(button);
    }
    return box;
}

QWidget *StartPage::buildRecentBox()
{
    auto *box = new QGroupBox(tr("Recent"));
    m_runs = new QListWidget;
    m_runs->setObjectName(QStringLiteral("recentRuns"));
    connect(m_runs, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString folder = item->data(kValueRole).toString();
        if (!folder.isEmpty())
            Q_EMIT runChosen(folder);
    });
    m_files = new QListWidget;
    m_files->setObjectName(QStringLiteral("recentFiles"));
    connect(m_files, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString value = item->data(kValueRole).toString();
        if (value.isEmpty())
            return;
        Q_EMIT recentChosen(RecentEntry {RecentEntry::Kind(item->data(kKindRole).toInt()), value});
    });
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(new QLabel(tr("Runs (double-click to open):")));
    layout->addWidget(m_runs, 3);
    layout->addWidget(new QLabel(tr("Models and data:")));
    layout->addWidget(m_files, 2);
    return box;
}

QWidget *StartPage::buildHumanDataBox()
{
    auto *box = new QGroupBox(tr("Human data (Geirhos et al. 2018)"));
    m_humanDataLabel = new QLabel;
    m_humanDataLabel->setObjectName(QStringLiteral("humanDataLabel"));
    m_humanDataLabel->setWordWrap(true);
    m_humanDataButton = new QPushButton;
    m_humanDataButton->setObjectName(QStringLiteral("humanDataButton"));
    connect(m_humanDataButton, &QPushButton::clicked, this,
            [this] { Q_EMIT humanDataRequested(!m_humanDataFound); });
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_humanDataLabel);
    layout->addWidget(m_humanDataButton);
    return box;
}

void StartPage::refresh()
{
    m_runs->clear();
    for (const QFileInfo &folder : WorkspaceTree::recentRuns(m_runsRoot, kRecentRuns)) {
        auto *item = new QListWidgetItem(
            tr("%1   ·   %2")
                .arg(folder.fileName(),
                     QLocale().toString(folder.lastModified(), QLocale::ShortFormat)));
        item->setData(kValueRole, folder.absoluteFilePath());
        item->setToolTip(QDir::toNativeSeparators(folder.absoluteFilePath()));
        m_runs->addItem(item);
    }
    if (m_runs->count() == 0)
        m_runs->addItem(tr("No runs yet: run the demo, or train on the Training tab."));
    m_files->clear();
    for (const RecentEntry &entry : m_recent.entries()) {
        const bool model = entry.kind == RecentEntry::Kind::Model;
        auto *item
            = new QListWidgetItem((model ? tr("Model: %1") : tr("Data: %1")).arg(entry.value));
        item->setData(kValueRole, entry.value);
        item->setData(kKindRole, int(entry.kind));
        m_files->addItem(item);
    }
    if (m_files->count() == 0)
        m_files->addItem(tr("Nothing opened yet: File → Open model… or Open dataset…"));

    const auto root = core::HumanData::defaultDestination();
    std::error_code error;
    m_humanDataFound = std::filesystem::is_directory(root / "raw-data" / "humans", error);
    if (m_humanDataFound) {
        m_humanDataLabel->setText(
            tr("The released trials are in %1 (CC BY 4.0).")
                .arg(QDir::toNativeSeparators(QString::fromStdString(root.string()))));
        m_humanDataButton->setText(tr("Show Humans vs DNNs"));
    } else {
        m_humanDataLabel->setText(
            tr("82,880 human trials of the 2018 degradation experiments, to compare your "
               "networks' errors with: not downloaded yet."));
        m_humanDataButton->setText(tr("Get the 2018 data…"));
    }
}

void StartPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace sparsescope::app
