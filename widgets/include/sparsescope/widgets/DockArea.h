// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <vector>

class QAction;
class QDockWidget;

namespace sparsescope::widgets {

/// A panel's views as dock widgets: tabbed by default, and every one can be dragged to a side,
/// split beside another, floated as its own window or closed and brought back. An embedded
/// QMainWindow (QGIS and LabPlot dock their plots the same way); the panel keeps its form beside
/// it. Layouts are saved and restored by name (saveLayout/restoreLayout), so they survive a
/// restart when the main window stores them in QSettings.
class DockArea : public QMainWindow
{
    Q_OBJECT

public:
    /// `name` becomes the object name (and the key a layout is stored under).
    explicit DockArea(const QString &name, QWidget *parent = nullptr);
    ~DockArea() override;

    /// Adds `widget` as a view called `title`, tabbed with the views added before it. `key` is
    /// the stable name showView() and saved layouts use ("curves", "filters", …).
    QDockWidget *addView(const QString &key, const QString &title, QWidget *widget);
    /// Shows the view (also a closed or hidden one) and brings it to the front of its tab group.
    void showView(const QString &key);
    /// The view most recently brought to the front (by showView or by the user); empty when none.
    QString currentView() const { return m_current; }
    QDockWidget *dock(const QString &key) const;
    QWidget *view(const QString &key) const;
    QStringList viewKeys() const;
    /// True when the view's dock is on screen and not covered by another tab (false before the
    /// area is first shown).
    bool isViewVisible(const QString &key) const;

    /// All views tabbed in one group, none floating or closed, `first` (default: the first view)
    /// in front: the layout a new panel starts with.
    void tabAll(const QString &first = QString());
    /// All views shown at once in a grid of two columns, in the order they were added.
    void tile();

    QByteArray saveLayout() const;
    /// False (and nothing changed) when `state` is empty or not a layout of this area.
    bool restoreLayout(const QByteArray &state);

    /// Show/hide toggles for every view, then Tile, Tab and Reset layout: for a View menu.
    QList<QAction *> viewActions() const;
    QAction *tileAction() const { return m_tileAction; }
    QAction *tabAction() const { return m_tabAction; }

Q_SIGNALS:
    void currentViewChanged(const QString &key);

private:
    struct View
    {
        QString key;
        QDockWidget *dock = nullptr;
        bool visible = false; ///< as Qt's visibilityChanged last said: shown and in front
    };

    void setCurrent(const QString &key);
    void detachAll();

    std::vector<View> m_views;
    QString m_current;
    QAction *m_tileAction = nullptr;
    QAction *m_tabAction = nullptr;
};

} // namespace sparsescope::widgets
