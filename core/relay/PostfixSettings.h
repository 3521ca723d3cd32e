// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace bd {

// One thing the check found in the admin's current Postfix settings.
struct ConfigFinding
{
    enum class Severity { Problem, Warning, Note };

    QString id; // e.g. "relayhost-without-login"
    Severity severity = Severity::Note;
    QString text; // for a person, in the requested language
};

// Postfix's main.cf, or `postconf -n` output, as the admin pastes or opens it: "name = value"
// lines, indented continuation lines, # comments; the last setting of a name wins, as in
// Postfix. Then the checks of Trend Micro's step 1: is there a relayhost, does it log in, can
// the login work (noplaintext, TLS level, 465 without wrapper mode), does HELO match the PTR,
// is it iRedMail.
class PostfixSettings
{
public:
    static PostfixSettings parse(const QString &text);

    bool isEmpty() const { return m_values.isEmpty(); }
    QString value(const QString &name) const { return m_values.value(name); }
    bool contains(const QString &name) const { return m_values.contains(name); }
    QStringList names() const { return m_order; }

    // `ptrNames`: the sending IP's PTR names from the IP check, to compare HELO with.
    QList<ConfigFinding> check(const QStringList &ptrNames, Language lang) const;

private:
    QHash<QString, QString> m_values;
    QStringList m_order;
};

} // namespace bd
