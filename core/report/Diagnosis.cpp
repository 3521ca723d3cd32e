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
    Diagnosis::FixPath::Step step;
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

Diagnosis::FixPath::Step stepNamed(const QString &name)
{
    using Step = Diagnosis::FixPath::Step;
    static const QHash<QString, Step> steps {{QStringLiteral("relay"), Step::Relay},
            {QStringLiteral("letters"), Step::Letters}, {QStringLiteral("summary"), Step::Summary}};
    Q_ASSERT_X(steps.contains(name), "diagnosis.json", "a path's step is relay|letters|summary");
    return steps.value(name, Step::Summary);
}

const Table &table()
{
    static const Table t = [] {
        const QJsonObject root = builtInJson(QStringLiteral(":/data/diagnosis.json"));
        Table table;
        for (const QJsonValue &v : root.value(u"paths").toArray()) {
            const QJsonObject o = v.toObject();
            table.paths << PathRule {o.value(u"id").toString(),
                    stepNamed(o.value(u"step").toString()), JsonDocument::strings(o.value(u"any")),
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
bool reputationListed(const QSet<QString> &facts, const QList<MessageReport> &messages,
        const QList<IpCheckResult> &checks)
{
    const Table &tb = table();
    const auto dynamicOnly = [&](const QString &listing) {
        if (tb.dynamicListings.contains(listing))
            return true;
        // An umbrella (RBL+, ZEN) whose dynamic part the bounces or the checks name.
        const QString part = tb.umbrellas.value(listing);
        return !part.isEmpty() && facts.contains(QStringLiteral("listing:") + part);
    };
    for (const MessageReport &m : messages) {
        for (const RecipientReport &r : m.recipients) {
            if (r.category == BounceCategory::IpReputation)
                return true;
            if (r.category == BounceCategory::IpBlocklist && !dynamicOnly(r.listing))
                return true;
        }
    }
    for (const IpCheckResult &check : checks) {
        if (!check.resolver.trusted)
            continue;
        for (const DnsblCheck &d : check.dnsbl) {
            if (d.status != DnsblStatus::Listed)
                continue;
            const DnsblZone zone = DnsblTable::builtIn().zone(d.zone);
            if (d.codes.isEmpty() && !tb.dynamicListings.contains(d.listing))
                return true;
            for (const QString &code : d.codes) {
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

QString firstName(const IpCheckResult *check)
{
    return check ? check->ptr.names.value(0) : QString();
}

// The report drafts the letters to the first recipient domains; the rest are one command away.
constexpr qsizetype maxAllowlistLetters = 10;

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

Diagnosis::Diagnosis(const QList<MessageReport> &messages, const QList<IpCheckResult> &checks,
        const Sender &sender, const QString &lang, bool withPaths)
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

QStringList Diagnosis::blockedIps(const QList<MessageReport> &messages)
{
    QStringList ips;
    for (const MessageReport &message : messages) {
        for (const RecipientReport &r : message.recipients) {
            if (!r.blockedIp.isEmpty() && !ips.contains(r.blockedIp))
                ips << r.blockedIp;
        }
        for (const ListingMention &mention : message.mentions) {
            if (!mention.ip.isEmpty() && !ips.contains(mention.ip))
                ips << mention.ip;
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
    for (const MessageReport &message : std::as_const(m_messages)) {
        for (const RecipientReport &r : message.recipients) {
            m_facts << QStringLiteral("category:") + categoryId(r.category);
            if (!r.listing.isEmpty()) {
                m_facts << QStringLiteral("listing:") + r.listing;
                // Named in this diagnosis's language, whatever language the bounces were read in.
                const Listing *known = BounceKnowledge::builtIn().listing(r.listing);
                const QString name = known ? known->names.get(m_lang) : r.listingName;
                addName(name);
                addDelist(r.listing, name, r.delistUrl);
            }
        }
        for (const ListingMention &mention : message.mentions)
            m_facts << QStringLiteral("listing:") + mention.listing;
    }
    for (const IpCheckResult &check : std::as_const(m_checks)) {
        const PtrCheck &ptr = check.ptr;
        if (!check.resolver.trusted) {
            // Its "no PTR", "no SPF record" are no findings; only what test points vouch for.
            m_facts << QStringLiteral("resolver:untrusted");
        } else if (ptr.names.isEmpty()) {
            if (ptr.status != PtrStatus::Timeout && ptr.status != PtrStatus::Error)
                m_facts << QStringLiteral("ptr:none");
        } else {
            m_facts << QStringLiteral("ptr:")
                            + GenericPtrClassifier::verdictName(check.genericPtr.verdict);
            if (!ptr.forwardConfirmed)
                m_facts << QStringLiteral("fcrdns:no");
        }
        for (const DnsblCheck &d : check.dnsbl) {
            if (d.status != DnsblStatus::Listed)
                continue;
            m_facts << QStringLiteral("dnsbl:listed");
            if (!d.listing.isEmpty())
                m_facts << QStringLiteral("listing:") + d.listing;
            const QString name = d.name.isEmpty() ? d.zone : d.name;
            addName(name);
            addDelist(d.listing, name, d.delistUrl);
        }
        if (check.domain && check.resolver.trusted) {
            m_facts << QStringLiteral("spf:") + IpCheckResult::statusName(check.domain->spf.result);
            if (check.domain->dmarc.status != LookupStatus::Pending
                    && check.domain->dmarc.record.isEmpty())
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
    for (const IpCheckResult &check : std::as_const(m_checks)) {
        const QString &ip = check.ip;
        checked << ip;
        const QHash<QString, QString> vars {{QStringLiteral("ip"), ip},
                {QStringLiteral("lists"), lists}, {QStringLiteral("ptr"), firstName(&check)},
                {QStringLiteral("reasons"),
                        check.genericPtr.reasons.join(m_lang.startsWith(u"zh")
                                        ? QStringLiteral("；")
                                        : QStringLiteral("; "))}};
        if (!m_listingNames.isEmpty())
            m_verdicts << t(dynamic ? QStringLiteral("verdict.listed_dynamic")
                                    : QStringLiteral("verdict.listed"),
                    vars);
        if (!check.resolver.trusted)
            m_verdicts << check.resolver.problem;
        else if (check.ptr.names.isEmpty())
            m_verdicts << t(QStringLiteral("verdict.ptr_none"), vars);
        else if (check.genericPtr.verdict == GenericPtrClassifier::Verdict::Generic)
            m_verdicts << t(QStringLiteral("verdict.ptr_generic"), vars);
        else if (!check.ptr.forwardConfirmed)
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

LetterFacts Diagnosis::letterFacts(const IpCheckResult *check) const
{
    LetterFacts f;
    f.ip = check ? check->ip : m_blockedIps.value(0);
    f.setPtr(firstName(check),
            GenericPtrClassifier::builtIn().genericReasons(firstName(check), f.ip, m_lang));
    // A check saved before checks carried their resolver was trusted then.
    const bool trusted = !check || check->resolver.trusted;
    f.ptrUnknown = check && f.ptr.isEmpty()
            && (!trusted
                    || (check->ptr.status != PtrStatus::None
                            && check->ptr.status != PtrStatus::Ok));
    f.ptrWanted = m_sender.ptrWanted;
    f.ptrWantedForward = m_sender.ptrWantedForward;
    // Looked up through a resolver the check found untrustworthy: not looked up at all.
    if (!trusted)
        f.ptrWantedForward.checked = false;
    f.assignment = m_sender.assignment;
    f.domain = m_sender.domain;
    f.fromEmail = m_sender.email;
    f.fromName = m_sender.name;
    f.org = m_sender.org;
    f.orgLatin = m_sender.orgLatin;
    if (check && check->owner) {
        const OwnerResult &owner = *check->owner;
        f.isp = owner.org.isEmpty() ? owner.netname : owner.org;
        f.range = owner.range;
        f.netname = owner.netname;
        f.ownerCountry = owner.country;
        f.to = (owner.abuseEmails + owner.nocEmails).value(0);
    }
    f.listing = m_listingNames.value(0);
    for (const MessageReport &message : m_messages) {
        for (const RecipientReport &r : message.recipients) {
            if (r.listing.isEmpty() && r.blockedIp.isEmpty())
                continue;
            BounceEvidence e;
            e.receiver = r.remoteHost;
            e.code = (r.replyCode ? QString::number(*r.replyCode) + u' ' : QString()) + r.status;
            e.code = e.code.trimmed();
            e.text = r.diagnostic;
            e.date = message.date;
            e.recipientDomain = r.recipient.section(u'@', 1).toLower();
            f.evidence << e;
            if (f.recipientDomain.isEmpty())
                f.recipientDomain = e.recipientDomain;
        }
    }
    return f;
}

LetterFacts Diagnosis::letterFacts() const
{
    return letterFacts(m_checks.isEmpty() ? nullptr : &m_checks.first());
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
                fillPlaceholders(rule.recheck.get(m_lang), vars), rule.step, rule.letters};
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
            letters << l.toJson();
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
    o.insert(u"checks", IpCheckResult::toJson(m_checks));
    o.insert(u"relay_test",
            m_relayTest ? QJsonValue(m_relayTest->toJson()) : QJsonValue(QJsonValue::Null));
    QJsonArray messages;
    for (const MessageReport &m : m_messages)
        messages << m.toJson();
    o.insert(u"messages", messages);
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
QStringList recheckAdvice(
        const Diagnosis &d, const QList<IpCheckResult> &checks, const Translate &t)
{
    QStringList out;
    for (const Diagnosis::FixPath &p : d.fixPaths()) {
        if (!p.recheck.isEmpty())
            out << p.recheck;
    }
    for (const IpCheckResult &check : checks) {
        for (const DnsblCheck &z : check.dnsbl) {
            if (z.status != DnsblStatus::Listed || !z.ttlSeconds)
                continue;
            out << t(QStringLiteral("recheck.dnsbl"),
                    {{QStringLiteral("list"), z.name}, {QStringLiteral("ip"), check.ip},
                            {QStringLiteral("time"), duration(quint32(*z.ttlSeconds), t)}});
        }
        for (const NotQueryableList &n : check.notQueryable) {
            out << t(QStringLiteral("recheck.lookup"),
                    {{QStringLiteral("list"), n.name}, {QStringLiteral("ip"), check.ip},
                            {QStringLiteral("url"), n.lookupUrl}});
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

QList<Block> reportBlocks(const Diagnosis &d, const QList<MessageReport> &messages,
        const QList<IpCheckResult> &checks, const std::optional<RelayTestResult> &relayTest,
        const Translate &t, const QDateTime &when, const QList<Diagnosis::DelistPage> &delist)
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
    for (const MessageReport &m : messages) {
        for (const RecipientReport &r : m.recipients) {
            const QString code =
                    (r.replyCode ? QString::number(*r.replyCode) : QString()) + u' ' + r.status;
            bounces.rows << QStringList {r.recipient, r.remoteHost, code.trimmed(),
                    r.listingName.isEmpty() ? categoryId(r.category) : r.listingName, r.blockedIp,
                    r.permanent ? t(QStringLiteral("no"), {}) : t(QStringLiteral("yes"), {})};
            quotes << r.recipient + QStringLiteral(": ") + r.diagnostic;
        }
    }
    b << bounces;
    if (!quotes.isEmpty())
        b << Block {Block::Pre, 0, {quotes.join(u'\n')}, {}};

    for (const IpCheckResult &check : checks) {
        b << Block {Block::Heading, 3, {check.ip}, {}};
        QStringList facts;
        const QStringList &names = check.ptr.names;
        facts << t(QStringLiteral("ip.ptr"), {}) + colon
                        + (names.isEmpty() ? d.word(IpCheckResult::statusName(check.ptr.status))
                                           : names.join(QStringLiteral(", ")));
        if (!names.isEmpty()) {
            facts << t(QStringLiteral("ip.fcrdns"), {}) + colon
                            + (check.ptr.forwardConfirmed ? t(QStringLiteral("yes"), {})
                                                          : t(QStringLiteral("no"), {}));
            facts << t(QStringLiteral("ip.name"), {}) + colon
                            + d.word(GenericPtrClassifier::verdictName(check.genericPtr.verdict))
                            + QStringLiteral(" — ") + check.genericPtr.reasons.join(semicolon);
        }
        QStringList listed;
        int clean = 0;
        int unknown = 0;
        for (const DnsblCheck &z : check.dnsbl) {
            if (z.status == DnsblStatus::Listed)
                listed << z.zone + (zh ? QStringLiteral("（") : QStringLiteral(" (")) + z.meaning
                                + (zh ? QStringLiteral("）") : QStringLiteral(")"));
            else if (z.status == DnsblStatus::NotListed)
                ++clean;
            else if (z.status != DnsblStatus::NotApplicable)
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
        if (check.owner) {
            const OwnerResult &owner = *check.owner;
            // Only the parts the lookup found: no row of empty commas.
            QStringList parts;
            for (const QString &part : {owner.org, owner.netname, owner.range, owner.country}) {
                if (!part.isEmpty())
                    parts << part;
            }
            facts << t(QStringLiteral("ip.owner"), {}) + colon
                            + (parts.isEmpty() ? t(QStringLiteral("ip.none_found"), {})
                                               : d.listJoin(parts));
            facts << t(QStringLiteral("ip.abuse"), {}) + colon
                            + (owner.abuseEmails.isEmpty()
                                            ? t(QStringLiteral("ip.none_found"), {})
                                            : owner.abuseEmails.join(QStringLiteral(", ")));
        }
        if (check.domain) {
            const SpfCheck &spf = check.domain->spf;
            facts << t(QStringLiteral("ip.spf"), {{QStringLiteral("domain"), check.domain->name}})
                            + colon
                            + (QStringList {
                                    d.word(IpCheckResult::statusName(spf.result)), spf.record}
                                            .join(u' ')
                                            .trimmed());
        }
        b << Block {Block::Bullets, 0, facts, {}};
    }

    if (relayTest) {
        b << Block {Block::Heading, 3, {t(QStringLiteral("report.relay_test"), {})}, {}};
        QStringList lines {relayTest->title};
        if (!relayTest->ok())
            lines << relayTest->explanation;
        b << Block {Block::Bullets, 0, lines, {}};
        QStringList transcript;
        for (const RelayTestResult::Line &l : relayTest->transcript)
            transcript << (l.dir == 'S' ? QStringLiteral("<- ") : QStringLiteral(" -> ")) + l.line;
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
