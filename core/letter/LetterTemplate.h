// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

// A letter template from resources/letters/<kind>.<lang>.txt: a "Subject:" line, then the body.
// {{name}} is replaced by a value; {{#name}}...{{/name}} is kept only when the value is not
// empty, {{^name}}...{{/name}} only when it is. Nothing else is special, so a template is plain
// text a translator can edit.
class LetterTemplate
{
public:
    static std::optional<LetterTemplate> load(const QString &kind, Language lang);
    static std::optional<LetterTemplate> fromText(const QString &text, QString *error);

    // `unfilled` receives the names used in the template but missing from `values`: a bug in
    // the caller, which the tests look for.
    QString subject(const QHash<QString, QString> &values, QStringList *unfilled = nullptr) const;
    QString body(const QHash<QString, QString> &values, QStringList *unfilled = nullptr) const;

    static QString render(
            const QString &text, const QHash<QString, QString> &values, QStringList *unfilled);

private:
    QString m_subject;
    QString m_body;
};

} // namespace bd
