// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayConfig.h"
#include "relay/RelayKnowledge.h"
#include "relay/SpfRelayAdvice.h"

#include <QHash>

namespace bd {

// Builds one configuration; the texts come from relay.json in the request's language.
class RelayConfigBuilder
{
public:
    RelayConfigBuilder(const RelayConfigRequest &request, RelayConfig &out)
        : r(request)
        , cfg(out)
        , k(RelayKnowledge::builtIn())
    {
        vars.insert(QStringLiteral("host"), r.relay.host);
        vars.insert(QStringLiteral("port"), QString::number(r.relay.port));
        vars.insert(QStringLiteral("user"), r.user);
        vars.insert(QStringLiteral("version"), cfg.mtaVersion);
        vars.insert(QStringLiteral("placeholder"), RelayConfigGenerator::passwordPlaceholder());
        vars.insert(QStringLiteral("spf_term"), SpfRelayAdvice::spfTerm(r.relay));
    }

    QString t(const QString &key) const { return k.text(key, r.lang, vars); }
    void warn(const QString &key) { cfg.warnings << t(key); }
    void note(const QString &key) { cfg.notes << t(key); }
    void command(const QString &command, const QString &key)
    {
        cfg.commands << ConfigCommand {command, t(key)};
    }
    QString password() const
    {
        return r.password.isEmpty() ? RelayConfigGenerator::passwordPlaceholder() : r.password;
    }
    bool auth() const { return !r.user.isEmpty(); }
    // For software without client-side implicit TLS: configure 587 with STARTTLS and say why.
    void fallBackTo587(const QString &warningKey)
    {
        cfg.relay.port = 587;
        cfg.relay.tls = RelayTls::StartTls;
        vars.insert(QStringLiteral("port"), QStringLiteral("587"));
        warn(warningKey);
    }
    bool atLeast(int major, int minor) const
    {
        return QVersionNumber::compare(version, QVersionNumber(major, minor)) >= 0;
    }

    const RelayConfigRequest &r;
    RelayConfig &cfg;
    const RelayKnowledge &k;
    QHash<QString, QString> vars;
    QVersionNumber version;
};

inline void addSetting(ConfigFile &f, const RelayConfigBuilder &b, const QString &key,
        const QString &value, const QString &whyKey)
{
    f.settings << ConfigSetting {key, value, b.t(whyKey)};
}

// False, with `error` naming the problem and the format's reason, when the user name holds a
// character the format uses to split its fields.
inline bool userFits(
        const RelayConfigBuilder &b, QStringView separators, const QString &because, QString *error)
{
    if (!b.auth())
        return true;
    const QString problem =
            credentialProblem(QStringLiteral("the user name"), b.r.user, separators);
    if (problem.isEmpty())
        return true;
    *error = problem + QStringLiteral(" (") + because + u')';
    return false;
}

// One generator per mail software (one file each); RelayConfigGenerator::generate picks the
// one for the request's Mta. False, with `error` naming the problem, when the request cannot
// be served for that software.
using MtaConfigGenerator = bool (*)(RelayConfigBuilder &, QString *error);
bool postfixRelayConfig(RelayConfigBuilder &b, QString *error);
bool eximRelayConfig(RelayConfigBuilder &b, QString *error);
bool sendmailRelayConfig(RelayConfigBuilder &b, QString *error);
bool openSmtpdRelayConfig(RelayConfigBuilder &b, QString *error);
bool exchangeRelayConfig(RelayConfigBuilder &b, QString *error);
bool clientRelayConfig(RelayConfigBuilder &b, QString *error);

} // namespace bd
