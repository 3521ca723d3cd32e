// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayEndpoint.h"
#include "relay/RelayOutcome.h"
#include "relay/SecretRedactor.h"
#include "relay/SmtpReply.h"
#include "util/Language.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QSslSocket;
class QSslError;

namespace bd {

class DnsResolver;

struct RelayTestOptions
{
    RelayEndpoint endpoint;
    QString user; // empty: no AUTH
    QString password;
    QString from; // empty: stop before MAIL FROM
    QString to; // empty: stop before RCPT TO (needs from)
    QString helo; // empty: this machine's name, or its address literal
    QString caFile; // trust these certificates instead of the system's
    bool insecure = false; // go on past an untrusted or mismatched certificate
    bool allowPlaintextAuth = false; // AUTH without TLS
    int timeoutMs = 10000; // per step
    DnsResolver *resolver = nullptr; // resolves the host; null: the system's resolver
    Language lang = Language::English;
};

// What a relay test found; the fields of the relay-test contract.
struct RelayTestResult
{
    struct Line
    {
        char dir; // 'S' server, 'C' client
        QString line;
        qint64 ms; // since the start
    };

    RelayResult result = RelayResult::ProtocolError;
    RelayStep step = RelayStep::None; // where it ended
    QString banner;
    QString address; // the IP connected to
    QString tlsMode;
    QString tlsProtocol;
    QString tlsCipher;
    bool peerVerified = false;
    QString peerSubject;
    QStringList tlsErrors;
    QStringList authBeforeTls;
    QStringList authMechanisms;
    bool authenticated = false;
    QString authMechanism;
    int replyCode = 0; // of the reply that decided
    QString reply; // its text (credentials redacted)
    QString detail; // what went wrong below SMTP (socket error, DNS)
    QList<Line> transcript;
    QList<std::pair<RelayStep, qint64>> timings; // in the order first taken
    qint64 totalMs = 0;
    QString title; // one line for a person
    QString explanation; // what it means and what to change

    bool ok() const { return result == RelayResult::Ok; }
    // Nothing could be checked: the relay was never reached.
    bool unreachable() const
    {
        return (result == RelayResult::ConnectFailed || result == RelayResult::Timeout)
                && (step == RelayStep::Resolve || step == RelayStep::Connect);
    }
    QJsonObject toJson() const;
};

// A relay test like swaks, for a person: connect, banner, EHLO, STARTTLS or implicit TLS,
// certificate, AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO, QUIT. Never DATA. Every step has its own
// timeout; the password never appears in the transcript, the replies or anything derived
// from them, in clear or in base64.
class SmtpRelayTest : public QObject
{
    Q_OBJECT
public:
    explicit SmtpRelayTest(QObject *parent = nullptr);
    ~SmtpRelayTest() override;

    // Fails at once (returns false, `error` set) when the options cannot work: a CA file without
    // certificates, --to without --from.
    bool start(const RelayTestOptions &options, QString *error = nullptr);
    void cancel();
    bool isFinished() const { return m_finished; }
    const RelayTestResult &result() const { return m_result; }

signals:
    // A line of the transcript as it happens, for a live view.
    void transcriptLine(char dir, const QString &line);
    void stepStarted(bd::RelayStep step);
    void finished();

private:
    enum class Phase {
        Idle,
        Resolve,
        Connect,
        Handshake,
        Banner,
        Ehlo,
        StartTls,
        Ehlo2,
        AuthPlain,
        AuthPlainResponse,
        AuthLoginUser,
        AuthLoginPassword,
        AuthLoginStart,
        Mail,
        Rcpt,
        Quit,
        Done
    };

    void connectTo(const QHostAddress &address);
    void beginStep(RelayStep step);
    void endStep();
    void onReadyRead();
    void onReply(const SmtpReply &reply);
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    void send(const QByteArray &line, const QString &shown = {});
    void sendEhlo();
    void afterEhlo(const SmtpReply &reply, bool secure);
    void startAuth();
    void startMail();
    void sendQuit();
    void fail(RelayResult result, const SmtpReply &reply = {}, const QString &detail = {});
    void succeed();
    void finish();
    QString redact(const QString &text) const { return m_redactor.redact(text); }
    void recordReplyLines(const QStringList &redactedTexts, int more);
    QString heloName() const;

    RelayTestOptions m_options;
    RelayTestResult m_result;
    QSslSocket *m_socket = nullptr;
    SmtpReplyReader m_reader;
    Phase m_phase = Phase::Idle;
    RelayStep m_step = RelayStep::None;
    QTimer m_timer;
    QElapsedTimer m_total;
    QElapsedTimer m_stepClock;
    SecretRedactor m_redactor;
    // The current reply's raw lines (the first transcriptLinesPerReply) and how many more came;
    // recorded once the reply is whole, so a password cut across lines is still hidden.
    QList<QByteArray> m_replyLines;
    int m_replyLinesMore = 0;
    SmtpReply m_shown; // the last whole reply, redacted, for banner/reply/explanation
    QTimer m_deadline;
    QStringList m_tlsErrorKinds;
    QList<QHostAddress> m_addresses;
    bool m_tlsActive = false;
    bool m_finished = false;
    bool m_resultSet = false;
    int m_pendingLookups = 0;
};

} // namespace bd
