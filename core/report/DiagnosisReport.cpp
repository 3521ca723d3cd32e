// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/DiagnosisReport.h"

#include "AppInfo.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "util/Localized.h"

#include <QLocale>

#include <functional>

namespace bd {
namespace {

using Block = DiagnosisReport::Block;

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

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

QString renderHtml(
        const QList<Block> &blocks, const QString &title, Language lang, const ReportColours &c)
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
                          .arg(languageTag(lang), esc(title), c.text, c.rule, c.shade);
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

QList<Block> reportBlocks(const Diagnosis &d, const QDateTime &when)
{
    const Translate t = [&d](const QString &k, const QHash<QString, QString> &v) {
        return d.t(k, v);
    };
    const QList<MessageReport> &messages = d.messages();
    const QList<IpCheckResult> &checks = d.checks();
    const std::optional<RelayTestResult> &relayTest = d.relayTest();
    const QList<Diagnosis::DelistPage> &delist = d.delistPages();
    const Punctuation &marks = Punctuation::of(d.language());
    const QString &colon = marks.colon;
    const QString &semicolon = marks.semicolon;
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
            // A letter in the other language says so: it is for its reader, not a lapse. Its
            // addressee tells apart the letters one path writes to several domains.
            const bool own = l.lang == d.language();
            const QString key = l.to.isEmpty()
                    ? (own ? QStringLiteral("path.letter")
                           : QStringLiteral("path.letter_other_language"))
                    : (own ? QStringLiteral("path.letter_to")
                           : QStringLiteral("path.letter_to_other_language"));
            s += u'\n'
                    + t(key,
                            {{QStringLiteral("to"), l.to}, {QStringLiteral("subject"), l.subject}});
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
                listed << z.zone + marks.parenthesized(z.meaning);
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

DiagnosisReport::DiagnosisReport(const Diagnosis &diagnosis, const QDateTime &when)
    : m_blocks(reportBlocks(diagnosis, when))
    , m_title(diagnosis.t(QStringLiteral("report.title")))
    , m_lang(diagnosis.language())
{
}

QString DiagnosisReport::toMarkdown() const
{
    return renderMarkdown(m_blocks);
}

QString DiagnosisReport::toHtml(const ReportColours &colours) const
{
    return renderHtml(m_blocks, m_title, m_lang, colours);
}

} // namespace bd
