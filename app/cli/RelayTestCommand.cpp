// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/RelayTestCommand.h"

#include "Localization.h"
#include "cli/CliApplication.h"
#include "cli/CredentialOptions.h"
#include "cli/TextColumns.h"
#include "dns/CaresResolver.h"
#include "relay/Port25Probe.h"
#include "relay/RelayEndpoint.h"
#include "relay/RelayKnowledge.h"
#include "relay/SmtpRelayTest.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"
#include "util/Localized.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>

namespace bd {
namespace {

void printText(QTextStream &out, const RelayTestResult &r, Language lang)
{
    out << (r.ok() ? RelayTestCommand::tr("OK: %1") : RelayTestCommand::tr("FAILED: %1"))
                    .arg(r.title)
        << '\n';
    if (!r.explanation.isEmpty() && !r.ok())
        out << r.explanation << '\n';
    const QString replyLabel = RelayTestCommand::tr("Reply:"),
                  detailLabel = RelayTestCommand::tr("Detail:"),
                  tlsLabel = RelayTestCommand::tr("TLS:"),
                  authLabel = RelayTestCommand::tr("AUTH before TLS:"),
                  authAfterLabel = RelayTestCommand::tr("AUTH after TLS:"),
                  timingsLabel = RelayTestCommand::tr("Timings:");
    const LabelColumn column(
            {replyLabel, detailLabel, tlsLabel, authLabel, authAfterLabel, timingsLabel});
    if (!r.reply.isEmpty())
        out << column.line(replyLabel, r.reply) << '\n';
    if (!r.detail.isEmpty())
        out << column.line(detailLabel, r.detail) << '\n';
    out << '\n';
    if (!r.tlsProtocol.isEmpty())
        out << column.line(tlsLabel,
                RelayTestCommand::tr("%1, %2, certificate %3 (%4)")
                        .arg(r.tlsProtocol, r.tlsCipher,
                                r.peerVerified ? RelayTestCommand::tr("verified")
                                               : RelayTestCommand::tr("NOT verified"),
                                r.peerSubject))
            << '\n';
    for (const QString &e : r.tlsErrors)
        out << "  " << e << '\n';
    out << column.line(
            authLabel, r.authBeforeTls.isEmpty() ? QStringLiteral("-") : r.authBeforeTls.join(u' '))
        << '\n'
        << column.line(authAfterLabel,
                   r.authMechanisms.isEmpty() ? QStringLiteral("-") : r.authMechanisms.join(u' '))
        << "\n\n";
    for (const RelayTestResult::Line &l : r.transcript)
        out << QString::number(l.ms).rightJustified(6) << " ms " << (l.dir == 'S' ? "<- " : " -> ")
            << l.line << '\n';
    out << '\n';
    QStringList times;
    const auto timing = [&](const QString &key, qint64 ms) {
        times << QStringLiteral("%1 %2 ms")
                         .arg(RelayKnowledge::builtIn().text(QStringLiteral("step.") + key, lang))
                         .arg(ms);
    };
    for (const auto &[step, ms] : r.timings)
        timing(relayStepId(step), ms);
    timing(QStringLiteral("total"), r.totalMs);
    out << column.line(timingsLabel, times.join(Punctuation::of(lang).comma)) << '\n';
}

} // namespace

int RelayTestCommand::probePort25(const QString &host, const QString &portText,
        const QString &timeoutText, std::optional<Language> lang, const QString &langError,
        bool asJson)
{
    // A host, or an address with or without brackets: the name the greeting is compared with.
    const QString bare =
            host.startsWith(u'[') && host.endsWith(u']') ? host.mid(1, host.size() - 2) : host;
    if (!isValidHostName(bare) && !parseIpAddress(bare))
        return usage(QStringLiteral("--port25: '%1' is not a host name or address").arg(host));
    quint16 port = 25;
    if (!portText.isEmpty()) {
        bool ok = false;
        const int p = portText.toInt(&ok);
        if (!ok || p <= 0 || p > 65535)
            return usage(QStringLiteral("--port: '%1' is not a port number").arg(portText));
        port = quint16(p);
    }
    int timeoutMs = Port25Probe::defaultTimeoutMs;
    if (!timeoutText.isEmpty()) {
        bool ok = false;
        timeoutMs = timeoutText.toInt(&ok);
        if (!ok || timeoutMs <= 0)
            return usage(QStringLiteral("--timeout-ms needs a positive number, not '%1'")
                                 .arg(timeoutText));
    }
    if (!lang)
        return usage(langError);
    Localization::install(*lang);

    Port25Probe probe;
    QEventLoop loop;
    QObject::connect(&probe, &Port25Probe::finished, &loop, &QEventLoop::quit);
    probe.start(bare, port, timeoutMs);
    if (!probe.isFinished())
        loop.exec();
    const Port25Result &r = probe.result();
    if (asJson)
        m_out << JsonDocument::serialize(
                JsonDocument::envelope({{QStringLiteral("port25"), r.toJson(*lang)}}));
    else
        m_out << r.text(*lang) << '\n';
    m_out.flush();
    return r.connected() ? ExitOk : ExitNetworkFailed;
}

int RelayTestCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Can this server relay for me? Connects, checks TLS and the certificate, logs in "
               "and goes as far as RCPT TO without sending a message."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON document."));
    const QCommandLineOption host(
            QStringLiteral("host"), tr("The relay's host name or address."), QStringLiteral("H"));
    const QCommandLineOption port(QStringLiteral("port"),
            tr("Port (default: 465 for implicit TLS, 25 for none, else 587)."),
            QStringLiteral("P"));
    const QCommandLineOption tls(QStringLiteral("tls"),
            tr("none, starttls or implicit (default: implicit on 465, else starttls)."),
            QStringLiteral("MODE"));
    const QCommandLineOption from(QStringLiteral("from"), tr("Envelope sender to try (MAIL FROM)."),
            QStringLiteral("ADDR"));
    const QCommandLineOption to(QStringLiteral("to"),
            tr("Recipient to try (RCPT TO); needs --from."), QStringLiteral("ADDR"));
    const QCommandLineOption helo(
            QStringLiteral("helo"), tr("Name to send in EHLO."), QStringLiteral("NAME"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
            tr("Trust the certificates in this PEM file instead of the system's."),
            QStringLiteral("F"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
            tr("Go on when the certificate is untrusted or for another name."));
    const QCommandLineOption plaintext(QStringLiteral("allow-plaintext-auth"),
            tr("Allow sending the password without TLS (--tls none)."));
    const QCommandLineOption dns(QStringLiteral("dns"),
            tr("DNS server for the relay's name (default: the system's)."),
            QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"),
            tr("Longest any one SMTP step may take (default 10000)."), QStringLiteral("N"));
    const QCommandLineOption lang(QStringLiteral("lang"),
            tr("Language of the explanations: en or zh_CN."), QStringLiteral("LANG"));
    const QCommandLineOption port25(QStringLiteral("port25"),
            tr("Instead of a relay test: is outbound port 25 (or --port) open to this mail "
               "server? Reads its greeting and sends nothing."),
            QStringLiteral("HOST"));
    for (const QCommandLineOption &o : {json, host, port, tls, from, to, helo, caFile, insecure,
                 plaintext, dns, timeout, lang, port25})
        parser.addOption(o);
    const CredentialOptions account;
    account.addTo(parser);
    if (const auto done = parse(parser, arguments, Arguments::None))
        return *done;
    if (parser.isSet(port25)) {
        if (parser.isSet(host))
            return usage(QStringLiteral("--port25 and --host are two different tests: give one"));
        QString langError;
        const auto language = Localization::commandLanguage(parser, &langError);
        return probePort25(parser.value(port25), parser.value(port), parser.value(timeout),
                language, langError, parser.isSet(json));
    }
    if (!parser.isSet(host))
        return usage(QStringLiteral("--host is required"));

    RelayTestOptions options;
    std::optional<RelayTls> mode;
    if (parser.isSet(tls)) {
        mode = relayTlsFromName(parser.value(tls));
        if (!mode)
            return usage(QStringLiteral("--tls must be none, starttls or implicit, not '%1'")
                                 .arg(parser.value(tls)));
    }
    QString hostText = parser.value(host);
    if (hostText.contains(u':') && !hostText.startsWith(u'['))
        hostText = u'[' + hostText + u']';
    if (parser.isSet(port))
        hostText += u':' + parser.value(port);
    QString error;
    const auto endpoint = RelayEndpoint::parse(hostText, mode, &error);
    if (!endpoint)
        return usage(QStringLiteral("--host/--port: %1").arg(error));
    options.endpoint = *endpoint;
    if (const int code = account.read(parser, true, &options.user, &options.password, &error)) {
        if (code == ExitUsage)
            return usage(error);
        return fail(code, error);
    }
    options.allowPlaintextAuth = parser.isSet(plaintext);
    if (!options.user.isEmpty() && options.endpoint.tls == RelayTls::None
            && !options.allowPlaintextAuth)
        return usage(QStringLiteral("--user with --tls none would send the password in clear; "
                                    "add --allow-plaintext-auth if you mean it"));
    options.from = parser.value(from);
    options.to = parser.value(to);
    options.helo = parser.value(helo);
    options.insecure = parser.isSet(insecure);
    if (parser.isSet(caFile)) {
        options.caFile = parser.value(caFile);
        if (!QFileInfo(options.caFile).isReadable()) {
            m_err << "bounce-doctor-cli relay-test: cannot read --ca-file " << options.caFile
                  << Qt::endl;
            return ExitUnreadableInput;
        }
    }
    if (parser.isSet(timeout)) {
        bool ok = false;
        options.timeoutMs = parser.value(timeout).toInt(&ok);
        if (!ok || options.timeoutMs <= 0)
            return usage(QStringLiteral("--timeout-ms needs a positive number, not '%1'")
                                 .arg(parser.value(timeout)));
    }
    QString langError;
    const auto language = Localization::commandLanguage(parser, &langError);
    if (!language)
        return usage(langError);
    options.lang = *language;
    Localization::install(options.lang);

    std::unique_ptr<CaresResolver> resolver;
    if (parser.isSet(dns)) {
        CaresResolver::Options dnsOptions;
        const auto server = DnsServer::parse(parser.value(dns), &error);
        if (!server)
            return usage(QStringLiteral("--dns: %1").arg(error));
        dnsOptions.server = *server;
        dnsOptions.timeoutMs = options.timeoutMs;
        resolver = std::make_unique<CaresResolver>(dnsOptions);
        if (!resolver->isValid()) {
            m_err << "bounce-doctor-cli relay-test: " << resolver->initError() << Qt::endl;
            return ExitNetworkFailed;
        }
        options.resolver = resolver.get();
    }

    SmtpRelayTest test;
    if (!test.start(options, &error)) {
        if (error.startsWith(u"no PEM")) {
            m_err << "bounce-doctor-cli relay-test: --ca-file: " << error << Qt::endl;
            return ExitUnreadableInput;
        }
        return usage(error);
    }
    QEventLoop loop;
    QObject::connect(&test, &SmtpRelayTest::finished, &loop, &QEventLoop::quit);
    if (!parser.isSet(json)) {
        QObject::connect(
                &test, &SmtpRelayTest::stepStarted, &loop, [this, &options](RelayStep step) {
                    m_err << "... "
                          << RelayKnowledge::builtIn().text(
                                     QStringLiteral("step.") + relayStepId(step), options.lang)
                          << Qt::endl;
                });
    }
    loop.exec();

    const RelayTestResult &r = test.result();
    if (parser.isSet(json)) {
        QJsonObject body = r.toJson();
        body.insert(u"host", options.endpoint.host);
        body.insert(u"port", int(options.endpoint.port));
        m_out << JsonDocument::serialize(JsonDocument::envelope(body));
    } else {
        printText(m_out, r, options.lang);
    }
    m_out.flush();
    return r.unreachable() ? ExitNetworkFailed : ExitOk;
}

} // namespace bd
