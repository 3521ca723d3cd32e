// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/SecretRedactor.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace bd {
namespace {

QStringList base64Forms(const QByteArray &bytes)
{
    QStringList forms;
    for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        forms << QString::fromLatin1(bytes.toBase64(options));
        forms << QString::fromLatin1(bytes.toBase64(options | QByteArray::OmitTrailingEquals));
    }
    return forms;
}

// How many characters at the start of a reply line's text are its enhanced status code and
// the blanks after it.
qsizetype protectedPrefix(const QString &text)
{
    static const QRegularExpression code(QStringLiteral(R"(\A[245]\.\d{1,3}\.\d{1,3}(\s+|\z))"));
    const auto m = code.match(text);
    return m.hasMatch() ? m.capturedLength() : 0;
}

} // namespace

SecretRedactor::SecretRedactor(const QString &user, const QString &password)
{
    if (password.isEmpty())
        return;
    const QByteArray utf8 = password.toUtf8();
    const QByteArray plainBlob = QByteArray(1, '\0') + user.toUtf8() + '\0' + utf8;
    m_forms << password;
    m_forms << QString::fromLatin1(QUrl::toPercentEncoding(password));
    // Percent-encoding of every byte, as some servers and logs print it.
    QString everyByte;
    for (const char c : utf8)
        everyByte += u'%' + QString::number(uchar(c), 16).rightJustified(2, u'0');
    m_forms << everyByte;
    m_forms << QString::fromLatin1(utf8.toHex());
    m_forms << base64Forms(utf8);
    m_forms << base64Forms(plainBlob);
    m_forms << base64Forms(user.toUtf8() + '\0' + utf8);
    m_forms.removeDuplicates();
    m_forms.removeAll(QString());
    std::sort(m_forms.begin(), m_forms.end(),
            [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QStringList SecretRedactor::redactReplyLines(const QStringList &lines) const
{
    if (m_forms.isEmpty())
        return lines;
    // One run of the lines' texts after their status codes: a form cut at a line end (the next
    // line repeating "5.7.8 ") is still one match, and no code is ever part of a match.
    QString joined;
    QList<qsizetype> starts;
    for (const QString &line : lines) {
        starts << joined.size();
        joined += line.mid(protectedPrefix(line));
    }
    QList<bool> hidden(joined.size(), false);
    for (const QString &form : m_forms) {
        for (qsizetype at = joined.indexOf(form, 0, Qt::CaseInsensitive); at >= 0;
                at = joined.indexOf(form, at + 1, Qt::CaseInsensitive))
            std::fill(hidden.begin() + at, hidden.begin() + at + form.size(), true);
    }
    QStringList out;
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const qsizetype keep = protectedPrefix(lines.at(n));
        QString line = lines.at(n).left(keep);
        const qsizetype begin = starts.at(n);
        const qsizetype end = n + 1 < starts.size() ? starts.at(n + 1) : joined.size();
        for (qsizetype i = begin; i < end; ++i) {
            if (!hidden.at(i))
                line += joined.at(i);
            else if (i == begin || !hidden.at(i - 1))
                line += mark();
        }
        out << line;
    }
    return out;
}

QString SecretRedactor::redact(const QString &text) const
{
    if (m_forms.isEmpty())
        return text;
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line = redactReplyLines({line}).constFirst();
    return lines.join(u'\n');
}

} // namespace bd
