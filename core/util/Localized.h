// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QHash>
#include <QJsonValue>
#include <QString>

#include <initializer_list>
#include <utility>

namespace bd {

// A text in the languages the tool speaks; English is the fallback. The core has no tr(): its
// words live in the JSON tables, each as {"en": ..., "zh_CN": ...}.
struct Localized
{
    QString en;
    QString zhCN;

    QString get(Language language) const;
    bool isEmpty() const { return en.isEmpty(); }

    // {"en":..., "zh_CN":...}, or a bare string for English only.
    static Localized fromJson(const QJsonValue &value);
    static QHash<QString, Localized> mapFromJson(const QJsonValue &object);
};

// The marks between the parts of a text built in code, for its language: Chinese takes the
// full-width marks, which carry their own space; English the ASCII ones and a space. Every text
// put together from parts (a label and its value, a list, a note in brackets) takes them from
// here, in the core and in both front ends.
struct Punctuation
{
    QString colon; // "：" / ": "
    QString semicolon; // "；" / "; "
    QString comma; // "，" / ", "
    QString enumeration; // "、" / ", ": between the items of a list of names
    QString openParen; // "（" / " ("
    QString closeParen; // "）" / ")"

    static const Punctuation &of(Language language);
    // `text` in brackets, as a note after what comes before it.
    QString parenthesized(const QString &text) const { return openParen + text + closeParen; }
};

// `text` with each {name} replaced by its value: the placeholders of the tables' texts. One pass:
// a value that itself contains "{name}" stays as it is. Unknown names are left as written.
QString fillPlaceholders(const QString &text, const QHash<QString, QString> &values);
// The same for a few names, without building a hash: the classifier fills thousands of texts.
QString fillPlaceholders(
        const QString &text, std::initializer_list<std::pair<QStringView, QStringView>> values);

} // namespace bd
