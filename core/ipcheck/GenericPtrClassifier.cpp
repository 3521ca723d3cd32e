// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipcheck/GenericPtrClassifier.h"

#include "util/BuiltInData.h"
#include "util/DomainName.h"
#include "util/JsonDocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace bd {
namespace {

// Patterns are matched against lower-cased names.
QStringList strings(const QJsonValue &v)
{
    QStringList out = JsonDocument::strings(v);
    for (QString &s : out)
        s = s.toLower();
    return out;
}

// Host-part words: split at punctuation and where letters meet digits ("dsl123" -> dsl, 123).
QStringList tokens(const QString &host)
{
    QStringList out;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty())
            out << current;
        current.clear();
    };
    for (const QChar c : host) {
        if (c == u'.' || c == u'-' || c == u'_') {
            flush();
            continue;
        }
        if (!current.isEmpty() && current.back().isDigit() != c.isDigit())
            flush();
        current += c;
    }
    flush();
    return out;
}

QString octetPattern(int octet)
{
    return QStringLiteral("0{0,2}%1").arg(octet);
}

} // namespace

QJsonObject GenericPtrClassifier::Result::toJson() const
{
    QJsonObject o;
    o.insert(u"verdict", verdictName(verdict));
    o.insert(u"reasons", QJsonArray::fromStringList(reasons));
    return o;
}

QString GenericPtrClassifier::verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Generic:
        return QStringLiteral("generic");
    case Verdict::Specific:
        return QStringLiteral("specific");
    case Verdict::None:
        break;
    }
    return QStringLiteral("none");
}

const GenericPtrClassifier &GenericPtrClassifier::builtIn()
{
    static const GenericPtrClassifier classifier = [] {
        QString error;
        GenericPtrClassifier c = fromJson(builtInData(QStringLiteral(":/data/rdns.json")), &error);
        if (!error.isEmpty())
            qFatal("Bounce Doctor: rdns.json is broken: %s", qPrintable(error));
        return c;
    }();
    return classifier;
}

GenericPtrClassifier GenericPtrClassifier::fromJson(const QByteArray &json, QString *error)
{
    GenericPtrClassifier c;
    error->clear();
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(json, &pe).object();
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 at %2").arg(pe.errorString()).arg(pe.offset);
        return c;
    }
    for (const QString &t : strings(o.value(u"dynamic_tokens")))
        c.m_dynamicTokens.insert(t);
    for (const QString &t : strings(o.value(u"server_tokens")))
        c.m_serverTokens.insert(t);
    c.m_serverPrefixes = strings(o.value(u"server_prefixes"));
    c.m_providerSuffixes = strings(o.value(u"provider_suffixes"));
    c.m_twoLevelSuffixes = twoLevelSuffixes(o);
    for (const QString &t : strings(o.value(u"equipment_tokens")))
        c.m_equipmentTokens.insert(t);
    for (const QString &t : strings(o.value(u"placeholder_tokens")))
        c.m_placeholderTokens.insert(t);
    for (const QString &t : strings(o.value(u"weak_tokens")))
        c.m_weakTokens.insert(t);
    for (const QString &p : strings(o.value(u"pool_shapes"))) {
        const QRegularExpression re(p);
        if (!re.isValid()) {
            *error = QStringLiteral("bad pool shape %1").arg(p);
            return c;
        }
        c.m_poolShapes << re;
    }
    c.m_poolDomainWords = strings(o.value(u"pool_domain_words"));
    c.m_endUserDomains = strings(o.value(u"end_user_domains"));
    c.m_reasons = o.value(u"reasons").toObject();
    if (c.m_dynamicTokens.isEmpty() || c.m_reasons.isEmpty())
        *error = QStringLiteral("dynamic_tokens and reasons are required");
    return c;
}

QString GenericPtrClassifier::reason(
        const QString &key, Language lang, const QString &field, const QString &value) const
{
    const QJsonObject r = m_reasons.value(key).toObject();
    QString text = r.value(languageCode(lang)).toString();
    if (text.isEmpty())
        text = r.value(languageCode(Language::English)).toString();
    if (!field.isEmpty())
        text.replace(u'{' + field + u'}', value);
    return text;
}

QString GenericPtrClassifier::hostPart(const QString &name) const
{
    QStringList labels = name.toLower().split(u'.', Qt::SkipEmptyParts);
    if (labels.size() <= 2)
        return labels.value(0);
    labels.resize(
            qMax<qsizetype>(1, labels.size() - registrableLabelCount(labels, m_twoLevelSuffixes)));
    return labels.join(u'.');
}

QString GenericPtrClassifier::embeddedIp(
        const QString &rawName, const QHostAddress &ip, bool *partial)
{
    if (partial)
        *partial = false;
    const QString name = rawName.toLower();
    if (ip.protocol() == QAbstractSocket::IPv6Protocol) {
        // Synthesised IPv6 names carry the /64 (or more) as hex, with or without separators.
        const Q_IPV6ADDR a = ip.toIPv6Address();
        QString hex;
        for (int i = 0; i < 16; ++i)
            hex += QStringLiteral("%1").arg(a[i], 2, 16, QLatin1Char('0'));
        QString compact = name;
        compact.remove(u'-').remove(u'.').remove(u':');
        QString reversed;
        for (qsizetype i = hex.size() - 1; i >= 0; --i)
            reversed += hex[i];
        if (compact.contains(hex.left(12)))
            return hex.left(12) + QStringLiteral("…");
        if (compact.contains(reversed.left(16)))
            return reversed.left(16) + QStringLiteral("…");
        return {};
    }
    bool ok = false;
    const quint32 v = ip.toIPv4Address(&ok);
    if (!ok)
        return {};
    const int o[4] = {int(v >> 24), int((v >> 16) & 0xFF), int((v >> 8) & 0xFF), int(v & 0xFF)};
    const QString sep = QStringLiteral("[-._x]");
    auto tryPattern = [&](const QList<int> &octets) -> QString {
        QStringList parts;
        for (int x : octets)
            parts << octetPattern(x);
        const QRegularExpression re(QStringLiteral("(?<![0-9])(%1)(?![0-9])").arg(parts.join(sep)));
        const QRegularExpressionMatch m = re.match(name);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    for (const QList<int> &order :
            {QList<int> {o[0], o[1], o[2], o[3]}, QList<int> {o[3], o[2], o[1], o[0]}}) {
        QString found = tryPattern(order);
        if (!found.isEmpty())
            return found;
    }
    QString padded = QStringLiteral("%1%2%3%4")
                             .arg(o[0], 3, 10, QLatin1Char('0'))
                             .arg(o[1], 3, 10, QLatin1Char('0'))
                             .arg(o[2], 3, 10, QLatin1Char('0'))
                             .arg(o[3], 3, 10, QLatin1Char('0'));
    if (name.contains(padded))
        return padded;
    QString hex = QStringLiteral("%1").arg(v, 8, 16, QLatin1Char('0'));
    if (name.contains(hex))
        return hex;
    QString shortHex = QString::number(o[0], 16) + QString::number(o[1], 16)
            + QString::number(o[2], 16) + QString::number(o[3], 16);
    if (shortHex.size() >= 6 && name.contains(shortHex))
        return shortHex;
    QString plain = QString::number(o[0]) + QString::number(o[1]) + QString::number(o[2])
            + QString::number(o[3]);
    if (plain.size() >= 8) {
        const QRegularExpression re(QStringLiteral("(?<![0-9])%1(?![0-9])").arg(plain));
        if (re.match(name).hasMatch())
            return plain;
    }
    if (name.contains(QString::number(v)))
        return QString::number(v);
    // Three of the four octets, in either order ("red-80-35-201", "ip-1-2-3").
    for (const QList<int> &order : {QList<int> {o[0], o[1], o[2]}, QList<int> {o[1], o[2], o[3]},
                 QList<int> {o[3], o[2], o[1]}, QList<int> {o[2], o[1], o[0]}}) {
        QString found = tryPattern(order);
        if (!found.isEmpty()) {
            if (partial)
                *partial = true;
            return found;
        }
    }
    // Older cable and dial-up schemes keep two octets as numbers of the first label, apart
    // ("r88m211.cybercable.tm.fr" for x.x.88.211, "ol86-47.fibertel.com.ar" for x.x.47.86 in
    // reverse-lookup order) or run together ("l8249.interbusiness.it" for 82.49.x.x), or end
    // an equipment code with the last octet after a dash ("fl-edel-u2-c3c-233.pbc.adelphia.net",
    // "empr2-196.menta.net") or padded to three digits ("h-airlock084.esatclear.ie" for
    // x.x.x.84; farms count their first machines 001 to 009, so "aggw006" for x.x.x.6 is not
    // one). A bare number at the end ("rly116", "web05") is how server farms count hosts.
    const QString first = name.section(u'.', 0, 0);
    static const QRegularExpression number(QStringLiteral("[0-9]+"));
    QList<int> numbers;
    QStringList texts;
    for (auto it = number.globalMatch(first); it.hasNext();) {
        const QString t = it.next().captured(0);
        texts << t;
        numbers << (t.size() <= 3 ? t.toInt() : -1);
    }
    QString found;
    for (qsizetype i = 0; i + 1 < numbers.size() && found.isEmpty(); ++i) {
        if ((numbers[i] == o[2] && numbers[i + 1] == o[3])
                || (numbers[i] == o[3] && numbers[i + 1] == o[2])
                || (numbers[i] == o[0] && numbers[i + 1] == o[1]))
            found = texts[i] + u'…' + texts[i + 1];
    }
    for (const QString &t : std::as_const(texts)) {
        if (found.isEmpty() && t.size() >= 4
                && (t == QString::number(o[0]) + QString::number(o[1])
                        || t == QString::number(o[2]) + QString::number(o[3])))
            found = t;
    }
    // A first label that is only the last octet ("21.zw.pl" for x.x.x.21), as in SpamAssassin's
    // __RDNS_DYNAMIC_SPLIT_IP, which starts a dynamic name with a bare number.
    if (found.isEmpty() && first == QString::number(o[3]))
        found = first;
    const QStringList parts = first.split(u'-');
    const QString paddedLast = QStringLiteral("%1").arg(o[3], 3, 10, QLatin1Char('0'));
    if (found.isEmpty()
            && ((parts.size() >= 2 && parts.last() == QString::number(o[3]))
                    || (o[3] >= 10 && o[3] < 100 && first.size() > 3 && first.endsWith(paddedLast)
                            && !first.at(first.size() - 4).isDigit())))
        found = first;
    // The last octet, two digits or more, in front of an equipment or hub code
    // ("13stb81.codetel.net.do", "69-dzi-2.acn.waw.pl", "055m56.rivo.mediatti.net"), or after
    // one or two letters as the whole label ("qu17.opt2.point.ne.jp", "ab240.sptelek.com.pl");
    // a three-letter word and the number ("rly116") is how farms count hosts.
    static const QRegularExpression leadingNumber(QStringLiteral("^([0-9]+)-?[a-z]"));
    static const QRegularExpression lettersNumber(QStringLiteral("^[a-z]{1,2}([0-9]+)$"));
    if (found.isEmpty() && o[3] >= 10) {
        const QString lead = leadingNumber.match(first).captured(1);
        const QString tail = lettersNumber.match(first).captured(1);
        if (lead == QString::number(o[3]) || lead == paddedLast || tail == QString::number(o[3]))
            found = first;
    }
    // The last two octets across the first dot ("extreme-79.237.extremenet.ro" for x.x.79.237).
    if (found.isEmpty()) {
        const QRegularExpression acrossDot(QStringLiteral("(?<![0-9])(%1\\.%2)(?![0-9])")
                                                   .arg(octetPattern(o[2]), octetPattern(o[3])));
        const QString firstTwo = name.section(u'.', 0, 1);
        if (firstTwo != name)
            found = acrossDot.match(firstTwo).captured(1);
    }
    if (!found.isEmpty() && partial)
        *partial = true;
    return found;
}

GenericPtrClassifier::Result GenericPtrClassifier::classify(
        const QString &rawName, const QHostAddress &ip, Language lang) const
{
    Result r;
    QString name = rawName.trimmed().toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name.isEmpty()) {
        r.verdict = Verdict::None;
        r.reasons << reason(QStringLiteral("no_ptr"), lang);
        return r;
    }
    const QString host = hostPart(name);
    const QStringList words = tokens(host);
    // A weak pool word glued to a number that is not the address's last octet, as the whole
    // host part, numbers a farm's machine ("host2.btamail.net.cn", "cm10.websitewelcome.com");
    // rspamd's hfilter counts "host" and "user" only with a separator before the number.
    bool ipKnown = false;
    const quint32 v4 = ip.toIPv4Address(&ipKnown);
    const bool farmNumbered = ipKnown && words.size() == 2 && !host.contains(u'.')
            && m_weakTokens.contains(words[0]) && host == words[0] + words[1]
            && words[1].front().isDigit() && words[1].size() <= 2
            && words[1].toUInt() != (v4 & 0xFF);
    auto isPoolWord = [&](const QString &w) {
        if (farmNumbered && w == words[0])
            return false;
        // Plurals name the same pools ("box.dialups.via-net-works.ie"); not those of the weak
        // words, which name businesses ("super-hosts.com").
        if (m_dynamicTokens.contains(w))
            return true;
        const QString singular = w.chopped(1);
        return w.size() >= 5 && w.endsWith(u's') && m_dynamicTokens.contains(singular)
                && !m_weakTokens.contains(singular);
    };
    bool poolWord = false;
    for (const QString &w : words)
        poolWord = poolWord || isPoolWord(w);
    // A provider's outbound hosts, unless the name says it is a customer's pool address
    // ("o7463194126.static.reverse.sendgrid.net").
    for (const QString &suffix : m_providerSuffixes) {
        if (!poolWord && (name == suffix || name.endsWith(u'.' + suffix))) {
            r.verdict = Verdict::Specific;
            r.reasons << reason(QStringLiteral("provider"), lang, QStringLiteral("suffix"), suffix);
            return r;
        }
    }
    const QString firstLabel = host.section(u'.', 0, 0);
    QString serverWord;
    for (const QString &w : tokens(firstLabel)) {
        if (m_serverTokens.contains(w)) {
            serverWord = w;
            break;
        }
    }
    if (serverWord.isEmpty()) {
        for (const QString &p : m_serverPrefixes) {
            if (firstLabel.startsWith(p)) {
                serverWord = p;
                break;
            }
        }
    }

    bool hostDigits = false;
    for (const QChar c : host)
        hostDigits = hostDigits || c.isDigit();
    QStringList signals_;
    bool partial = false;
    const QString form = embeddedIp(name, ip, &partial);
    const bool fullIp = !form.isEmpty() && !partial;
    if (!form.isEmpty()) {
        r.embeddedForm = form;
        signals_ << reason(
                partial ? QStringLiteral("embeds_partial_ip") : QStringLiteral("embeds_ip"), lang,
                QStringLiteral("form"), form);
    }
    // Pools are numbered; a lone pool word as the whole host part names one machine
    // ("home.keithp.com", "dhcp.example.org").
    const bool loneWord = words.size() == 1 && !host.contains(u'.') && !hostDigits;
    // Access words also come glued to another ("modemcable", "bdsl", "dialpool", "pooles"),
    // counted, as the provider-domain words are, only in a numbered host part.
    auto gluedPoolWord = [&](const QString &w) {
        if (!hostDigits)
            return false;
        for (const QString &stem : m_poolDomainWords) {
            if (w.size() > stem.size() && (w.startsWith(stem) || w.endsWith(stem)))
                return true;
        }
        return false;
    };
    for (const QString &w : words) {
        if ((isPoolWord(w) && (!loneWord || m_placeholderTokens.contains(w))) || gluedPoolWord(w)) {
            signals_ << reason(QStringLiteral("dynamic_token"), lang, QStringLiteral("token"), w);
            break;
        }
    }
    // Equipment numbers a customer's port beside something else (max1-45, p76.as1); a first
    // label that is only the box's name and number (as05.bis...) names the box itself.
    for (qsizetype i = 0; i + 1 < words.size(); ++i) {
        if (m_equipmentTokens.contains(words[i]) && words[i + 1].front().isDigit()
                && firstLabel != words[i] + words[i + 1]) {
            signals_ << reason(QStringLiteral("equipment"), lang, QStringLiteral("token"),
                    words[i] + words[i + 1]);
            break;
        }
    }
    // Four octets in a row although not this address's (none known, or a stale name).
    static const QRegularExpression addressShape(QStringLiteral(
            R"((?<![0-9])((?:25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(?:[-._x](?:25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){3})(?![0-9]))"));
    if (const QRegularExpressionMatch m = addressShape.match(host); form.isEmpty() && m.hasMatch())
        signals_ << reason(
                QStringLiteral("address_shaped"), lang, QStringLiteral("form"), m.captured(1));
    for (const QRegularExpression &re : m_poolShapes) {
        if (form.isEmpty() && re.match(firstLabel).hasMatch()) {
            signals_ << reason(
                    QStringLiteral("pool_shape"), lang, QStringLiteral("label"), firstLabel);
            break;
        }
    }
    const QString domain = name.mid(host.size()).section(u'.', 1, 1);
    for (const QString &w : m_poolDomainWords) {
        if (hostDigits && host != name && domain.contains(w)) {
            signals_ << reason(QStringLiteral("pool_domain"), lang, QStringLiteral("word"), w);
            break;
        }
    }
    for (const QString &suffix : m_endUserDomains) {
        if (name.endsWith(u'.' + suffix)) {
            signals_ << reason(
                    QStringLiteral("end_user_domain"), lang, QStringLiteral("suffix"), suffix);
            break;
        }
    }
    // A mail role in a label after the first ("66-220-155-151.mail-mail.facebook.com"): the
    // address was put in front of a mail server's name, not a pool's.
    QString roleWord;
    const QStringList hostLabels = host.split(u'.');
    for (qsizetype i = 1; i < hostLabels.size() && roleWord.isEmpty(); ++i) {
        for (const QString &w : tokens(hostLabels[i])) {
            if (m_serverTokens.contains(w)) {
                roleWord = w;
                break;
            }
        }
    }
    if (poolWord)
        roleWord.clear();
    qsizetype digits = 0;
    for (const QChar c : host)
        digits += c.isDigit() ? 1 : 0;
    if (form.isEmpty() && digits >= 6 && digits * 5 >= host.size() * 2)
        signals_ << reason(QStringLiteral("mostly_digits"), lang, QStringLiteral("digits"),
                QString::number(digits));

    // A name that carries the whole address was made by a machine, whatever else it says;
    // otherwise a server word in front outweighs pool words further right ("mail.static.isp").
    if (roleWord.isEmpty() && (fullIp || (!signals_.isEmpty() && serverWord.isEmpty()))) {
        r.verdict = Verdict::Generic;
        r.reasons = signals_;
        if (serverWord.isEmpty())
            r.reasons << reason(QStringLiteral("no_server_word"), lang);
        return r;
    }
    r.verdict = Verdict::Specific;
    if (serverWord.isEmpty() && !roleWord.isEmpty()) {
        r.reasons << reason(
                QStringLiteral("mail_role_label"), lang, QStringLiteral("token"), roleWord);
        return r;
    }
    r.reasons << (serverWord.isEmpty() ? reason(QStringLiteral("plain_name"), lang)
                                       : reason(QStringLiteral("server_word"), lang,
                                               QStringLiteral("token"), serverWord));
    return r;
}

QStringList GenericPtrClassifier::genericReasons(
        const QString &ptrName, const QString &ip, Language lang) const
{
    const QHostAddress address(ip);
    if (ptrName.isEmpty() || address.isNull())
        return {};
    const Result r = classify(ptrName, address, lang);
    return r.verdict == Verdict::Generic ? r.reasons : QStringList();
}

} // namespace bd
