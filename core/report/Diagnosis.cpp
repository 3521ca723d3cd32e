// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/Diagnosis.h"

#include "bounce/BounceKnowledge.h"
#include "ipcheck/DnsblTable.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "util/BuiltInData.h"
#include "util/JsonDocument.h"
#include "util/Localized.h"

#include <QFile>
#include <QJsonDocument>

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

} // namespace

Diagnosis::Diagnosis(const QList<MessageReport> &messages, const QList<IpCheckResult> &checks,
        const Sender &sender, Language lang, bool withPaths, const LetterChoices &choices)
    : m_messages(messages)
    , m_checks(checks)
    , m_blockedIps(blockedIps(messages))
    , m_sender(sender)
    , m_lang(lang)
    , m_choices(choices)
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

QString Diagnosis::statusWord(const QString &status, Language lang)
{
    const auto it = table().texts.constFind(QStringLiteral("word.") + status);
    return it == table().texts.constEnd() ? status : it->get(lang);
}

QString Diagnosis::listJoin(const QStringList &items) const
{
    return items.join(Punctuation::of(m_lang).enumeration);
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
                        check.genericPtr.reasons.join(Punctuation::of(m_lang).semicolon)}};
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
                    !m_sender.domain.isEmpty() ? m_sender.domain
                            : m_lang == Language::SimplifiedChinese
                            ? QStringLiteral("【你的域名】")
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
                // The letter the letters page shows (of the allowlist letters, the first
                // domain's) is the one the user chose a language for and edited.
                const bool shown =
                        kind != u"recipient-allowlist" || domain == facts.recipientDomain;
                // In its reader's language: an English letter to a foreign recipient from a
                // Chinese report, with the facts (list names, reasons) in English too.
                const auto picked = m_choices.languages.constFind(kind);
                const Language lang = shown && picked != m_choices.languages.cend()
                        ? *picked
                        : Letter::defaultLanguage(kind, lf, m_lang).lang;
                if (lang != m_lang) {
                    lf = Diagnosis(m_messages, m_checks, m_sender, lang, false).letterFacts();
                    if (kind == u"recipient-allowlist")
                        lf.recipientDomain = domain;
                }
                QString error;
                auto letter = Letter::draft(kind, lf, lang, &error);
                if (!letter)
                    continue;
                const auto edited = std::find_if(m_choices.edited.cbegin(), m_choices.edited.cend(),
                        [&](const Letter &e) { return e.kind == kind && e.lang == lang; });
                if (shown && edited != m_choices.edited.cend()) {
                    letter->to = edited->to;
                    letter->subject = edited->subject;
                    letter->body = edited->body;
                }
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

} // namespace bd
