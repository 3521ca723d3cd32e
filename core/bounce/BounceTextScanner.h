// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace bd {

// What the human-readable text of a bounce says about one recipient.
struct TextFinding
{
    QString recipient;
    QString remoteHost;
    QString remoteIp;
    QString smtpCommand;
    QString diagnostic; // unfolded, continuation prefixes removed
    QStringList evidence; // the lines it was read from
    // From an MTA's log line, where the MTA says it: "dsn=5.7.1", and "delayed" for a
    // deferral ("status=deferred", Exim's "==", qmail's "deferral:"), else "failed".
    QString status;
    QString action;
};

// Reads the prose of a bounce, whatever MTA wrote it: Postfix "host X said:", Exim "SMTP
// error from remote mail server after", Sendmail transcripts, qmail "Remote host said:",
// Exchange "Remote Server returned", Gmail "The response was:", bare SMTP replies in log lines
// and forum pastes. It looks for shapes, not for a particular MTA.
class BounceTextScanner
{
public:
    // Only the first maxLines lines of the text are read; `cut` tells whether there were more.
    static constexpr qsizetype maxLines = 20000;
    // `paste`: the text is all there is (no headers, no MIME), so a marker such as
    // "-------- Original Message --------" may head a forwarded bounce rather than end one.
    // `fromReport`: the text of an MTA's delivery report, which holds no log lines or markup.
    // `ownText`, when given, receives withoutOriginalMessage(text), which the scan finds anyway.
    static QList<TextFinding> scan(QStringView text, bool *cut = nullptr, bool paste = false,
            bool fromReport = false, QStringView *ownText = nullptr);

    // The text up to where the returned original message begins.
    static QStringView withoutOriginalMessage(QStringView text);

    // "550-5.7.1 a\n550-5.7.1 b" -> "550 5.7.1 a b"; folds white space.
    static QString unfoldDiagnostic(QStringView lines);

    // Maps "RCPT TO", "end of DATA", "MAIL FROM", ... onto the contract's command names.
    static QString commandName(QStringView words);

private:
    static QList<TextFinding> scanOwnText(QStringView text, bool *cut, bool logLines, bool paste);
};

} // namespace bd
