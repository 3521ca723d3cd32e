// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace bd {

// One bounce quoted as evidence: who refused, with what code, in their words, when.
struct BounceEvidence
{
    QString receiver; // e.g. "in.sjc.mx.trendmicro.com"
    QString code; // "550 5.7.1"
    QString text;
    QString date;
    QString recipientDomain; // whose mail it was: a letter to that domain quotes only its own
};

// What DNS says about the wanted PTR name's forward records (A and AAAA), once someone looked.
// A letter says the name is forward-confirmed only when it was looked up, with a resolver that
// answers the root zone, and points to the IP.
struct ForwardRecord
{
    QString name; // the name looked up
    // A and AAAA got real answers (NXDOMAIN and NODATA count) from a trusted resolver.
    bool checked = false;
    QStringList addresses; // what the name points to today

    bool pointsTo(const QString &wanted, const QString &ip) const;
};

class DnsResolver;
// Looks up `name`'s A and AAAA records, and the root zone's NS to learn whether the resolver can
// be trusted; calls `done` once, when all three have ended (on the resolver's thread).
void lookUpForwardRecord(DnsResolver *resolver, const QString &name, const QObject *context,
        const std::function<void(const ForwardRecord &)> &done);
// The same, waiting in a local event loop (for the command line).
ForwardRecord lookUpForwardRecordNow(DnsResolver *resolver, const QString &name);

// Everything a letter may say, gathered from the bounces, the IP check, the owner lookup and
// the user. Empty means unknown; the templates word around what is missing.
struct LetterFacts
{
    QString ip;
    QString ptr; // current PTR name
    bool ptrUnknown = false; // the lookup failed or the resolver lied: "none" would be a guess
    QStringList ptrReasons; // why it reads as dynamic
    QString ptrWanted; // e.g. mail.example.com; empty: "mail.<your domain>" is suggested
    ForwardRecord ptrWantedForward; // the wanted name's A/AAAA, if looked up
    QString domain; // the sender's domain
    QString isp; // the owner of the range
    QString range; // the registry's allocation: the ISP's network, never called static
    QString assignment; // the customer's own assignment (CIDR) as the admin gives it
    QString netname;
    QString asn;
    QString to; // the ISP's contact (abuse/NOC) for the letters to the ISP
    // recipient-allowlist: the recipient admin's address when the user names one; else the
    // letter goes to postmaster@recipientDomain.
    QString recipientAdmin;
    QString fromEmail;
    QString fromName;
    QString org; // the sender's organisation
    // Its name in Latin letters (English or pinyin), for the English text Trend Micro reads;
    // an org written in Latin letters already is used as it is.
    QString orgLatin;
    QString ownerCountry; // the range's country as the registry gives it (ISO code), if known
    QString recipientDomain; // recipient-allowlist: whose gateway refuses
    QString listing; // name of the list that blocks, e.g. "Trend Micro RBL+"
    QList<BounceEvidence> evidence;

    // The current PTR, with the reasons the generic-name check gives for it (the letter module
    // only words facts; judging the name is the IP check's, GenericPtrClassifier::genericReasons).
    void setPtr(const QString &name, const QStringList &reasons)
    {
        ptr = name;
        ptrReasons = name.isEmpty() ? QStringList() : reasons;
    }
    // The PTR name the letters ask for: ptrWanted, else mail.<domain>, else empty.
    QString wantedName() const;
    // True only when the wanted name's forward record was looked up and points to the IP.
    bool ptrWantedConfirmed() const { return ptrWantedForward.pointsTo(wantedName(), ip); }
    // postmaster@ the refusing recipient's domain, the address RFC 5321 promises exists.
    QString recipientPostmaster() const
    {
        return recipientDomain.isEmpty() ? QString()
                                         : QStringLiteral("postmaster@") + recipientDomain;
    }
};

// The language a letter is drafted in when the user has not chosen one, and why.
struct LetterLanguage
{
    enum class Why {
        Interface, // nothing known about the reader
        RecipientChinese, // the recipient's domain is Chinese (.cn or a Chinese provider)
        RecipientAbroad,
        OwnerChinese, // the IP's owner is in China
        OwnerAbroad,
    };
    Language lang = Language::English;
    Why why = Why::Interface;
};

struct Letter
{
    QString kind;
    Language lang = Language::English; // its code only in toJson()
    QString to;
    QString fromEmail;
    QString fromName;
    QString subject;
    QString body;

    static QStringList kinds();
    // Its reader's language (resources/data/letters.json): the recipient's for the allowlist
    // letter, the owner's country's for the ISP letter; else `interfaceLang`.
    static LetterLanguage defaultLanguage(
            const QString &kind, const LetterFacts &facts, Language interfaceLang);
    // The letter of `kind` in `lang`; nullopt with `error` for an unknown kind or language.
    // `unfilled` lists template placeholders the facts did not provide (always empty unless a
    // template and this code disagree).
    static std::optional<Letter> draft(const QString &kind, const LetterFacts &facts, Language lang,
            QString *error, QStringList *unfilled = nullptr);

    // {kind, lang, to, subject, body, mailto}: the letter as the reports and `letter --json`
    // write it (unknown `to` and a letter too long for mailto: are null).
    QJsonObject toJson() const;
    // "To: ...\nSubject: ...\n\n" and the body, as a person copies it.
    QString toText() const;
    // An RFC 5322 message a mail program opens as a draft (X-Unsent: 1): UTF-8 body in
    // quoted-printable, RFC 2047 subject and names, Date, Message-ID, CRLF line ends.
    QByteArray toEml(const QDateTime &date = QDateTime::currentDateTime()) const;
    // A mailto: link, or empty when the letter is too long for one (then use the .eml).
    QString mailtoUrl(int maxLength = 2000) const;

    enum class HeaderField { FromName, FromEmail, To, Subject };
    struct HeaderProblem
    {
        HeaderField field;
        QString message; // English, without the field's name; the wizard words its own
    };
    // Why a header the .eml would carry is unsafe: a control character (CR/LF would start a new
    // header such as Bcc:) or an address that is not one mailbox. Callers refuse such a letter;
    // toEml() also blanks control characters so no caller can inject a header by forgetting.
    std::optional<HeaderProblem> headerProblem() const;
};

// One mailbox, local@domain.tld, nothing before or after it (no trailing newline either).
bool isPlausibleMailAddress(const QString &s);
// The first C0/C1 control character or line/paragraph separator in `s`, or -1.
qsizetype controlCharacterAt(const QString &s);

// RFC 2047 "B" encoded-words for a header value that is not plain ASCII.
QByteArray encodeHeaderWords(const QString &text);
QByteArray quotedPrintable(const QByteArray &utf8);

} // namespace bd
