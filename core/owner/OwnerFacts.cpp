// SPDX-License-Identifier: GPL-3.0-or-later
#include "owner/OwnerFacts.h"

#include "util/BuiltInData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace bd {
namespace {

const QRegularExpression &emailPattern()
{
    static const QRegularExpression re(
            QStringLiteral(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"));
    return re;
}

QStringList emailsIn(const QString &text)
{
    QStringList out;
    QRegularExpressionMatchIterator it = emailPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString e = it.next().captured(0).toLower();
        if (!out.contains(e))
            out << e;
    }
    return out;
}

struct Field
{
    QString key; // lower case
    QString value;
};
using Object = QList<Field>;

QString first(const Object &o, const QString &key)
{
    for (const Field &f : o) {
        if (f.key == key)
            return f.value;
    }
    return {};
}

QStringList all(const Object &o, const QString &key)
{
    QStringList out;
    for (const Field &f : o) {
        if (f.key == key)
            out << f.value;
    }
    return out;
}

// Size of "a.b.c.d - e.f.g.h" or a CIDR, to pick the most specific range.
quint64 rangeSize(const QString &range)
{
    const QStringList parts = range.split(u'-');
    if (parts.size() == 2) {
        const QHostAddress a(parts[0].trimmed()), b(parts[1].trimmed());
        if (a.protocol() == QAbstractSocket::IPv4Protocol
                && b.protocol() == QAbstractSocket::IPv4Protocol)
            return quint64(b.toIPv4Address()) - a.toIPv4Address();
    }
    const qsizetype slash = range.indexOf(u'/');
    if (slash > 0) {
        const int len = range.mid(slash + 1).section(u',', 0, 0).trimmed().toInt();
        const bool v6 = range.contains(u':');
        return len >= (v6 ? 64 : 32) ? 1
                                     : (quint64(1) << ((v6 ? 64 : 32) - qMin(len, v6 ? 64 : 32)));
    }
    return ~quint64(0);
}

void addContact(OwnerFacts &f, const QString &email, const QString &role, const QString &source)
{
    const QString e = email.trimmed().toLower();
    if (e.isEmpty())
        return;
    for (const OwnerContact &c : std::as_const(f.contacts)) {
        if (c.email == e && c.role == role)
            return;
    }
    f.contacts << OwnerContact {e, role, source};
}

} // namespace

const OwnerKnowledge &OwnerKnowledge::builtIn()
{
    return instance();
}

void OwnerKnowledge::replaceBootstrap(const QByteArray &ipv4, const QByteArray &ipv6)
{
    instance().loadBootstrap(ipv4, ipv6);
}

OwnerKnowledge &OwnerKnowledge::instance()
{
    static OwnerKnowledge built = [] {
        OwnerKnowledge k;
        const QJsonObject o =
                QJsonDocument::fromJson(builtInData(QStringLiteral(":/data/owner.json"))).object();
        for (const QJsonValue &v : o.value(u"registries").toArray()) {
            const QJsonObject r = v.toObject();
            k.registries << Registry {r.value(u"id").toString(), r.value(u"whois").toString(),
                    r.value(u"query").toString(), r.value(u"rdap").toString()};
        }
        for (const QJsonValue &v : o.value(u"not_mine").toArray()) {
            QRegularExpression re(v.toObject().value(u"pattern").toString(),
                    QRegularExpression::MultilineOption
                            | QRegularExpression::CaseInsensitiveOption);
            if (!re.isValid())
                qFatal("owner.json: bad pattern %s", qPrintable(re.pattern()));
            const Localized why = Localized::fromJson(v.toObject().value(u"why"));
            k.notMine << NotMine {re, why.en};
            k.translations.insert(why.en, why);
        }
        for (const QJsonValue &v : o.value(u"transfer_targets").toArray())
            k.transferTargets << qMakePair(v.toObject().value(u"word").toString(),
                    v.toObject().value(u"registry").toString());
        const QJsonObject ph = o.value(u"placeholders").toObject();
        for (auto it = ph.begin(); it != ph.end(); ++it) {
            const Localized why = Localized::fromJson(it.value());
            k.placeholders.insert(it.key().toLower(), why.en);
            k.translations.insert(why.en, why);
        }
        k.reasons = Localized::mapFromJson(o.value(u"reasons"));
        k.notes = Localized::mapFromJson(o.value(u"notes"));
        const QJsonObject classes = o.value(u"error_classes").toObject();
        for (auto it = classes.begin(); it != classes.end(); ++it)
            k.errorClasses.insert(it.key(), it.value().toString());
        for (const Localized &why : std::as_const(k.reasons))
            k.translations.insert(why.en, why);
        for (const QJsonValue &v : o.value(u"not_for_abuse_markers").toArray())
            k.notForAbuseMarkers << v.toString();
        for (const QJsonValue &v : o.value(u"static_words").toArray())
            k.staticWords << v.toString();
        for (const QJsonValue &v : o.value(u"dynamic_words").toArray())
            k.dynamicWords << v.toString();
        for (const QJsonValue &v : o.value(u"rwhois_classes").toArray())
            k.rwhoisClasses << v.toString();
        const QJsonObject rw = o.value(u"rwhois_attributes").toObject();
        for (auto it = rw.begin(); it != rw.end(); ++it)
            k.rwhoisAttributes.insert(it.key(), it.value().toString());
        k.loadBootstrap(builtInData(QStringLiteral(":/data/rdap-ipv4.json")),
                builtInData(QStringLiteral(":/data/rdap-ipv6.json")));
        return k;
    }();
    return built;
}

void OwnerKnowledge::loadBootstrap(const QByteArray &ipv4, const QByteArray &ipv6)
{
    QList<Prefix> prefixes;
    QString date;
    for (const QByteArray &json : {ipv4, ipv6}) {
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        date = o.value(u"publication").toString();
        for (const QJsonValue &service : o.value(u"services").toArray()) {
            const QJsonArray pair = service.toArray();
            QString base;
            for (const QJsonValue &url : pair.at(1).toArray()) {
                if (base.isEmpty() || url.toString().startsWith(u"https:"))
                    base = url.toString();
            }
            for (const QJsonValue &p : pair.at(0).toArray()) {
                const auto parsed = QHostAddress::parseSubnet(p.toString());
                if (!parsed.first.isNull() && !base.isEmpty())
                    prefixes << Prefix {parsed.first, parsed.second, base};
            }
        }
    }
    if (!prefixes.isEmpty()) {
        bootstrap = prefixes;
        bootstrapDate = date;
    }
}

const OwnerKnowledge::Registry *OwnerKnowledge::registryById(const QString &id) const
{
    for (const Registry &r : registries) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

const OwnerKnowledge::Registry *OwnerKnowledge::registryByWhois(const QString &host) const
{
    for (const Registry &r : registries) {
        if (r.whois.compare(host, Qt::CaseInsensitive) == 0)
            return &r;
    }
    return nullptr;
}

const OwnerKnowledge::Registry *OwnerKnowledge::registryByRdap(const QString &url) const
{
    const QString host = QUrl(url).host();
    for (const Registry &r : registries) {
        if (!r.rdap.isEmpty() && QUrl(r.rdap).host() == host)
            return &r;
    }
    return nullptr;
}

QString OwnerKnowledge::whoisQuery(const QString &host, const QHostAddress &ip) const
{
    const Registry *r = registryByWhois(host);
    QString q = r ? r->query : QStringLiteral("{ip}");
    return q.replace(QStringLiteral("{ip}"), ip.toString());
}

QString OwnerKnowledge::rdapBase(const QHostAddress &ip) const
{
    const Prefix *best = nullptr;
    for (const Prefix &p : bootstrap) {
        if (p.network.protocol() == ip.protocol() && ip.isInSubnet(p.network, p.length)
                && (!best || p.length > best->length))
            best = &p;
    }
    return best ? best->base : QString();
}

QString OwnerKnowledge::placeholderReason(const QString &email) const
{
    return placeholders.value(email.toLower());
}

QString OwnerKnowledge::reasonIn(const QString &english, Language lang) const
{
    const auto it = translations.constFind(english);
    return it == translations.constEnd() ? english : it->get(lang);
}

void setStaticHint(OwnerFacts &facts, const QString &words, const OwnerKnowledge &knowledge)
{
    const QString lower = words.toLower();
    auto find = [&](const QStringList &list) -> QString {
        for (const QString &w : list) {
            const QRegularExpression re(
                    QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(w)));
            if (re.match(lower).hasMatch())
                return w;
        }
        return {};
    };
    if (const QString s = find(knowledge.staticWords); !s.isEmpty()) {
        facts.staticHint = QStringLiteral("static");
        facts.staticEvidence = s;
    } else if (const QString d = find(knowledge.dynamicWords); !d.isEmpty()) {
        facts.staticHint = QStringLiteral("dynamic");
        facts.staticEvidence = d;
    }
}

std::optional<WhoisReferral> WhoisReading::parseReferral(const QString &raw)
{
    QString value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    WhoisReferral r;
    if (value.startsWith(u"rwhois://", Qt::CaseInsensitive)) {
        r.rwhois = true;
        value = value.mid(9);
    } else if (value.startsWith(u"whois://", Qt::CaseInsensitive)) {
        value = value.mid(8);
    }
    value = value.section(u'/', 0, 0);
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon > 0 && !value.contains(u"::")) {
        bool ok = false;
        const uint port = value.mid(colon + 1).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return std::nullopt;
        r.port = quint16(port);
        value.truncate(colon);
    }
    static const QRegularExpression hostname(QStringLiteral(
            R"(\A[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\z)"));
    if (!hostname.match(value).hasMatch())
        return std::nullopt;
    r.host = value.toLower();
    return r;
}

WhoisReading WhoisReading::read(const QString &text, const OwnerKnowledge &k)
{
    WhoisReading reading;
    OwnerFacts &f = reading.facts;
    QList<Object> objects;
    Object current;
    QString lastKey;
    const QStringList lines = text.left(1 << 20).split(u'\n');
    static const QRegularExpression abuseLine(
            QStringLiteral(R"(^%\s*Abuse contact for '([^']*)' is '([^']+)')"));
    static const QRegularExpression field(QStringLiteral(R"(^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$)"));
    // RWhois: "network:Org-Name:VPLS Inc.", "network:Abuse-Contact;I:abuse@hostwinds.com".
    static const QRegularExpression rwhoisField(
            QStringLiteral(R"(^([A-Za-z]+):([A-Za-z][A-Za-z0-9 /_-]*?)(?:;[A-Za-z]+)?:(.*)$)"));
    for (QString line : lines) {
        line.remove(u'\r');
        if (line.startsWith(u'%') || line.startsWith(u'#')) {
            const QRegularExpressionMatch m = abuseLine.match(line);
            if (m.hasMatch())
                addContact(f, m.captured(2), QStringLiteral("abuse"),
                        QStringLiteral("\"% Abuse contact\" line"));
            const QString lower = line.toLower();
            if (lower.contains(u"rate limit") || lower.contains(u"temporarily denied")
                    || lower.contains(u"permanently denied") || lower.contains(u"error:201")
                    || lower.contains(u"access denied"))
                reading.rateLimited = true;
            if (lower.contains(u"unallocated and unassigned in lacnic block")) {
                reading.notMine = true;
                reading.notMineWhy = k.reason(QStringLiteral("lacnic_not_held"));
            }
            continue;
        }
        if (line.trimmed().isEmpty()) {
            if (!current.isEmpty())
                objects << current;
            current.clear();
            lastKey.clear();
            continue;
        }
        if ((line[0] == u' ' || line[0] == u'\t' || line[0] == u'+') && !current.isEmpty()) {
            current.last().value += u'\n' + line.mid(1).trimmed(); // RPSL continuation
            continue;
        }
        if (const QRegularExpressionMatch rw = rwhoisField.match(line);
                rw.hasMatch() && k.rwhoisClasses.contains(rw.captured(1).toLower())) {
            // One answer is one record: its network and contact lines are read as one object.
            if (current.isEmpty())
                current << Field {QStringLiteral("rwhois"), QStringLiteral("record")};
            const QString key = k.rwhoisAttributes.value(rw.captured(2).trimmed().toLower());
            QString value = rw.captured(3).trimmed();
            if (key == u"abuse-mailbox" || key == u"e-mail")
                value = emailsIn(value).value(0);
            if (!key.isEmpty() && !value.isEmpty())
                current << Field {key, value};
            continue;
        }
        const QRegularExpressionMatch m = field.match(line);
        if (m.hasMatch()) {
            current << Field {m.captured(1).toLower(), m.captured(2).trimmed()};
            continue;
        }
        // JPNIC's English form: "a. [Network Number]   133.1.0.0/16".
        static const QRegularExpression bracket(
                QStringLiteral(R"(^(?:[a-z]\.\s*)?\[([^\]]+)\]\s*(.*)$)"));
        const QRegularExpressionMatch b = bracket.match(line);
        if (b.hasMatch()) {
            static const QHash<QString, QString> names {
                    {QStringLiteral("network number"), QStringLiteral("inetnum")},
                    {QStringLiteral("network name"), QStringLiteral("netname")},
                    {QStringLiteral("organization"), QStringLiteral("org-name")},
                    {QStringLiteral("reply mail"), QStringLiteral("e-mail")}};
            const QString label = b.captured(1).trimmed().toLower();
            current << Field {names.value(label, label), b.captured(2).trimmed()};
        }
    }
    if (!current.isEmpty())
        objects << current;

    // Referrals: IANA's refer:/whois:, ARIN's ReferralServer (the last, most specific, wins).
    for (const Object &o : std::as_const(objects)) {
        for (const Field &fl : o) {
            if (fl.key == u"refer" || fl.key == u"whois" || fl.key == u"referralserver") {
                if (const auto r = parseReferral(fl.value))
                    reading.referral = r;
            }
        }
    }
    for (const OwnerKnowledge::NotMine &nm : k.notMine) {
        const QRegularExpressionMatch m = nm.pattern.match(text);
        if (m.hasMatch()) {
            reading.notMine = true;
            reading.notMineWhy = nm.why;
            const qsizetype lineEnd = text.indexOf(u'\n', m.capturedEnd(0));
            const QString context = text.mid(
                    m.capturedStart(0), (lineEnd < 0 ? text.size() : lineEnd) - m.capturedStart(0));
            for (const auto &[word, registry] : k.transferTargets) {
                if (context.contains(word, Qt::CaseInsensitive)) {
                    reading.transferRegistry = registry;
                    break;
                }
            }
            break;
        }
    }

    // The network object: the most specific inetnum/inet6num, or ARIN's last NetRange block.
    const Object *network = nullptr;
    quint64 bestSize = ~quint64(0);
    for (const Object &o : std::as_const(objects)) {
        const QString key = o.first().key;
        QString range;
        if (key == u"inetnum" || key == u"inet6num")
            range = o.first().value;
        else if (!first(o, QStringLiteral("netrange")).isEmpty())
            range = first(o, QStringLiteral("netrange"));
        else
            continue;
        const quint64 size = rangeSize(range);
        if (!network || size <= bestSize) {
            network = &o;
            bestSize = size;
            f.range = range;
        }
    }
    QStringList describing;
    if (network) {
        f.netname = first(*network, QStringLiteral("netname")); // RPSL netname, ARIN NetName
        f.country = first(*network, QStringLiteral("country")).left(2).toUpper();
        f.org = first(*network, QStringLiteral("owner"));
        if (f.org.isEmpty())
            f.org = first(*network, QStringLiteral("descr")).section(u'\n', 0, 0);
        describing << f.netname << all(*network, QStringLiteral("descr"))
                   << all(*network, QStringLiteral("remarks"))
                   << all(*network, QStringLiteral("comment"));
    }
    // Organisation names: RPSL organisation objects, ARIN OrgName/CustName.
    for (const Object &o : std::as_const(objects)) {
        const QString orgName = first(o, QStringLiteral("org-name"));
        if (!orgName.isEmpty() && (f.org.isEmpty() || o.first().key == u"organisation"))
            f.org = orgName;
        for (const char *key : {"orgname", "custname"}) {
            const QString v = first(o, QString::fromLatin1(key));
            if (!v.isEmpty())
                f.org = v;
        }
        if (f.country.isEmpty() && !first(o, QStringLiteral("orgname")).isEmpty())
            f.country = first(o, QStringLiteral("country"))
                                .left(2)
                                .toUpper(); // ARIN keeps it with the org
    }
    setStaticHint(f, describing.join(u' '), k);

    // Objects whose own words say they are not the place for abuse reports (CNNIC's irt).
    QStringList notForAbuse;
    for (const Object &o : std::as_const(objects)) {
        QString words;
        for (const Field &fl : o)
            words += fl.value.toLower() + u' ';
        for (const QString &marker : k.notForAbuseMarkers) {
            if (words.contains(marker)) {
                for (const QString &e : emailsIn(words))
                    notForAbuse << e;
                break;
            }
        }
    }

    // Handles named as abuse-c, resolved to their objects' addresses (LACNIC, RIPE without -r).
    QStringList abuseHandles;
    for (const Object &o : std::as_const(objects))
        abuseHandles << all(o, QStringLiteral("abuse-c"));
    for (const Object &o : std::as_const(objects)) {
        const QString key = o.first().key;
        const QString handle =
                first(o, QStringLiteral("nic-hdl")) + first(o, QStringLiteral("nic-hdl-br"));
        const bool isAbuseHandle =
                !handle.isEmpty() && abuseHandles.contains(handle, Qt::CaseInsensitive);
        for (const Field &fl : o) {
            if (fl.key == u"abuse-mailbox") {
                addContact(f, fl.value, QStringLiteral("abuse"),
                        QStringLiteral("abuse-mailbox of %1 %2").arg(key, o.first().value));
            } else if (fl.key == u"orgabuseemail" || fl.key == u"rabuseemail") {
                addContact(f, fl.value, QStringLiteral("abuse"),
                        QStringLiteral("ARIN %1").arg(fl.key == u"orgabuseemail"
                                        ? QStringLiteral("OrgAbuseEmail")
                                        : QStringLiteral("RAbuseEmail")));
            } else if (fl.key == u"orgnocemail" || fl.key == u"rnocemail") {
                addContact(f, fl.value, QStringLiteral("noc"), QStringLiteral("ARIN NOC contact"));
            } else if (fl.key == u"orgtechemail" || fl.key == u"rtechemail") {
                addContact(f, fl.value, QStringLiteral("technical"),
                        QStringLiteral("ARIN technical contact"));
            } else if (fl.key == u"e-mail") {
                if (key == u"irt")
                    addContact(f, fl.value, QStringLiteral("abuse"),
                            QStringLiteral("e-mail of irt %1").arg(o.first().value));
                else if (isAbuseHandle)
                    addContact(f, fl.value, QStringLiteral("abuse"),
                            QStringLiteral("e-mail of abuse-c %1").arg(handle));
                else
                    addContact(f, fl.value, QStringLiteral("technical"),
                            QStringLiteral("e-mail of %1 %2")
                                    .arg(key, handle.isEmpty() ? o.first().value : handle));
            } else if (fl.key == u"remarks" || fl.key == u"descr" || fl.key == u"comment") {
                const QString lower = fl.value.toLower();
                if (lower.contains(u"abuse") || lower.contains(u"spam")) {
                    for (const QString &e : emailsIn(fl.value))
                        addContact(f, e, QStringLiteral("abuse"),
                                QStringLiteral("%1: \"%2\"").arg(fl.key, fl.value.left(80)));
                }
            }
        }
    }
    // Not-for-abuse addresses are dropped from the abuse role, kept as rejected.
    QList<OwnerContact> kept;
    for (const OwnerContact &c : std::as_const(f.contacts)) {
        if (c.role == u"abuse" && notForAbuse.contains(c.email))
            f.rejected << qMakePair(c.email, k.reason(QStringLiteral("not_for_abuse")));
        else
            kept << c;
    }
    f.contacts = kept;
    return reading;
}

} // namespace bd
