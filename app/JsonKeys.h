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
    /// "" when every key of `object` is in `known`; else the message for the first that is not:
    /// `unknown key "titel"<where> (did you mean "title"?)`.
    static QString unknown(const QJsonObject &object, const QStringList &known,
                           const QString &where = {});
};

} // namespace sparsescope::app
