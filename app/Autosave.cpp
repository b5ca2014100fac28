// SPDX-License-Identifier: GPL-3.0-or-later
#include "Autosave.h"

#include "MainWindow.h"
#include "Workspace.h"
#include "panels/RlnPanel.h"
#include "panels/TrainingPanel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

#include <cerrno>

#include <signal.h>
#include <unistd.h>

namespace sparsescope::app {

namespace {
bool processAlive(qint64 pid)
{
    // kill(pid, 0): 0 or EPERM when the process exists.
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}
} // namespace

Autosave::Autosave(MainWindow &window, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{
    m_confirmer = [&window](const QString &title, const QString &question) {
        return QMessageBox::question(&window, title, question, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::Yes)
            == QMessageBox::Yes;
    };
    m_reportError = [&window](const QString &title, const QString &message) {
        QMessageBox::warning(&window, title, message);
    };
    connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
    // When a job ends: its results are on disk, so the workspace that points at them is saved.
    connect(window.trainingPanel(), &TrainingPanel::runFinished, this, [this] { saveNow(); });
    connect(window.rlnPanel(), &RlnPanel::finished, this, [this] { saveNow(); });
}

Autosave::~Autosave()
{
    if (!m_active)
        return;
    QFile::remove(autosavePath());
    QFile::remove(markerPath());
}

QString Autosave::defaultDirectory()
{
    const QByteArray fromEnvironment = qgetenv("SPARSESCOPE_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QString::fromLocal8Bit(fromEnvironment);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

int Autosave::defaultIntervalMs()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("SPARSESCOPE_AUTOSAVE_SECONDS", &ok);
    return ok && seconds > 0 ? seconds * 1000 : 3 * 60 * 1000;
}

void Autosave::setConfirmer(Confirmer confirmer)
{
    m_confirmer = std::move(confirmer);
}

void Autosave::setErrorReporter(ErrorReporter reporter)
{
    m_reportError = std::move(reporter);
}

QString Autosave::autosavePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("autosave-workspace.json"));
}

QString Autosave::markerPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("session.json"));
}

qint64 Autosave::markerPid() const
{
    QFile marker(markerPath());
    if (!marker.open(QIODevice::ReadOnly))
        return 0;
    const QJsonObject root = QJsonDocument::fromJson(marker.read(4096)).object();
    return root.value(QStringLiteral("pid")).toInteger();
}

bool Autosave::start(int intervalMs)
{
    if (m_active)
        return true;
    if (!QDir().mkpath(m_directory)) {
        m_lastError = tr("%1: cannot create the folder for autosaves").arg(m_directory);
        return false;
    }
    const bool markerFound = QFileInfo::exists(markerPath());
    const qint64 pid = markerPid();
    if (markerFound && pid != QCoreApplication::applicationPid() && processAlive(pid)) {
        m_lastError = tr("another SparseScope (process %1) is running: this one does not autosave")
                          .arg(pid);
        return false;
    }
    if (markerFound && QFileInfo::exists(autosavePath()))
        offerRestore();
    QSaveFile marker(markerPath());
    const QJsonObject root {
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("started"), QDateTime::currentDateTime().toString(Qt::ISODate)}};
    if (!marker.open(QIODevice::WriteOnly) || marker.write(QJsonDocument(root).toJson()) < 0
        || !marker.commit()) {
        m_lastError = tr("%1: cannot write the session marker").arg(markerPath());
        return false;
    }
    m_active = true;
    m_timer.start(intervalMs);
    return true;
}

void Autosave::offerRestore()
{
    const QDateTime when = QFileInfo(autosavePath()).lastModified();
    const QString question
        = tr("SparseScope did not close normally last time. Restore the workspace it autosaved "
             "at %1 (training form and run folder, the panels' settings)?")
              .arg(QLocale().toString(when, QLocale::ShortFormat));
    if (!m_confirmer(tr("Restore workspace"), question)) {
        QFile::remove(autosavePath());
        return;
    }
    QString error;
    if (!Workspace::open(m_window, autosavePath(), &error))
        m_reportError(tr("Restore workspace"), error);
}

bool Autosave::saveNow()
{
    if (!m_active)
        return false;
    QString error;
    if (!Workspace::save(m_window, autosavePath(), &error)) {
        m_lastError = error;
        return false;
    }
    m_lastError.clear();
    return true;
}

} // namespace sparsescope::app
