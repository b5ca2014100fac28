// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace sparsescope::app {

/// One entry of File ▸ Open Recent: a model reference or a dataset spec.
struct RecentEntry
{
    enum class Kind { Model, Dataset };
    Kind kind = Kind::Model;
    QString value;

    bool operator==(const RecentEntry &) const = default;
};

/// The most recently opened models and datasets, newest first, kept in QSettings.
class RecentFiles
{
public:
    static constexpr int kMaximum = 8;

    /// `settingsGroup` lets tests use their own list.
    explicit RecentFiles(QString settingsGroup = QStringLiteral("recentFiles"));

    QList<RecentEntry> entries() const;
    /// Moves `entry` to the front (or inserts it) and keeps at most kMaximum entries.
    void add(const RecentEntry &entry);
    void clear();

private:
    void store(const QList<RecentEntry> &entries) const;

    QString m_group;
};

} // namespace sparsescope::app
