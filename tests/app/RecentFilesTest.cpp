// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecentFiles.h"

#include <gtest/gtest.h>

using sparsescope::app::RecentEntry;
using sparsescope::app::RecentFiles;

TEST(RecentFiles, NewestFirstWithoutDuplicatesAtMostEight)
{
    RecentFiles recent(QStringLiteral("test/recentFiles"));
    recent.clear();
    EXPECT_TRUE(recent.entries().isEmpty());

    for (int i = 0; i < 10; ++i)
        recent.add({RecentEntry::Kind::Model, QStringLiteral("/models/%1.pt").arg(i)});
    recent.add({RecentEntry::Kind::Dataset, QStringLiteral("fashion-mnist:test")});
    recent.add({RecentEntry::Kind::Model, QStringLiteral("/models/5.pt")});

    const QList<RecentEntry> entries = recent.entries();
    ASSERT_EQ(entries.size(), RecentFiles::kMaximum);
    EXPECT_EQ(entries[0].value, QStringLiteral("/models/5.pt"));
    EXPECT_EQ(entries[1].kind, RecentEntry::Kind::Dataset);
    EXPECT_EQ(entries[1].value, QStringLiteral("fashion-mnist:test"));
    EXPECT_EQ(entries.count(RecentEntry {RecentEntry::Kind::Model, QStringLiteral("/models/5.pt")}),
              1);
    // A second instance reads the same list (it lives in QSettings).
    EXPECT_EQ(RecentFiles(QStringLiteral("test/recentFiles")).entries(), entries);

    recent.clear();
    EXPECT_TRUE(recent.entries().isEmpty());
}
