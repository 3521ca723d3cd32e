// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CheckIpCommand.h"

#include "Localization.h"
#include "cli/CliApplication.h"
#include "dns/CaresResolver.h"
#include "ipcheck/IpChecker.h"
#include "owner/RdapBootstrap.h"
#include "report/JsonDocument.h"
#include "util/IpAddress.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace bd {
namespace {

bool validHostPort(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
            R"(^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:(\d{1,5}))?$)"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch()
            && (m.captured(4).isEmpty()
                    || (m.captured(4).toInt() > 0 && m.captured(4).toInt() <= 65535));
}

void printText(QTextStream &out, const QJsonObject &c)
{
    out << "== " << c.value(u"ip").toString() << '\n';
    const QJsonObject ptr = c.value(u"ptr").toObject();
    const QStringList names = JsonDocument::strings(ptr.value(u"names"));
    out << "   "
        << CheckIpCommand::tr("PTR:            %1")
                    .arg(names.isEmpty() ? ptr.value(u"status").toString()
                                         : names.join(QStringLiteral(", ")))
        << '\n';
    if (!names.isEmpty())
        out << "   "
            << CheckIpCommand::tr("Forward-confirmed: %1")
                        .arg(ptr.value(u"forward_confirmed").toBool() ? CheckIpCommand::tr("yes")
                                                                      : CheckIpCommand::tr("no"))
            << '\n';
    const QJsonObject generic = c.value(u"generic_ptr").toObject();
    const QStringList reasons = JsonDocument::strings(generic.value(u"reasons"));
    out << "   "
        << CheckIpCommand::tr("Name looks:     %1 (%2)")
                    .arg(generic.value(u"verdict").toString(), reasons.join(QStringLiteral("; ")))
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
        out << "   "
            << QString(status == u"listed" ? QStringLiteral("LISTED ") : QStringLiteral("       "))
            << d.value(u"zone").toString().leftJustified(26) << ' ' << status;
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
                        .arg(d.value(u"name").toString(), spf.value(u"result").toString(),
                                spf.value(u"record").toString())
            << '\n';
        const QJsonObject dmarc = d.value(u"dmarc").toObject();
        out << "   "
            << CheckIpCommand::tr("DMARC: %1")
                        .arg(dmarc.value(u"record").isNull() ? dmarc.value(u"status").toString()
                                                             : dmarc.value(u"record").toString())
            << '\n';
    }
    const QJsonObject owner = c.value(u"owner").toObject();
    if (owner.isEmpty()) {
        out << "   " << CheckIpCommand::tr("Owner: not looked up") << "\n\n";
        return;
    }
    const QStringList abuse = JsonDocument::strings(owner.value(u"abuse_emails"));
    const QStringList noc = JsonDocument::strings(owner.value(u"noc_emails"));
    out << "   "
        << CheckIpCommand::tr("Owner:          %1 (%2, %3, %4) via %5")
                    .arg(owner.value(u"org").toString(), owner.value(u"netname").toString(),
                            owner.value(u"range").toString(), owner.value(u"country").toString(),
                            owner.value(u"source").toString())
        << '\n';
    out << "   "
        << CheckIpCommand::tr("Abuse contact:  %1")
                    .arg(abuse.isEmpty() ? CheckIpCommand::tr("none found")
                                         : abuse.join(QStringLiteral(", ")))
        << '\n';
    if (!noc.isEmpty())
        out << "   " << CheckIpCommand::tr("NOC/technical:  %1").arg(noc.join(QStringLiteral(", ")))
            << '\n';
    for (const QJsonValue &v : owner.value(u"rejected").toArray())
        out << "   "
            << CheckIpCommand::tr("Not used:       %1 (%2)")
                        .arg(v.toObject().value(u"email").toString(),
                                v.toObject().value(u"why").toString())
            << '\n';
    if (!owner.value(u"static_hint").isNull())
        out << "   "
            << CheckIpCommand::tr("Registry says:  %1 (\"%2\")")
                        .arg(owner.value(u"static_hint").toString(),
                                owner.value(u"static_evidence").toString())
            << '\n';
    for (const QString &note : JsonDocument::strings(owner.value(u"notes")))
        out << "   " << note << '\n';
    out << '\n';
}

} // namespace

CheckIpCommand::CheckIpCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

int CheckIpCommand::usage(const QString &message)
{
    m_err << "bounce-doctor-cli check-ip: " << message << Qt::endl;
    return ExitUsage;
}

int CheckIpCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("What the world sees of a sending IP: PTR, forward confirmation, whether the name "
               "looks generic, DNSBL listings, HELO, SPF and DMARC."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON document."));
    const QCommandLineOption dns(QStringLiteral("dns"),
            tr("DNS server for every query (default: the system's)."),
            QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption helo(
            QStringLiteral("helo"), tr("The HELO name your server uses."), QStringLiteral("NAME"));
    const QCommandLineOption domain(QStringLiteral("domain"),
            tr("Your sender domain: check its MX, SPF and DMARC."), QStringLiteral("DOMAIN"));
    const QCommandLineOption noDnsbl(QStringLiteral("no-dnsbl"), tr("Do not query blocklists."));
    const QCommandLineOption zones(QStringLiteral("dnsbl"),
            tr("Blocklist zones to query instead of the defaults."), QStringLiteral("ZONE,..."));
    const QCommandLineOption noOwner(
            QStringLiteral("no-owner"), tr("Do not look up who owns the range."));
    const QCommandLineOption whois(QStringLiteral("whois-server"), tr("First WHOIS server to ask."),
            QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption rdap(
            QStringLiteral("rdap-base"), tr("RDAP base URL to use."), QStringLiteral("URL"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"),
            tr("Longest any one network operation may take (default 5000)."), QStringLiteral("N"));
    const QCommandLineOption noAbusix(QStringLiteral("no-abusix"),
            tr("Do not ask the Abusix contact database (a DNS query)."));
    const QCommandLineOption lang(QStringLiteral("lang"),
            tr("Language of the explanations: en or zh_CN."), QStringLiteral("LANG"));
    const QCommandLineOption help(
            {QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    for (const QCommandLineOption &o : {json, dns, helo, domain, noDnsbl, zones, noOwner, noAbusix,
                 whois, rdap, timeout, lang, help})
        parser.addOption(o);
    parser.addPositionalArgument(
            QStringLiteral("IP"), tr("IPv4 or IPv6 addresses to check."), QStringLiteral("IP..."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        return ExitOk;
    }

    QList<QHostAddress> ips;
    for (const QString &text : parser.positionalArguments()) {
        const auto ip = parseIpAddress(text);
        if (!ip)
            return usage(QStringLiteral("'%1' is not an IPv4 or IPv6 address").arg(text));
        ips << *ip;
    }
    if (ips.isEmpty())
        return usage(QStringLiteral("give at least one IP address"));

    CaresResolver::Options resolverOptions;
    if (parser.isSet(dns)) {
        QString error;
        const auto server = DnsServer::parse(parser.value(dns), &error);
        if (!server)
            return usage(QStringLiteral("--dns: %1").arg(error));
        resolverOptions.server = *server;
    }
    if (parser.isSet(timeout)) {
        bool ok = false;
        const int ms = parser.value(timeout).toInt(&ok);
        if (!ok || ms <= 0)
            return usage(
                    QStringLiteral("--timeout-ms needs a positive number of milliseconds, not '%1'")
                            .arg(parser.value(timeout)));
        resolverOptions.timeoutMs = ms;
    }
    if (parser.isSet(whois) && !validHostPort(parser.value(whois)))
        return usage(
                QStringLiteral("--whois-server: '%1' is not HOST[:PORT]").arg(parser.value(whois)));
    if (parser.isSet(rdap)) {
        const QUrl url(parser.value(rdap), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")
                || url.host().isEmpty())
            return usage(QStringLiteral("--rdap-base: '%1' is not an http(s) URL")
                                 .arg(parser.value(rdap)));
    }
    IpCheckOptions options;
    options.dnsbl = !parser.isSet(noDnsbl);
    if (parser.isSet(zones)) {
        static const QRegularExpression zoneName(QStringLiteral(
                R"(^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$)"));
        for (const QString &z : parser.value(zones).split(u',', Qt::SkipEmptyParts)) {
            if (!zoneName.match(z.trimmed()).hasMatch())
                return usage(QStringLiteral("--dnsbl: '%1' is not a DNS zone").arg(z));
            options.zones << DnsblTable::builtIn().zone(z);
        }
        if (options.zones.isEmpty())
            return usage(QStringLiteral("--dnsbl needs at least one zone"));
    }
    options.helo = parser.value(helo);
    options.domain = parser.value(domain);
    if (parser.isSet(lang)) {
        options.lang = parser.value(lang);
        if (!Localization::supportedLanguages().contains(options.lang))
            return usage(
                    QStringLiteral("unsupported --lang '%1' (use en or zh_CN)").arg(options.lang));
    }
    Localization::install(options.lang);

    options.owner = !parser.isSet(noOwner);
    options.ownerOptions.whoisServer = parser.value(whois);
    options.ownerOptions.rdapBase = parser.value(rdap);
    options.ownerOptions.abusix = !parser.isSet(noAbusix);
    options.ownerOptions.timeoutMs = resolverOptions.timeoutMs;
    QNetworkAccessManager network;
    options.network = &network;
    QList<QPointer<QNetworkReply>> refresh;
    if (options.owner && options.ownerOptions.rdapBase.isEmpty()) {
        RdapBootstrap::loadCache();
        for (QNetworkReply *r : RdapBootstrap::refreshIfStale(
                     &network)) // for the next run; this one uses what it has
            refresh << r;
    }

    CaresResolver resolver(resolverOptions);
    if (!resolver.isValid()) {
        m_err << "bounce-doctor-cli check-ip: " << resolver.initError() << Qt::endl;
        return ExitNetworkFailed;
    }
    IpChecker checker(&resolver, options);
    QEventLoop loop;
    QObject::connect(&checker, &IpChecker::finished, &loop, &QEventLoop::quit);
    checker.start(ips);
    if (!checker.isFinished())
        loop.exec();

    // A bootstrap download started above gets the time the check took, plus a little.
    for (const QPointer<QNetworkReply> &r : std::as_const(refresh)) {
        if (r && !r->isFinished()) {
            QEventLoop wait;
            QObject::connect(r, &QNetworkReply::finished, &wait, &QEventLoop::quit);
            QTimer::singleShot(3000, &wait, &QEventLoop::quit);
            wait.exec();
        }
    }
    const QJsonArray checks = checker.results();
    if (parser.isSet(json)) {
        QJsonObject body;
        body.insert(u"checks", checks);
        body.insert(u"dns_server", resolverOptions.server.toString());
        m_out << JsonDocument::serialize(JsonDocument::envelope(body));
    } else {
        for (const QJsonValue &c : checks)
            printText(m_out, c.toObject());
    }
    m_out.flush();
    if (checker.everythingFailed()) {
        m_err << "bounce-doctor-cli check-ip: no DNS lookup got an answer from "
              << resolverOptions.server.toString() << " (offline, or the server does not answer)"
              << Qt::endl;
        return ExitNetworkFailed;
    }
    return ExitOk;
}

} // namespace bd
