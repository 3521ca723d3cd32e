// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipcheck/IpCheckRun.h"

#include "owner/RdapBootstrap.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace bd {

IpCheckRun::IpCheckRun(QObject *parent)
    : QObject(parent)
{
}

IpCheckRun::~IpCheckRun()
{
    cancel();
}

bool IpCheckRun::start(const CaresResolver::Options &resolverOptions, IpCheckOptions options,
        const QList<QHostAddress> &ips, QString *error)
{
    cancel();
    m_checker.reset();
    m_resolver = std::make_unique<CaresResolver>(resolverOptions);
    if (!m_resolver->isValid()) {
        *error = m_resolver->initError();
        m_resolver.reset();
        return false;
    }
    options.network = &m_network;
    m_refresh.removeIf([](const QPointer<QNetworkReply> &r) { return r.isNull(); });
    if (options.owner && options.ownerOptions.rdapBase.isEmpty()) {
        RdapBootstrap::loadCache();
        // For the next run; this one uses what it has.
        for (QNetworkReply *r : RdapBootstrap::refreshIfStale(&m_network))
            m_refresh << r;
    }
    m_checker = std::make_unique<IpChecker>(m_resolver.get(), options);
    connect(m_checker.get(), &IpChecker::progressed, this, &IpCheckRun::progressed);
    connect(m_checker.get(), &IpChecker::finished, this, &IpCheckRun::finished);
    m_checker->start(ips);
    return true;
}

void IpCheckRun::cancel()
{
    if (m_checker && !m_checker->isFinished())
        m_resolver->cancelAll();
}

void IpCheckRun::waitForFinished()
{
    if (m_checker && !m_checker->isFinished()) {
        QEventLoop loop;
        connect(m_checker.get(), &IpChecker::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    for (const QPointer<QNetworkReply> &r : std::exchange(m_refresh, {})) {
        if (r && !r->isFinished()) {
            QEventLoop wait;
            connect(r, &QNetworkReply::finished, &wait, &QEventLoop::quit);
            QTimer::singleShot(3000, &wait, &QEventLoop::quit);
            wait.exec();
        }
    }
}

} // namespace bd
