// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/CaresResolver.h"
#include "ipcheck/IpChecker.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkReply;

namespace bd {

// Starts an IP check the same way for the wizard and the command line: a resolver with the
// given options, network access for the owner lookup, RDAP's bootstrap loaded (and refreshed for
// the next run when stale), and the checker. One object can run one check after another.
class IpCheckRun : public QObject
{
    Q_OBJECT
public:
    explicit IpCheckRun(QObject *parent = nullptr);
    ~IpCheckRun() override;

    // Cancels a check still running and starts a new one. False, with `error` set and nothing
    // started, when the resolver cannot start.
    bool start(const CaresResolver::Options &resolverOptions, IpCheckOptions options,
            const QList<QHostAddress> &ips, QString *error);
    // Stops the lookups of a running check; its results keep what had come.
    void cancel();
    // The running or last check; null before the first start and after a failed one.
    IpChecker *checker() const { return m_checker.get(); }
    bool isFinished() const { return m_checker && m_checker->isFinished(); }
    // Waits on a local event loop until the check ends, then gives a bootstrap download started
    // by it a few seconds more: a short-lived program would otherwise never save one.
    void waitForFinished();

signals:
    void progressed();
    void finished();

private:
    QNetworkAccessManager m_network;
    QList<QPointer<QNetworkReply>> m_refresh;
    // Declared before the checker, which uses it, so it is destroyed after it.
    std::unique_ptr<CaresResolver> m_resolver;
    std::unique_ptr<IpChecker> m_checker;
};

} // namespace bd
