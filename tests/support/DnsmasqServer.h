// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QStringList>

// A real DNS server for tests: Debian's dnsmasq on 127.0.0.1 with its own free port and only
// the records a test gives it. Names under the listed local domains that have no record
// answer NXDOMAIN, as an authoritative server would; other names without a record are refused.
// The root zone's NS records are answered, as by any working resolver.
class DnsmasqServer
{
public:
    // `answerRoot` false plays a broken resolver: nothing answers the root zone's NS records.
    explicit DnsmasqServer(const QStringList &records,
            const QStringList &localDomains = {QStringLiteral("test"),
                    QStringLiteral("in-addr.arpa"), QStringLiteral("ip6.arpa")},
            bool answerRoot = true);
    ~DnsmasqServer();

    static bool available();
    bool start();
    quint16 port() const { return m_port; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString log() const;

private:
    bool startOne(QProcess &process, quint16 *port, const QStringList &extra);

    QStringList m_args;
    bool m_answerRoot = true;
    QProcess m_process;
    QProcess m_root;
    quint16 m_port = 0;
};
