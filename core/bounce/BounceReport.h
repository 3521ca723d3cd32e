// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

// The categories of the CLI contract (docs/cli.md); the ids are fixed strings.
enum class BounceCategory {
    DynamicIp,
    IpBlocklist,
    IpReputation,
    MissingPtr,
    Authentication,
    ContentSpam,
    RateLimit,
    RelayDenied,
    RecipientUnknown,
    MailboxFull,
    DomainNotFound,
    MessageTooLarge,
    Network,
    Policy,
    Other,
};

QString categoryId(BounceCategory category);
std::optional<BounceCategory> categoryFromId(QStringView id);
QList<BounceCategory> allCategories();
// True for the categories where the sending IP itself is the problem.
bool isIpProblem(BounceCategory category);

// What one failed (or delayed) recipient of a bounce tells us.
struct RecipientReport
{
    QString recipient;
    QString action; // "failed" | "delayed"
    QString status; // RFC 3463, e.g. "5.7.1"
    std::optional<int> replyCode;
    QString remoteHost;
    QString remoteIp;
    QString smtpCommand; // CONNECT | HELO | EHLO | STARTTLS | AUTH | MAIL | RCPT | DATA
    QString diagnostic; // the receiver's words on one line
    BounceCategory category = BounceCategory::Other;
    QString listing; // id from the listing table
    QString listingName;
    QString blockedIp;
    bool blockedIpMasked = false;
    bool permanent = true;
    QStringList lookupUrls;
    QString delistUrl;
    QString explanation;
    QStringList evidence; // lines of the original text that show the verdict
    QString matchedBy; // "listing", "phrase", "status", "reply-code" or "none"

    QJsonObject toJson() const;
    // toJson() as compact JSON, written straight into `out` without building the object.
    void appendJson(QByteArray &out) const;
};

// A list named somewhere in the text outside a recipient's diagnostic, such as the Trend Micro
// reply in a pasted forum post that says the IP "is listed on the Dynamic User List".
struct ListingMention
{
    QString listing;
    QString ip;
    bool ipMasked = false;
    QString evidence;

    QJsonObject toJson() const;
    void appendJson(QByteArray &out) const;
};

struct MessageReport
{
    QString source;
    bool isBounce = false;
    QString reportingMta;
    QString subject;
    QString from;
    QString date;
    QList<RecipientReport> recipients;
    QList<ListingMention> mentions;
    QString note; // why this is not a bounce, or what limited the reading
    bool truncated = false;

    QJsonObject toJson() const;
    // QJsonDocument(toJson()).toJson(Compact), byte for byte, at a fraction of the cost; the
    // keys in the order QJsonObject sorts them.
    void appendJson(QByteArray &out) const;
};

} // namespace bd
