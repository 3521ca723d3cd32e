// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/Diagnosis.h"

#include "AppInfo.h"
#include "bounce/BounceKnowledge.h"
#include "ipcheck/DnsblTable.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "util/BuiltInData.h"
#include "util/JsonDocument.h"
#include "util/Localized.h"

#include <QFile>
#include <QJsonDocument>
#include <QLocale>

#include <functional>

namespace bd {
namespace {

struct PathRule
{
    QString id;
    QStringList any;
    QStringList letters;
    Localized title, why, how, speed;
    Localized recheck; // when the path can be seen to work, if the path knows
};

struct Table
{
    QList<PathRule> paths;
    QStringList dynamicFacts;
    QStringList dynamicListings; // lists of dynamic address space (DUL, PBL)
    QHash<QString, QString> umbrellas; // a list that includes a dynamic one → that one
    QHash<QString, Localized> texts;
};

const Table &table()
{
    static const Table t = [] {
        const QJsonObject root = builtInJson(QStringLiteral(":/data/diagnosis.json"));
        Table table;
        for (const QJsonValue &v : root.value(u"paths").toArray()) {
            const QJsonObject o = v.toObject();
            table.paths << PathRule {o.value(u"id").toString(),
                    JsonDocument::strings(o.value(u"any")),
                    JsonDocument::strings(o.value(u"letters")),
                    Localized::fromJson(o.value(u"title")), Localized::fromJson(o.value(u"why")),
                    Localized::fromJson(o.value(u"how")), Localized::fromJson(o.value(u"speed")),
                    Localized::fromJson(o.value(u"recheck"))};
        }
        table.texts = Localized::mapFromJson(root.value(u"texts"));
        table.dynamicFacts = JsonDocument::strings(root.value(u"dynamic_facts"));
        table.dynamicListings = JsonDocument::strings(root.value(u"dynamic_listings"));
        const QJsonObject umbrellas = root.value(u"umbrella_listings").toObject();
        for (auto it = umbrellas.begin(); it != umbrellas.end(); ++it)
            table.umbrellas.insert(it.key(), it.value().toString());
        return table;
    }();
    return t;
}

// A check made through a resolver that failed its root probe (or an older session's check,
// which has no such field and was trusted then).
bool resolverTrusted(const QJsonObject &check)
{
    return check.value(u"resolver").toObject().value(u"trusted").toBool(true);
}

bool factMatches(const QString &pattern, const QSet<QString> &facts)
{
    if (!pattern.endsWith(u'*'))
        return facts.contains(pattern);
    const QString prefix = pattern.chopped(1);
    return std::any_of(
            facts.cbegin(), facts.cend(), [&](const QString &f) { return f.startsWith(prefix); });
}

// Whether a reputation list (one that lists an address for what was sent from it) refuses the
// IP, and not only a list of dynamic address space (DUL, PBL), which no clean-up changes: a
// provider's own verdict, a list the bounces name, or a DNSBL answer whose code means reputation.
bool reputationListed(
        const QSet<QString> &facts, const QJsonArray &messages, const QJsonArray &checks)
{
    const Table &tb = table();
    const auto dynamicOnly = [&](const QString &listing) {
        if (tb.dynamicListings.contains(listing))
            return true;
        // An umbrella (RBL+, ZEN) whose dynamic part the bounces or the checks name.
        const QString part = tb.umbrellas.value(listing);
        return !part.isEmpty() && facts.contains(QStringLiteral("listing:") + part);
    };
    for (const QJsonValue &m : messages) {
        for (const QJsonValue &v : m.toObject().value(u"recipients").toArray()) {
            const QJsonObject r = v.toObject();
            const QString category = r.value(u"category").toString();
            if (category == u"ip-reputation")
                return true;
            if (category == u"ip-blocklist" && !dynamicOnly(r.value(u"listing").toString()))
                return true;
        }
    }
    for (const QJsonValue &c : checks) {
        const QJsonObject check = c.toObject();
        if (!resolverTrusted(check))
            continue;
        for (const QJsonValue &v : check.value(u"dnsbl").toArray()) {
            const QJsonObject d = v.toObject();
            if (d.value(u"status").toString() != u"listed")
                continue;
            const DnsblZone zone = DnsblTable::builtIn().zone(d.value(u"zone").toString());
            const QStringList codes = JsonDocument::strings(d.value(u"codes"));
            if (codes.isEmpty() && !tb.dynamicListings.contains(d.value(u"listing").toString()))
                return true;
            for (const QString &code : codes) {
                const auto known = zone.codes.constFind(code);
                if (known == zone.codes.cend())
                    return true;
                if (known->category == u"dynamic-ip" || known->category == u"missing-ptr")
                    continue;
                if (!tb.dynamicListings.contains(
                            known->listing.isEmpty() ? zone.listing : known->listing))
                    return true;
            }
        }
    }
    return false;
}

QString firstName(const QJsonObject &check)
{
    return JsonDocument::strings(check.value(u"ptr").toObject().value(u"names")).value(0);
}

// The report drafts the letters to the first recipient domains; the rest are one command away.
constexpr qsizetype maxAllowlistLetters = 10;

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

Diagnosis::Diagnosis(const QJsonArray &messages, const QJsonArray &checks, const Sender &sender,
        const QString &lang, bool withPaths)
    : m_messages(messages)
    , m_checks(checks)
    , m_blockedIps(blockedIps(messages))
    , m_sender(sender)
    , m_lang(lang)
{
    collectFacts();
    writeVerdicts();
    if (withPaths)
        choosePaths();
}

QString Diagnosis::t(const QString &key, const QHash<QString, QString> &vars) const
{
    return fillPlaceholders(table().texts.value(key).get(m_lang), vars);
}

QString Diagnosis::statusWord(const QString &status, const QString &lang)
{
    const auto it = table().texts.constFind(QStringLiteral("word.") + status);
    return it == table().texts.constEnd() ? status : it->get(lang);
}

QString Diagnosis::listJoin(const QStringList &items) const
{
    return items.join(m_lang.startsWith(u"zh") ? QStringLiteral("、") : QStringLiteral(", "));
}

QStringList Diagnosis::blockedIps(const QJsonArray &messages)
{
    QStringList ips;
    for (const QJsonValue &m : messages) {
        const QJsonObject message = m.toObject();
        for (const QJsonValue &r : message.value(u"recipients").toArray()) {
            const QString ip = r.toObject().value(u"blocked_ip").toString();
            if (!ip.isEmpty() && !ips.contains(ip))
                ips << ip;
        }
        for (const QJsonValue &r : message.value(u"mentions").toArray()) {
            const QString ip = r.toObject().value(u"ip").toString();
            if (!ip.isEmpty() && !ips.contains(ip))
                ips << ip;
        }
    }
    return ips;
}

void Diagnosis::collectFacts()
{
    const auto addDelist = [this](const QString &listing, const QString &name, const QString &url) {
        if (url.isEmpty()
                || std::any_of(m_delist.cbegin(), m_delist.cend(),
                        [&](const DelistPage &d) { return d.url == url; }))
            return;
        const Listing *known = BounceKnowledge::builtIn().listing(listing);
        m_delist << DelistPage {name, url, known ? known->advice.get(m_lang) : QString()};
    };
    const auto addName = [this](const QString &name) {
        if (!name.isEmpty() && !m_listingNames.contains(name))
            m_listingNames << name;
    };
    for (const QJsonValue &m : std::as_const(m_messages)) {
        const QJsonObject message = m.toObject();
        for (const QJsonValue &v : message.value(u"recipients").toArray()) {
            const QJsonObject r = v.toObject();
            m_facts << QStringLiteral("category:") + r.value(u"category").toString();
            if (!r.value(u"listing").isNull()) {
                m_facts << QStringLiteral("listing:") + r.value(u"listing").toString();
                // Named in this diagnosis's language, whatever language the bounces were read in.
                const Listing *known =
                        BounceKnowledge::builtIn().listing(r.value(u"listing").toString());
                const QString name =
                        known ? known->names.get(m_lang) : r.value(u"listing_name").toString();
                addName(name);
                addDelist(r.value(u"listing").toString(), name, r.value(u"delist_url").toString());
            }
        }
        for (const QJsonValue &v : message.value(u"mentions").toArray())
            m_facts << QStringLiteral("listing:") + v.toObject().value(u"listing").toString();
    }
    for (const QJsonValue &c : std::as_const(m_checks)) {
        const QJsonObject check = c.toObject();
        const QJsonObject ptr = check.value(u"ptr").toObject();
        const QString status = ptr.value(u"status").toString();
        if (!resolverTrusted(check)) {
            // Its "no PTR", "no SPF record" are no findings; only what test points vouch for.
            m_facts << QStringLiteral("resolver:untrusted");
        } else if (JsonDocument::strings(ptr.value(u"names")).isEmpty()) {
            if (status != u"timeout" && status != u"error" && status != u"servfail")
                m_facts << QStringLiteral("ptr:none");
        } else {
            m_facts << QStringLiteral("ptr:")
                            + check.value(u"generic_ptr").toObject().value(u"verdict").toString();
            if (!ptr.value(u"forward_confirmed").toBool())
                m_facts << QStringLiteral("fcrdns:no");
        }
        for (const QJsonValue &v : check.value(u"dnsbl").toArray()) {
            const QJsonObject d = v.toObject();
            if (d.value(u"status").toString() != u"listed")
                continue;
            m_facts << QStringLiteral("dnsbl:listed");
            if (!d.value(u"listing").isNull())
                m_facts << QStringLiteral("listing:") + d.value(u"listing").toString();
            const QString name = d.value(u"name").toString(d.value(u"zone").toString());
            addName(name);
            addDelist(d.value(u"listing").toString(), name, d.value(u"delist_url").toString());
        }
        const QJsonObject domain = check.value(u"domain").toObject();
        if (!domain.isEmpty() && resolverTrusted(check)) {
            m_facts << QStringLiteral("spf:")
                            + domain.value(u"spf").toObject().value(u"result").toString();
            if (domain.value(u"dmarc").toObject().value(u"record").isNull())
                m_facts << QStringLiteral("dmarc:none");
        }
    }
}

void Diagnosis::writeVerdicts()
{
    const QString lists = listJoin(m_listingNames);
    const QStringList &dynamicFacts = table().dynamicFacts;
    const bool dynamic = std::any_of(dynamicFacts.cbegin(), dynamicFacts.cend(),
            [this](const QString &f) { return factMatches(f, m_facts); });
    QStringList checked;
    for (const QJsonValue &c : std::as_const(m_checks)) {
        const QJsonObject check = c.toObject();
        const QString ip = check.value(u"ip").toString();
        checked << ip;
        const QHash<QString, QString> vars {{QStringLiteral("ip"), ip},
                {QStringLiteral("lists"), lists}, {QStringLiteral("ptr"), firstName(check)},
                {QStringLiteral("reasons"),
                        JsonDocument::strings(
                                check.value(u"generic_ptr").toObject().value(u"reasons"))
                                .join(m_lang.startsWith(u"zh") ? QStringLiteral("；")
                                                               : QStringLiteral("; "))}};
        if (!m_listingNames.isEmpty())
            m_verdicts << t(dynamic ? QStringLiteral("verdict.listed_dynamic")
                                    : QStringLiteral("verdict.listed"),
                    vars);
        const QJsonObject ptr = check.value(u"ptr").toObject();
        if (!resolverTrusted(check))
            m_verdicts << check.value(u"resolver").toObject().value(u"problem").toString();
        else if (JsonDocument::strings(ptr.value(u"names")).isEmpty())
            m_verdicts << t(QStringLiteral("verdict.ptr_none"), vars);
        else if (check.value(u"generic_ptr").toObject().value(u"verdict").toString() == u"generic")
            m_verdicts << t(QStringLiteral("verdict.ptr_generic"), vars);
        else if (!ptr.value(u"forward_confirmed").toBool())
            m_verdicts << t(QStringLiteral("verdict.fcrdns_no"), vars);
        else
            m_verdicts << t(QStringLiteral("verdict.ptr_ok"), vars);
    }
    for (const QString &ip : m_blockedIps) {
        if (ip.contains(u'*') && checked.isEmpty())
            m_verdicts << t(QStringLiteral("verdict.masked"), {{QStringLiteral("ip"), ip}});
    }
    if (m_verdicts.isEmpty() && !m_listingNames.isEmpty())
        m_verdicts << t(QStringLiteral("verdict.listed"),
                {{QStringLiteral("ip"), m_blockedIps.value(0, QStringLiteral("?"))},
                        {QStringLiteral("lists"), lists}});
    if (m_verdicts.isEmpty())
        m_verdicts << t(QStringLiteral("verdict.none"));
}

LetterFacts Diagnosis::letterFacts(const QJsonObject &check) const
{
    LetterFacts f;
    f.ip = check.value(u"ip").toString(m_blockedIps.value(0));
    f.setPtr(firstName(check),
            GenericPtrClassifier::builtIn().genericReasons(firstName(check), f.ip, m_lang));
    const QString ptrStatus = check.value(u"ptr").toObject().value(u"status").toString();
    f.ptrUnknown = !check.isEmpty() && f.ptr.isEmpty()
            && (!resolverTrusted(check) || (ptrStatus != u"none" && ptrStatus != u"ok"));
    f.ptrWanted = m_sender.ptrWanted;
    f.ptrWantedForward = m_sender.ptrWantedForward;
    // Looked up through a resolver the check found untrustworthy: not looked up at all.
    if (!resolverTrusted(check))
        f.ptrWantedForward.checked = false;
    f.assignment = m_sender.assignment;
    f.domain = m_sender.domain;
    f.fromEmail = m_sender.email;
    f.fromName = m_sender.name;
    f.org = m_sender.org;
    f.orgLatin = m_sender.orgLatin;
    const QJsonObject owner = check.value(u"owner").toObject();
    f.isp = owner.value(u"org").toString(owner.value(u"netname").toString());
    f.range = owner.value(u"range").toString();
    f.netname = owner.value(u"netname").toString();
    f.ownerCountry = owner.value(u"country").toString();
    const QStringList contacts = JsonDocument::strings(owner.value(u"abuse_emails"))
            + JsonDocument::strings(owner.value(u"noc_emails"));
    f.to = contacts.value(0);
    f.listing = m_listingNames.value(0);
    for (const QJsonValue &m : m_messages) {
        const QJsonObject message = m.toObject();
        for (const QJsonValue &v : message.value(u"recipients").toArray()) {
            const QJsonObject r = v.toObject();
            if (r.value(u"listing").isNull() && r.value(u"blocked_ip").isNull())
                continue;
            BounceEvidence e;
            e.receiver = r.value(u"remote_host").toString();
            e.code = (r.value(u"reply_code").isNull()
                                     ? QString()
                                     : QString::number(r.value(u"reply_code").toInt()) + u' ')
                    + r.value(u"status").toString();
            e.code = e.code.trimmed();
            e.text = r.value(u"diagnostic").toString();
            e.date = message.value(u"date").toString();
            e.recipientDomain = r.value(u"recipient").toString().section(u'@', 1).toLower();
            f.evidence << e;
            if (f.recipientDomain.isEmpty())
                f.recipientDomain = e.recipientDomain;
        }
    }
    return f;
}

LetterFacts Diagnosis::letterFacts() const
{
    return letterFacts(m_checks.isEmpty() ? QJsonObject() : m_checks.first().toObject());
}

void Diagnosis::choosePaths()
{
    // Removal after a clean-up helps only with a reputation list; a DUL or PBL entry stays until
    // the ISP acts (that is the isp-rdns path).
    if (reputationListed(m_facts, m_messages, m_checks))
        m_facts << QStringLiteral("reputation:listed");
    const LetterFacts facts = letterFacts();
    const QHash<QString, QString> vars {{QStringLiteral("ip"), facts.ip},
            {QStringLiteral("ptr"), facts.ptr}, {QStringLiteral("lists"), listJoin(m_listingNames)},
            {QStringLiteral("domain"),
                    // The letters' placeholder for an unknown domain, in the reader's language.
                    !m_sender.domain.isEmpty()         ? m_sender.domain
                            : m_lang.startsWith(u"zh") ? QStringLiteral("【你的域名】")
                                                       : QStringLiteral("[your domain]")}};
    for (const PathRule &rule : table().paths) {
        if (std::none_of(rule.any.cbegin(), rule.any.cend(),
                    [&](const QString &p) { return factMatches(p, m_facts); }))
            continue;
        FixPath path {rule.id, fillPlaceholders(rule.title.get(m_lang), vars),
                fillPlaceholders(rule.why.get(m_lang), vars),
                fillPlaceholders(rule.how.get(m_lang), vars), rule.speed.get(m_lang), {},
                fillPlaceholders(rule.recheck.get(m_lang), vars)};
        for (const QString &kind : rule.letters) {
            // One letter to each refusing domain's postmaster, quoting that domain's bounces.
            QStringList domains;
            if (kind == u"recipient-allowlist") {
                for (const BounceEvidence &e : facts.evidence) {
                    if (!e.recipientDomain.isEmpty() && !domains.contains(e.recipientDomain))
                        domains << e.recipientDomain;
                }
            }
            if (domains.size() > maxAllowlistLetters) {
                path.how += u' '
                        + t(QStringLiteral("path.more_domains"),
                                {{QStringLiteral("count"),
                                         QString::number(domains.size() - maxAllowlistLetters)},
                                        {QStringLiteral("ip"), facts.ip}});
                domains = domains.mid(0, maxAllowlistLetters);
            }
            if (domains.isEmpty())
                domains << facts.recipientDomain;
            for (const QString &domain : std::as_const(domains)) {
                LetterFacts lf = facts;
                if (kind == u"recipient-allowlist")
                    lf.recipientDomain = domain;
                // In its reader's language: an English letter to a foreign recipient from a
                // Chinese report, with the facts (list names, reasons) in English too.
                const QString lang = Letter::defaultLanguage(kind, lf, m_lang).lang;
                if (lang != m_lang) {
                    lf = Diagnosis(m_messages, m_checks, m_sender, lang, false).letterFacts();
                    if (kind == u"recipient-allowlist")
                        lf.recipientDomain = domain;
                }
                if (kind == u"recipient-allowlist")
                    lf.to = lf.recipientPostmaster();
                QString error;
                if (const auto letter = Letter::draft(kind, lf, lang, &error))
                    path.letters << *letter;
            }
        }
        m_paths << path;
    }
}

QJsonObject Diagnosis::toJson() const
{
    QJsonArray paths;
    QJsonArray letters;
    for (const FixPath &p : m_paths) {
        QJsonArray kinds;
        for (const Letter &l : p.letters) {
            kinds << l.kind;
            QJsonObject lo;
            lo.insert(u"kind", l.kind);
            lo.insert(u"lang", l.lang);
            lo.insert(u"to", JsonDocument::orNull(l.to));
            lo.insert(u"subject", l.subject);
            lo.insert(u"body", l.body);
            lo.insert(u"mailto", JsonDocument::orNull(l.mailtoUrl()));
            letters << lo;
        }
        QJsonObject o;
        o.insert(u"id", p.id);
        o.insert(u"rank", int(paths.size()) + 1);
        o.insert(u"title", p.title);
        o.insert(u"why", p.why);
        o.insert(u"how", p.how);
        o.insert(u"takes", p.speed);
        o.insert(u"letters", kinds);
        paths << o;
    }
    QJsonArray delist;
    for (const DelistPage &d : m_delist)
        delist << QJsonObject {{QStringLiteral("name"), d.name}, {QStringLiteral("url"), d.url},
                {QStringLiteral("advice"), JsonDocument::orNull(d.advice)}};
    QStringList facts = m_facts.values();
    facts.sort();
    QJsonObject o;
    o.insert(u"verdict", QJsonArray::fromStringList(m_verdicts));
    o.insert(u"facts", QJsonArray::fromStringList(facts));
    o.insert(u"blocked_ips", QJsonArray::fromStringList(m_blockedIps));
    o.insert(u"fix_paths", paths);
    o.insert(u"delist_pages", delist);
    o.insert(u"letters", letters);
    o.insert(u"checks", m_checks);
    o.insert(u"relay_test",
            m_relayTest.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_relayTest));
    o.insert(u"messages", m_messages);
    return o;
}

namespace {

// The report as blocks, so Markdown and HTML say the same thing.
struct Block
{
    enum Kind { Heading, Paragraph, Bullets, Numbered, Table, Pre } kind;
    int level = 0;
    QStringList items; // text, list items, or table header
    QList<QStringList> rows;
};

using Translate = std::function<QString(const QString &, const QHash<QString, QString> &)>;

// A cache time as a person says it, rounded up: "40 minutes", "1 hour", "2 days".
QString duration(quint32 seconds, const Translate &t)
{
    const auto n = [](quint32 v, quint32 unit) { return QString::number((v + unit - 1) / unit); };
    if (seconds < 2 * 3600 && seconds % 3600 != 0)
        return t(QStringLiteral("time.minutes"), {{QStringLiteral("n"), n(seconds, 60)}});
    if (seconds <= 3600)
        return t(QStringLiteral("time.hour"), {});
    if (seconds < 2 * 86400)
        return t(QStringLiteral("time.hours"), {{QStringLiteral("n"), n(seconds, 3600)}});
    return t(QStringLiteral("time.days"), {{QStringLiteral("n"), n(seconds, 86400)}});
}

// When a fix can be seen to work: as a fix path says (the relay: at once); for a DNS list, once
// its answer's TTL has run out after the removal (resolvers may keep the listing that long); for
// lists that cannot be asked over DNS, on their own page.
QStringList recheckAdvice(const Diagnosis &d, const QJsonArray &checks, const Translate &t)
{
    QStringList out;
    for (const Diagnosis::FixPath &p : d.fixPaths()) {
        if (!p.recheck.isEmpty())
            out << p.recheck;
    }
    for (const QJsonValue &c : checks) {
        const QJsonObject check = c.toObject();
        const QString ip = check.value(u"ip").toString();
        for (const QJsonValue &v : check.value(u"dnsbl").toArray()) {
            const QJsonObject z = v.toObject();
            if (z.value(u"status").toString() != u"listed" || !z.value(u"ttl_s").isDouble())
                continue;
            out << t(QStringLiteral("recheck.dnsbl"),
                    {{QStringLiteral("list"), z.value(u"name").toString()},
                            {QStringLiteral("ip"), ip},
                            {QStringLiteral("time"),
                                    duration(quint32(z.value(u"ttl_s").toInteger()), t)}});
        }
        for (const QJsonValue &v : check.value(u"not_queryable").toArray()) {
            const QJsonObject n = v.toObject();
            out << t(QStringLiteral("recheck.lookup"),
                    {{QStringLiteral("list"), n.value(u"name").toString()},
                            {QStringLiteral("ip"), ip},
                            {QStringLiteral("url"), n.value(u"lookup_url").toString()}});
        }
    }
    return out;
}

QString mdCell(QString s)
{
    return s.replace(u'|', QStringLiteral("\\|")).replace(u'\n', u' ');
}

QString renderMarkdown(const QList<Block> &blocks)
{
    QString out;
    for (const Block &b : blocks) {
        switch (b.kind) {
        case Block::Heading:
            out += QString(b.level, u'#') + u' ' + b.items.value(0) + QStringLiteral("\n\n");
            break;
        case Block::Paragraph:
            out += b.items.value(0) + QStringLiteral("\n\n");
            break;
        case Block::Bullets:
            for (const QString &i : b.items)
                out += QStringLiteral("- ") + QString(i).replace(u'\n', QStringLiteral("\n  "))
                        + u'\n';
            out += u'\n';
            break;
        case Block::Numbered:
            for (qsizetype n = 0; n < b.items.size(); ++n)
                out += QString::number(n + 1) + QStringLiteral(". ")
                        + QString(b.items.at(n)).replace(u'\n', QStringLiteral("\n   ")) + u'\n';
            out += u'\n';
            break;
        case Block::Table: {
            QStringList header;
            for (const QString &h : b.items)
                header << mdCell(h);
            out += QStringLiteral("| ") + header.join(QStringLiteral(" | "))
                    + QStringLiteral(" |\n|");
            for (qsizetype i = 0; i < b.items.size(); ++i)
                out += QStringLiteral("---|");
            out += u'\n';
            for (const QStringList &row : b.rows) {
                QStringList cells;
                for (const QString &c : row)
                    cells << mdCell(c);
                out += QStringLiteral("| ") + cells.join(QStringLiteral(" | "))
                        + QStringLiteral(" |\n");
            }
            out += u'\n';
            break;
        }
        case Block::Pre:
            out += QStringLiteral("```\n") + b.items.value(0)
                    + (b.items.value(0).endsWith(u'\n') ? QString() : QStringLiteral("\n"))
                    + QStringLiteral("```\n\n");
            break;
        }
    }
    return out;
}

QString renderHtml(const QList<Block> &blocks, const QString &title, const QString &lang,
        const ReportColours &c)
{
    QString out = QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"%1\">\n<head>\n<meta "
            "charset=\"utf-8\">\n<title>%2</title>\n"
            "<style>\n"
            "body{font-family:\"Noto Sans\",\"Noto Sans CJK SC\",\"DejaVu "
            "Sans\",sans-serif;max-width:60em;"
            "margin:2em auto;padding:0 1em;line-height:1.5;color:%3}\n"
            "h1{font-size:1.6em}h2{border-bottom:1px solid "
            "%4;padding-bottom:.2em;margin-top:1.6em}\n"
            "table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid %4;"
            "padding:.3em .5em;text-align:left;vertical-align:top}th{background:%5}\n"
            "pre{background:%5;border:1px solid %4;padding:.8em;white-space:pre-wrap;"
            "word-wrap:break-word;font-size:.9em}\n"
            "@media "
            "print{body{margin:0;max-width:none}h2{page-break-after:avoid}pre{page-break-inside:"
            "avoid}}\n"
            "</style>\n</head>\n<body>\n")
                          .arg(lang.startsWith(u"zh") ? QStringLiteral("zh-CN")
                                                      : QStringLiteral("en"),
                                  esc(title), c.text, c.rule, c.shade);
    for (const Block &b : blocks) {
        switch (b.kind) {
        case Block::Heading:
            out += QStringLiteral("<h%1>%2</h%1>\n").arg(b.level).arg(esc(b.items.value(0)));
            break;
        case Block::Paragraph:
            out += QStringLiteral("<p>%1</p>\n").arg(esc(b.items.value(0)));
            break;
        case Block::Bullets:
        case Block::Numbered: {
            const QString tag =
                    b.kind == Block::Bullets ? QStringLiteral("ul") : QStringLiteral("ol");
            out += u'<' + tag + QStringLiteral(">\n");
            for (const QString &i : b.items)
                out += QStringLiteral("<li>%1</li>\n")
                               .arg(esc(i).replace(u'\n', QStringLiteral("<br>")));
            out += QStringLiteral("</") + tag + QStringLiteral(">\n");
            break;
        }
        case Block::Table:
            out += QStringLiteral("<table>\n<tr>");
            for (const QString &h : b.items)
                out += QStringLiteral("<th>%1</th>").arg(esc(h));
            out += QStringLiteral("</tr>\n");
            for (const QStringList &row : b.rows) {
                out += QStringLiteral("<tr>");
                for (const QString &cell : row)
                    out += QStringLiteral("<td>%1</td>").arg(esc(cell));
                out += QStringLiteral("</tr>\n");
            }
            out += QStringLiteral("</table>\n");
            break;
        case Block::Pre:
            out += QStringLiteral("<pre>%1</pre>\n").arg(esc(b.items.value(0)));
            break;
        }
    }
    return out + QStringLiteral("</body>\n</html>\n");
}

} // namespace

namespace {

QList<Block> reportBlocks(const Diagnosis &d, const QJsonArray &messages, const QJsonArray &checks,
        const QJsonObject &relayTest, const Translate &t, const QDateTime &when,
        const QList<Diagnosis::DelistPage> &delist)
{
    // Chinese takes full-width punctuation after a label and between items.
    const bool zh = d.language().startsWith(u"zh");
    const QString colon = zh ? QStringLiteral("：") : QStringLiteral(": ");
    const QString semicolon = zh ? QStringLiteral("；") : QStringLiteral("; ");
    QList<Block> b;
    b << Block {Block::Heading, 1, {t(QStringLiteral("report.title"), {})}, {}};
    b << Block {Block::Paragraph, 0,
            {t(QStringLiteral("report.generated"),
                    {{QStringLiteral("date"),
                             QLocale::c().toString(when, QStringLiteral("yyyy-MM-dd HH:mm"))},
                            {QStringLiteral("version"), QString::fromLatin1(AppInfo::version)}})},
            {}};
    b << Block {Block::Heading, 2, {t(QStringLiteral("report.wrong"), {})}, {}};
    b << Block {Block::Bullets, 0, d.verdicts(), {}};

    b << Block {Block::Heading, 2, {t(QStringLiteral("report.fix"), {})}, {}};
    QStringList steps;
    for (const Diagnosis::FixPath &p : d.fixPaths()) {
        QString s = p.title + u'\n' + p.why + u'\n' + p.how + u'\n'
                + t(QStringLiteral("path.speed"), {{QStringLiteral("speed"), p.speed}});
        for (const Letter &l : p.letters) {
            // A letter in the other language says so: it is for its reader, not a lapse.
            s += u'\n'
                    + t(l.lang == d.language() ? QStringLiteral("path.letter")
                                               : QStringLiteral("path.letter_other_language"),
                            {{QStringLiteral("subject"), l.subject}});
        }
        steps << s;
    }
    b << Block {Block::Numbered, 0, steps, {}};
    if (!delist.isEmpty()) {
        QStringList pages;
        for (const Diagnosis::DelistPage &p : delist)
            pages << p.name + colon + p.url + (p.advice.isEmpty() ? QString() : u'\n' + p.advice);
        b << Block {Block::Heading, 3, {t(QStringLiteral("report.delist_pages"), {})}, {}};
        b << Block {Block::Bullets, 0, pages, {}};
    }

    const QStringList recheck = recheckAdvice(d, checks, t);
    if (!recheck.isEmpty()) {
        b << Block {Block::Heading, 3, {t(QStringLiteral("report.recheck"), {})}, {}};
        b << Block {Block::Bullets, 0, recheck, {}};
    }

    b << Block {Block::Heading, 2, {t(QStringLiteral("report.evidence"), {})}, {}};
    b << Block {Block::Heading, 3, {t(QStringLiteral("report.bounces"), {})}, {}};
    Block bounces {Block::Table, 0,
            {t(QStringLiteral("col.recipient"), {}), t(QStringLiteral("col.receiver"), {}),
                    t(QStringLiteral("col.code"), {}), t(QStringLiteral("col.list"), {}),
                    t(QStringLiteral("col.ip"), {}), t(QStringLiteral("col.kind"), {})},
            {}};
    QStringList quotes;
    for (const QJsonValue &m : messages) {
        for (const QJsonValue &v : m.toObject().value(u"recipients").toArray()) {
            const QJsonObject r = v.toObject();
            const QString code = (r.value(u"reply_code").isNull()
                                                 ? QString()
                                                 : QString::number(r.value(u"reply_code").toInt()))
                    + u' ' + r.value(u"status").toString();
            bounces.rows << QStringList {r.value(u"recipient").toString(),
                    r.value(u"remote_host").toString(), code.trimmed(),
                    r.value(u"listing_name").toString(r.value(u"category").toString()),
                    r.value(u"blocked_ip").toString(),
                    r.value(u"permanent").toBool() ? t(QStringLiteral("no"), {})
                                                   : t(QStringLiteral("yes"), {})};
            quotes << r.value(u"recipient").toString() + QStringLiteral(": ")
                            + r.value(u"diagnostic").toString();
        }
    }
    b << bounces;
    if (!quotes.isEmpty())
        b << Block {Block::Pre, 0, {quotes.join(u'\n')}, {}};

    for (const QJsonValue &c : checks) {
        const QJsonObject check = c.toObject();
        const QJsonObject ptr = check.value(u"ptr").toObject();
        const QJsonObject generic = check.value(u"generic_ptr").toObject();
        b << Block {Block::Heading, 3, {check.value(u"ip").toString()}, {}};
        QStringList facts;
        const QStringList names = JsonDocument::strings(ptr.value(u"names"));
        facts << t(QStringLiteral("ip.ptr"), {}) + colon
                        + (names.isEmpty() ? d.word(ptr.value(u"status").toString())
                                           : names.join(QStringLiteral(", ")));
        if (!names.isEmpty()) {
            facts << t(QStringLiteral("ip.fcrdns"), {}) + colon
                            + (ptr.value(u"forward_confirmed").toBool()
                                            ? t(QStringLiteral("yes"), {})
                                            : t(QStringLiteral("no"), {}));
            facts << t(QStringLiteral("ip.name"), {}) + colon
                            + d.word(generic.value(u"verdict").toString()) + QStringLiteral(" — ")
                            + JsonDocument::strings(generic.value(u"reasons")).join(semicolon);
        }
        QStringList listed;
        int clean = 0;
        int unknown = 0;
        for (const QJsonValue &v : check.value(u"dnsbl").toArray()) {
            const QString status = v.toObject().value(u"status").toString();
            if (status == u"listed")
                listed << v.toObject().value(u"zone").toString()
                                + (zh ? QStringLiteral("（") : QStringLiteral(" ("))
                                + v.toObject().value(u"meaning").toString()
                                + (zh ? QStringLiteral("）") : QStringLiteral(")"));
            else if (status == u"not-listed")
                ++clean;
            else if (status != u"not-applicable")
                ++unknown;
        }
        if (!listed.isEmpty())
            facts << t(QStringLiteral("ip.lists"), {}) + colon + listed.join(semicolon);
        if (clean > 0)
            facts << t(QStringLiteral("ip.not_listed"),
                    {{QStringLiteral("count"), QString::number(clean)}});
        if (unknown > 0)
            facts << t(clean + listed.size() == 0 ? QStringLiteral("ip.lists_unknown_all")
                                                  : QStringLiteral("ip.lists_unknown"),
                    {{QStringLiteral("count"), QString::number(unknown)}});
        const QJsonObject owner = check.value(u"owner").toObject();
        if (!owner.isEmpty()) {
            // Only the parts the lookup found: no row of empty commas.
            QStringList parts;
            for (const char *key : {"org", "netname", "range", "country"}) {
                const QString part = owner.value(QLatin1StringView(key)).toString();
                if (!part.isEmpty())
                    parts << part;
            }
            facts << t(QStringLiteral("ip.owner"), {}) + colon
                            + (parts.isEmpty() ? t(QStringLiteral("ip.none_found"), {})
                                               : d.listJoin(parts));
            const QStringList abuse = JsonDocument::strings(owner.value(u"abuse_emails"));
            facts << t(QStringLiteral("ip.abuse"), {}) + colon
                            + (abuse.isEmpty() ? t(QStringLiteral("ip.none_found"), {})
                                               : abuse.join(QStringLiteral(", ")));
        }
        const QJsonObject domain = check.value(u"domain").toObject();
        if (!domain.isEmpty()) {
            const QJsonObject spf = domain.value(u"spf").toObject();
            facts << t(QStringLiteral("ip.spf"),
                             {{QStringLiteral("domain"), domain.value(u"name").toString()}})
                            + colon
                            + (QStringList {d.word(spf.value(u"result").toString()),
                                    spf.value(u"record").toString()}
                                            .join(u' ')
                                            .trimmed());
        }
        b << Block {Block::Bullets, 0, facts, {}};
    }

    if (!relayTest.isEmpty()) {
        b << Block {Block::Heading, 3, {t(QStringLiteral("report.relay_test"), {})}, {}};
        QStringList lines {relayTest.value(u"title").toString()};
        if (relayTest.value(u"result").toString() != u"ok")
            lines << relayTest.value(u"explanation").toString();
        b << Block {Block::Bullets, 0, lines, {}};
        QStringList transcript;
        for (const QJsonValue &v : relayTest.value(u"transcript").toArray()) {
            const QJsonObject l = v.toObject();
            transcript << (l.value(u"dir").toString() == u"S" ? QStringLiteral("<- ")
                                                              : QStringLiteral(" -> "))
                            + l.value(u"line").toString();
        }
        if (!transcript.isEmpty())
            b << Block {Block::Pre, 0, {transcript.join(u'\n')}, {}};
    }

    bool anyLetter = false;
    for (const Diagnosis::FixPath &p : d.fixPaths()) {
        for (const Letter &l : p.letters) {
            if (!anyLetter)
                b << Block {Block::Heading, 2, {t(QStringLiteral("report.letters"), {})}, {}};
            anyLetter = true;
            b << Block {Block::Heading, 3, {l.subject}, {}};
            b << Block {Block::Pre, 0, {l.toText()}, {}};
        }
    }
    return b;
}

} // namespace

QString Diagnosis::toMarkdown(const QDateTime &when) const
{
    return renderMarkdown(reportBlocks(
            *this, m_messages, m_checks, m_relayTest,
            [this](const QString &k, const QHash<QString, QString> &v) { return t(k, v); }, when,
            m_delist));
}

QString Diagnosis::toHtml(const QDateTime &when, const ReportColours &colours) const
{
    return renderHtml(
            reportBlocks(
                    *this, m_messages, m_checks, m_relayTest,
                    [this](const QString &k, const QHash<QString, QString> &v) { return t(k, v); },
                    when, m_delist),
            t(QStringLiteral("report.title")), m_lang, colours);
}

} // namespace bd
