// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/DockArea.h"

#include <QAction>
#include <QDockWidget>
#include <QTimer>

#include <algorithm>

namespace sparsescope::widgets {

namespace {
constexpr int kLayoutVersion = 1;
} // namespace

DockArea::DockArea(const QString &name, QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(name);
    // An embedded main window: a child widget in the panel's layout, not a top-level window.
    setWindowFlags(Qt::Widget);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks
                   | QMainWindow::AllowTabbedDocks | QMainWindow::GroupedDragging);
    setDocumentMode(true);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    // No central widget: the dock areas share all the space, so a lone view fills the panel.

    m_tileAction = new QAction(tr("&Tile views"), this);
    m_tileAction->setObjectName(name + QStringLiteral("-tile"));
    m_tileAction->setToolTip(tr("Show every view at once, side by side"));
    connect(m_tileAction, &QAction::triggered, this, [this] { tile(); });
    m_tabAction = new QAction(tr("T&ab views (reset layout)"), this);
    m_tabAction->setObjectName(name + QStringLiteral("-tab"));
    m_tabAction->setToolTip(tr("Dock every view again, tabbed in one group"));
    connect(m_tabAction, &QAction::triggered, this, [this] { tabAll(m_current); });
}

DockArea::~DockArea()
{
    // QMainWindow's destructor deletes the docks after m_views is gone; hiding them then must
    // not reach the visibilityChanged handlers below.
    for (const View &view : m_views)
        disconnect(view.dock, nullptr, this, nullptr);
}

QDockWidget *DockArea::addView(const QString &key, const QString &title, QWidget *widget)
{
    auto *dock = new QDockWidget(title, this);
    // saveState()/restoreState() find docks by object name: unique and stable per area.
    dock->setObjectName(objectName() + QLatin1Char('/') + key);
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    dock->toggleViewAction()->setObjectName(dock->objectName() + QStringLiteral("-toggle"));
    connect(dock, &QDockWidget::visibilityChanged, this, [this, key](bool visible) {
        // Qt tells a tabbed dock when it is covered or brought to the front; a tab the user
        // clicks (or a dock shown again) becomes the current view.
        for (View &view : m_views)
            if (view.key == key)
                view.visible = visible;
        if (visible)
            setCurrent(key);
    });
    if (m_views.empty())
        addDockWidget(Qt::TopDockWidgetArea, dock);
    else
        tabifyDockWidget(m_views.front().dock, dock);
    m_views.push_back({key, dock});
    if (m_views.size() == 1)
        m_current = key;
    else
        m_views.front().dock->raise(); // adding a tab must not change the front one
    return dock;
}

void DockArea::showView(const QString &key)
{
    QDockWidget *target = dock(key);
    if (!target)
        return;
    target->show();
    target->raise();
    setCurrent(key);
}

QDockWidget *DockArea::dock(const QString &key) const
{
    const auto it = std::find_if(m_views.begin(), m_views.end(),
                                 [&key](const View &view) { return view.key == key; });
    return it == m_views.end() ? nullptr : it->dock;
}

QWidget *DockArea::view(const QString &key) const
{
    const QDockWidget *found = dock(key);
    return found ? found->widget() : nullptr;
}

QStringList DockArea::viewKeys() const
{
    QStringList keys;
    for (const View &view : m_views)
        keys << view.key;
    return keys;
}

bool DockArea::isViewVisible(const QString &key) const
{
    const auto it = std::find_if(m_views.begin(), m_views.end(),
                                 [&key](const View &view) { return view.key == key; });
    return it != m_views.end() && !it->dock->isHidden() && it->visible;
}

void DockArea::detachAll()
{
    for (const View &view : m_views) {
        view.dock->setFloating(false);
        removeDockWidget(view.dock); // also hides it
    }
}

void DockArea::tabAll(const QString &first)
{
    if (m_views.empty())
        return;
    detachAll();
    QDockWidget *anchor = m_views.front().dock;
    addDockWidget(Qt::TopDockWidgetArea, anchor);
    anchor->show();
    for (std::size_t i = 1; i < m_views.size(); ++i) {
        tabifyDockWidget(anchor, m_views[i].dock);
        m_views[i].dock->show();
    }
    showView(dock(first) ? first : m_views.front().key);
}

void DockArea::tile()
{
    if (m_views.empty())
        return;
    const QString current = m_current;
    detachAll();
    // Two columns: views 0, 2, 4, … on the left, 1, 3, 5, … on the right, top to bottom.
    QDockWidget *columnEnd[2] = {m_views.front().dock, nullptr};
    addDockWidget(Qt::TopDockWidgetArea, columnEnd[0]);
    columnEnd[0]->show();
    for (std::size_t i = 1; i < m_views.size(); ++i) {
        QDockWidget *next = m_views[i].dock;
        if (i == 1)
            splitDockWidget(columnEnd[0], next, Qt::Horizontal);
        else
            splitDockWidget(columnEnd[i % 2], next, Qt::Vertical);
        columnEnd[i % 2] = next;
        next->show();
    }
    QList<QDockWidget *> left;
    QList<QDockWidget *> right;
    for (std::size_t i = 0; i < m_views.size(); ++i)
        (i % 2 ? right : left) << m_views[i].dock;
    // Equal shares (resizeDocks scales pixel sizes to the space there is); again once the new
    // layout has been laid out, since sizes given before that can be lost.
    const auto share = [this, left, right] {
        const int w = std::max(2, width());
        const int h = std::max(2, height());
        if (!right.isEmpty())
            resizeDocks({left.front(), right.front()}, {w / 2, w / 2}, Qt::Horizontal);
        resizeDocks(left, QList<int>(left.size(), h / int(left.size())), Qt::Vertical);
        if (!right.isEmpty())
            resizeDocks(right, QList<int>(right.size(), h / int(right.size())), Qt::Vertical);
    };
    share();
    QTimer::singleShot(0, this, share);
    setCurrent(current);
}

QByteArray DockArea::saveLayout() const
{
    return saveState(kLayoutVersion);
}

bool DockArea::restoreLayout(const QByteArray &state)
{
    if (state.isEmpty())
        return false;
    return restoreState(state, kLayoutVersion);
}

QList<QAction *> DockArea::viewActions() const
{
    QList<QAction *> actions;
    for (const View &view : m_views)
        actions << view.dock->toggleViewAction();
    actions << m_tileAction << m_tabAction;
    return actions;
}

void DockArea::setCurrent(const QString &key)
{
    if (key == m_current)
        return;
    m_current = key;
    Q_EMIT currentViewChanged(key);
}

} // namespace sparsescope::widgets
