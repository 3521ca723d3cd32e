// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/Case.h"

#include "util/IpAddress.h"

#include <QJsonArray>

#include <iterator>

namespace bd {

QJsonObject Case::Relay::toJson() const
{
    return {{QStringLiteral("mta"), mta}, {QStringLiteral("version"), version},
            {QStringLiteral("host"), host}, {QStringLiteral("port"), port},
            {QStringLiteral("tls"), tls}, {QStringLiteral("user"), user}};
}

Case::Relay Case::Relay::fromJson(const QJsonObject &o)
{
    Relay r;
    const QJsonValue mta = o.value(u"mta");
    // Schema 1 before ids: the position in the list, 0 when missing.
    const QString id = mta.isString() ? mta.toString() : mtaIdAtLegacyIndex(mta.toInt());
    if (!id.isEmpty())
        r.mta = id;
    r.version = o.value(u"version").toString();
    r.host = o.value(u"host").toString();
    r.port = o.value(u"port").toInt(587);
    r.tls = o.value(u"tls").toString();
    r.user = o.value(u"user").toString();
    return r;
}

QString Case::Letters::draftKey(const QString &kind, Language lang)
{
    return kind + u'.' + languageCode(lang);
}

QJsonObject Case::Letters::toJson() const
{
    QJsonObject langs;
    for (auto it = languages.cbegin(); it != languages.cend(); ++it)
        langs.insert(it.key(), languageCode(it.value()));
    QJsonObject edited;
    for (auto it = drafts.cbegin(); it != drafts.cend(); ++it)
        edited.insert(it.key(),
                QJsonObject {{QStringLiteral("to"), it->to},
                        {QStringLiteral("subject"), it->subject},
                        {QStringLiteral("body"), it->body}});
    return {{QStringLiteral("kind"), kind}, {QStringLiteral("languages"), langs},
            {QStringLiteral("sender"),
                    QJsonObject {{QStringLiteral("name"), sender.name},
                            {QStringLiteral("org"), sender.org},
                            {QStringLiteral("org_latin"), sender.orgLatin},
                            {QStringLiteral("email"), sender.email},
                            {QStringLiteral("ptr_wanted"), sender.ptrWanted},
                            {QStringLiteral("assignment"), sender.assignment}}},
            {QStringLiteral("drafts"), edited}};
}

Case::Letters Case::Letters::fromJson(const QJsonObject &o)
{
    Letters l;
    l.kind = o.value(u"kind").toString();
    const QJsonObject langs = o.value(u"languages").toObject();
    // A language this program does not speak is not a choice it can keep: the page picks one.
    for (auto it = langs.constBegin(); it != langs.constEnd(); ++it) {
        if (const auto lang = languageFromCode(it.value().toString()))
            l.languages.insert(it.key(), *lang);
    }
    const QJsonObject s = o.value(u"sender").toObject();
    l.sender = {s.value(u"name").toString(), s.value(u"org").toString(),
            s.value(u"org_latin").toString(), s.value(u"email").toString(),
            s.value(u"ptr_wanted").toString(), s.value(u"assignment").toString()};
    const QJsonObject edited = o.value(u"drafts").toObject();
    for (auto it = edited.constBegin(); it != edited.constEnd(); ++it) {
        const QJsonObject d = it.value().toObject();
        l.drafts.insert(it.key(),
                {d.value(u"to").toString(), d.value(u"subject").toString(),
                        d.value(u"body").toString()});
    }
    return l;
}

QString Case::mtaIdAtLegacyIndex(int index)
{
    // Frozen: the wizard's list may change, what old files meant by a position does not.
    static const char *const legacy[] = {
            "postfix", "postfix-iredmail", "exim4", "sendmail", "opensmtpd", "exchange", "client"};
    if (index < 0 || index >= int(std::size(legacy)))
        return {};
    return QString::fromLatin1(legacy[index]);
}

Case::Case(QObject *parent)
    : QObject(parent)
{
}

template<typename T> void Case::update(T &member, const T &value, void (Case::*changed)())
{
    if (member == value)
        return;
    member = value;
    emit(this->*changed)();
}

void Case::setIpCorrections(const QHash<QString, QString> &corrections)
{
    update(m_ipCorrections, corrections, &Case::bouncesChanged);
}

void Case::setReports(const QList<MessageReport> &reports)
{
    // Always said: a new reading is news even when it read the same.
    m_reports = reports;
    emit bouncesChanged();
}

void Case::setIpInputs(const IpInputs &inputs)
{
    update(m_ipInputs, inputs, &Case::ipChanged);
}

void Case::setIpResult(const std::optional<IpCheckResult> &result)
{
    // Always said: a check that ran again is news even when it found the same.
    m_ipResult = result;
    emit ipChanged();
}

void Case::setPath(const QString &id)
{
    update(m_path, id, &Case::pathChanged);
}

void Case::setRelay(const Relay &relay)
{
    update(m_relay, relay, &Case::relayChanged);
}

void Case::setLetters(const Letters &letters)
{
    update(m_letters, letters, &Case::lettersChanged);
}

Diagnosis Case::diagnosis(
        Diagnosis::Sender sender, Language lang, const Diagnosis::LetterChoices &choices) const
{
    QList<IpCheckResult> checks;
    if (m_ipResult)
        checks << *m_ipResult;
    sender.domain = senderDomain();
    return Diagnosis(m_reports, checks, sender, lang, true, choices);
}

Diagnosis::Sender Case::sender() const
{
    const Letters::Sender &from = m_letters.sender;
    Diagnosis::Sender sender;
    sender.name = from.name;
    sender.org = from.org;
    sender.orgLatin = from.orgLatin;
    sender.email = from.email;
    sender.ptrWanted = from.ptrWanted.toLower();
    sender.assignment = from.assignment;
    sender.ptrWantedForward = m_wantedNameForward;
    return sender;
}

Diagnosis Case::report(Language lang) const
{
    Diagnosis::LetterChoices choices;
    choices.languages = m_letters.languages;
    for (const QString &kind : Letter::kinds()) {
        for (const Language l : allLanguages()) {
            const auto it = m_letters.drafts.constFind(Letters::draftKey(kind, l));
            if (it == m_letters.drafts.cend())
                continue;
            Letter edited;
            edited.kind = kind;
            edited.lang = l;
            edited.to = it->to;
            edited.subject = it->subject;
            edited.body = it->body;
            choices.edited << edited;
        }
    }
    return diagnosis(sender(), lang, choices);
}

QJsonObject Case::toJson() const
{
    QJsonObject o;
    o.insert(u"schema", schema);
    o.insert(u"tool", QStringLiteral("bounce-doctor"));
    o.insert(u"bounce_text", m_bounceText);
    o.insert(u"bounce_files", QJsonArray::fromStringList(m_bounceFiles));
    QJsonObject corrections;
    for (auto it = m_ipCorrections.cbegin(); it != m_ipCorrections.cend(); ++it)
        corrections.insert(it.key(), it.value());
    o.insert(u"ip_corrections", corrections);
    o.insert(u"ip",
            QJsonObject {{QStringLiteral("ip"), m_ipInputs.ip.trimmed()},
                    {QStringLiteral("helo"), m_ipInputs.helo.trimmed()},
                    {QStringLiteral("domain"), m_ipInputs.domain.trimmed()}});
    o.insert(u"ip_result", m_ipResult ? m_ipResult->toJson() : QJsonObject());
    o.insert(u"smarthost", m_relay.toJson());
    o.insert(u"path", m_path);
    o.insert(u"letters", m_letters.toJson());
    o.insert(u"page", m_page);
    return o;
}

void Case::fromJson(const QJsonObject &session)
{
    m_bounceText = session.value(u"bounce_text").toString();
    m_bounceFiles.clear();
    for (const QJsonValue &f : session.value(u"bounce_files").toArray())
        m_bounceFiles << f.toString();
    m_ipCorrections.clear();
    const QJsonObject corrections = session.value(u"ip_corrections").toObject();
    for (auto it = corrections.constBegin(); it != corrections.constEnd(); ++it) {
        // Only addresses a receiver can see.
        const auto ip = parseIpAddress(it.value().toString());
        if (ip && unseenAddressProblem(*ip, Language::English).isEmpty())
            m_ipCorrections.insert(it.key(), ip->toString());
    }
    m_reports.clear(); // read again from the text and files
    const QJsonObject ip = session.value(u"ip").toObject();
    m_ipInputs = {ip.value(u"ip").toString(), ip.value(u"helo").toString(),
            ip.value(u"domain").toString()};
    const QJsonObject result = session.value(u"ip_result").toObject();
    m_ipResult.reset();
    if (!result.isEmpty())
        m_ipResult = IpCheckResult::fromJson(result);
    m_path = session.value(u"path").toString();
    m_relay = Relay::fromJson(session.value(u"smarthost").toObject());
    m_relayTest = {};
    m_wantedNameForward = {};
    // Sessions before the letters were in the case have none: the page drafts afresh.
    m_letters = Letters::fromJson(session.value(u"letters").toObject());
    m_page = session.value(u"page").toInt();
    emit loaded();
}

} // namespace bd
