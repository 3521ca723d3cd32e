// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/CaresResolver.h"
#include "ipcheck/IpChecker.h"
#include "util/Language.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QList>

class QCommandLineParser;

namespace bd {

// The options check-ip and diagnose share (--dns, --helo, --domain, the DNSBL and owner
// switches, --timeout-ms, --lang) and the run of the checks they configure.
class CheckIpOptions
{
    Q_DECLARE_TR_FUNCTIONS(bd::CheckIpOptions)
public:
    CheckIpOptions();
    void addTo(QCommandLineParser &parser) const;
    // Reads and validates; returns the usage error, or an empty string.
    QString read(const QCommandLineParser &parser);

    // Runs the checks to the end. `error` is set when the resolver cannot start; `trust`, when
    // given, says whether the resolver's answers could be trusted.
    QList<IpCheckResult> run(const QList<QHostAddress> &ips, bool *everythingFailed, QString *error,
            ResolverTrust *trust = nullptr);

    CaresResolver::Options resolverOptions;
    IpCheckOptions options;
    Language lang = Language::English;

private:
    QList<QCommandLineOption> m_options;
};

} // namespace bd
