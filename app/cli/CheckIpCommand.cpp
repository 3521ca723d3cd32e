// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CheckIpCommand.h"

#include "Localization.h"
#include "cli/CheckIpOptions.h"
#include "cli/CliApplication.h"
#include "cli/TextColumns.h"
#include "report/Diagnosis.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"
#include "util/Localized.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

namespace bd {
namespace {

void printText(QTextStream &out, const IpCheckResult &c, Language lang)
{
    const auto word = [&](const QString &status) { return Diagnosis::statusWord(status, lang); };
    const auto yesNo = [](bool yes) {
        return yes ? CheckIpCommand::tr("yes") : CheckIpCommand::tr("no");
    };
    out << "== " << c.ip << '\n';
    const QString ptrLabel = CheckIpCommand::tr("PTR:"),
                  confirmedLabel = CheckIpCommand::tr("Forward-confirmed:"),
                  looksLabel = CheckIpCommand::tr("Name looks:"),
                  ownerLabel = CheckIpCommand::tr("Owner:"),
                  abuseLabel = CheckIpCommand::tr("Abuse contact:"),
                  nocLabel = CheckIpCommand::tr("NOC/technical:"),
                  notUsedLabel = CheckIpCommand::tr("Not used:"),
                  registryLabel = CheckIpCommand::tr("Registry says:");
    const LabelColumn column({ptrLabel, confirmedLabel, looksLabel, ownerLabel, abuseLabel,
            nocLabel, notUsedLabel, registryLabel});
    const QStringList &names = c.ptr.names;
    out << "   "
        << column.line(ptrLabel,
                   names.isEmpty() ? word(IpCheckResult::statusName(c.ptr.status))
                                   : names.join(QStringLiteral(", ")))
        << '\n';
    if (!names.isEmpty())
        out << "   " << column.line(confirmedLabel, yesNo(c.ptr.forwardConfirmed)) << '\n';
    out << "   "
        << column.line(looksLabel,
                   CheckIpCommand::tr("%1 (%2)").arg(
                           word(GenericPtrClassifier::verdictName(c.genericPtr.verdict)),
                           c.genericPtr.reasons.join(Punctuation::of(lang).semicolon)))
        << '\n';
    if (c.helo) {
        out << "   "
            << CheckIpCommand::tr("HELO %1: resolves to the IP: %2, matches the PTR: %3")
                        .arg(c.helo->name, yesNo(c.helo->resolvesToIp), yesNo(c.helo->matchesPtr))
            << '\n';
    }
    for (const DnsblCheck &d : c.dnsbl) {
        out << "   "
            << padded(d.status == DnsblStatus::Listed ? CheckIpCommand::tr("LISTED") : QString(), 7)
            << d.zone.leftJustified(26) << ' ' << word(IpCheckResult::statusName(d.status));
        if (!d.meaning.isEmpty())
            out << " — " << d.meaning;
        out << '\n';
    }
    for (const NotQueryableList &n : c.notQueryable)
        out << "   " << n.note << ' ' << n.lookupUrl << '\n';
    if (c.domain) {
        const DomainCheck &d = *c.domain;
        out << "   "
            << CheckIpCommand::tr("SPF of %1: %2 %3")
                        .arg(d.name, word(IpCheckResult::statusName(d.spf.result)), d.spf.record)
                        .trimmed()
            << '\n';
        out << "   "
            << CheckIpCommand::tr("DMARC: %1")
                        .arg(d.dmarc.record.isEmpty()
                                        ? word(IpCheckResult::statusName(d.dmarc.status))
                                        : d.dmarc.record)
            << '\n';
    }
    if (!c.owner) {
        out << "   " << column.line(ownerLabel, CheckIpCommand::tr("not looked up")) << "\n\n";
        return;
    }
    const OwnerResult &owner = *c.owner;
    const QString &comma = Punctuation::of(lang).comma;
    // Only what a source said: a registry that never answered leaves no empty brackets.
    QStringList facts;
    for (const QString &fact : {owner.org, owner.netname, owner.range, owner.country}) {
        if (!fact.isEmpty())
            facts << fact;
    }
    QString who = facts.isEmpty() ? CheckIpCommand::tr("none found") : facts.takeFirst();
    if (!facts.isEmpty())
        who = CheckIpCommand::tr("%1 (%2)").arg(who, facts.join(comma));
    if (!owner.source.isEmpty())
        who = CheckIpCommand::tr("%1 via %2").arg(who, word(owner.source));
    out << "   " << column.line(ownerLabel, who) << '\n';
    out << "   "
        << column.line(abuseLabel,
                   owner.abuseEmails.isEmpty() ? CheckIpCommand::tr("none found")
                                               : owner.abuseEmails.join(QStringLiteral(", ")))
        << '\n';
    if (!owner.nocEmails.isEmpty())
        out << "   " << column.line(nocLabel, owner.nocEmails.join(QStringLiteral(", "))) << '\n';
    for (const RejectedContact &r : owner.rejected)
        out << "   " << column.line(notUsedLabel, CheckIpCommand::tr("%1 (%2)").arg(r.email, r.why))
            << '\n';
    if (!owner.staticHint.isEmpty())
        out << "   "
            << column.line(registryLabel,
                       CheckIpCommand::tr("%1 (\"%2\")")
                               .arg(word(owner.staticHint), owner.staticEvidence))
            << '\n';
    for (const QString &note : owner.notes)
        out << "   " << note << '\n';
    out << '\n';
}

} // namespace

int CheckIpCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("What the world sees of a sending IP: PTR, forward confirmation, whether the name "
               "looks generic, DNSBL listings, HELO, SPF and DMARC."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON document."));
    CheckIpOptions check;
    parser.addOption(json);
    check.addTo(parser);
    parser.addPositionalArgument(
            QStringLiteral("IP"), tr("IPv4 or IPv6 addresses to check."), QStringLiteral("IP..."));
    if (const auto done = parse(parser, arguments, Arguments::Allowed))
        return *done;

    if (const QString problem = check.read(parser); !problem.isEmpty())
        return usage(problem);
    QList<QHostAddress> ips;
    for (const QString &text : parser.positionalArguments()) {
        const auto ip = parseIpAddress(text);
        if (!ip)
            return usage(QStringLiteral("'%1' is not an IPv4 or IPv6 address").arg(text));
        if (const QString unseen = unseenAddressProblem(*ip, check.lang); !unseen.isEmpty())
            return usage(unseen);
        ips << *ip;
    }
    if (ips.isEmpty())
        return usage(QStringLiteral("give at least one IP address"));
    Localization::install(check.lang);

    bool everythingFailed = false;
    QString error;
    ResolverTrust trust;
    const QList<IpCheckResult> checks = check.run(ips, &everythingFailed, &error, &trust);
    if (!error.isEmpty()) {
        return fail(ExitNetworkFailed, error);
    }
    if (parser.isSet(json)) {
        QJsonObject body;
        body.insert(u"checks", IpCheckResult::toJson(checks));
        body.insert(u"dns_server", check.resolverOptions.server.toString());
        body.insert(u"resolver", trust.toJson());
        m_out << JsonDocument::serialize(JsonDocument::envelope(body));
    } else {
        if (!trust.trusted)
            m_out << "!! " << trust.problem << "\n\n";
        for (const IpCheckResult &c : checks)
            printText(m_out, c, check.lang);
    }
    m_out.flush();
    if (everythingFailed) {
        m_err << "bounce-doctor-cli check-ip: no DNS lookup got an answer from "
              << check.resolverOptions.server.toString()
              << " (offline, or the server does not answer)" << Qt::endl;
        return ExitNetworkFailed;
    }
    return ExitOk;
}

} // namespace bd
