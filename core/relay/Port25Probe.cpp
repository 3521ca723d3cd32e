// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/Port25Probe.h"

#include "relay/RelayEndpoint.h"
#include "relay/RelayKnowledge.h"
#include "relay/SmtpReply.h"
#include "util/DomainName.h"
#include "util/IpAddress.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>

namespace bd {
namespace {

QString bareHost(QString host)
{
    host = host.trimmed().toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

} // namespace

bool Port25Result::connected() const
{
    return outcome == Outcome::Greeting || outcome == Outcome::Silent
            || outcome == Outcome::NotSmtp;
}

QString Port25Result::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Greeting:
        return QStringLiteral("greeting");
    case Outcome::Silent:
        return QStringLiteral("silent");
    case Outcome::NotSmtp:
        return QStringLiteral("not-smtp");
    case Outcome::Refused:
        return QStringLiteral("refused");
    case Outcome::Timeout:
        return QStringLiteral("timeout");
    case Outcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString Port25Result::text(Language lang) const
{
    const QHash<QString, QString> vars {{QStringLiteral("host"), host},
            {QStringLiteral("port"), QString::number(port)}, {QStringLiteral("banner"), banner},
            {QStringLiteral("name"), bannerHost}, {QStringLiteral("error"), error},
            {QStringLiteral("seconds"), QString::number((timeoutMs + 999) / 1000)}};
    QString key;
    switch (outcome) {
    case Outcome::Greeting:
        key = namesHost                ? QStringLiteral("port25.open")
                : sameDomain           ? QStringLiteral("port25.same_domain")
                : bannerHost.isEmpty() ? QStringLiteral("port25.unnamed")
                                       : QStringLiteral("port25.other_name");
        break;
    case Outcome::Silent:
        key = QStringLiteral("port25.silent");
        break;
    case Outcome::NotSmtp:
        key = QStringLiteral("port25.not_smtp");
        break;
    case Outcome::Refused:
    case Outcome::Failed:
        key = QStringLiteral("port25.failed");
        break;
    case Outcome::Timeout:
        key = QStringLiteral("port25.timeout");
        break;
    }
    return RelayKnowledge::builtIn().text(key, lang, vars);
}

QJsonObject Port25Result::toJson(Language lang) const
{
    const auto orNull = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {{QStringLiteral("host"), host}, {QStringLiteral("port"), int(port)},
            {QStringLiteral("result"), outcomeName(outcome)},
            {QStringLiteral("banner"), orNull(banner)},
            {QStringLiteral("banner_host"), orNull(bannerHost)},
            {QStringLiteral("names_host"), namesHost}, {QStringLiteral("same_domain"), sameDomain},
            {QStringLiteral("error"), orNull(error)}, {QStringLiteral("elapsed_ms"), elapsedMs},
            {QStringLiteral("text"), text(lang)}};
}

Port25Probe::Port25Probe(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        finish(m_socket && m_socket->state() == QAbstractSocket::ConnectedState
                        ? (m_buffer.isEmpty() ? Port25Result::Outcome::Silent
                                              : Port25Result::Outcome::NotSmtp)
                        : Port25Result::Outcome::Timeout);
    });
}

Port25Probe::~Port25Probe() = default;

QString Port25Probe::greetingHost(const QString &firstLine)
{
    // "220 name text" or "220-name text" (RFC 5321 §4.2: Greeting = "220 " (Domain /
    // address-literal) [ SP textstring ]).
    QString word = bareHost(firstLine.mid(4).section(u' ', 0, 0, QString::SectionSkipEmpty));
    if (parseIpAddress(word))
        return word;
    // A single word ("ESMTP", "localhost") names no server anyone could look up.
    return word.contains(u'.') && isValidHostName(word) ? word : QString();
}

bool Port25Probe::sameRegistrableDomain(const QString &asked, const QString &greeted)
{
    const QString a = bareHost(asked);
    const QString g = bareHost(greeted);
    // An address has no holder's part to compare.
    if (a.isEmpty() || g.isEmpty() || parseIpAddress(a) || parseIpAddress(g))
        return false;
    const QString domain = registrableDomain(a);
    // A bare public suffix ("com.cn") names no holder.
    return domain.contains(u'.') && domain == registrableDomain(g);
}

void Port25Probe::start(const QString &host, quint16 port, int timeoutMs)
{
    cancel();
    m_finished = false;
    m_result = {};
    m_result.host = host;
    m_result.port = port;
    m_result.timeoutMs = timeoutMs;
    m_buffer.clear();
    m_lines.clear();
    m_started = QDateTime::currentMSecsSinceEpoch();
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] { m_timer->start(); });
    connect(m_socket, &QTcpSocket::readyRead, this, &Port25Probe::readGreeting);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (m_socket->state() == QAbstractSocket::ConnectedState
                || e == QAbstractSocket::RemoteHostClosedError) {
            // Closed after connecting: what came so far is all there is.
            finish(m_lines.isEmpty() && m_buffer.isEmpty() ? Port25Result::Outcome::Silent
                                                           : Port25Result::Outcome::NotSmtp);
            return;
        }
        m_result.error = m_socket->errorString();
        finish(e == QAbstractSocket::ConnectionRefusedError        ? Port25Result::Outcome::Refused
                        : e == QAbstractSocket::SocketTimeoutError ? Port25Result::Outcome::Timeout
                                                                   : Port25Result::Outcome::Failed);
    });
    m_timer->start(timeoutMs);
    m_socket->connectToHost(bareHost(host), port);
}

void Port25Probe::cancel()
{
    m_timer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}

void Port25Probe::readGreeting()
{
    m_buffer += m_socket->readAll();
    SmtpReplyReader reader;
    m_lines.clear();
    qsizetype from = 0;
    for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0; nl = m_buffer.indexOf('\n', from)) {
        QByteArray line = m_buffer.mid(from, nl - from);
        from = nl + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        m_lines << QString::fromUtf8(line).simplified();
        switch (reader.feed(line)) {
        case SmtpReplyReader::Status::NeedMore:
            continue;
        case SmtpReplyReader::Status::Error:
            m_result.banner = m_lines.constFirst();
            finish(Port25Result::Outcome::NotSmtp);
            return;
        case SmtpReplyReader::Status::Complete: {
            const SmtpReply reply = reader.take();
            m_result.code = reply.code;
            m_result.banner = m_lines.join(u' ');
            m_result.bannerHost = greetingHost(m_lines.constFirst());
            m_result.namesHost = !m_result.bannerHost.isEmpty()
                    && m_result.bannerHost == bareHost(m_result.host);
            m_result.sameDomain = !m_result.namesHost
                    && sameRegistrableDomain(m_result.host, m_result.bannerHost);
            finish(Port25Result::Outcome::Greeting);
            return;
        }
        }
    }
    // A server that sends kilobytes without a line end is no SMTP server.
    if (m_buffer.size() - from > SmtpReplyReader::maxLineLength) {
        m_result.banner = QString::fromUtf8(m_buffer.left(200)).simplified();
        finish(Port25Result::Outcome::NotSmtp);
    }
}

void Port25Probe::finish(Port25Result::Outcome outcome)
{
    if (m_finished)
        return;
    if (outcome == Port25Result::Outcome::NotSmtp && m_result.banner.isEmpty())
        m_result.banner = m_lines.isEmpty() ? QString::fromUtf8(m_buffer.left(200)).simplified()
                                            : m_lines.constFirst();
    m_result.outcome = outcome;
    m_result.elapsedMs = QDateTime::currentMSecsSinceEpoch() - m_started;
    m_finished = true;
    cancel();
    emit finished();
}

} // namespace bd
