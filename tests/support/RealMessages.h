// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QRegularExpression>

// The whole messages of the real-paste corpus (tests/data/pastes/message.txt: bounces and
// non-bounces from other projects' test data, each record names its source), and mailboxes
// built from them for tests that need many messages.
namespace RealMessages {

inline QList<QByteArray> all(const QString &corpus)
{
    QFile f(corpus);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> out;
    const QByteArray data = f.readAll();
    // A record: "=== id", header lines, "---", then the text up to the next "=== " line.
    qsizetype at = 0;
    while ((at = data.indexOf("=== ", at)) >= 0) {
        const qsizetype next = data.indexOf("\n=== ", at);
        const QByteArray record = data.mid(at, next < 0 ? -1 : next + 1 - at);
        const qsizetype body = record.indexOf("\n---\n");
        if (body >= 0)
            out << record.mid(body + 5);
        if (next < 0)
            break;
        at = next + 1;
    }
    return out;
}

// An mbox of the messages repeated until it holds at least `bytes` bytes, "From " lines in the
// bodies quoted as mboxrd does.
inline QByteArray mbox(const QList<QByteArray> &messages, qsizetype bytes)
{
    QByteArray box;
    static const QRegularExpression from(
            QStringLiteral("^(>*From )"), QRegularExpression::MultilineOption);
    QList<QByteArray> quoted;
    for (const QByteArray &m : messages)
        quoted << QString::fromLatin1(m).replace(from, QStringLiteral(">\\1")).toLatin1();
    for (qsizetype i = 0; box.size() < bytes; ++i) {
        box += "From MAILER-DAEMON Thu Mar 12 10:52:04 2015\n";
        box += quoted[i % quoted.size()];
        if (!box.endsWith("\n\n"))
            box += box.endsWith('\n') ? "\n" : "\n\n";
    }
    return box;
}

} // namespace RealMessages
