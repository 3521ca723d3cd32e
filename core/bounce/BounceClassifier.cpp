// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceClassifier.h"

#include "util/Regex.h"
#include "util/UnitSearch.h"
#include "util/WordSet.h"

#include <QHostAddress>

#include <array>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {
namespace {

const Regex &ipv4Pattern()
{
    // Octets may be hidden by forums and support staff: "***", "xxx", "**", letters standing
    // for octets ("37.x.y.z", "a.b.c.d"). Which combinations count is decided in ipsIn().
    static const Regex re(QStringLiteral(
            R"((?<![\w.:])((?:\d{1,3}|\*{1,3}|#{1,3}|[xX]{1,4}|[yY]{1,3}|[zZ]{1,3}|[a-dA-DwW])(?:\.(?:\d{1,3}|\*{1,3}|#{1,3}|[xX]{1,4}|[yY]{1,3}|[zZ]{1,3}|[a-dA-DwW])){3})(?![\w*#]|\.\w))"));
    return re;
}

// Is this written octet a stand-in for a hidden one?
bool isMaskOctet(QStringView o)
{
    if (o.isEmpty())
        return false;
    const QChar c = o.front().toLower();
    if (c != u'*' && c != u'#' && c != u'x' && c != u'y' && c != u'z')
        return false;
    return std::all_of(o.begin(), o.end(), [c](QChar ch) { return ch.toLower() == c; });
}

// Whether ipv4Pattern() can match: it needs three dots in a row with one to four characters
// between each two. Most diagnostics have none, and the regex tries at nearly every character.
bool mayHoldIpv4(QStringView text)
{
    int closeDots = 1; // dots in a row so far, each within five of the one before
    qsizetype previous = -1;
    return forEachUnit(text, u'.', [&](qsizetype dot) {
        if (previous >= 0)
            closeDots = dot - previous >= 2 && dot - previous <= 5 ? closeDots + 1 : 1;
        previous = dot;
        return closeDots == 3;
    });
}

const Regex &ipv6Pattern()
{
    // The last 32 bits may be written as an IPv4 address (RFC 4291 2.2), as an IPv4-mapped
    // address is ("::ffff:192.0.2.1"); a hex group cut at its dot is no address.
    static const Regex re(QStringLiteral(
            R"((?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3}))(?![\w:]|\.\w))"));
    return re;
}

// Whether an address the words name is the receiver's own: written alike, or the same address
// once an IPv4-mapped one ("::ffff:192.0.2.1", which ipsIn() gives as its IPv4) is unwrapped.
bool isReceiver(const QString &written, const QString &remoteIp)
{
    if (written == remoteIp)
        return true;
    if (!remoteIp.contains(u'.') || !remoteIp.contains(u':'))
        return false;
    return QHostAddress(written).isEqual(
            QHostAddress(remoteIp), QHostAddress::ConvertV4MappedToIPv4);
}

// Whether `text` starts with one to three digits and a dot, as an IPv4 address does.
bool startsDottedQuad(QStringView text)
{
    qsizetype digits = 0;
    while (digits < text.size() && digits < 4 && text[digits].isDigit())
        ++digits;
    return digits >= 1 && digits <= 3 && digits < text.size() && text[digits] == u'.';
}

// Whether ipv6Pattern() can match an address ipsIn() keeps: one written out in eight groups
// has seven colons in a row with one to four hex digits between each two (six, when an IPv4
// address stands for the last two groups), one written short has "::". Most diagnostics have
// neither; times ("12:34:56") match the regex, which tries at nearly every character, but are no
// address.
bool mayHoldIpv6(QStringView text)
{
    const auto hexDigit = [](char16_t c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    int groupColons = 1; // colons in a row so far, each after one to four hex digits
    qsizetype previous = -1;
    return forEachUnit(text, u':', [&](qsizetype colon) {
        if (previous < 0) {
            previous = colon;
            return false;
        }
        if (colon == previous + 1)
            return true;
        const QStringView between = text.sliced(previous + 1, colon - previous - 1);
        const bool group = between.size() <= 4
                && std::all_of(between.begin(), between.end(),
                        [&](QChar c) { return hexDigit(c.unicode()); });
        groupColons = group ? groupColons + 1 : 1;
        previous = colon;
        return groupColons == 7 || (groupColons == 6 && startsDottedQuad(text.sliced(colon + 1)));
    });
}

// Whether an enhanced status code ("5.7.1") may stand in the text: a class digit, a dot, a
// subject digit, a dot and a digit.
bool mayHoldStatus(QStringView text)
{
    const auto at = [text](qsizetype i, char16_t from, char16_t to) {
        return i >= 0 && i < text.size() && text[i] >= from && text[i] <= to;
    };
    return forEachUnit(text, u'.', [&at](qsizetype dot) {
        return at(dot - 1, u'2', u'5') && at(dot + 1, u'0', u'7') && at(dot + 2, u'.', u'.')
                && at(dot + 3, u'0', u'9');
    });
}

bool isDigit(char16_t c, char16_t from = u'0', char16_t to = u'9')
{
    return c >= from && c <= to;
}

// A unit that may end a line under some PCRE2 newline convention, before which $ may match at
// the end of a text: where a code is followed by one, the readers below leave the answer to
// the regex they stand for.
bool mayEndLine(char16_t c)
{
    return (c >= '\n' && c <= '\r') || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// The reply code a text opens with, read as ^\s*(?:[<>]{3}\s*)?#?([245]\d\d)(?:[ \-:]|$) reads
// it: 0 for none, -1 where only the regex can tell. Most diagnostics open with their code, and
// the regex cost more to call than this reading does.
int leadingReplyCode(QStringView text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n && isRegexSpace(text[i]))
        ++i;
    const auto angle = [&](qsizetype at) {
        return at < n && (text[at] == u'<' || text[at] == u'>');
    };
    if (angle(i) && angle(i + 1) && angle(i + 2)) {
        // The group is optional, but without it the code would have to start at a bracket.
        i += 3;
        while (i < n && isRegexSpace(text[i]))
            ++i;
    }
    if (i < n && text[i] == u'#')
        ++i;
    if (i + 3 > n || !isDigit(text[i].unicode(), u'2', u'5') || text[i] == u'3'
            || !isDigit(text[i + 1].unicode()) || !isDigit(text[i + 2].unicode()))
        return 0;
    const int code = (text[i].unicode() - u'0') * 100 + (text[i + 1].unicode() - u'0') * 10
            + (text[i + 2].unicode() - u'0');
    if (i + 3 == n)
        return code;
    const char16_t next = text[i + 3].unicode();
    if (next == u' ' || next == u'-' || next == u':')
        return code;
    return mayEndLine(next) ? -1 : 0;
}

// The first refusal code inside a text, read as
// (?:^|[\s:;(<'"=\[`])([45][0-5]\d)(?=[\s\-:'"),\]`.]|$) reads it: 0 for none, -1 where only the
// regex can tell. Its leftmost match is the first code that qualifies, as the match starts
// just before the code or at the very start.
int refusalCodeInside(QStringView text)
{
    static constexpr QStringView before = u":;(<'\"=[`";
    static constexpr QStringView after = u"-:'\"),]`.";
    const qsizetype n = text.size();
    for (qsizetype i = 0; i + 2 < n; ++i) {
        if (!isDigit(text[i].unicode(), u'4', u'5') || !isDigit(text[i + 1].unicode(), u'0', u'5')
                || !isDigit(text[i + 2].unicode()))
            continue;
        if (i > 0 && !isRegexSpace(text[i - 1]) && !before.contains(text[i - 1]))
            continue;
        if (i + 3 < n && !isRegexSpace(text[i + 3]) && !after.contains(text[i + 3])) {
            if (mayEndLine(text[i + 3].unicode()))
                return -1;
            continue;
        }
        return (text[i].unicode() - u'0') * 100 + (text[i + 1].unicode() - u'0') * 10
                + (text[i + 2].unicode() - u'0');
    }
    return 0;
}

// Whether the text holds "->". QStringView::contains() of a two-character word costs several
// times what this scan for its first character does.
bool holdsArrow(QStringView text)
{
    for (qsizetype dash = text.indexOf(u'-'); dash >= 0; dash = text.indexOf(u'-', dash + 1)) {
        if (dash + 1 < text.size() && text[dash + 1] == u'>')
            return true;
    }
    return false;
}

// Whether the text holds "http" or "www." in any case, as every link the link regexes match
// does: most diagnostics hold none, and those caseless regexes try at nearly every character.
// Eight units a step look for an 'h' or a 'w' first.
bool mayHoldLink(QStringView text)
{
    // c | 0x20 is 'h' for 'h' and 'H' and for no other UTF-16 unit; the same for 't', 'p', 'w'.
    const auto linkAt = [text](qsizetype i) {
        if (i + 4 > text.size())
            return false;
        const char16_t *c = text.utf16() + i;
        const auto is = [c](int n, char16_t lower) { return (c[n] | 0x20) == lower; };
        return (is(0, u'h') && is(1, u't') && is(2, u't') && is(3, u'p'))
                || (is(0, u'w') && is(1, u'w') && is(2, u'w') && c[3] == u'.');
    };
    qsizetype i = 0;
#ifdef __SSE2__
    for (; i + 8 <= text.size(); i += 8) {
        const __m128i v =
                _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(text.utf16() + i)),
                        _mm_set1_epi16(0x20));
        // Two mask bits a unit.
        unsigned starts =
                unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16(u'h')),
                        _mm_cmpeq_epi16(v, _mm_set1_epi16(u'w')))));
        while (starts != 0) {
            const unsigned lane = qCountTrailingZeroBits(starts) / 2;
            if (linkAt(i + lane))
                return true;
            starts &= ~(3U << (2 * lane));
        }
    }
#endif
    for (; i < text.size(); ++i) {
        if (linkAt(i))
            return true;
    }
    return false;
}

QString fill(const QString &text, const RecipientReport &r, const QString &listName)
{
    if (!text.contains(u'{')) // no placeholder: the text itself, shared rather than copied
        return text;
    const QStringView none = u"—";
    return fillPlaceholders(text,
            {{u"ip", r.blockedIp.isEmpty() ? none : QStringView(r.blockedIp)}, {u"list", listName},
                    {u"host", r.remoteHost.isEmpty() ? none : QStringView(r.remoteHost)},
                    {u"status", r.status}});
}

} // namespace

BounceClassifier::BounceClassifier(const BounceKnowledge &knowledge, Language lang)
    : m_knowledge(knowledge)
    , m_lang(lang)
    , m_maskedIp(knowledge.sentence(QStringLiteral("masked_ip"), lang))
    , m_temporary(knowledge.sentence(QStringLiteral("temporary"), lang))
    , m_statusDisagrees(knowledge.sentence(QStringLiteral("status_disagrees"), lang))
    , m_refusedAtConnect(knowledge.sentence(QStringLiteral("refused_at_connect"), lang))
{
}

std::optional<int> BounceClassifier::replyCodeIn(QStringView diagnostic)
{
    static const Regex leading(QStringLiteral(R"(^\s*(?:[<>]{3}\s*)?#?([245]\d\d)(?:[ \-:]|$))"));
    int code = leadingReplyCode(diagnostic);
    if (code < 0) {
        const RegexMatch m = leading.match(diagnostic);
        code = m.hasMatch() ? m.capturedView(1).toInt() : 0;
    }
    if (code >= 400)
        return code;
    // Elsewhere in the text: "SIZE=1024: 550 ...", "ERROR_CODE :550", "220-greeting 421 4.2.1".
    // A refusal (4xx/5xx) is what matters; a greeting's 2xx is not.
    static const Regex anywhere(
            QStringLiteral(R"((?:^|[\s:;(<'"=\[`])([45][0-5]\d)(?=[\s\-:'"),\]`.]|$))"));
    code = refusalCodeInside(diagnostic);
    if (code < 0) {
        const RegexMatch m = anywhere.match(diagnostic);
        code = m.hasMatch() ? m.capturedView(1).toInt() : 0;
    }
    return code > 0 ? std::optional(code) : std::nullopt;
}

QString BounceClassifier::statusIn(QStringView diagnostic)
{
    static const Regex re(QStringLiteral(R"((?<![\d.])#?([245]\.[0-7]\.\d{1,3})(?![\d.]*\d))"));
    if (!mayHoldStatus(diagnostic))
        return {};
    const RegexMatch m = re.match(diagnostic);
    return m.hasMatch() ? m.captured(1) : QString();
}

QList<WrittenIp> BounceClassifier::ipsIn(QStringView text)
{
    QList<WrittenIp> ips;
    if (mayHoldIpv4(text)) {
        for (RegexMatchIterator it = ipv4Pattern().globalMatch(text); it.hasNext();) {
            const RegexMatch m = it.next();
            const QString ip = m.captured(1);
            const QList<QStringView> octets = QStringView(ip).split(u'.');
            int numeric = 0;
            int masks = 0;
            bool valid = true;
            bool allZeros = true;
            for (QStringView o : octets) {
                bool ok = false;
                const int v = o.toInt(&ok);
                if (ok) {
                    valid = valid && v <= 255;
                    allZeros = allZeros && v == 0;
                    ++numeric;
                } else if (isMaskOctet(o)) {
                    ++masks;
                }
            }
            const QString lower = ip.toLower();
            const bool letters = lower == u"a.b.c.d" || lower == u"w.x.y.z";
            if (!valid)
                continue;
            bool masked = numeric < 4;
            if (numeric == 4) {
                // "000.000.000.000" hides the address; "0.1.2.3" and version-like runs are none.
                if (allZeros && ip.size() == 15)
                    masked = true;
                else if (octets[0].toInt() == 0)
                    continue;
            } else if (numeric + masks < 4 && !letters) {
                continue; // letters other than a.b.c.d: words, not an address
            } else if (numeric == 0 && !letters && masks < 4) {
                continue;
            } else if (numeric > 0 && octets[0].toInt() == 0 && !isMaskOctet(octets[0])) {
                continue;
            }
            ips << WrittenIp {ip, masked, m.capturedStart(1)};
        }
    }
    if (mayHoldIpv6(text)) {
        for (RegexMatchIterator it6 = ipv6Pattern().globalMatch(text); it6.hasNext();) {
            const RegexMatch m = it6.next();
            const QString ip = m.captured(1);
            QHostAddress address;
            if (ip.count(u':') < 2 || !address.setAddress(ip)
                    || address.protocol() != QAbstractSocket::IPv6Protocol)
                continue;
            // An IPv4 client seen through an IPv6 socket: the lists know it by its IPv4 address.
            bool mapped = false;
            const quint32 v4 = address.toIPv4Address(&mapped);
            ips << WrittenIp {mapped ? QHostAddress(v4).toString() : ip, false, m.capturedStart(1)};
        }
    }
    std::sort(ips.begin(), ips.end(),
            [](const WrittenIp &a, const WrittenIp &b) { return a.position < b.position; });
    return ips;
}

std::optional<WrittenIp> BounceClassifier::blamedIp(
        QStringView text, const QString &remoteHost, const QString &remoteIp)
{
    const QList<WrittenIp> candidates = ipsIn(text);
    if (candidates.isEmpty())
        return std::nullopt;
    static const Regex url(
            QStringLiteral(R"((?:https?://|www\.)[^\s<>"'()\[\]]+)"), Regex::CaseInsensitiveOption);
    QList<QPair<qsizetype, qsizetype>> urls;
    if (mayHoldLink(text)) {
        for (auto it = url.globalMatch(text); it.hasNext();) {
            const RegexMatch m = it.next();
            urls << qMakePair(m.capturedStart(0), m.capturedEnd(0));
        }
    }
    // A lookup link of a list that refuses the receiver's resolver carries the resolver's
    // address, not the sender's.
    static const WordSet resolverWord({QStringLiteral("resolver")}, Qt::CaseInsensitive);
    const bool aboutResolver = resolverWord.foundIn(text);
    // Receivers name the sender right after words like "client", "IP", "from", or in
    // brackets; an address with neither is more likely a host in a log line's chrome.
    static const Regex named(
            QStringLiteral(
                    R"((?:\bip|ip\s*address|\bclient(?:\s+host)?|\bhost|\bfrom|\bsender|\baddress|\bsource|\bremote|ip地址|地址)\W{0,4}$)"),
            Regex::CaseInsensitiveOption);
    std::optional<WrittenIp> best;
    int bestScore = -1;
    std::optional<WrittenIp> inUrl;
    for (const WrittenIp &ip : candidates) {
        const bool insideUrl = std::any_of(urls.cbegin(), urls.cend(),
                [&](const auto &u) { return ip.position >= u.first && ip.position < u.second; });
        // The receiver's address; in a lookup link, a hidden one is the sender's, hidden the
        // same way as the receiver's ("relay=mx[xxx.xxx.xxx.xxx] ... ?ip=xxx.xxx.xxx.xxx").
        if (!remoteIp.isEmpty() && isReceiver(ip.text, remoteIp) && !(insideUrl && ip.masked))
            continue;
        const QHostAddress address(ip.text);
        // A DNSBL's answer (127.0.0.x) or "this network" is a code, not a sender.
        static const QHostAddress loopbackNet(QStringLiteral("127.0.0.0"));
        static const QHostAddress thisNet(QStringLiteral("0.0.0.0"));
        if (!ip.masked && address.protocol() == QAbstractSocket::IPv4Protocol
                && (address.isInSubnet(loopbackNet, 8) || address.isInSubnet(thisNet, 8)))
            continue;
        const QStringView before = text.first(ip.position);
        // The receiver's own "name[ip]", and the remote server's fields of Exchange's message
        // tracking ("{IP=...}", "OutboundProxyTargetIP: ...").
        if ((!remoteHost.isEmpty()
                    && before.endsWith(QString(remoteHost + u'['), Qt::CaseInsensitive))
                || before.endsWith(u"{IP=") || before.endsWith(u"TargetIP: "))
            continue;
        // Yahoo's "... due to user complaints - 4.16.55.1" is a code shaped like an address.
        if (before.trimmed().endsWith(u" -")
                && (ip.text.startsWith(u"4.") || ip.text.startsWith(u"5.")))
            continue;
        if (insideUrl) {
            if (!inUrl && !aboutResolver)
                inUrl = ip;
            continue;
        }
        const QStringView near = before.last(qMin<qsizetype>(before.size(), 24));
        int score = candidates.size() > 1 && named.match(near).hasMatch() ? 2 : 0;
        if (before.endsWith(u'[') || before.endsWith(u'<') || before.endsWith(u'('))
            ++score;
        if (score > bestScore) {
            best = ip;
            bestScore = score;
        }
    }
    return best ? best : inUrl;
}

QStringList BounceClassifier::urlsIn(QStringView text)
{
    static const Regex re(QStringLiteral(R"(\b(?:https?://|www\.)[^\s<>"'()\[\]]+)"),
            Regex::CaseInsensitiveOption);
    QStringList urls;
    if (!mayHoldLink(text))
        return urls;
    RegexMatchIterator it = re.globalMatch(text);
    while (it.hasNext()) {
        const RegexMatch m = it.next();
        QString url = m.captured(0);
        // A URL cut short by a forum ("looku … 8.228") is not a link anyone can open.
        const qsizetype after = m.capturedEnd(0);
        if (url.contains(u'…') || (after < text.size() && text[after] == u'…')
                || text.sliced(after).trimmed().startsWith(u'…'))
            continue;
        while (!url.isEmpty() && QStringLiteral(".,;:!?>'\"").contains(url.back()))
            url.chop(1);
        if (url.startsWith(u"www.", Qt::CaseInsensitive))
            url.prepend(QStringLiteral("http://"));
        if (!urls.contains(url))
            urls << url;
    }
    return urls;
}

void BounceClassifier::classify(RecipientReport &r) const
{
    // Checked once for surrogates here, not again by each regex over the words. The copy keeps
    // the checked text alive whatever happens to `r`.
    const QString diagnostic = r.diagnostic;
    const ValidatedText validated(diagnostic);
    // Microsoft 365 relaying a refusal: "550 5.7.514 ... -> 554 5.7.1 Service unavailable; ...":
    // the reply after the arrow is the receiver's own.
    QStringView decisive = r.diagnostic;
    static const Regex relayed(QStringLiteral(R"(\s->\s+(?=[45]\d\d[ -]))"));
    if (holdsArrow(r.diagnostic)) { // most have no arrow, and the regex tries at every space
        if (const auto m = relayed.match(r.diagnostic); m.hasMatch())
            decisive = QStringView(r.diagnostic).sliced(m.capturedEnd(0));
    }
    if (!r.replyCode)
        r.replyCode = replyCodeIn(decisive);
    if (r.status.isEmpty())
        r.status = statusIn(decisive);

    const QString folded = BounceKnowledge::fold(r.diagnostic);
    const BounceKnowledge::Hits hits = m_knowledge.hits(folded);
    const std::optional<BounceCategory> statusCategory = m_knowledge.categoryForStatus(r.status);
    // A list or provider rule that names the reason decides; otherwise the generic phrases
    // decide the category and a provider named only by its URL or host supplies the listing.
    std::optional<BounceKnowledge::Match> match = m_knowledge.matchListing(hits);
    const Listing *listing = match ? match->listing : nullptr;
    if (match) {
        r.matchedBy = QStringLiteral("listing");
    } else {
        match = m_knowledge.matchPhrase(hits);
        const std::optional<BounceKnowledge::Match> provider = m_knowledge.matchListing(hits, true);
        // A provider known only by its name or host says less than a specific status code
        // ("550 5.1.1 ... gsmtp" is an unknown user at Gmail, not Gmail's policy).
        const bool statusIsSpecific = statusCategory && *statusCategory != BounceCategory::Policy
                && *statusCategory != BounceCategory::Other;
        if (match)
            r.matchedBy = QStringLiteral("phrase");
        else if (provider && !statusIsSpecific && (match = provider))
            r.matchedBy = QStringLiteral("listing");
        const BounceCategory decided = match ? match->rule->category : BounceCategory::Other;
        if (provider && decided != BounceCategory::RecipientUnknown
                && decided != BounceCategory::MailboxFull
                && decided != BounceCategory::DomainNotFound
                && decided != BounceCategory::MessageTooLarge)
            listing = provider->listing;
    }

    if (match) {
        r.category = match->rule->category;
    } else if (statusCategory) {
        r.category = *statusCategory;
        r.matchedBy = QStringLiteral("status");
    } else if (const auto byReply = r.replyCode ? m_knowledge.categoryForReplyCode(*r.replyCode)
                                                : std::nullopt) {
        r.category = *byReply;
        r.matchedBy = QStringLiteral("reply-code");
    } else {
        r.category = BounceCategory::Other;
        r.matchedBy = QStringLiteral("none");
    }

    // Refused before any address was sent: the only thing the receiver knew was the client's
    // IP and HELO name, so a vague refusal there is about them.
    bool refusedAtConnect = false;
    if ((r.category == BounceCategory::Policy || r.category == BounceCategory::Other)
            && (r.smtpCommand == u"CONNECT" || r.smtpCommand == u"HELO"
                    || r.smtpCommand == u"EHLO")) {
        r.category = BounceCategory::IpReputation;
        r.matchedBy = QStringLiteral("command");
        refusedAtConnect = true;
    }

    if (!listing && r.category != BounceCategory::RecipientUnknown
            && r.category != BounceCategory::MailboxFull
            && r.category != BounceCategory::DomainNotFound
            && r.category != BounceCategory::MessageTooLarge
            && r.category != BounceCategory::Network) {
        // The provider that refused, known from its host name when its words named no list.
        const Listing *provider = m_knowledge.providerForHost(r.remoteHost);
        if (provider && provider->kind == u"provider")
            listing = provider;
    }
    if (listing) {
        r.listing = listing->id;
        r.listingName = listing->names.get(m_lang);
        r.delistUrl = listing->delistUrl;
    }

    // The IP the receiver blames is any address in its words other than its own.
    // Where the refusal is not about the sender (an unknown user, a full mailbox, a host that
    // cannot be reached), an address in the words is the receiver's, not the blamed one.
    if (r.category != BounceCategory::RecipientUnknown && r.category != BounceCategory::MailboxFull
            && r.category != BounceCategory::Network && r.category != BounceCategory::DomainNotFound
            && r.category != BounceCategory::MessageTooLarge) {
        if (const std::optional<WrittenIp> ip = blamedIp(r.diagnostic, r.remoteHost, r.remoteIp)) {
            r.blockedIp = ip->text;
            r.blockedIpMasked = ip->masked;
        }
    }

    bool temporary = false;
    if (r.replyCode)
        temporary = *r.replyCode >= 400 && *r.replyCode < 500;
    else if (!r.status.isEmpty())
        temporary = r.status.startsWith(u'4');
    else if (match && match->rule->temporary)
        temporary = *match->rule->temporary;
    if (r.action == u"delayed")
        temporary = true;
    else if (temporary && m_knowledge.saysGaveUp(folded))
        temporary = false;
    r.permanent = !temporary;
    if (r.action.isEmpty())
        r.action = r.permanent ? QStringLiteral("failed") : QStringLiteral("delayed");

    r.lookupUrls = urlsIn(r.diagnostic);
    if (r.lookupUrls.isEmpty() && listing) {
        if (!listing->lookupUrl.isEmpty() && !r.blockedIp.isEmpty() && !r.blockedIpMasked)
            r.lookupUrls
                    << QString(listing->lookupUrl).replace(QStringLiteral("{ip}"), r.blockedIp);
        else if (!listing->delistUrl.isEmpty())
            r.lookupUrls << listing->delistUrl;
    }
    if (match && !match->evidence.isEmpty())
        r.evidence.prepend(match->evidence);
    r.explanation = explain(r, match ? &*match : nullptr, statusCategory);
    if (refusedAtConnect)
        r.explanation.prepend(m_refusedAtConnect
                + (m_lang == Language::SimplifiedChinese ? QString() : QStringLiteral(" ")));
}

QString BounceClassifier::explain(const RecipientReport &r, const BounceKnowledge::Match *match,
        std::optional<BounceCategory> statusCategory) const
{
    const Listing *listing = r.listing.isEmpty() ? nullptr : m_knowledge.listing(r.listing);
    const QString listName = listing ? listing->names.get(m_lang) : QString();
    // At most five parts, most of them the tables' texts shared as they are: kept on the stack
    // and joined in one allocation, not gathered in a list that grows.
    std::array<QString, 5> parts;
    size_t count = 0;
    const auto add = [&parts, &count](QString part) {
        if (!part.isEmpty())
            parts[count++] = std::move(part);
    };
    const bool listingDecided = match && match->listing;
    QString about = match ? match->rule->about.get(m_lang) : QString();
    if (about.isEmpty() && listing && listingDecided)
        about = listing->about.get(m_lang);
    if (about.isEmpty())
        about = m_knowledge.categoryAbout(r.category, m_lang);
    add(fill(about, r, listName));

    if (r.blockedIpMasked)
        add(fill(m_maskedIp, r, listName));
    if (!r.permanent)
        add(m_temporary);
    if (match && statusCategory && *statusCategory != r.category
            && *statusCategory != BounceCategory::Policy
            && *statusCategory != BounceCategory::Other) {
        add(fillPlaceholders(m_statusDisagrees,
                {{u"status", r.status},
                        {u"status_meaning", m_knowledge.categoryTitle(*statusCategory, m_lang)},
                        {u"category", m_knowledge.categoryTitle(r.category, m_lang)}}));
    }
    QString advice = match ? match->rule->advice.get(m_lang) : QString();
    if (advice.isEmpty() && listing)
        advice = listing->advice.get(m_lang);
    if (advice.isEmpty())
        advice = m_knowledge.categoryAdvice(r.category, m_lang);
    add(fill(advice, r, listName));

    if (count <= 1)
        return parts[0];
    const QStringView separator =
            m_lang == Language::SimplifiedChinese ? QStringView() : QStringView(u" ");
    qsizetype size = separator.size() * qsizetype(count - 1);
    for (size_t i = 0; i < count; ++i)
        size += parts[i].size();
    QString joined;
    joined.reserve(size);
    for (size_t i = 0; i < count; ++i) {
        if (i > 0)
            joined += separator;
        joined += parts[i];
    }
    return joined;
}

QList<ListingMention> BounceClassifier::findMentions(QStringView text) const
{
    if (!m_knowledge.mayMention(text)) // most texts name no list: not folded for nothing
        return {};
    const QString folded = BounceKnowledge::fold(text);
    QList<ListingMention> mentions;
    for (const BounceKnowledge::Match &m :
            m_knowledge.findMentions(m_knowledge.mentionHits(folded))) {
        ListingMention mention;
        mention.listing = m.listing->id;
        const qsizetype at = folded.indexOf(m.evidence.section(QStringLiteral(" … "), 0, 0));
        const qsizetype from = qMax<qsizetype>(0, at - 300);
        const QStringView window = QStringView(folded).sliced(from, qMax<qsizetype>(0, at - from));
        const QList<WrittenIp> ips = ipsIn(window);
        if (!ips.isEmpty()) {
            mention.ip = ips.last().text;
            mention.ipMasked = ips.last().masked;
        }
        const qsizetype sentenceStart = qMax<qsizetype>(0, folded.lastIndexOf(u'\n', at));
        mention.evidence =
                folded.mid(qMax(from, sentenceStart),
                              qMin<qsizetype>(
                                      240, at - qMax(from, sentenceStart) + m.evidence.size() + 60))
                        .trimmed();
        mentions << mention;
    }
    return mentions;
}

} // namespace bd
