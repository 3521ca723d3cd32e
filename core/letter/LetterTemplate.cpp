// SPDX-License-Identifier: GPL-3.0-or-later
#include "letter/LetterTemplate.h"

#include <QFile>

namespace bd {

std::optional<LetterTemplate> LetterTemplate::load(const QString &kind, Language lang)
{
    // Not builtInData(): an unknown kind or language is the caller's question, not a broken build.
    QFile f(QStringLiteral(":/letters/%1.%2.txt").arg(kind, languageCode(lang)));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    QString error;
    return fromText(QString::fromUtf8(f.readAll()), &error);
}

std::optional<LetterTemplate> LetterTemplate::fromText(const QString &text, QString *error)
{
    if (!text.startsWith(u"Subject: ")) {
        *error = QStringLiteral("a letter template starts with \"Subject: \"");
        return std::nullopt;
    }
    const qsizetype nl = text.indexOf(u'\n');
    LetterTemplate t;
    t.m_subject = text.mid(9, nl < 0 ? -1 : nl - 9).trimmed();
    t.m_body = nl < 0 ? QString() : text.mid(nl + 1);
    return t;
}

QString LetterTemplate::render(
        const QString &text, const QHash<QString, QString> &values, QStringList *unfilled)
{
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QStringLiteral("{{"), pos);
        if (open < 0) {
            out += text.mid(pos);
            break;
        }
        out += text.mid(pos, open - pos);
        const qsizetype close = text.indexOf(QStringLiteral("}}"), open);
        if (close < 0) {
            out += text.mid(open);
            break;
        }
        const QString tag = text.mid(open + 2, close - open - 2);
        pos = close + 2;
        const QChar kind = tag.isEmpty() ? QChar() : tag.front();
        if (kind == u'#' || kind == u'^') {
            const QString name = tag.mid(1);
            const QString end = QStringLiteral("{{/") + name + QStringLiteral("}}");
            const qsizetype endAt = text.indexOf(end, pos);
            if (endAt < 0) {
                if (unfilled)
                    *unfilled << QStringLiteral("unclosed section ") + name;
                continue;
            }
            if (unfilled && !values.contains(name))
                *unfilled << name;
            const bool present = !values.value(name).isEmpty();
            if (present == (kind == u'#'))
                out += render(text.mid(pos, endAt - pos), values, unfilled);
            pos = endAt + end.size();
            continue;
        }
        const auto it = values.constFind(tag);
        if (it == values.constEnd()) {
            if (unfilled)
                *unfilled << tag;
            continue;
        }
        out += *it;
    }
    return out;
}

QString LetterTemplate::subject(const QHash<QString, QString> &values, QStringList *unfilled) const
{
    return render(m_subject, values, unfilled).simplified();
}

QString LetterTemplate::body(const QHash<QString, QString> &values, QStringList *unfilled) const
{
    return render(m_body, values, unfilled);
}

} // namespace bd
