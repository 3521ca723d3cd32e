// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CheckIpOptions.h"

#include "Localization.h"
#include "ipcheck/IpCheckRun.h"
#include "relay/RelayEndpoint.h"

#include <QCommandLineParser>
#include <QRegularExpression>
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

enum Option { Dns, Helo, Domain, NoDnsbl, Zones, NoOwner, NoAbusix, Whois, Rdap, Timeout, Lang };

} // namespace

CheckIpOptions::CheckIpOptions()
    : m_options {{QStringLiteral("dns"), tr("DNS server for every query (default: the system's)."),
                         QStringLiteral("HOST[:PORT]")},
            {QStringLiteral("helo"), tr("The HELO name your server uses."), QStringLiteral("NAME")},
            {QStringLiteral("domain"), tr("Your sender domain: check its MX, SPF and DMARC."),
                    QStringLiteral("DOMAIN")},
            {QStringLiteral("no-dnsbl"), tr("Do not query blocklists.")},
            {QStringLiteral("dnsbl"), tr("Blocklist zones to query instead of the defaults."),
                    QStringLiteral("ZONE,...")},
            {QStringLiteral("no-owner"), tr("Do not look up who owns the range.")},
            {QStringLiteral("no-abusix"),
                    tr("Do not ask the Abusix contact database (a DNS query).")},
            {QStringLiteral("whois-server"), tr("First WHOIS server to ask."),
                    QStringLiteral("HOST[:PORT]")},
            {QStringLiteral("rdap-base"), tr("RDAP base URL to use."), QStringLiteral("URL")},
            {QStringLiteral("timeout-ms"),
                    tr("Longest any one network operation may take (default 5000)."),
                    QStringLiteral("N")},
            {QStringLiteral("lang"), tr("Language of the explanations: en or zh_CN."),
                    QStringLiteral("LANG")}}
{
}

void CheckIpOptions::addTo(QCommandLineParser &parser) const
{
    for (const QCommandLineOption &o : m_options)
        parser.addOption(o);
}

QString CheckIpOptions::read(const QCommandLineParser &parser)
{
    const auto isSet = [&](Option o) { return parser.isSet(m_options.at(o)); };
    const auto value = [&](Option o) { return parser.value(m_options.at(o)); };
    if (isSet(Dns)) {
        QString error;
        const auto server = DnsServer::parse(value(Dns), &error);
        if (!server)
            return QStringLiteral("--dns: %1").arg(error);
        resolverOptions.server = *server;
    }
    if (isSet(Timeout)) {
        bool ok = false;
        const int ms = value(Timeout).toInt(&ok);
        if (!ok || ms <= 0)
            return QStringLiteral("--timeout-ms needs a positive number of milliseconds, not '%1'")
                    .arg(value(Timeout));
        resolverOptions.timeoutMs = ms;
    }
    if (isSet(Whois) && !validHostPort(value(Whois)))
        return QStringLiteral("--whois-server: '%1' is not HOST[:PORT]").arg(value(Whois));
    if (isSet(Rdap)) {
        const QUrl url(value(Rdap), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")
                || url.host().isEmpty())
            return QStringLiteral("--rdap-base: '%1' is not an http(s) URL").arg(value(Rdap));
    }
    options.dnsbl = !isSet(NoDnsbl);
    if (isSet(Zones)) {
        static const QRegularExpression zoneName(QStringLiteral(
                R"(\A[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+\z)"));
        for (const QString &z : value(Zones).split(u',', Qt::SkipEmptyParts)) {
            if (!zoneName.match(z.trimmed()).hasMatch())
                return QStringLiteral("--dnsbl: '%1' is not a DNS zone").arg(z);
            options.zones << DnsblTable::builtIn().zone(z);
        }
        if (options.zones.isEmpty())
            return QStringLiteral("--dnsbl needs at least one zone");
    }
    // Both become DNS questions and words in the report: only names DNS could hold.
    if (isSet(Domain) && !isValidHostName(value(Domain)))
        return QStringLiteral("--domain: '%1' is not a domain name").arg(value(Domain));
    if (isSet(Helo) && !isValidHostName(value(Helo)))
        return QStringLiteral("--helo: '%1' is not a host name").arg(value(Helo));
    options.helo = value(Helo);
    options.domain = value(Domain).toLower();
    QString error;
    const auto language = Localization::commandLanguage(parser, &error);
    if (!language)
        return error;
    lang = *language;
    options.lang = lang;
    options.owner = !isSet(NoOwner);
    options.ownerOptions.whoisServer = value(Whois);
    options.ownerOptions.rdapBase = value(Rdap);
    options.ownerOptions.abusix = !isSet(NoAbusix);
    options.ownerOptions.timeoutMs = resolverOptions.timeoutMs;
    return {};
}

QList<IpCheckResult> CheckIpOptions::run(const QList<QHostAddress> &ips, bool *everythingFailed,
        QString *error, ResolverTrust *trust)
{
    IpCheckRun run;
    if (!run.start(resolverOptions, options, ips, error)) {
        *everythingFailed = true;
        return {};
    }
    run.waitForFinished();
    *everythingFailed = run.checker()->everythingFailed();
    if (trust)
        *trust = run.checker()->resolverTrust();
    return run.checker()->results();
}

} // namespace bd
