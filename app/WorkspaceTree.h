// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileInfoList>
#include <QStandardItemModel>
#include <QTreeView>

namespace sparsescope::app {

class RecentFiles;

/// The workspace tree: Models (the built-in architectures and recently opened model files),
/// Datasets (the embedded Fashion-MNIST and recent specs) and Runs (run folders under `runsRoot`,
/// newest first). Activating an item (double-click, Enter) emits what it names.
class WorkspaceTree : public QTreeView
{
    Q_OBJECT

public:
    enum class Kind { Model = 1, Dataset, Run };
    static constexpr int KindRole = Qt::UserRole + 1;
    static constexpr int ValueRole = Qt::UserRole + 2;

    WorkspaceTree(RecentFiles &recent, QString runsRoot, QWidget *parent = nullptr);

    QStandardItemModel *treeModel() const { return m_model; }
    /// Rebuilds the three lists (also on every show).
    void refresh();
    /// Run folders (holding run.json or model.pt) directly under `root`, newest first, at most
    /// `maximum` (the tree and the start page list the same ones).
    static QFileInfoList recentRuns(const QString &root, int maximum);
    /// The values listed under one category, in order.
    QStringList values(Kind kind) const;

Q_SIGNALS:
    void modelChosen(const QString &reference);
    void datasetChosen(const QString &spec);
    void runChosen(const QString &folder);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void activate(const QModelIndex &index);

    RecentFiles &m_recent;
    QString m_runsRoot;
    QStandardItemModel *m_model = nullptr;
};

} // namespace sparsescope::app
