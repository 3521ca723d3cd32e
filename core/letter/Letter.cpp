// SPDX-License-Identifier: GPL-3.0-or-later
#include "letter/Letter.h"

#include "AppInfo.h"
#include "dns/DnsResolver.h"
#include "letter/LetterTemplate.h"
#include "util/BuiltInData.h"
#include "util/JsonDocument.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace bd {
namespace {

const char *const kindTable[] = {"isp-static-rdns", "isp-dul-delist", "recipient-allowlist"};

bool isAscii(const QString &s)
{
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

QString evidenceLines(const QList<BounceEvidence> &evidence)
{
    QStringList lines;
    for (const BounceEvidence &e : evidence) {
        QString line = QStringLiteral("   - ");
        if (!e.date.isEmpty())
            line += e.date + QStringLiteral(": ");
        if (!e.receiver.isEmpty())
            line += e.receiver + QStringLiteral(": ");
        // Most diagnostics start with their own code; say it once.
        const bool textHasCode = !e.code.isEmpty() && e.text.startsWith(e.code.section(u' ', 0, 0));
        if (!e.code.isEmpty() && !textHasCode)
            line += e.code + u' ';
        line += u'"' + e.text + u'"';
        lines << line;
    }
    return lines.join(u'\n');
}

QString senderBlock(const LetterFacts &f)
{
    QStringList lines;
    for (const QString &s : {f.fromName, f.org, f.fromEmail, f.domain}) {
        if (!s.isEmpty())
            lines << s;
    }
    return lines.join(u'\n');
}

QString normalName(const QString &name)
{
    QString n = name.trimmed().toLower();
    if (n.endsWith(u'.'))
        n.chop(1);
    return n;
}

// The customer's own assignment, when it holds the IP; a range that does not is no help.
QString assignmentOf(const LetterFacts &f)
{
    const QHostAddress ip(f.ip);
    const auto subnet = QHostAddress::parseSubnet(f.assignment.trimmed());
    if (ip.isNull() || subnet.first.isNull() || !ip.isInSubnet(subnet))
        return {};
    return subnet.first.toString() + u'/' + QString::number(subnet.second);
}

QHash<QString, QString> valuesOf(const LetterFacts &f, Language lang)
{
    QHash<QString, QString> v;
    v.insert(QStringLiteral("ip"), f.ip);
    v.insert(QStringLiteral("to"), f.to);
    v.insert(QStringLiteral("ptr"), f.ptr);
    v.insert(QStringLiteral("ptr_unknown"), f.ptrUnknown ? QStringLiteral("1") : QString());
    QStringList reasons;
    for (const QString &r : f.ptrReasons)
        reasons << QStringLiteral("   - ") + r;
    v.insert(QStringLiteral("ptr_reasons"), reasons.join(u'\n'));
    QString wanted = f.wantedName();
    v.insert(QStringLiteral("ptr_wanted_missing"),
            wanted.isEmpty() ? QStringLiteral("1") : QString());
    // The same placeholder in both languages, bracketed so it cannot pass for a real name.
    if (wanted.isEmpty())
        wanted = lang == Language::SimplifiedChinese ? QStringLiteral("mail.【你的域名】")
                                                     : QStringLiteral("mail.[your domain]");
    v.insert(QStringLiteral("ptr_wanted"), wanted);
    // Whether the forward record is there is said only when it was looked up.
    const bool confirmed = f.ptrWantedConfirmed();
    const bool looked = f.ptrWantedForward.checked
            && normalName(f.ptrWantedForward.name) == normalName(f.wantedName());
    v.insert(QStringLiteral("ptr_wanted_confirmed"), confirmed ? QStringLiteral("1") : QString());
    v.insert(QStringLiteral("forward_unchecked"),
            !confirmed && !looked && !f.wantedName().isEmpty() ? QStringLiteral("1") : QString());
    v.insert(QStringLiteral("forward_missing"),
            looked && f.ptrWantedForward.addresses.isEmpty() ? QStringLiteral("1") : QString());
    v.insert(QStringLiteral("forward_elsewhere"),
            looked && !confirmed ? f.ptrWantedForward.addresses.join(QStringLiteral(", "))
                                 : QString());
    v.insert(QStringLiteral("a_type"),
            f.ip.contains(u':') ? QStringLiteral("AAAA") : QStringLiteral("A"));
    v.insert(QStringLiteral("assignment"), assignmentOf(f));
    v.insert(QStringLiteral("range"), f.range);
    v.insert(QStringLiteral("netname"), f.netname);
    v.insert(QStringLiteral("asn"), f.asn);
    v.insert(QStringLiteral("isp"), f.isp);
    v.insert(QStringLiteral("org"), f.org);
    // The English text for Trend Micro never carries Chinese characters: the org as written
    // when it is in Latin letters, else its Latin name, else a gap the admin fills in.
    const QString orgLatin = !f.orgLatin.trimmed().isEmpty() ? f.orgLatin.trimmed()
            : isAscii(f.org) && !f.org.isEmpty()             ? f.org
                                                             : QString();
    v.insert(QStringLiteral("org_latin"),
            orgLatin.isEmpty() ? QStringLiteral("[your company's name in English or pinyin]")
                               : orgLatin);
    v.insert(QStringLiteral("org_latin_missing"),
            orgLatin.isEmpty() ? QStringLiteral("1") : QString());
    v.insert(QStringLiteral("isp_name"),
            f.isp.isEmpty() ? QStringLiteral("[the network's name]") : f.isp);
    // The WHOIS contact: the address the ISP writes to Trend Micro from, never the channel for
    // a Chinese customer's PTR request (that is the account manager's).
    v.insert(QStringLiteral("isp_contact"), f.to);
    const QString gap = QStringLiteral("【请填写】");
    v.insert(QStringLiteral("contact_name"), f.fromName.isEmpty() ? gap : f.fromName);
    v.insert(QStringLiteral("contact_email"), f.fromEmail.isEmpty() ? gap : f.fromEmail);
    v.insert(QStringLiteral("contact_org"), f.org.isEmpty() ? gap : f.org);
    v.insert(QStringLiteral("domain"), f.domain);
    v.insert(QStringLiteral("evidence"), evidenceLines(f.evidence));
    v.insert(QStringLiteral("sender_block"), senderBlock(f));
    v.insert(QStringLiteral("recipient_domain"), f.recipientDomain);
    v.insert(QStringLiteral("listing"), f.listing);
    v.insert(QStringLiteral("for_customer"), QStringLiteral("1"));
    v.insert(QStringLiteral("appendix_dul"), QString());
    return v;
}

} // namespace

QString LetterFacts::wantedName() const
{
    if (!ptrWanted.isEmpty())
        return ptrWanted;
    return domain.isEmpty() ? QString() : QStringLiteral("mail.") + domain;
}

bool ForwardRecord::pointsTo(const QString &wanted, const QString &ip) const
{
    const QHostAddress address(ip);
    if (!checked || wanted.isEmpty() || address.isNull() || normalName(name) != normalName(wanted))
        return false;
    return std::any_of(addresses.cbegin(), addresses.cend(),
            [&](const QString &a) { return QHostAddress(a).isEqual(address); });
}

void lookUpForwardRecord(DnsResolver *resolver, const QString &name, const QObject *context,
        const std::function<void(const ForwardRecord &)> &done)
{
    struct State
    {
        ForwardRecord record;
        int pending = 3;
        bool trusted = false;
        bool definitive = true;
        std::function<void(const ForwardRecord &)> done;
    };
    auto state = std::make_shared<State>();
    state->record.name = normalName(name);
    state->done = done;
    const auto finish = [state] {
        if (--state->pending > 0)
            return;
        state->record.checked = state->trusted && state->definitive;
        if (!state->record.checked)
            state->record.addresses.clear();
        state->done(state->record);
    };
    probeRootZone(resolver, context, [state, finish](const DnsResult &r) {
        state->trusted = r.ok();
        finish();
    });
    for (const DnsType type : {DnsType::A, DnsType::AAAA}) {
        resolver->lookup(state->record.name, type, context, [state, finish](const DnsResult &r) {
            if (!r.definitive())
                state->definitive = false;
            for (const QString &a : r.ok() ? r.values() : QStringList()) {
                if (!QHostAddress(a).isNull() && !state->record.addresses.contains(a))
                    state->record.addresses << a;
            }
            finish();
        });
    }
}

ForwardRecord lookUpForwardRecordNow(DnsResolver *resolver, const QString &name)
{
    ForwardRecord result;
    bool finished = false;
    QEventLoop loop;
    lookUpForwardRecord(resolver, name, &loop, [&](const ForwardRecord &r) {
        result = r;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

LetterLanguage Letter::defaultLanguage(
        const QString &kind, const LetterFacts &facts, Language interfaceLang)
{
    struct Readers
    {
        QStringList tlds, domains, countries;
    };
    static const Readers chinese = [] {
        const QJsonObject o = builtInJson(QStringLiteral(":/data/letters.json"))
                                      .value(u"chinese_reader")
                                      .toObject();
        return Readers {JsonDocument::strings(o.value(u"tlds")),
                JsonDocument::strings(o.value(u"domains")),
                JsonDocument::strings(o.value(u"countries"))};
    }();
    const Language zh = Language::SimplifiedChinese;
    const Language en = Language::English;
    if (kind == u"recipient-allowlist" && !facts.recipientDomain.isEmpty()) {
        const QString domain = facts.recipientDomain.toLower();
        const bool isChinese = std::any_of(chinese.tlds.cbegin(), chinese.tlds.cend(),
                                       [&](const QString &t) { return domain.endsWith(u'.' + t); })
                || std::any_of(chinese.domains.cbegin(), chinese.domains.cend(),
                        [&](const QString &d) { return domain == d || domain.endsWith(u'.' + d); });
        return isChinese ? LetterLanguage {zh, LetterLanguage::Why::RecipientChinese}
                         : LetterLanguage {en, LetterLanguage::Why::RecipientAbroad};
    }
    if (kind == u"isp-static-rdns" && !facts.ownerCountry.isEmpty()) {
        return chinese.countries.contains(facts.ownerCountry.toUpper())
                ? LetterLanguage {zh, LetterLanguage::Why::OwnerChinese}
                : LetterLanguage {en, LetterLanguage::Why::OwnerAbroad};
    }
    return {interfaceLang, LetterLanguage::Why::Interface};
}

QStringList Letter::kinds()
{
    QStringList k;
    for (const char *name : kindTable)
        k << QString::fromLatin1(name);
    return k;
}

std::optional<Letter> Letter::draft(const QString &kind, const LetterFacts &facts, Language lang,
        QString *error, QStringList *unfilled)
{
    if (!kinds().contains(kind)) {
        *error = QStringLiteral("unknown letter kind '%1' (one of: %2)")
                         .arg(kind, kinds().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const auto tpl = LetterTemplate::load(kind, lang);
    if (!tpl) {
        *error = QStringLiteral("no %1 letter in language '%2'").arg(kind, languageCode(lang));
        return std::nullopt;
    }
    // A recipient's admin sees only the refusals of mail to that recipient's domain, never what
    // another correspondent's server said.
    LetterFacts own = facts;
    if (kind == u"recipient-allowlist") {
        own.evidence.clear();
        for (const BounceEvidence &e : facts.evidence) {
            if (!e.recipientDomain.isEmpty()
                    && e.recipientDomain.compare(facts.recipientDomain, Qt::CaseInsensitive) == 0)
                own.evidence << e;
        }
    }
    // The text for Trend Micro is English in every language's template.
    QHash<QString, QString> values =
            valuesOf(own, kind == u"isp-dul-delist" ? Language::English : lang);
    if (kind == u"isp-static-rdns") {
        // What the ISP forwards to Trend Micro, in English whatever the letter's language.
        QHash<QString, QString> dul = valuesOf(facts, Language::English);
        dul.insert(QStringLiteral("for_customer"), QString());
        const auto dulTpl =
                LetterTemplate::load(QStringLiteral("isp-dul-delist"), Language::English);
        values.insert(QStringLiteral("appendix_dul"),
                QStringLiteral("Subject: ") + dulTpl->subject(dul, unfilled)
                        + QStringLiteral("\n\n") + dulTpl->body(dul, unfilled).trimmed());
    }
    Letter l;
    l.kind = kind;
    l.lang = lang;
    // The DUL text goes to the ISP, which sends it on: Trend Micro ignores it from anyone else,
    // so it is never addressed for the admin to send. A Chinese ISP takes a PTR request through
    // the account manager, not the WHOIS abuse mailbox, so that letter has no address either.
    const bool noAddress = kind == u"isp-dul-delist"
            || (kind == u"isp-static-rdns" && lang == Language::SimplifiedChinese);
    // The allowlist letter is for the refusing domain's admin, never the ISP's contact.
    const QString reader = kind == u"recipient-allowlist"
            ? (facts.recipientAdmin.isEmpty() ? facts.recipientPostmaster() : facts.recipientAdmin)
            : facts.to;
    l.to = noAddress ? QString() : reader;
    l.fromEmail = facts.fromEmail;
    l.fromName = facts.fromName;
    l.subject = tpl->subject(values, unfilled);
    QString body = tpl->body(values, unfilled);
    // Sections that were left out leave runs of blank lines; one is enough.
    while (body.contains(QStringLiteral("\n\n\n")))
        body.replace(QStringLiteral("\n\n\n"), QStringLiteral("\n\n"));
    l.body = body.trimmed() + u'\n';
    return l;
}

QJsonObject Letter::toJson() const
{
    return {{QStringLiteral("kind"), kind}, {QStringLiteral("lang"), languageCode(lang)},
            {QStringLiteral("to"), JsonDocument::orNull(to)}, {QStringLiteral("subject"), subject},
            {QStringLiteral("body"), body},
            {QStringLiteral("mailto"), JsonDocument::orNull(mailtoUrl())}};
}

QString Letter::toText() const
{
    QString out;
    if (!to.isEmpty())
        out += QStringLiteral("To: ") + to + u'\n';
    out += QStringLiteral("Subject: ") + subject + QStringLiteral("\n\n");
    return out + body;
}

bool isPlausibleMailAddress(const QString &s)
{
    // \A and \z: PCRE's $ would also match before a final newline, which ends a header block.
    static const QRegularExpression re(
            QStringLiteral(R"(\A[^\s@<>,;"()\[\]\\]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\z)"));
    return controlCharacterAt(s) < 0 && re.match(s).hasMatch();
}

qsizetype controlCharacterAt(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
            return i;
    }
    return -1;
}

std::optional<Letter::HeaderProblem> Letter::headerProblem() const
{
    const struct
    {
        HeaderField field;
        const QString &value;
        bool address;
    } headers[] = {{HeaderField::FromName, fromName, false},
            {HeaderField::FromEmail, fromEmail, true}, {HeaderField::To, to, true},
            {HeaderField::Subject, subject, false}};
    for (const auto &h : headers) {
        if (const qsizetype at = controlCharacterAt(h.value); at >= 0)
            return HeaderProblem {h.field,
                    QStringLiteral("a control character (U+%1) cannot go into a mail header")
                            .arg(QString::number(h.value.at(at).unicode(), 16)
                                            .toUpper()
                                            .rightJustified(4, u'0'))};
        if (h.address && !h.value.isEmpty() && !isPlausibleMailAddress(h.value))
            return HeaderProblem {
                    h.field, QStringLiteral("'%1' is not a mail address").arg(h.value)};
    }
    return std::nullopt;
}

namespace {

QString withoutControlCharacters(QString s)
{
    for (qsizetype at; (at = controlCharacterAt(s)) >= 0;)
        s[at] = u' ';
    return s;
}

} // namespace

QByteArray encodeHeaderWords(const QString &unsafe)
{
    const QString text = withoutControlCharacters(unsafe);
    if (isAscii(text)) {
        // Folded at spaces so no line passes 78 characters after "Subject: " (RFC 5322 §2.1.1).
        QByteArray out;
        int width = 9;
        for (const QString &word : text.split(u' ')) {
            if (!out.isEmpty()) {
                if (width + 1 + word.size() > 78) {
                    out += "\r\n";
                    width = 0;
                }
                out += ' ';
                ++width;
            }
            out += word.toLatin1();
            width += int(word.size());
        }
        return out;
    }
    // Encoded-words of at most 75 characters, never splitting a UTF-8 sequence (RFC 2047 §5).
    QByteArray out;
    QString chunk;
    const auto flush = [&] {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=";
        chunk.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        QString next = text.at(i);
        if (text.at(i).isHighSurrogate() && i + 1 < text.size())
            next += text.at(++i);
        // 39 bytes → 52 base64 characters + 12 of markup: fits after "Subject: " in 78.
        if ((chunk + next).toUtf8().size() > 39)
            flush();
        chunk += next;
    }
    flush();
    return out;
}

QByteArray quotedPrintable(const QByteArray &utf8)
{
    QByteArray out;
    const QList<QByteArray> lines = utf8.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QByteArray line = lines.at(n);
        if (line.endsWith('\r'))
            line.chop(1);
        int width = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const uchar c = uchar(line.at(i));
            const bool last = i == line.size() - 1;
            QByteArray piece;
            if ((c >= 33 && c <= 126 && c != '=') || (c == ' ' && !last))
                piece = QByteArray(1, char(c));
            else
                piece = '=' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
            if (width + piece.size() > 75) {
                out += "=\r\n";
                width = 0;
            }
            out += piece;
            width += int(piece.size());
        }
        if (n + 1 < lines.size())
            out += "\r\n";
    }
    return out;
}

QByteArray Letter::toEml(const QDateTime &date) const
{
    const auto mailbox = [](const QString &name, const QString &unsafeAddress) -> QByteArray {
        const QString address = withoutControlCharacters(unsafeAddress);
        if (name.isEmpty())
            return address.toUtf8();
        QByteArray display = isAscii(name) ? '"'
                        + withoutControlCharacters(name)
                                  .toLatin1()
                                  .replace('\\', "\\\\")
                                  .replace('"', "\\\"")
                        + '"'
                                           : encodeHeaderWords(name);
        return display + " <" + address.toUtf8() + '>';
    };
    QByteArray eml;
    if (!fromEmail.isEmpty())
        eml += "From: " + mailbox(fromName, fromEmail) + "\r\n";
    if (!to.isEmpty())
        eml += "To: " + withoutControlCharacters(to).toUtf8() + "\r\n";
    eml += "Subject: " + encodeHeaderWords(subject) + "\r\n";
    const int offset = date.offsetFromUtc() / 60;
    eml += "Date: "
            + QLocale::c().toString(date, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toLatin1()
            + ' ' + (offset < 0 ? '-' : '+')
            + QByteArray::number(std::abs(offset) / 60 * 100 + std::abs(offset) % 60)
                      .rightJustified(4, '0')
            + "\r\n";
    const QString host = fromEmail.contains(u'@')
            ? withoutControlCharacters(fromEmail).section(u'@', 1)
            : QStringLiteral("bounce-doctor.invalid");
    eml += "Message-ID: <" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1() + '@'
            + host.toLatin1() + ">\r\n";
    eml += "MIME-Version: 1.0\r\n";
    eml += "Content-Type: text/plain; charset=UTF-8\r\n";
    eml += "Content-Transfer-Encoding: quoted-printable\r\n";
    eml += "Content-Language: " + languageTag(lang).toLatin1() + "\r\n";
    eml += "X-Unsent: 1\r\n";
    eml += "X-Mailer: Bounce Doctor " + QByteArray(AppInfo::version) + "\r\n";
    eml += "\r\n";
    eml += quotedPrintable(body.toUtf8());
    if (!eml.endsWith("\r\n"))
        eml += "\r\n";
    return eml;
}

QString Letter::mailtoUrl(int maxLength) const
{
    const auto enc = [](const QString &s) {
        QString t = s;
        t.replace(u'\n', QStringLiteral("\r\n"));
        return QString::fromLatin1(QUrl::toPercentEncoding(t));
    };
    const QString url = QStringLiteral("mailto:") + enc(to) + QStringLiteral("?subject=")
            + enc(subject) + QStringLiteral("&body=") + enc(body);
    return url.size() > maxLength ? QString() : url;
}

} // namespace bd
