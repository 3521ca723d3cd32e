// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CheckIpCommand.h"

#include "Localization.h"
#include "cli/CheckIpOptions.h"
#include "cli/CliApplication.h"
#include "cli/TextColumns.h"
#include "report/Diagnosis.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

namespace bd {
namespace {

void printText(QTextStream &out, const IpCheckResult &c, const QString &lang)
{
    const auto word = [&](const QString &status) { return Diagnosis::statusWord(status, lang); };
    const auto yesNo = [](bool yes) {
        return yes ? CheckIpCommand::tr("yes") : CheckIpCommand::tr("no");
    };
    out << "== " << c.ip << '\n';
    const QStringList &names = c.ptr.names;
    out << "   "
        << CheckIpCommand::tr("PTR:            %1")
                    .arg(names.isEmpty() ? word(IpCheckResult::statusName(c.ptr.status))
                                         : names.join(QStringLiteral(", ")))
        << '\n';
    if (!names.isEmpty())
        out << "   "
            << CheckIpCommand::tr("Forward-confirmed: %1").arg(yesNo(c.ptr.forwardConfirmed))
            << '\n';
    out << "   "
        << CheckIpCommand::tr("Name looks:     %1 (%2)")
                    .arg(word(GenericPtrClassifier::verdictName(c.genericPtr.verdict)),
                            c.genericPtr.reasons.join(QStringLiteral("; ")))
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
            << '\n';
        out << "   "
            << CheckIpCommand::tr("DMARC: %1")
                        .arg(d.dmarc.record.isEmpty()
                                        ? word(IpCheckResult::statusName(d.dmarc.status))
                                        : d.dmarc.record)
            << '\n';
    }
    if (!c.owner) {
        out << "   " << CheckIpCommand::tr("Owner: not looked up") << "\n\n";
        return;
    }
    const OwnerResult &owner = *c.owner;
    out << "   "
        << CheckIpCommand::tr("Owner:          %1 (%2, %3, %4) via %5")
                    .arg(owner.org, owner.netname, owner.range, owner.country, owner.source)
        << '\n';
    out << "   "
        << CheckIpCommand::tr("Abuse contact:  %1")
                    .arg(owner.abuseEmails.isEmpty() ? CheckIpCommand::tr("none found")
                                                     : owner.abuseEmails.join(QStringLiteral(", ")))
        << '\n';
    if (!owner.nocEmails.isEmpty())
        out << "   "
            << CheckIpCommand::tr("NOC/technical:  %1")
                        .arg(owner.nocEmails.join(QStringLiteral(", ")))
            << '\n';
    for (const RejectedContact &r : owner.rejected)
        out << "   " << CheckIpCommand::tr("Not used:       %1 (%2)").arg(r.email, r.why) << '\n';
    if (!owner.staticHint.isEmpty())
        out << "   "
            << CheckIpCommand::tr("Registry says:  %1 (\"%2\")")
                        .arg(owner.staticHint, owner.staticEvidence)
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
