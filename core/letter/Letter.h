// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

struct RecipientReport;

// One bounce quoted as evidence: who refused, with what code, in their words, when.
struct BounceEvidence
{
    QString receiver; // e.g. "in.sjc.mx.trendmicro.com"
    QString code; // "550 5.7.1"
    QString text;
    QString date;
    QString recipientDomain; // whose mail it was: a letter to that domain quotes only its own
};

// Everything a letter may say, gathered from the bounces, the IP check, the owner lookup and
// the user. Empty means unknown; the templates word around what is missing.
struct LetterFacts
{
    QString ip;
    QString ptr; // current PTR name
    QStringList ptrReasons; // why it reads as dynamic
    QString ptrWanted; // e.g. mail.example.com; empty: "mail.<your domain>" is suggested
    QString domain; // the sender's domain
    QString isp; // the owner of the range
    QString range;
    QString netname;
    QString asn;
    QString to; // the letter's recipient (abuse/NOC contact, postmaster)
    QString fromEmail;
    QString fromName;
    QString org; // the sender's organisation
    QString recipientDomain; // recipient-allowlist: whose gateway refuses
    QString listing; // name of the list that blocks, e.g. "Trend Micro RBL+"
    QList<BounceEvidence> evidence;

    // The current PTR, with the reasons the generic-name check gives for it.
    void setPtr(const QString &name, const QString &lang);
    // postmaster@ the refusing recipient's domain, the address RFC 5321 promises exists.
    QString recipientPostmaster() const
    {
        return recipientDomain.isEmpty() ? QString()
                                         : QStringLiteral("postmaster@") + recipientDomain;
    }
    void addBounce(const RecipientReport &report, const QString &date);
};

struct Letter
{
    QString kind;
    QString lang;
    QString to;
    QString fromEmail;
    QString fromName;
    QString subject;
    QString body;

    static QStringList kinds();
    // The letter of `kind` in `lang`; nullopt with `error` for an unknown kind or language.
    // `unfilled` lists template placeholders the facts did not provide (always empty unless a
    // template and this code disagree).
    static std::optional<Letter> draft(const QString &kind, const LetterFacts &facts,
            const QString &lang, QString *error, QStringList *unfilled = nullptr);

    // "To: ...\nSubject: ...\n\n" and the body, as a person copies it.
    QString toText() const;
    // An RFC 5322 message a mail program opens as a draft (X-Unsent: 1): UTF-8 body in
    // quoted-printable, RFC 2047 subject and names, Date, Message-ID, CRLF line ends.
    QByteArray toEml(const QDateTime &date = QDateTime::currentDateTime()) const;
    // A mailto: link, or empty when the letter is too long for one (then use the .eml).
    QString mailtoUrl(int maxLength = 2000) const;
};

// RFC 2047 "B" encoded-words for a header value that is not plain ASCII.
QByteArray encodeHeaderWords(const QString &text);
QByteArray quotedPrintable(const QByteArray &utf8);

} // namespace bd
