// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RelayConfigCommand.h"

#include "Localization.h"
#include "cli/CliApplication.h"
#include "cli/CredentialOptions.h"
#include "dns/CaresResolver.h"
#include "relay/RelayConfig.h"
#include "relay/RelayReport.h"
#include "relay/SpfRelayAdvice.h"
#include "util/JsonDocument.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QTextStream>

#include <optional>

namespace bd {

int RelayConfigCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("The settings that make your mail server send through your ISP's relay "
               "(smarthost), with the reason for every line and the commands that apply them."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON document."));
    const QCommandLineOption mta(QStringLiteral("mta"),
            tr("Your mail software: postfix, exim4, sendmail, opensmtpd, exchange, or client "
               "(a desktop mail program)."),
            QStringLiteral("MTA"));
    const QCommandLineOption relay(
            QStringLiteral("relay"), tr("The ISP's relay."), QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption tls(QStringLiteral("tls"),
            tr("starttls (587) or implicit (465); by default 465 is implicit and other ports "
               "STARTTLS."),
            QStringLiteral("MODE"));
    const QCommandLineOption version(QStringLiteral("mta-version"),
            tr("Version of your mail software, e.g. 2.9 for Postfix on Debian 7."),
            QStringLiteral("X.Y"));
    const QCommandLineOption iredmail(
            QStringLiteral("iredmail"), tr("The server was installed with iRedMail."));
    const QCommandLineOption senderDomain(QStringLiteral("sender-domain"),
            tr("Relay only mail from this sender domain (Postfix; repeatable)."),
            QStringLiteral("D"));
    const QCommandLineOption domain(QStringLiteral("domain"),
            tr("Your sender domain: check that its SPF record allows the relay."),
            QStringLiteral("DOMAIN"));
    const QCommandLineOption dns(QStringLiteral("dns"),
            tr("DNS server for the SPF check (default: the system's)."),
            QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"),
            tr("Longest any one DNS query may take (default 5000)."), QStringLiteral("N"));
    const QCommandLineOption lang(QStringLiteral("lang"),
            tr("Language of the explanations: en or zh_CN."), QStringLiteral("LANG"));
    for (const QCommandLineOption &o :
            {json, mta, relay, tls, version, iredmail, senderDomain, domain, dns, timeout, lang})
        parser.addOption(o);
    const CredentialOptions account;
    account.addTo(parser);
    if (const auto done = parse(parser, arguments, Arguments::None))
        return *done;

    RelayConfigRequest request;
    if (!parser.isSet(mta))
        return usage(QStringLiteral("--mta is required (one of: %1)")
                             .arg(mtaNames().join(QStringLiteral(", "))));
    const auto m = mtaFromName(parser.value(mta));
    if (!m)
        return usage(QStringLiteral("unknown --mta '%1' (one of: %2)")
                             .arg(parser.value(mta), mtaNames().join(QStringLiteral(", "))));
    request.mta = *m;
    std::optional<RelayTls> tlsMode;
    if (parser.isSet(tls)) {
        tlsMode = relayTlsFromName(parser.value(tls));
        if (!tlsMode || *tlsMode == RelayTls::None)
            return usage(QStringLiteral("--tls must be starttls or implicit, not '%1'")
                                 .arg(parser.value(tls)));
    }
    if (!parser.isSet(relay))
        return usage(QStringLiteral("--relay HOST[:PORT] is required"));
    QString error;
    const auto endpoint = RelayEndpoint::parse(parser.value(relay), tlsMode, &error);
    if (!endpoint)
        return usage(QStringLiteral("--relay: %1").arg(error));
    request.relay = *endpoint;
    if (parser.isSet(version)) {
        const auto v = parseMtaVersion(parser.value(version));
        if (!v)
            return usage(QStringLiteral("--mta-version: '%1' is not a version like 2.9 or 3.7")
                                 .arg(parser.value(version)));
        request.mtaVersion = *v;
    }
    // Without a password the secrets file gets a placeholder and a warning says so.
    if (const int code = account.read(parser, false, &request.user, &request.password, &error)) {
        if (code == ExitUsage)
            return usage(error);
        return fail(code, error);
    }
    request.iredmail = parser.isSet(iredmail);
    if (request.iredmail && request.mta != Mta::Postfix)
        return usage(QStringLiteral("--iredmail goes with --mta postfix"));
    request.senderDomains = parser.values(senderDomain);
    QString langError;
    const auto language = Localization::commandLanguage(parser, &langError);
    if (!language)
        return usage(langError);
    request.lang = *language;
    Localization::install(request.lang);
    if (parser.isSet(domain) && !isValidHostName(parser.value(domain)))
        return usage(QStringLiteral("--domain: '%1' is not a domain").arg(parser.value(domain)));

    auto config = RelayConfigGenerator::generate(request, &error);
    if (!config)
        return usage(error);

    std::optional<SpfRelayResult> spf;
    if (parser.isSet(domain)) {
        CaresResolver::Options options;
        if (parser.isSet(dns)) {
            const auto server = DnsServer::parse(parser.value(dns), &error);
            if (!server)
                return usage(QStringLiteral("--dns: %1").arg(error));
            options.server = *server;
        }
        if (parser.isSet(timeout)) {
            bool ok = false;
            options.timeoutMs = parser.value(timeout).toInt(&ok);
            if (!ok || options.timeoutMs <= 0)
                return usage(QStringLiteral("--timeout-ms needs a positive number, not '%1'")
                                     .arg(parser.value(timeout)));
        }
        CaresResolver resolver(options);
        if (!resolver.isValid()) {
            m_err << "bounce-doctor-cli relay-config: " << resolver.initError() << Qt::endl;
            return ExitNetworkFailed;
        }
        SpfRelayAdvice advice(&resolver);
        QEventLoop loop;
        QObject::connect(&advice, &SpfRelayAdvice::finished, &loop, &QEventLoop::quit);
        advice.start(request.relay, parser.value(domain).toLower(), request.lang);
        if (!advice.isFinished())
            loop.exec();
        if (advice.nothingAnswered()) {
            m_err << "bounce-doctor-cli relay-config: no DNS answer for the SPF check of "
                  << parser.value(domain) << " (offline?)" << Qt::endl;
            return ExitNetworkFailed;
        }
        spf = advice.result();
        config->warnings << advice.warnings();
        config->notes << advice.notes();
    }

    if (parser.isSet(json)) {
        QJsonObject body = config->toJson();
        if (spf)
            body.insert(u"spf", spf->toJson());
        m_out << JsonDocument::serialize(JsonDocument::envelope(body));
    } else {
        m_out << RelayReport::configText(*config, request.lang);
        if (spf && !spf->suggested.isEmpty())
            m_out << '\n'
                  << tr("Suggested SPF record for %1:").arg(spf->domain) << '\n'
                  << "  " << spf->suggested << '\n';
    }
    m_out.flush();
    return ExitOk;
}

} // namespace bd
