// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonKeys.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/Spelling.h"

#include <QJsonParseError>

namespace sparsescope::app {

QJsonDocument JsonKeys::parse(const QByteArray &json, const QString &origin)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw core::Error(origin.toStdString(),
                          QStringLiteral("malformed JSON at offset %1: %2")
                              .arg(error.offset)
                              .arg(error.errorString())
                              .toStdString());
    return document;
}

void JsonKeys::requireKnown(const QJsonObject &object, const QStringList &known,
                            const QString &origin, const QString &where)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (known.contains(it.key()))
            continue;
        std::vector<std::string> candidates;
        for (const QString &key : known)
            candidates.push_back(key.toStdString());
        const QString nearest
            = QString::fromStdString(core::Spelling::nearest(it.key().toStdString(), candidates));
        QString message = QStringLiteral("unknown key \"%1\"%2").arg(it.key(), where);
        if (!nearest.isEmpty())
            message += QStringLiteral(" (did you mean \"%1\"?)").arg(nearest);
        throw core::Error(origin.toStdString(), message.toStdString());
    }
}

} // namespace sparsescope::app
