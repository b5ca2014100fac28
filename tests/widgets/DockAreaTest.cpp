// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/DockArea.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace sparsescope;

namespace {
/// A shown area with three labelled views, tabbed as a panel starts.
class DockAreaTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_area.resize(800, 600);
        for (const char *key : {"curves", "filters", "structure"})
            m_area.addView(QString::fromLatin1(key), QString::fromLatin1(key).toUpper(),
                           new QLabel(QString::fromLatin1(key)));
        m_area.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_area));
    }

    int visibleCount() const
    {
        int count = 0;
        for (const QString &key : m_area.viewKeys())
            count += m_area.isViewVisible(key);
        return count;
    }

    widgets::DockArea m_area {QStringLiteral("testViews")};
};
} // namespace

TEST_F(DockAreaTest, StartsTabbedWithTheFirstViewInFront)
{
    EXPECT_EQ(m_area.viewKeys(), (QStringList {"curves", "filters", "structure"}));
    EXPECT_EQ(m_area.currentView(), QStringLiteral("curves"));
    EXPECT_TRUE(QTest::qWaitFor([this] { return m_area.isViewVisible("curves"); }));
    EXPECT_EQ(visibleCount(), 1) << "the other two are covered tabs";
    EXPECT_EQ(m_area.tabifiedDockWidgets(m_area.dock("curves")).size(), 2);
    // A lone group fills the area (no central widget takes space).
    EXPECT_GT(m_area.dock("curves")->width(), 700);
    EXPECT_GT(m_area.dock("curves")->height(), 500);
    EXPECT_EQ(m_area.view("filters")->objectName(), QString());
    EXPECT_EQ(qobject_cast<QLabel *>(m_area.view("filters"))->text(), QStringLiteral("filters"));
    EXPECT_EQ(m_area.dock("nothing"), nullptr);
}

TEST_F(DockAreaTest, ShowViewBringsAViewToTheFrontAndReopensAClosedOne)
{
    QSignalSpy changed(&m_area, &widgets::DockArea::currentViewChanged);
    m_area.showView("structure");
    EXPECT_EQ(m_area.currentView(), QStringLiteral("structure"));
    ASSERT_GE(changed.size(), 1);
    EXPECT_EQ(changed.last().at(0).toString(), QStringLiteral("structure"));
    EXPECT_TRUE(QTest::qWaitFor([this] { return m_area.isViewVisible("structure"); }));
    EXPECT_FALSE(m_area.isViewVisible("curves"));

    m_area.dock("filters")->close();
    EXPECT_TRUE(m_area.dock("filters")->isHidden());
    EXPECT_FALSE(m_area.isViewVisible("filters"));
    m_area.showView("filters");
    EXPECT_FALSE(m_area.dock("filters")->isHidden());
    EXPECT_TRUE(QTest::qWaitFor([this] { return m_area.isViewVisible("filters"); }));
    m_area.showView("no such view"); // ignored
    EXPECT_EQ(m_area.currentView(), QStringLiteral("filters"));
}

TEST_F(DockAreaTest, TileShowsEveryViewAtOnceWithoutOverlap)
{
    m_area.dock("structure")->setFloating(true);
    m_area.tile();
    EXPECT_TRUE(QTest::qWaitFor([this] { return visibleCount() == 3; }));
    // Equal shares: two columns, the left one split in two.
    EXPECT_TRUE(QTest::qWaitFor([this] { return m_area.dock("filters")->width() > 300; }));
    QList<QRect> rects;
    for (const QString &key : m_area.viewKeys()) {
        const QDockWidget *dock = m_area.dock(key);
        EXPECT_FALSE(dock->isFloating()) << key.toStdString();
        EXPECT_TRUE(m_area.tabifiedDockWidgets(const_cast<QDockWidget *>(dock)).isEmpty());
        EXPECT_GT(dock->width(), 200) << key.toStdString();
        EXPECT_GT(dock->height(), 150) << key.toStdString();
        rects << dock->geometry();
    }
    for (int i = 0; i < rects.size(); ++i)
        for (int j = i + 1; j < rects.size(); ++j)
            EXPECT_FALSE(rects[i].intersects(rects[j])) << i << " and " << j;
    // Two columns: the first and third view on the left, the second on the right.
    EXPECT_LT(rects[0].right(), rects[1].left());
    EXPECT_LT(rects[0].bottom(), rects[2].top());

    m_area.tabAll("filters");
    EXPECT_EQ(m_area.currentView(), QStringLiteral("filters"));
    EXPECT_TRUE(QTest::qWaitFor([this] { return visibleCount() == 1; }));
    EXPECT_TRUE(m_area.isViewVisible("filters"));
}

TEST_F(DockAreaTest, LayoutsRoundTripAndForeignStatesAreRefused)
{
    m_area.tile();
    const QByteArray tiled = m_area.saveLayout();
    ASSERT_FALSE(tiled.isEmpty());
    m_area.tabAll();
    EXPECT_TRUE(QTest::qWaitFor([this] { return visibleCount() == 1; }));
    ASSERT_TRUE(m_area.restoreLayout(tiled));
    EXPECT_TRUE(QTest::qWaitFor([this] { return visibleCount() == 3; }));

    const QByteArray before = m_area.saveLayout();
    EXPECT_FALSE(m_area.restoreLayout(QByteArray()));
    EXPECT_FALSE(m_area.restoreLayout(QByteArrayLiteral("not a layout")));
    EXPECT_EQ(m_area.saveLayout(), before) << "a refused state changes nothing";
}

TEST_F(DockAreaTest, ViewActionsToggleEachViewThenTileAndTab)
{
    const QList<QAction *> actions = m_area.viewActions();
    ASSERT_EQ(actions.size(), 5);
    EXPECT_EQ(actions[0]->text(), QStringLiteral("CURVES"));
    EXPECT_EQ(actions[3], m_area.tileAction());
    EXPECT_EQ(actions[4], m_area.tabAction());
    ASSERT_TRUE(actions[1]->isCheckable());
    actions[1]->trigger(); // hide "filters"
    EXPECT_TRUE(m_area.dock("filters")->isHidden());
    actions[1]->trigger();
    EXPECT_FALSE(m_area.dock("filters")->isHidden());
    m_area.tileAction()->trigger();
    EXPECT_TRUE(QTest::qWaitFor([this] { return visibleCount() == 3; }));
    m_area.tabAction()->trigger();
    EXPECT_TRUE(QTest::qWaitFor([this] { return visibleCount() == 1; }));
}
