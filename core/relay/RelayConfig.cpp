// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfig.h"

#include "relay/RelayConfigBuilder.h"

#include <QRegularExpression>

#include <utility>

namespace bd {

QString ConfigFile::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Merge:
        return QStringLiteral("merge");
    case Mode::Replace:
        return QStringLiteral("replace");
    case Mode::Append:
        return QStringLiteral("append");
    }
    return {};
}
namespace {

struct MtaInfo
{
    Mta mta;
    const char *name;
};

constexpr MtaInfo mtaTable[] = {
        {Mta::Postfix, "postfix"},
        {Mta::Exim4, "exim4"},
        {Mta::Sendmail, "sendmail"},
        {Mta::OpenSmtpd, "opensmtpd"},
        {Mta::Exchange, "exchange"},
        {Mta::Client, "client"},
};

constexpr std::pair<Mta, MtaConfigGenerator> generators[] = {
        {Mta::Postfix, postfixRelayConfig},
        {Mta::Exim4, eximRelayConfig},
        {Mta::Sendmail, sendmailRelayConfig},
        {Mta::OpenSmtpd, openSmtpdRelayConfig},
        {Mta::Exchange, exchangeRelayConfig},
        {Mta::Client, clientRelayConfig},
};

} // namespace

QString mtaName(Mta mta)
{
    for (const MtaInfo &m : mtaTable) {
        if (m.mta == mta)
            return QString::fromLatin1(m.name);
    }
    return {};
}

std::optional<Mta> mtaFromName(QStringView name)
{
    for (const MtaInfo &m : mtaTable) {
        if (name == QLatin1StringView(m.name))
            return m.mta;
    }
    return std::nullopt;
}

QStringList mtaNames()
{
    QStringList names;
    for (const MtaInfo &m : mtaTable)
        names << QString::fromLatin1(m.name);
    return names;
}

std::optional<QVersionNumber> parseMtaVersion(const QString &text)
{
    // An optional leading word ("postfix", "mail_version =") and then only the version.
    static const QRegularExpression re(
            QStringLiteral(R"(\A\s*(?:[A-Za-z][A-Za-z_-]*\s*[=:]?\s*)?(\d+(?:\.\d+){0,3})\s*\z)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QVersionNumber version = QVersionNumber::fromString(m.captured(1));
    if (version.isNull())
        return std::nullopt;
    return version;
}

QString RelayConfigGenerator::passwordPlaceholder()
{
    return QStringLiteral("PASSWORD-HERE");
}

std::optional<RelayConfig> RelayConfigGenerator::generate(
        const RelayConfigRequest &request, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    RelayConfig cfg;
    cfg.mta = mtaName(request.mta);
    cfg.relay = request.relay;
    QVersionNumber version = request.mtaVersion;
    if (version.isNull())
        version = QVersionNumber::fromString(k.defaultVersion(cfg.mta));
    cfg.mtaVersion = version.isNull() ? QString() : version.toString();
    if (request.relay.tls == RelayTls::None) {
        err = QStringLiteral("a smarthost configuration needs TLS (starttls or implicit): the "
                             "password would otherwise cross the network in clear");
        return std::nullopt;
    }
    if (!request.password.isEmpty()) {
        const QString problem =
                credentialProblem(QStringLiteral("the password"), request.password, u"");
        if (!problem.isEmpty()) {
            err = problem;
            return std::nullopt;
        }
    }
    for (const QString &d : request.senderDomains) {
        if (!isValidHostName(d) || !d.contains(u'.')) {
            err = QStringLiteral("'%1' is not a sender domain").arg(d);
            return std::nullopt;
        }
    }
    if (!request.senderDomains.isEmpty() && request.mta != Mta::Postfix) {
        err = QStringLiteral("relaying only some sender domains is generated for Postfix only");
        return std::nullopt;
    }
    RelayConfigBuilder b(request, cfg);
    b.version = version;
    cfg.secret = request.password;
    for (const auto &[mta, generator] : generators) {
        if (mta == request.mta && !generator(b, &err))
            return std::nullopt;
    }
    if (request.relay.port == 25)
        b.warn(QStringLiteral("warn.port_25"));
    if (!request.user.isEmpty() && request.password.isEmpty() && request.mta != Mta::Exchange
            && request.mta != Mta::Client)
        b.warn(QStringLiteral("warn.password_placeholder"));
    if (request.user.isEmpty())
        b.warn(QStringLiteral("warn.no_auth"));
    b.note(QStringLiteral("note.spf"));
    return cfg;
}

} // namespace bd
