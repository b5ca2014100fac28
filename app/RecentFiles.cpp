// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecentFiles.h"

#include "AppInfo.h"

#include <QSettings>

#include <utility>

namespace sparsescope::app {

namespace {
QString kindName(RecentEntry::Kind kind)
{
    return kind == RecentEntry::Kind::Dataset ? QStringLiteral("dataset") : QStringLiteral("model");
}
} // namespace

RecentFiles::RecentFiles(QString settingsGroup)
    : m_group(std::move(settingsGroup))
{ }

QList<RecentEntry> RecentFiles::entries() const
{
    QSettings settings(organisationName(), applicationName());
    QList<RecentEntry> entries;
    const int count = settings.beginReadArray(m_group);
    for (int i = 0; i < count && entries.size() < kMaximum; ++i) {
        settings.setArrayIndex(i);
        RecentEntry entry;
        entry.kind = settings.value(QStringLiteral("kind")).toString()
                == kindName(RecentEntry::Kind::Dataset)
            ? RecentEntry::Kind::Dataset
            : RecentEntry::Kind::Model;
        entry.value = settings.value(QStringLiteral("value")).toString();
        if (!entry.value.isEmpty())
            entries.append(entry);
    }
    settings.endArray();
    return entries;
}

void RecentFiles::add(const RecentEntry &entry)
{
    if (entry.value.isEmpty())
        return;
    QList<RecentEntry> list = entries();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > kMaximum)
        list.removeLast();
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QList<RecentEntry> &entries) const
{
    QSettings settings(organisationName(), applicationName());
    settings.remove(m_group);
    settings.beginWriteArray(m_group, static_cast<int>(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("kind"), kindName(entries[i].kind));
        settings.setValue(QStringLiteral("value"), entries[i].value);
    }
    settings.endArray();
}

} // namespace sparsescope::app
