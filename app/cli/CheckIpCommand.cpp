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

void printText(QTextStream &out, const QJsonObject &c, const QString &lang)
{
    const auto word = [&](const QJsonValue &status) {
        return Diagnosis::statusWord(status.toString(), lang);
    };
    out << "== " << c.value(u"ip").toString() << '\n';
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
    const QJsonObject ptr = c.value(u"ptr").toObject();
    const QStringList names = JsonDocument::strings(ptr.value(u"names"));
    out << "   "
        << column.line(ptrLabel,
                   names.isEmpty() ? word(ptr.value(u"status")) : names.join(QStringLiteral(", ")))
        << '\n';
    if (!names.isEmpty())
        out << "   "
            << column.line(confirmedLabel,
                       ptr.value(u"forward_confirmed").toBool() ? CheckIpCommand::tr("yes")
                                                                : CheckIpCommand::tr("no"))
            << '\n';
    const QJsonObject generic = c.value(u"generic_ptr").toObject();
    const QStringList reasons = JsonDocument::strings(generic.value(u"reasons"));
    out << "   "
        << column.line(looksLabel,
                   CheckIpCommand::tr("%1 (%2)").arg(word(generic.value(u"verdict")),
                           reasons.join(lang.startsWith(u"zh") ? QStringLiteral("；")
                                                               : QStringLiteral("; "))))
        << '\n';
    if (c.contains(u"helo")) {
        const QJsonObject h = c.value(u"helo").toObject();
        out << "   "
            << CheckIpCommand::tr("HELO %1: resolves to the IP: %2, matches the PTR: %3")
                        .arg(h.value(u"name").toString(),
                                h.value(u"resolves_to_ip").toBool() ? CheckIpCommand::tr("yes")
                                                                    : CheckIpCommand::tr("no"),
                                h.value(u"matches_ptr").toBool() ? CheckIpCommand::tr("yes")
                                                                 : CheckIpCommand::tr("no"))
            << '\n';
    }
    for (const QJsonValue &v : c.value(u"dnsbl").toArray()) {
        const QJsonObject d = v.toObject();
        const QString status = d.value(u"status").toString();
        out << "   " << padded(status == u"listed" ? CheckIpCommand::tr("LISTED") : QString(), 7)
            << d.value(u"zone").toString().leftJustified(26) << ' ' << word(status);
        if (!d.value(u"meaning").isNull())
            out << " — " << d.value(u"meaning").toString();
        out << '\n';
    }
    for (const QJsonValue &v : c.value(u"not_queryable").toArray())
        out << "   " << v.toObject().value(u"note").toString() << ' '
            << v.toObject().value(u"lookup_url").toString() << '\n';
    if (c.contains(u"domain")) {
        const QJsonObject d = c.value(u"domain").toObject();
        const QJsonObject spf = d.value(u"spf").toObject();
        out << "   "
            << CheckIpCommand::tr("SPF of %1: %2 %3")
                        .arg(d.value(u"name").toString(), word(spf.value(u"result")),
                                spf.value(u"record").toString())
                        .trimmed()
            << '\n';
        const QJsonObject dmarc = d.value(u"dmarc").toObject();
        out << "   "
            << CheckIpCommand::tr("DMARC: %1")
                        .arg(dmarc.value(u"record").isNull() ? word(dmarc.value(u"status"))
                                                             : dmarc.value(u"record").toString())
            << '\n';
    }
    const QJsonObject owner = c.value(u"owner").toObject();
    if (owner.isEmpty()) {
        out << "   " << column.line(ownerLabel, CheckIpCommand::tr("not looked up")) << "\n\n";
        return;
    }
    const bool zh = lang.startsWith(u"zh");
    const QString comma = zh ? QStringLiteral("，") : QStringLiteral(", ");
    // Only what a source said: a registry that never answered leaves no empty brackets.
    QStringList facts;
    for (const char16_t *key : {u"org", u"netname", u"range", u"country"}) {
        const QString fact = owner.value(QStringView(key)).toString();
        if (!fact.isEmpty())
            facts << fact;
    }
    QString who = facts.isEmpty() ? CheckIpCommand::tr("none found") : facts.takeFirst();
    if (!facts.isEmpty())
        who = CheckIpCommand::tr("%1 (%2)").arg(who, facts.join(comma));
    if (!owner.value(u"source").isNull())
        who = CheckIpCommand::tr("%1 via %2").arg(who, word(owner.value(u"source")));
    const QStringList abuse = JsonDocument::strings(owner.value(u"abuse_emails"));
    const QStringList noc = JsonDocument::strings(owner.value(u"noc_emails"));
    out << "   " << column.line(ownerLabel, who) << '\n';
    out << "   "
        << column.line(abuseLabel,
                   abuse.isEmpty() ? CheckIpCommand::tr("none found")
                                   : abuse.join(QStringLiteral(", ")))
        << '\n';
    if (!noc.isEmpty())
        out << "   " << column.line(nocLabel, noc.join(QStringLiteral(", "))) << '\n';
    for (const QJsonValue &v : owner.value(u"rejected").toArray())
        out << "   "
            << column.line(notUsedLabel,
                       CheckIpCommand::tr("%1 (%2)").arg(v.toObject().value(u"email").toString(),
                               v.toObject().value(u"why").toString()))
            << '\n';
    if (!owner.value(u"static_hint").isNull())
        out << "   "
            << column.line(registryLabel,
                       CheckIpCommand::tr("%1 (\"%2\")")
                               .arg(word(owner.value(u"static_hint")),
                                       owner.value(u"static_evidence").toString()))
            << '\n';
    for (const QString &note : JsonDocument::strings(owner.value(u"notes")))
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
    const QJsonArray checks = check.run(ips, &everythingFailed, &error, &trust);
    if (!error.isEmpty()) {
        return fail(ExitNetworkFailed, error);
    }
    if (parser.isSet(json)) {
        QJsonObject body;
        body.insert(u"checks", checks);
        body.insert(u"dns_server", check.resolverOptions.server.toString());
        body.insert(u"resolver", trust.toJson());
        m_out << JsonDocument::serialize(JsonDocument::envelope(body));
    } else {
        if (!trust.trusted)
            m_out << "!! " << trust.problem << "\n\n";
        for (const QJsonValue &c : checks)
            printText(m_out, c.toObject(), check.lang);
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
