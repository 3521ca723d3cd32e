// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace bd {

// Hides a relay password in whatever a server sends back. Servers echo what they were sent in
// their own ways: in another case, the AUTH blob or the password in base64 with or without
// padding (or base64url), URL- or hex-encoded, or cut across two lines of a reply. Every one of
// those forms, derived from the password and the login, is replaced by "<redacted>", matched
// without regard to case; a reply's code ("535-", "5.7.8") is never touched, so a password such
// as "250" cannot rewrite the codes and so reveal itself.
class SecretRedactor
{
public:
    SecretRedactor() = default;
    SecretRedactor(const QString &user, const QString &password);

    bool isEmpty() const { return m_forms.isEmpty(); }
    // The texts of one reply's lines (after "NNN-"/"NNN "), redacted as one run of text so a
    // form cut across lines is found; each line keeps its leading enhanced status code.
    QStringList redactReplyLines(const QStringList &lines) const;
    // Any other text (a detail, a message): each line on its own.
    QString redact(const QString &text) const;

    static QString mark() { return QStringLiteral("<redacted>"); }

private:
    QStringList m_forms; // longest first, so a blob wins over the password inside it
};

} // namespace bd
