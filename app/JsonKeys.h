// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sparsescope::app {

/// Key checks of the GUI's JSON files (workspaces, lessons): a typo must never be ignored.
class JsonKeys
{
public:
    /// Parses `json`; core::Error naming `origin` ("malformed JSON at offset N: …").
    static QJsonDocument parse(const QByteArray &json, const QString &origin);
    /// core::Error naming `origin` for the first key of `object` not in `known`:
    /// `unknown key "titel"<where> (did you mean "title"?)`.
    static void requireKnown(const QJsonObject &object, const QStringList &known,
                             const QString &origin, const QString &where = {});
};

} // namespace sparsescope::app
