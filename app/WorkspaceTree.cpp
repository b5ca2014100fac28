// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceTree.h"

#include "RecentFiles.h"

#include "sparsescope/core/models/ModelRegistry.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>

#include <utility>

namespace sparsescope::app {

namespace {
constexpr int kMaximumRuns = 50;

QStandardItem *category(const QString &title)
{
    auto *item = new QStandardItem(title);
    item->setEditable(false);
    item->setSelectable(false);
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
    return item;
}

QStandardItem *entry(const QString &text, WorkspaceTree::Kind kind, const QString &value,
                     const QString &tooltip)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(int(kind), WorkspaceTree::KindRole);
    item->setData(value, WorkspaceTree::ValueRole);
    item->setToolTip(tooltip);
    return item;
}
} // namespace

QFileInfoList WorkspaceTree::recentRuns(const QString &root, int maximum)
{
    QFileInfoList runs;
    for (const QFileInfo &folder :
         QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time)) {
        const QDir run(folder.absoluteFilePath());
        if (!run.exists(QStringLiteral("run.json")) && !run.exists(QStringLiteral("model.pt")))
            continue;
        runs << folder;
        if (runs.size() >= maximum)
            break;
    }
    return runs;
}

WorkspaceTree::WorkspaceTree(RecentFiles &recent, QString runsRoot, QWidget *parent)
    : QTreeView(parent)
    , m_recent(recent)
    , m_runsRoot(std::move(runsRoot))
    , m_model(new QStandardItemModel(this))
{
    setObjectName(QStringLiteral("workspaceTree"));
    setModel(m_model);
    setHeaderHidden(true);
    setUniformRowHeights(true);
    connect(this, &QTreeView::activated, this, &WorkspaceTree::activate);
    refresh();
}

void WorkspaceTree::showEvent(QShowEvent *event)
{
    refresh();
    QTreeView::showEvent(event);
}

void WorkspaceTree::refresh()
{
    m_model->clear();
    QStandardItem *models = category(tr("Models"));
    for (const auto &model : core::ModelRegistry::entries())
        models->appendRow(entry(QString::fromStdString(model.name), Kind::Model,
                                QString::fromStdString(model.name),
                                QString::fromStdString(model.description)));
    QStandardItem *datasets = category(tr("Datasets"));
    for (const QString &spec :
         {QStringLiteral("fashion-mnist:train"), QStringLiteral("fashion-mnist:test")})
        datasets->appendRow(
            entry(spec, Kind::Dataset, spec, tr("Fashion-MNIST (Debian dataset-fashion-mnist)")));
    for (const RecentEntry &recent : m_recent.entries()) {
        const bool model = recent.kind == RecentEntry::Kind::Model;
        (model ? models : datasets)
            ->appendRow(entry(QFileInfo(recent.value).fileName().isEmpty()
                                  ? recent.value
                                  : QFileInfo(recent.value).fileName(),
                              model ? Kind::Model : Kind::Dataset, recent.value,
                              tr("recent: %1").arg(recent.value)));
    }
    QStandardItem *runs = category(tr("Runs"));
    const QFileInfoList folders = recentRuns(m_runsRoot, kMaximumRuns);
    for (const QFileInfo &folder : folders)
        runs->appendRow(entry(folder.fileName(), Kind::Run, folder.absoluteFilePath(),
                              tr("%1 · %2").arg(folder.absoluteFilePath(),
                                                folder.lastModified().toString(Qt::ISODate))));
    if (folders.isEmpty()) {
        auto *empty = new QStandardItem(tr("(no runs yet: train one)"));
        empty->setEditable(false);
        empty->setSelectable(false);
        empty->setEnabled(false);
        runs->appendRow(empty);
    }
    m_model->appendRow(models);
    m_model->appendRow(datasets);
    m_model->appendRow(runs);
    expandAll();
}

QStringList WorkspaceTree::values(Kind kind) const
{
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem *group = m_model->item(row);
        for (int child = 0; child < group->rowCount(); ++child)
            if (group->child(child)->data(KindRole).toInt() == int(kind))
                out << group->child(child)->data(ValueRole).toString();
    }
    return out;
}

void WorkspaceTree::activate(const QModelIndex &index)
{
    const QString value = index.data(ValueRole).toString();
    switch (Kind(index.data(KindRole).toInt())) {
    case Kind::Model:
        Q_EMIT modelChosen(value);
        break;
    case Kind::Dataset:
        Q_EMIT datasetChosen(value);
        break;
    case Kind::Run:
        Q_EMIT runChosen(value);
        break;
    }
}

} // namespace sparsescope::app
