// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bd {

// One SMTP reply (RFC 5321 §4.2): a code, the enhanced status if the text starts with one
// (RFC 3463), and the text of every line.
struct SmtpReply
{
    int code = 0;
    QString enhanced;
    QStringList lines; // text after "250-" / "250 "

    bool positive() const { return code >= 200 && code < 400; }
    // "250 2.1.0 Ok" style: the code and the lines joined, as a person reads the reply.
    QString text() const;
    // The EHLO keywords: the first word of each line after the greeting line, upper-cased.
    QStringList ehloKeywords() const;
    // The mechanisms of "AUTH PLAIN LOGIN" and of the legacy "AUTH=PLAIN LOGIN" line.
    QStringList authMechanisms() const;
};

// Assembles replies from the lines a server sends, defensively: a reply of more than
// `maxLines` lines, a line longer than `maxLineLength`, a line that is not "DDD[ -]text" or
// continuation lines whose code changes are protocol errors, not something to wait out.
class SmtpReplyReader
{
public:
    enum class Status { NeedMore, Complete, Error };

    static constexpr int maxLines = 1000;
    static constexpr int maxLineLength = 4096;

    // `line` without its CRLF.
    Status feed(const QByteArray &line);
    SmtpReply take();
    QString error() const { return m_error; }

private:
    Status fail(const QString &why);

    SmtpReply m_reply;
    QString m_error;
};

} // namespace bd
