// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/PostfixSettings.h"

#include "relay/RelayKnowledge.h"

namespace bd {

PostfixSettings PostfixSettings::parse(const QString &text)
{
    PostfixSettings s;
    QString name;
    QString value;
    const auto commit = [&] {
        if (name.isEmpty())
            return;
        s.m_values.insert(name, value.simplified());
        s.m_order.removeAll(name);
        s.m_order << name;
        name.clear();
    };
    for (const QString &raw : text.split(u'\n')) {
        QString line = raw;
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().startsWith(u'#') || line.trimmed().isEmpty()) {
            commit();
            continue;
        }
        if (line.front().isSpace()) { // continuation of the previous value
            if (!name.isEmpty())
                value += u' ' + line.trimmed();
            continue;
        }
        commit();
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        if (key.contains(u' '))
            continue; // not a parameter line (postconf's warnings, a shell prompt)
        name = key;
        value = line.mid(eq + 1).trimmed();
    }
    commit();
    return s;
}

QList<ConfigFinding> PostfixSettings::check(const QStringList &ptrNames, Language lang) const
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    QList<ConfigFinding> out;
    using Severity = ConfigFinding::Severity;
    const auto add = [&](const char *id, Severity severity,
                             const QHash<QString, QString> &vars = {}) {
        const QString key = QStringLiteral("config.") + QLatin1StringView(id);
        out << ConfigFinding {QLatin1StringView(id), severity, k.text(key, lang, vars)};
    };
    const QString relayhost = value(QStringLiteral("relayhost"));
    const bool saslOn = value(QStringLiteral("smtp_sasl_auth_enable")) == u"yes";
    const QString level = value(QStringLiteral("smtp_tls_security_level"));
    if (relayhost.isEmpty()) {
        add("no-relayhost", Severity::Note);
    } else {
        add("relayhost", Severity::Note, {{QStringLiteral("relayhost"), relayhost}});
        if (!relayhost.startsWith(u'['))
            add("relayhost-mx", Severity::Warning, {{QStringLiteral("relayhost"), relayhost}});
        if (!saslOn)
            add("relayhost-without-login", Severity::Problem);
        if (relayhost.endsWith(QStringLiteral(":465"))
                && value(QStringLiteral("smtp_tls_wrappermode")) != u"yes")
            add("465-without-wrappermode", Severity::Problem);
    }
    if (saslOn) {
        const QString options = contains(QStringLiteral("smtp_sasl_security_options"))
                ? value(QStringLiteral("smtp_sasl_security_options"))
                : QStringLiteral("noplaintext, noanonymous"); // Postfix's default
        if (options.contains(QStringLiteral("noplaintext"))
                && (!contains(QStringLiteral("smtp_sasl_tls_security_options"))
                        || value(QStringLiteral("smtp_sasl_tls_security_options"))
                                   .contains(QStringLiteral("noplaintext"))
                        || value(QStringLiteral("smtp_sasl_tls_security_options"))
                                   .contains(QStringLiteral("$smtp_sasl_security_options"))))
            add("noplaintext", Severity::Problem);
        if (level.isEmpty() || level == u"none" || level == u"may")
            add("login-without-tls", Severity::Warning,
                    {{QStringLiteral("level"), level.isEmpty() ? QStringLiteral("none") : level}});
        if (!contains(QStringLiteral("smtp_sasl_password_maps")))
            add("no-password-maps", Severity::Problem);
    }
    if (value(QStringLiteral("content_filter")).startsWith(QStringLiteral("smtp-amavis:")))
        add("iredmail", Severity::Note);
    if (value(QStringLiteral("smtp_tls_CAfile")) == u"$smtpd_tls_CAfile")
        add("iredmail-cafile", Severity::Note);
    QString helo = value(QStringLiteral("smtp_helo_name"));
    if (helo.isEmpty() || helo == u"$myhostname")
        helo = value(QStringLiteral("myhostname"));
    if (!helo.isEmpty() && !ptrNames.isEmpty() && relayhost.isEmpty()) {
        const bool matches = std::any_of(ptrNames.cbegin(), ptrNames.cend(),
                [&](const QString &p) { return p.compare(helo, Qt::CaseInsensitive) == 0; });
        if (!matches)
            add("helo-not-ptr", Severity::Warning,
                    {{QStringLiteral("helo"), helo}, {QStringLiteral("ptr"), ptrNames.first()}});
    }
    return out;
}

} // namespace bd
