// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTrust.h"

#include "AppInfo.h"

#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelFile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

#include <exception>
#include <optional>

namespace sparsescope::app {

namespace {
const QString kTrustedKey = QStringLiteral("security/trustedModelFiles");

/// The inspected file when `reference` is a model file with code, else nothing.
std::optional<core::ModelFile> codeFile(const QString &reference)
{
    if (reference.isEmpty() || core::Model::isRegistryName(reference.toStdString())
        || !QFileInfo::exists(reference))
        return std::nullopt;
    try {
        core::ModelFile file = core::ModelFile::inspect(reference.toStdString());
        if (file.containsCode())
            return file;
    } catch (const std::exception &) {
        // Not a model archive: LibTorch refuses it before running anything.
    }
    return std::nullopt;
}

QString canonical(const QString &path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? QFileInfo(path).absoluteFilePath() : resolved;
}
} // namespace

QString ModelTrust::runsRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + QStringLiteral("/runs");
}

namespace {
/// Allowed without asking: whether `file` (a file with code) lies under the runs folder or was
/// allowed before.
bool allowedBefore(const core::ModelFile &file)
{
    const QString path = canonical(QString::fromStdString(file.path()));
    if (path.startsWith(canonical(ModelTrust::runsRoot()) + QLatin1Char('/')))
        return true;
    const QSettings settings(organisationName(), applicationName());
    return settings.value(kTrustedKey).toStringList().contains(path);
}
} // namespace

bool ModelTrust::isTrusted(const QString &reference)
{
    const auto file = codeFile(reference);
    return !file || allowedBefore(*file);
}

bool ModelTrust::confirm(const QString &reference, const Asker &ask)
{
    const auto file = codeFile(reference); // inspected once
    if (!file || allowedBefore(*file))
        return true;
    const QString path = canonical(QString::fromStdString(file->path()));
    const QFileInfo info(path);
    const QString question
        = QCoreApplication::translate(
              "ModelTrust",
              "%1 is a TorchScript file: loading it runs the code inside it, with your "
              "permissions.\n\nIt comes from %2 (modified %3).\n\nLoad it only if you trust where "
              "it came from. Load it?")
              .arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath()),
                   QLocale().toString(info.lastModified(), QLocale::ShortFormat));
    if (!ask(QCoreApplication::translate("ModelTrust", "Load a TorchScript file?"), question))
        return false;
    QSettings settings(organisationName(), applicationName());
    QStringList trusted = settings.value(kTrustedKey).toStringList();
    trusted << path;
    settings.setValue(kTrustedKey, trusted);
    return true;
}

void ModelTrust::forgetAll()
{
    QSettings settings(organisationName(), applicationName());
    settings.remove(kTrustedKey);
}

} // namespace sparsescope::app
