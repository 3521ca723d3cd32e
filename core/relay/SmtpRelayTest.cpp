// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/SmtpRelayTest.h"

#include "dns/DnsResolver.h"
#include "relay/RelayKnowledge.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"

#include <QJsonArray>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QSysInfo>

namespace bd {
namespace {

QString protocolName(QSsl::SslProtocol p)
{
    switch (p) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("unknown");
    }
}

// Enough of a long reply to see what it was; the rest is counted.
constexpr int transcriptLinesPerReply = 40;
// The whole test's deadline in step timeouts: connect, TLS and AUTH each take one at most in a
// conversation that moves on; a test still going after four is caught in a loop.
constexpr int deadlineSteps = 4;

} // namespace

QJsonObject RelayTestResult::toJson() const
{
    QJsonObject tls;
    tls.insert(u"mode", tlsMode);
    tls.insert(u"protocol", JsonDocument::orNull(tlsProtocol));
    tls.insert(u"cipher", JsonDocument::orNull(tlsCipher));
    tls.insert(u"peer_verified", peerVerified);
    tls.insert(u"peer_subject", JsonDocument::orNull(peerSubject));
    tls.insert(u"errors", QJsonArray::fromStringList(tlsErrors));
    QJsonArray lines;
    for (const Line &l : transcript) {
        QJsonObject o;
        o.insert(u"dir", QString(QLatin1Char(l.dir)));
        o.insert(u"line", l.line);
        o.insert(u"t_ms", l.ms);
        lines << o;
    }
    QJsonObject times;
    for (const auto &[s, ms] : timings)
        times.insert(relayStepId(s), ms);
    times.insert(u"total", totalMs);
    QJsonObject o;
    o.insert(u"result", relayResultId(result));
    o.insert(u"step", JsonDocument::orNull(relayStepId(step)));
    o.insert(u"banner", JsonDocument::orNull(banner));
    o.insert(u"address", JsonDocument::orNull(address));
    o.insert(u"tls", tls);
    o.insert(u"auth_mechanisms_before_tls", QJsonArray::fromStringList(authBeforeTls));
    o.insert(u"auth_mechanisms", QJsonArray::fromStringList(authMechanisms));
    o.insert(u"authenticated", authenticated);
    o.insert(u"auth_mechanism", JsonDocument::orNull(authMechanism));
    o.insert(u"reply_code", replyCode ? QJsonValue(replyCode) : QJsonValue(QJsonValue::Null));
    o.insert(u"reply", JsonDocument::orNull(reply));
    o.insert(u"detail", JsonDocument::orNull(detail));
    o.insert(u"title", title);
    o.insert(u"explanation", explanation);
    o.insert(u"transcript", lines);
    o.insert(u"timings_ms", times);
    return o;
}

SmtpRelayTest::SmtpRelayTest(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpRelayTest::onTimeout);
    // Each step has its own timer, so a server that keeps answering (334 after 334) would never
    // run into it; the whole test has a deadline too.
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Quit) {
            finish();
            return;
        }
        fail(RelayResult::Timeout, {},
                QStringLiteral("the whole test took longer than %1 ms (%2 times the step timeout) "
                               "during %3")
                        .arg(m_deadline.interval())
                        .arg(deadlineSteps)
                        .arg(relayStepId(m_step)));
    });
}

SmtpRelayTest::~SmtpRelayTest()
{
    if (m_options.resolver && m_pendingLookups)
        m_options.resolver->cancelAll();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

bool SmtpRelayTest::start(const RelayTestOptions &options, QString *error)
{
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!options.to.isEmpty() && options.from.isEmpty())
        return refuse(QStringLiteral("a recipient (--to) needs a sender (--from)"));
    for (const QString &address : {options.from, options.to}) {
        if (address.contains(u'<') || address.contains(u'>') || address.contains(u'\r')
                || address.contains(u'\n') || address.contains(u' '))
            return refuse(QStringLiteral("'%1' is not a mail address").arg(address));
    }
    if (!options.helo.isEmpty() && !isValidHostName(options.helo)
            && !(options.helo.startsWith(u'[') && options.helo.endsWith(u']')))
        return refuse(
                QStringLiteral("'%1' is not a host name or address literal").arg(options.helo));
    m_options = options;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!options.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(options.caFile, QSsl::Pem);
        if (cas.isEmpty())
            return refuse(QStringLiteral("no PEM certificate in %1").arg(options.caFile));
        ssl.setCaCertificates(cas);
    }
    m_redactor = SecretRedactor(options.user, options.password);
    m_result.tlsMode = relayTlsName(options.endpoint.tls);
    m_total.start();
    m_deadline.start(std::max(1, options.timeoutMs) * deadlineSteps);

    m_socket = new QSslSocket;
    m_socket->setSslConfiguration(ssl);
    m_socket->setPeerVerifyName(options.endpoint.host);
    m_socket->setReadBufferSize(0);
    connect(m_socket, &QSslSocket::connected, this, [this] {
        m_result.address = m_socket->peerAddress().toString();
        endStep();
        if (m_options.endpoint.tls == RelayTls::Implicit) {
            m_phase = Phase::Handshake;
            beginStep(RelayStep::Tls);
        } else {
            m_phase = Phase::Banner;
            beginStep(RelayStep::Banner);
        }
    });
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpRelayTest::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpRelayTest::onEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &SmtpRelayTest::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpRelayTest::onSocketError);
    connect(m_socket, &QSslSocket::disconnected, this, &SmtpRelayTest::onDisconnected);

    const auto literal = parseIpAddress(options.endpoint.host);
    if (literal || !options.resolver) {
        QMetaObject::invokeMethod(
                this, [this, literal] { connectTo(literal.value_or(QHostAddress())); },
                Qt::QueuedConnection);
        return true;
    }
    m_phase = Phase::Resolve;
    beginStep(RelayStep::Resolve);
    QPointer<SmtpRelayTest> self(this);
    m_pendingLookups = 2;
    auto results = std::make_shared<std::pair<DnsResult, DnsResult>>();
    const auto done = [self, results] {
        if (!self || --self->m_pendingLookups > 0)
            return;
        QList<QHostAddress> addresses;
        for (const DnsResult *r : {&results->first, &results->second}) {
            for (const QString &v : r->values()) {
                const QHostAddress a(v);
                if (!a.isNull())
                    addresses << a;
            }
        }
        QMetaObject::invokeMethod(
                self,
                [self, addresses, results] {
                    if (!self || self->m_finished)
                        return;
                    if (!addresses.isEmpty()) {
                        self->endStep();
                        self->connectTo(addresses.first());
                        return;
                    }
                    const DnsResult &a = results->first;
                    if (a.status == DnsStatus::Timeout)
                        self->fail(RelayResult::Timeout, {},
                                QStringLiteral("DNS: no answer for %1")
                                        .arg(self->m_options.endpoint.host));
                    else
                        self->fail(RelayResult::ConnectFailed, {},
                                QStringLiteral("DNS: host not found (%1 for %2)")
                                        .arg(dnsStatusName(a.status),
                                                self->m_options.endpoint.host));
                },
                Qt::QueuedConnection);
    };
    options.resolver->lookup(
            options.endpoint.host, DnsType::A, this, [results, done](const DnsResult &r) {
                results->first = r;
                done();
            });
    options.resolver->lookup(
            options.endpoint.host, DnsType::AAAA, this, [results, done](const DnsResult &r) {
                results->second = r;
                done();
            });
    return true;
}

void SmtpRelayTest::connectTo(const QHostAddress &address)
{
    if (m_finished)
        return;
    m_phase = Phase::Connect;
    beginStep(RelayStep::Connect);
    const QString target = address.isNull() ? m_options.endpoint.host : address.toString();
    if (m_options.endpoint.tls == RelayTls::Implicit)
        m_socket->connectToHostEncrypted(target, m_options.endpoint.port, m_options.endpoint.host);
    else
        m_socket->connectToHost(target, m_options.endpoint.port);
}

void SmtpRelayTest::cancel()
{
    if (m_finished)
        return;
    m_result.result = RelayResult::Cancelled;
    m_resultSet = true;
    finish();
}

void SmtpRelayTest::beginStep(RelayStep step)
{
    m_step = step;
    m_stepClock.start();
    m_timer.start(m_options.timeoutMs);
    emit stepStarted(step);
}

void SmtpRelayTest::endStep()
{
    if (m_step == RelayStep::None)
        return;
    // A step that recurs (EHLO after STARTTLS) adds up.
    for (auto &t : m_result.timings) {
        if (t.first == m_step) {
            t.second += m_stepClock.elapsed();
            return;
        }
    }
    m_result.timings.append({m_step, m_stepClock.elapsed()});
}

void SmtpRelayTest::recordReplyLines(const QStringList &redactedTexts, int more)
{
    for (qsizetype i = 0; i < redactedTexts.size() && i < m_replyLines.size(); ++i) {
        // "NNN-" or "NNN " as the server sent it, then the redacted text.
        const QString text = QString::fromUtf8(m_replyLines.at(i).left(4)) + redactedTexts.at(i);
        m_result.transcript.append({'S', text, m_total.elapsed()});
        emit transcriptLine('S', text);
    }
    if (more > 0)
        m_result.transcript.append(
                {'S', QStringLiteral("... (%1 more lines)").arg(more), m_total.elapsed()});
    m_replyLines.clear();
    m_replyLinesMore = 0;
}

QString SmtpRelayTest::heloName() const
{
    if (!m_options.helo.isEmpty())
        return m_options.helo;
    QString host = QSysInfo::machineHostName();
    if (host.contains(u'.') && isValidHostName(host))
        return host;
    const QHostAddress local = m_socket->localAddress();
    return local.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[IPv6:%1]").arg(local.toString())
            : QStringLiteral("[%1]").arg(local.toString());
}

void SmtpRelayTest::send(const QByteArray &line, const QString &shown)
{
    const QString text = redact(shown.isEmpty() ? QString::fromUtf8(line) : shown);
    m_result.transcript.append({'C', text, m_total.elapsed()});
    emit transcriptLine('C', text);
    m_socket->write(line + "\r\n");
}

void SmtpRelayTest::onReadyRead()
{
    if (m_finished)
        return;
    // Bytes before TLS is up on an implicit-TLS port never reach here; after STARTTLS's 220,
    // anything the server pipelined in clear must not be read as protected.
    if (m_phase == Phase::Handshake)
        return;
    while (m_socket->canReadLine()) {
        QByteArray line = m_socket->readLine(SmtpReplyReader::maxLineLength + 3);
        if (!line.endsWith('\n')) {
            fail(RelayResult::ProtocolError, {},
                    QStringLiteral("a reply line is too long (more than %1 bytes)")
                            .arg(SmtpReplyReader::maxLineLength));
            return;
        }
        line.chop(line.endsWith("\r\n") ? 2 : 1);
        const SmtpReplyReader::Status status = m_reader.feed(line);
        if (status == SmtpReplyReader::Status::Error) {
            fail(RelayResult::ProtocolError, {}, m_reader.error());
            return;
        }
        if (m_replyLines.size() < transcriptLinesPerReply)
            m_replyLines << line;
        else
            ++m_replyLinesMore;
        if (status == SmtpReplyReader::Status::Complete) {
            const SmtpReply reply = m_reader.take();
            m_shown = reply;
            m_shown.lines = m_redactor.redactReplyLines(reply.lines);
            recordReplyLines(m_shown.lines, m_replyLinesMore);
            onReply(reply);
            if (m_finished || !m_socket)
                return;
        }
    }
    if (m_socket->bytesAvailable() > SmtpReplyReader::maxLineLength)
        fail(RelayResult::ProtocolError, {},
                QStringLiteral("a reply line is too long (more than %1 bytes)")
                        .arg(SmtpReplyReader::maxLineLength));
}

void SmtpRelayTest::sendEhlo()
{
    beginStep(RelayStep::Ehlo);
    send("EHLO " + heloName().toUtf8());
}

void SmtpRelayTest::onReply(const SmtpReply &reply)
{
    endStep();
    switch (m_phase) {
    case Phase::Banner:
        m_result.banner = m_shown.text();
        if (reply.code != 220) {
            fail(RelayResult::BannerRejected, reply);
            return;
        }
        m_phase = Phase::Ehlo;
        sendEhlo();
        return;
    case Phase::Ehlo:
    case Phase::Ehlo2:
        if (reply.code != 250) {
            fail(RelayResult::EhloRejected, reply);
            return;
        }
        afterEhlo(reply, m_tlsActive);
        return;
    case Phase::StartTls:
        if (reply.code != 220) {
            fail(RelayResult::TlsUnavailable, reply);
            return;
        }
        m_phase = Phase::Handshake;
        beginStep(RelayStep::Tls);
        m_socket->startClientEncryption();
        return;
    case Phase::AuthPlain:
        if (reply.code == 334) { // no initial response accepted: send it now
            beginStep(RelayStep::Auth);
            const QByteArray blob = QByteArray(1, '\0') + m_options.user.toUtf8() + '\0'
                    + m_options.password.toUtf8();
            m_phase = Phase::AuthPlainResponse;
            send(blob.toBase64(), QStringLiteral("<redacted>"));
            return;
        }
        [[fallthrough]];
    case Phase::AuthPlainResponse: // RFC 4954: after the response, only 235 or a failure
    case Phase::AuthLoginPassword:
        if (reply.code != 235) {
            fail(RelayResult::AuthFailed, reply);
            return;
        }
        m_result.authenticated = true;
        startMail();
        return;
    case Phase::AuthLoginStart:
    case Phase::AuthLoginUser:
        if (reply.code != 334) {
            fail(RelayResult::AuthFailed, reply);
            return;
        }
        beginStep(RelayStep::Auth);
        if (m_phase == Phase::AuthLoginStart) {
            m_phase = Phase::AuthLoginUser;
            send(m_options.user.toUtf8().toBase64(), QStringLiteral("<redacted>"));
        } else {
            m_phase = Phase::AuthLoginPassword;
            send(m_options.password.toUtf8().toBase64(), QStringLiteral("<redacted>"));
        }
        return;
    case Phase::Mail:
        if (reply.code != 250) {
            fail(RelayResult::MailRejected, reply);
            return;
        }
        if (m_options.to.isEmpty()) {
            succeed();
            return;
        }
        m_phase = Phase::Rcpt;
        beginStep(RelayStep::Rcpt);
        send("RCPT TO:<" + m_options.to.toUtf8() + '>');
        return;
    case Phase::Rcpt:
        if (reply.code != 250 && reply.code != 251) {
            fail(RelayResult::RcptRejected, reply);
            return;
        }
        succeed();
        return;
    case Phase::Quit:
        finish();
        return;
    default:
        fail(RelayResult::ProtocolError, reply, QStringLiteral("a reply nobody asked for"));
    }
}

void SmtpRelayTest::afterEhlo(const SmtpReply &reply, bool secure)
{
    const QStringList mechanisms = reply.authMechanisms();
    if (!secure)
        m_result.authBeforeTls = mechanisms;
    if (secure || m_options.endpoint.tls == RelayTls::None)
        m_result.authMechanisms = mechanisms;
    if (m_options.endpoint.tls == RelayTls::StartTls && !secure) {
        if (!reply.ehloKeywords().contains(QStringLiteral("STARTTLS"))) {
            fail(RelayResult::TlsUnavailable, {},
                    QStringLiteral("the EHLO reply does not offer STARTTLS"));
            return;
        }
        m_phase = Phase::StartTls;
        beginStep(RelayStep::StartTls);
        send("STARTTLS");
        return;
    }
    startAuth();
}

void SmtpRelayTest::startAuth()
{
    if (m_options.user.isEmpty()) {
        startMail();
        return;
    }
    beginStep(RelayStep::Auth);
    if (!m_tlsActive && !m_options.allowPlaintextAuth) {
        fail(RelayResult::AuthUnavailable, {},
                QStringLiteral("plaintext not allowed: the password would cross the network in "
                               "clear"));
        return;
    }
    const QStringList &offered = m_result.authMechanisms;
    if (offered.isEmpty()) {
        fail(RelayResult::AuthUnavailable, {}, QStringLiteral("no AUTH offered"));
        return;
    }
    if (offered.contains(QStringLiteral("PLAIN"))) {
        m_result.authMechanism = QStringLiteral("PLAIN");
        m_phase = Phase::AuthPlain;
        const QByteArray blob =
                QByteArray(1, '\0') + m_options.user.toUtf8() + '\0' + m_options.password.toUtf8();
        send("AUTH PLAIN " + blob.toBase64(), QStringLiteral("AUTH PLAIN <redacted>"));
    } else if (offered.contains(QStringLiteral("LOGIN"))) {
        m_result.authMechanism = QStringLiteral("LOGIN");
        m_phase = Phase::AuthLoginStart;
        send("AUTH LOGIN");
    } else {
        fail(RelayResult::AuthUnavailable, {},
                QStringLiteral("no common mechanism: the relay offers %1").arg(offered.join(u' ')));
    }
}

void SmtpRelayTest::startMail()
{
    if (m_options.from.isEmpty()) {
        succeed();
        return;
    }
    m_phase = Phase::Mail;
    beginStep(RelayStep::Mail);
    send("MAIL FROM:<" + m_options.from.toUtf8() + '>');
}

void SmtpRelayTest::onEncrypted()
{
    endStep();
    m_tlsActive = true;
    m_result.tlsProtocol = protocolName(m_socket->sessionProtocol());
    m_result.tlsCipher = m_socket->sessionCipher().name();
    const QSslCertificate peer = m_socket->peerCertificate();
    const QStringList cn = peer.subjectInfo(QSslCertificate::CommonName);
    m_result.peerSubject = cn.isEmpty() ? QString() : QStringLiteral("CN=") + cn.join(u',');
    m_result.peerVerified = m_result.tlsErrors.isEmpty();
    if (m_options.endpoint.tls == RelayTls::Implicit) {
        m_phase = Phase::Banner;
        beginStep(RelayStep::Banner);
        if (m_socket->canReadLine())
            QMetaObject::invokeMethod(this, &SmtpRelayTest::onReadyRead, Qt::QueuedConnection);
    } else {
        // RFC 3207: forget everything learnt before TLS and ask again.
        m_phase = Phase::Ehlo2;
        sendEhlo();
    }
}

void SmtpRelayTest::onSslErrors(const QList<QSslError> &errors)
{
    // errorString() is translated with Qt's own catalogue; the advice table matches these
    // stable words instead.
    for (const QSslError &e : errors) {
        m_result.tlsErrors << e.errorString();
        switch (e.error()) {
        case QSslError::HostNameMismatch:
            m_tlsErrorKinds << QStringLiteral("host name mismatch");
            break;
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            m_tlsErrorKinds << QStringLiteral("certificate expired or not yet valid");
            break;
        default:
            m_tlsErrorKinds << QStringLiteral("certificate not trusted");
        }
    }
    m_tlsErrorKinds.removeDuplicates();
    m_result.tlsErrors.removeDuplicates();
    if (m_options.insecure) {
        m_socket->ignoreSslErrors();
        return;
    }
    fail(RelayResult::TlsFailed, {}, m_result.tlsErrors.join(QStringLiteral("; ")));
}

void SmtpRelayTest::onSocketError()
{
    if (m_finished)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    const QString detail = m_socket->errorString();
    switch (m_phase) {
    case Phase::Connect:
        fail(RelayResult::ConnectFailed, {},
                error == QAbstractSocket::ConnectionRefusedError
                        ? QStringLiteral("connection refused")
                        : error == QAbstractSocket::HostNotFoundError
                        ? QStringLiteral("host not found")
                        : detail);
        return;
    case Phase::Handshake:
        fail(RelayResult::TlsFailed, {}, detail);
        return;
    case Phase::Quit:
        finish();
        return;
    default:
        fail(RelayResult::ProtocolError, {}, detail);
    }
}

void SmtpRelayTest::onDisconnected()
{
    if (m_finished)
        return;
    if (m_phase == Phase::Quit) {
        finish();
        return;
    }
    if (m_phase == Phase::Handshake
            || (m_phase == Phase::Connect && m_options.endpoint.tls == RelayTls::Implicit)) {
        fail(RelayResult::TlsFailed, {},
                QStringLiteral("the remote host closed the connection during the TLS handshake"));
        return;
    }
    fail(RelayResult::ProtocolError, {},
            QStringLiteral("the server closed the connection during %1").arg(relayStepId(m_step)));
}

void SmtpRelayTest::onTimeout()
{
    if (m_phase == Phase::Quit) {
        finish();
        return;
    }
    fail(RelayResult::Timeout, {},
            QStringLiteral("no answer within %1 ms during %2")
                    .arg(m_options.timeoutMs)
                    .arg(relayStepId(m_step)));
}

void SmtpRelayTest::fail(RelayResult result, const SmtpReply &reply, const QString &detail)
{
    if (m_finished || m_resultSet)
        return;
    m_result.result = result;
    m_result.step = m_step;
    m_result.replyCode = reply.code;
    // A reply still coming in when the test gave up is shown as far as it came.
    if (!m_replyLines.isEmpty()) {
        QStringList texts;
        for (const QByteArray &line : std::as_const(m_replyLines))
            texts << QString::fromUtf8(line.mid(4));
        recordReplyLines(m_redactor.redactReplyLines(texts), m_replyLinesMore);
    }
    m_result.reply = reply.code ? m_shown.text() : QString();
    m_result.detail = redact(detail);
    m_resultSet = true;
    // A polite QUIT where the conversation is still in step; otherwise just hang up.
    const bool inStep = reply.code && m_socket->state() == QAbstractSocket::ConnectedState
            && result != RelayResult::ProtocolError && result != RelayResult::Timeout
            && m_phase != Phase::Handshake;
    if (inStep)
        sendQuit();
    else
        finish();
}

void SmtpRelayTest::succeed()
{
    m_result.result = RelayResult::Ok;
    m_result.step = m_step;
    m_resultSet = true;
    sendQuit();
}

void SmtpRelayTest::sendQuit()
{
    m_phase = Phase::Quit;
    m_step = RelayStep::Quit;
    m_timer.start(std::min(m_options.timeoutMs, 2000));
    send("QUIT");
}

void SmtpRelayTest::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_deadline.stop();
    if (m_options.resolver && m_pendingLookups > 0)
        m_options.resolver->cancelAll();
    m_result.totalMs = m_total.elapsed();
    if (m_socket) {
        // Never abort a socket inside its own signal handler; let the event loop do it.
        QSslSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        QMetaObject::invokeMethod(
                socket,
                [socket] {
                    socket->abort();
                    socket->deleteLater();
                },
                Qt::QueuedConnection);
    }
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    const QHash<QString, QString> vars {{QStringLiteral("host"), m_options.endpoint.host},
            {QStringLiteral("port"), QString::number(m_options.endpoint.port)},
            {QStringLiteral("reply"), m_result.reply.isEmpty() ? m_result.detail : m_result.reply},
            {QStringLiteral("helo"),
                    m_options.helo.isEmpty() ? QStringLiteral("?") : m_options.helo},
            {QStringLiteral("mechanisms"), m_result.authMechanisms.join(u' ')},
            {QStringLiteral("timeout"), QString::number(m_options.timeoutMs)},
            // The step as the reader calls it (relay.json step.*); the JSON keeps its id.
            {QStringLiteral("step"),
                    k.text(QStringLiteral("step.") + relayStepId(m_result.step), m_options.lang)}};
    m_result.title = k.text(
            QStringLiteral("result.") + relayResultId(m_result.result), m_options.lang, vars);
    if (const RelayAdviceRule *rule = k.advice(m_result.result, m_result.step, m_result.replyCode,
                m_result.reply + u' ' + m_result.detail + u' ' + m_tlsErrorKinds.join(u' '),
                m_options.endpoint.port, m_result.authenticated))
        m_result.explanation = fillPlaceholders(rule->advice.get(m_options.lang), vars);
    QMetaObject::invokeMethod(this, &SmtpRelayTest::finished, Qt::QueuedConnection);
}

} // namespace bd
