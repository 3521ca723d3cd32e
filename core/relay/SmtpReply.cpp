// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/SmtpReply.h"

#include <QRegularExpression>

namespace bd {

QString SmtpReply::text() const
{
    return QString::number(code) + u' ' + lines.join(u' ');
}

QStringList SmtpReply::ehloKeywords() const
{
    QStringList keywords;
    for (qsizetype i = 1; i < lines.size(); ++i)
        keywords << lines.at(i).section(u' ', 0, 0).section(u'=', 0, 0).toUpper();
    return keywords;
}

QStringList SmtpReply::authMechanisms() const
{
    QStringList mechanisms;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (!line.startsWith(u"AUTH", Qt::CaseInsensitive) || line.size() < 5
                || (line.at(4) != u' ' && line.at(4) != u'='))
            continue;
        for (const QString &m : line.mid(5).split(u' ', Qt::SkipEmptyParts)) {
            if (!mechanisms.contains(m.toUpper()))
                mechanisms << m.toUpper();
        }
    }
    return mechanisms;
}

SmtpReplyReader::Status SmtpReplyReader::fail(const QString &why)
{
    m_error = why;
    m_reply = {};
    return Status::Error;
}

SmtpReplyReader::Status SmtpReplyReader::feed(const QByteArray &line)
{
    if (line.size() > maxLineLength)
        return fail(QStringLiteral("a reply line is too long (%1 bytes)").arg(line.size()));
    if (line.size() < 3 || !std::isdigit(uchar(line[0])) || !std::isdigit(uchar(line[1]))
            || !std::isdigit(uchar(line[2]))
            || (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
        return fail(QStringLiteral("not an SMTP reply: \"%1\"")
                            .arg(QString::fromLatin1(line.left(80)).simplified()));
    const int code = line.left(3).toInt();
    // RFC 5321 §4.2.1: the first digit is 2, 3, 4 or 5.
    if (code < 200 || code >= 600)
        return fail(QStringLiteral("not an SMTP reply code: %1")
                            .arg(QString::fromLatin1(line.left(3))));
    if (!m_reply.lines.isEmpty() && code != m_reply.code)
        return fail(QStringLiteral("the reply code changes from %1 to %2 inside one reply")
                            .arg(m_reply.code)
                            .arg(code));
    if (m_reply.lines.size() >= maxLines)
        return fail(QStringLiteral("a reply with too many lines (more than %1)").arg(maxLines));
    m_reply.code = code;
    // Servers write Latin-1 and UTF-8 alike; text is shown, never interpreted beyond ASCII.
    const QByteArray rest = line.mid(4);
    m_reply.lines << (QString::fromUtf8(rest).contains(QChar::ReplacementCharacter)
                    ? QString::fromLatin1(rest)
                    : QString::fromUtf8(rest));
    if (line.size() > 3 && line[3] == '-')
        return Status::NeedMore;
    static const QRegularExpression enhanced(QStringLiteral(R"(^([245])\.\d{1,3}\.\d{1,3}\b)"));
    const QRegularExpressionMatch m = enhanced.match(m_reply.lines.constLast());
    if (m.hasMatch() && m.captured(1).at(0).digitValue() == code / 100)
        m_reply.enhanced = m.captured(0);
    return Status::Complete;
}

SmtpReply SmtpReplyReader::take()
{
    SmtpReply r = std::move(m_reply);
    m_reply = {};
    return r;
}

} // namespace bd
