// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceReader.h"

#include "bounce/BounceTextScanner.h"
#include "bounce/DeliveryStatus.h"
#include "mail/MboxReader.h"
#include "mail/MimeParser.h"
#include "util/Regex.h"
#include "util/TextDecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVarLengthArray>

#include <array>

namespace bd {
namespace {

// The parts of a message that matter for reading a bounce. A message has a few of each: kept
// on the stack, the lists cost no allocation.
struct BounceParts
{
    using Parts = QVarLengthArray<const MimePart *, 8>;
    Parts texts; // human-readable, in order
    Parts htmls;
    Parts deliveryStatus;
    // Returned or forwarded messages: their message/rfc822 parts, whose enclosed message is
    // parsed only if it is read (MimePart::enclosedMessage()).
    Parts enclosed;
    bool feedbackReport = false;
    bool deliveryReport = false; // multipart/report; report-type=delivery-status
    bool truncated = false;
};

void collect(const MimePart &part, BounceParts &parts, bool insideOriginal)
{
    parts.truncated = parts.truncated || part.truncated;
    // A view: compared with a literal, a QByteArray measures it and compares the bytes even
    // when the sizes differ, as they nearly always do here.
    const QByteArrayView type = part.mimeType;
    if (type == "multipart/report") {
        const QByteArray reportType = part.contentTypeParam("report-type").toLower();
        if (reportType == "feedback-report")
            parts.feedbackReport = true;
        if (reportType.contains("delivery-status"))
            parts.deliveryReport = true;
    }
    if (type == "message/feedback-report")
        parts.feedbackReport = true;
    if (type == "message/delivery-status" || type == "message/global-delivery-status") {
        if (!insideOriginal)
            parts.deliveryStatus.append(&part);
        return;
    }
    if (part.isMessage() || type == "text/rfc822-headers" || type == "message/rfc822-headers") {
        // The returned original: its words are the sender's, not the receiver's.
        if (part.isMessage())
            parts.enclosed.append(&part);
        return;
    }
    if (!part.children.isEmpty()) {
        for (const MimePart &child : part.children)
            collect(child, parts, insideOriginal);
        return;
    }
    QByteArray scratch;
    const QByteArrayView disposition = part.header("content-disposition", scratch);
    if (disposition.size() >= 10
            && disposition.first(10).compare("attachment", Qt::CaseInsensitive) == 0
            && !type.startsWith("text/plain"))
        return;
    if (type == "text/plain" || type == "text/enriched" || type == "text")
        parts.texts.append(&part);
    else if (type == "text/html")
        parts.htmls.append(&part);
}

bool looksLikeAutoReply(
        const BounceKnowledge &knowledge, const MimePart &root, const QString &subject)
{
    const QByteArray autoSubmitted = root.header("auto-submitted").toLower();
    if (autoSubmitted.startsWith("auto-replied"))
        return true;
    if (!root.header("x-autoreply").isEmpty() || !root.header("x-autorespond").isEmpty())
        return true;
    if (root.header("precedence").toLower().contains("auto_reply"))
        return true;
    return knowledge.subjectSaysAutoReply(subject);
}

QString remoteFromMta(const QString &remoteMta, QString *ip)
{
    // Read as ^\s*([^\s\[\]]*)\s*(?:\[([^\]]+)\])? reads it, which always matches: a regex
    // cost more to call than this reading takes.
    const QStringView text = remoteMta;
    qsizetype i = 0;
    while (i < text.size() && isRegexSpace(text[i]))
        ++i;
    const qsizetype hostStart = i;
    while (i < text.size() && !isRegexSpace(text[i]) && text[i] != u'[' && text[i] != u']')
        ++i;
    QString host = text.sliced(hostStart, i - hostStart).toString();
    while (i < text.size() && isRegexSpace(text[i]))
        ++i;
    if (ip) {
        ip->clear();
        if (i < text.size() && text[i] == u'[') {
            const qsizetype close = text.indexOf(u']', i + 1);
            if (close > i + 1)
                *ip = text.sliced(i + 1, close - i - 1).toString();
        }
    }
    if (host.endsWith(u'.'))
        host.chop(1);
    // Some MTAs write only the address: "dns; 192.0.2.1".
    if (ip && ip->isEmpty() && !host.isEmpty() && host.front().isDigit() && host.count(u'.') == 3) {
        *ip = host;
        host.clear();
    }
    return host;
}

QString reportingMtaFromText(QStringView text)
{
    // One regex per phrase that may lead to the name, not one alternation of them: the
    // caseless alternation was tried at every "m", "t" and "r" of the text, and the three
    // single phrases together cost about half as much (callgrind, Sisimai corpus). A match
    // starts with one phrase, and no two start with the same letter, so the first match of the
    // alternation is the earliest of theirs.
    static const std::array<Regex, 3> phrases = [] {
        const auto phrase = [](const char *words) {
            return Regex(QLatin1StringView(words)
                            + QStringLiteral(R"(\s*([A-Za-z0-9][A-Za-z0-9.-]+[A-Za-z0-9]))"),
                    QRegularExpression::CaseInsensitiveOption);
        };
        return std::array<Regex, 3> {phrase("mail system at host"),
                phrase("this message was created automatically by mail delivery software on"),
                phrase(R"(reporting-mta:\s*dns;)")};
    }();
    const QStringView head = text.first(qMin<qsizetype>(text.size(), 4000));
    const ValidatedText validated(head); // checked for surrogates once, not once per phrase
    RegexMatch first;
    for (const Regex &re : phrases) {
        const RegexMatch m = re.match(head);
        if (m.hasMatch() && (!first.hasMatch() || m.capturedStart() < first.capturedStart()))
            first = m;
    }
    return first.hasMatch() ? first.captured(1) : QString();
}

// Whether two addresses differ only in case, as QString::compare(Qt::CaseInsensitive) tells.
// Two ASCII ones, nearly all, are compared here: its Unicode case folding costs several times
// as much, and folds ASCII letters as this does.
bool sameButForCase(QStringView a, QStringView b)
{
    if (!QtPrivate::isAscii(a) || !QtPrivate::isAscii(b))
        return a.compare(b, Qt::CaseInsensitive) == 0;
    if (a.size() != b.size())
        return false;
    const auto lower = [](char16_t c) { return c >= 'A' && c <= 'Z' ? char16_t(c + 32) : c; };
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (lower(a[i].unicode()) != lower(b[i].unicode()))
            return false;
    }
    return true;
}

// A more precise enhanced status inside the diagnostic beats a DSN's generic "5.0.0".
QString preciseStatus(const QString &dsnStatus, const QString &diagnostic)
{
    // The diagnostic is searched only when its status could be used.
    if (dsnStatus.isEmpty())
        return BounceClassifier::statusIn(diagnostic);
    if (!dsnStatus.endsWith(u".0.0"))
        return dsnStatus;
    QString inText = BounceClassifier::statusIn(diagnostic);
    if (!inText.isEmpty() && inText.front() == dsnStatus.front())
        return inText;
    return dsnStatus;
}

// Amazon SES delivers bounces as JSON notifications (SNS) instead of DSNs.
bool readSesNotification(QStringView text, MessageReport &report, QList<RecipientReport> &out)
{
    const QStringView trimmed = text.trimmed();
    if (!trimmed.startsWith(u'{')
            || (!trimmed.contains(u"notificationType") && !trimmed.contains(u"eventType")))
        return false;
    const QJsonObject root = QJsonDocument::fromJson(trimmed.toUtf8()).object();
    QString type = root.value(u"notificationType").toString();
    if (type.isEmpty())
        type = root.value(u"eventType").toString();
    if (type.isEmpty())
        return false;
    if (type != u"Bounce") {
        report.note =
                QStringLiteral("an Amazon SES %1 notification, not a bounce").arg(type.toLower());
        return true;
    }
    const QJsonObject bounce = root.value(u"bounce").toObject();
    report.reportingMta = bounce.value(u"reportingMTA").toString().section(u';', -1).trimmed();
    const bool transient = bounce.value(u"bounceType").toString() == u"Transient";
    for (const QJsonValue &v : bounce.value(u"bouncedRecipients").toArray()) {
        const QJsonObject o = v.toObject();
        RecipientReport r;
        r.recipient = o.value(u"emailAddress").toString();
        r.action = o.value(u"action").toString(
                transient ? QStringLiteral("delayed") : QStringLiteral("failed"));
        r.diagnostic = o.value(u"diagnosticCode").toString().section(u';', 1).trimmed();
        if (r.diagnostic.isEmpty())
            r.diagnostic = o.value(u"diagnosticCode").toString();
        r.status = preciseStatus(o.value(u"status").toString(), r.diagnostic);
        out << r;
    }
    return true;
}

// Sendmail names the reason in the subject: "Returned mail: User unknown".
QString subjectReason(const QString &subject)
{
    static const Regex re(
            QStringLiteral(
                    R"(^(?:returned mail|undeliverable mail|mail delivery failed)\s*:\s*(.+)$)"),
            QRegularExpression::CaseInsensitiveOption);
    const RegexMatch m = re.match(subject);
    if (!m.hasMatch())
        return {};
    QString reason = m.captured(1).trimmed();
    if (reason.contains(u"see transcript", Qt::CaseInsensitive)
            || reason.contains(u"returning message", Qt::CaseInsensitive))
        return {};
    return reason;
}

// Notes are sentences; a report may carry several, the reason it is not a bounce first.
void addNote(MessageReport &report, const QString &note)
{
    report.note = report.note.isEmpty() ? note : report.note + QStringLiteral("; ") + note;
}

QString linesCutNote()
{
    return QStringLiteral(
            "the text was cut after %1 lines; the refusal may be in the part not read")
            .arg(BounceTextScanner::maxLines);
}

// An SMTP reply ("550 ...", "5.7.1 ...") rather than words gathered from around an address.
bool looksLikeReply(QStringView diagnostic)
{
    static const Regex re(QStringLiteral(
            R"(^\s*[45]\d\d(?:[\s-]|$)|(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?![\d.]*\d))"));
    return re.match(diagnostic).hasMatch();
}

// In a text cut at BounceTextScanner::maxLines, words that are not an SMTP reply may be
// whatever stood before the cut (filler, a pasted Subject line), so they are not taken for the
// refusal: a named recipient stays, without a reason; an unnamed guess goes.
QList<TextFinding> withoutGuesses(QList<TextFinding> findings)
{
    QList<TextFinding> kept;
    for (TextFinding &f : findings) {
        if (!looksLikeReply(f.diagnostic)) {
            if (f.recipient.isEmpty())
                continue;
            f.diagnostic.clear();
            f.evidence.clear();
        }
        kept << std::move(f);
    }
    return kept;
}

} // namespace

BounceReader::BounceReader(Language lang, const BounceKnowledge &knowledge)
    : m_knowledge(knowledge)
    , m_classifier(knowledge, lang)
{
}

MessageReport BounceReader::readText(const QString &source, const QString &pastedText) const
{
    return read(MailItem {source, pastedText.toUtf8(), false});
}

void BounceReader::addFindings(
        MessageReport &report, const QList<TextFinding> &findings, bool textWasCut) const
{
    for (const TextFinding &f : findings) {
        // A cut text keeps a named recipient whose refusal was not read (category other), and
        // its Subject does not stand in for that refusal.
        if (f.diagnostic.isEmpty() && (!textWasCut || f.recipient.isEmpty()))
            continue;
        RecipientReport r;
        r.recipient = f.recipient;
        r.remoteHost = f.remoteHost;
        r.remoteIp = f.remoteIp;
        r.smtpCommand = f.smtpCommand;
        r.diagnostic = f.diagnostic;
        r.evidence = f.evidence;
        r.action = f.action;
        r.status = preciseStatus(f.status, f.diagnostic);
        classifyRecipient(r, textWasCut ? QString() : report.subject);
        report.recipients << r;
    }
}

void BounceReader::classifyRecipient(RecipientReport &r, const QString &subject) const
{
    m_classifier.classify(r);
    // The subject is read only when the diagnostic named no category.
    if (r.category != BounceCategory::Other)
        return;
    const QString reason = subjectReason(subject);
    if (reason.isEmpty())
        return;
    RecipientReport bySubject = r;
    bySubject.diagnostic = reason;
    bySubject.evidence.clear();
    m_classifier.classify(bySubject);
    if (bySubject.category != BounceCategory::Other) {
        r.category = bySubject.category;
        r.listing = bySubject.listing;
        r.listingName = bySubject.listingName;
        r.explanation = bySubject.explanation;
        r.evidence << QStringLiteral("Subject: ") + subject;
        r.matchedBy = QStringLiteral("subject");
    }
}

MessageReport BounceReader::read(const MailItem &item) const
{
    const MimePart root = MimeParser::parse(item.data, MimeParser::EnclosedMessages::WhenAsked);
    QStringList cuts;
    if (item.truncated)
        cuts << QStringLiteral("the message was cut at %1 MiB; the refusal may be in the part not "
                               "read")
                        .arg(MboxReader::maxMessageSize >> 20);
    MessageReport report = readPart(root, item, 0, cuts);
    report.truncated = report.truncated || !cuts.isEmpty();
    for (const QString &cut : std::as_const(cuts))
        addNote(report, cut);
    return report;
}

MessageReport BounceReader::readPart(
        const MimePart &root, const MailItem &item, int depth, QStringList &cuts) const
{
    MessageReport report;
    report.source = item.source;

    if (root.headers.isEmpty()) {
        // A paste: no envelope to judge by, so the words decide.
        const QString text = TextDecoder::decode(root.body, {});
        bool cut = false;
        QStringView ownText;
        QList<TextFinding> findings = BounceTextScanner::scan(text, &cut, true, false, &ownText);
        if (cut) {
            cuts << linesCutNote();
            findings = withoutGuesses(std::move(findings));
        }
        addFindings(report, findings, cut);
        // Words with no reply code, no status and no refusal the knowledge knows are prose,
        // not a refusal: a paste is a bounce only by what it says.
        report.recipients.removeIf([](const RecipientReport &r) {
            return r.matchedBy == u"none" && !r.replyCode && r.status.isEmpty();
        });
        report.mentions = m_classifier.findMentions(ownText);
        report.reportingMta = reportingMtaFromText(text);
        report.isBounce = !report.recipients.isEmpty() || !report.mentions.isEmpty();
        if (!report.isBounce)
            report.note = QStringLiteral("no refusal found in this text");
        return report;
    }

    report.subject = root.decodedHeader("subject");
    report.from = root.decodedHeader("from");
    report.date = root.decodedHeader("date");

    BounceParts parts;
    collect(root, parts, false);
    report.truncated = report.truncated || parts.truncated;
    if (parts.truncated)
        cuts << QStringLiteral("MIME parts nested deeper than %1 levels or past the first %2 "
                               "were not read")
                        .arg(MimeParser::maxDepth)
                        .arg(MimeParser::maxParts);
    if (parts.feedbackReport) {
        report.note = QStringLiteral("a feedback (complaint) report, not a bounce");
        return report;
    }

    QString text;
    constexpr qsizetype maxTextParts = qsizetype {512} * 1024;
    for (const MimePart *p : std::as_const(parts.texts)) {
        if (text.size() > maxTextParts) {
            cuts << QStringLiteral("text parts past the first %1 KiB of text were not read")
                            .arg(maxTextParts >> 10);
            break;
        }
        text += p->text();
        text += u'\n';
    }
    if (QStringView(text).trimmed().isEmpty()) { // a view: trimming the text copied it whole
        for (const MimePart *p : std::as_const(parts.htmls))
            text += p->text() + u'\n';
    }

    DeliveryStatus dsn;
    for (const MimePart *p : std::as_const(parts.deliveryStatus)) {
        QByteArray scratch;
        const DeliveryStatus one = DeliveryStatus::parse(p->decodedBody(scratch));
        if (dsn.reportingMta.isEmpty())
            dsn.reportingMta = one.reportingMta;
        dsn.recipients += one.recipients;
        dsn.recipientsNotRead += one.recipientsNotRead;
    }
    if (dsn.recipientsNotRead > 0)
        cuts << QStringLiteral("only the first %1 of %2 recipients in the delivery status were "
                               "read")
                        .arg(dsn.recipients.size())
                        .arg(dsn.recipients.size() + dsn.recipientsNotRead);
    report.reportingMta =
            dsn.reportingMta.isEmpty() ? reportingMtaFromText(text) : dsn.reportingMta;
    if (const qsizetype semi = report.reportingMta.indexOf(u';'); semi >= 0)
        report.reportingMta = report.reportingMta.sliced(semi + 1).trimmed();

    const bool envelopeSaysBounce = m_knowledge.envelopeSaysBounce(report.from, report.subject);
    if (dsn.recipients.isEmpty() && !parts.deliveryReport && !envelopeSaysBounce
            && looksLikeAutoReply(m_knowledge, root, report.subject)) {
        report.note = QStringLiteral("an automatic reply, not a bounce");
        return report;
    }

    QList<RecipientReport> ses;
    if (dsn.recipients.isEmpty() && readSesNotification(text, report, ses)) {
        for (RecipientReport &r : ses) {
            classifyRecipient(r, report.subject);
            report.recipients << r;
        }
        report.isBounce = !report.recipients.isEmpty();
        return report;
    }

    bool textWasCut = false;
    QStringView ownText;
    QList<TextFinding> findings = BounceTextScanner::scan(text, &textWasCut, false,
            parts.deliveryReport || !parts.deliveryStatus.isEmpty(), &ownText);
    if (textWasCut) {
        cuts << linesCutNote();
        findings = withoutGuesses(std::move(findings));
    }
    bool anyFailed = false;
    for (const DeliveryStatus::Recipient &d : std::as_const(dsn.recipients)) {
        // Success notices (RFC 3464 delivered/relayed/expanded, the old "deliverable", any 2.x.x)
        // are not failures.
        if (d.action == u"delivered" || d.action == u"relayed" || d.action == u"expanded"
                || d.action == u"deliverable" || d.status.startsWith(u'2'))
            continue;
        anyFailed = true;
        RecipientReport r;
        r.recipient = d.finalRecipient.isEmpty() ? d.originalRecipient : d.finalRecipient;
        r.action = d.action == u"failed" || d.action == u"delayed" ? d.action : QString();
        r.remoteHost = remoteFromMta(d.remoteMta, &r.remoteIp);
        r.diagnostic = BounceTextScanner::unfoldDiagnostic(d.diagnosticCode);
        const TextFinding *same = nullptr;
        for (const TextFinding &f : findings) {
            if (!f.recipient.isEmpty() && sameButForCase(f.recipient, r.recipient)) {
                same = &f;
                break;
            }
        }
        if (!same && findings.size() == 1 && dsn.recipients.size() == 1)
            same = &findings.first();
        if (same) {
            if (r.diagnostic.isEmpty()
                    || (r.diagnostic.size() < 12 && same->diagnostic.size() > r.diagnostic.size()))
                r.diagnostic = same->diagnostic;
            if (r.remoteHost.isEmpty())
                r.remoteHost = same->remoteHost;
            if (r.remoteIp.isEmpty())
                r.remoteIp = same->remoteIp;
            r.smtpCommand = same->smtpCommand;
            r.evidence = same->evidence;
        }
        if (r.smtpCommand.isEmpty()) {
            // Sendmail and others name the command inside the diagnostic itself.
            static const Regex inReply(
                    QStringLiteral(R"(in\s+reply\s+to\s+([A-Za-z][A-Za-z \t]{1,30}?)\s+command)"),
                    QRegularExpression::CaseInsensitiveOption);
            const RegexMatch m = inReply.match(r.diagnostic);
            if (m.hasMatch())
                r.smtpCommand = BounceTextScanner::commandName(m.capturedView(1));
        }
        r.status = preciseStatus(d.status, r.diagnostic);
        if (same && !BounceClassifier::replyCodeIn(r.diagnostic))
            r.replyCode = BounceClassifier::replyCodeIn(same->diagnostic);
        if (!d.diagnosticCode.isEmpty())
            r.evidence << QStringLiteral("Diagnostic-Code: ") + d.diagnosticCode.left(300);
        classifyRecipient(r, textWasCut ? QString() : report.subject);
        report.recipients << r;
    }

    if (!dsn.recipients.isEmpty()) {
        report.isBounce = anyFailed;
        if (!anyFailed)
            report.note = QStringLiteral("a delivery report that says the message was delivered");
        return report;
    }

    addFindings(report, findings, textWasCut);
    if (report.recipients.isEmpty() && !parts.enclosed.isEmpty() && depth < 4) {
        // A bounce forwarded as an attachment: read the enclosed message instead.
        for (const MimePart *message : std::as_const(parts.enclosed)) {
            const MimePart *inner = message->enclosedMessage();
            if (!inner)
                continue;
            QStringList innerCuts;
            MessageReport innerReport = readPart(*inner, item, depth + 1, innerCuts);
            if (innerReport.isBounce && !innerReport.recipients.isEmpty()) {
                innerReport.source = report.source;
                innerReport.note = QStringLiteral("read from the bounce enclosed in this message");
                cuts += innerCuts;
                return innerReport;
            }
        }
    }
    const bool wordsLookLikeBounce = std::any_of(report.recipients.cbegin(),
            report.recipients.cend(),
            [](const RecipientReport &r) { return !r.recipient.isEmpty() && !r.status.isEmpty(); });
    report.isBounce = (envelopeSaysBounce || parts.deliveryReport || wordsLookLikeBounce)
            && !report.recipients.isEmpty();
    if (!report.isBounce) {
        report.recipients.clear();
        report.note = envelopeSaysBounce
                ? QStringLiteral("looks like a bounce, but no failed recipient could be read")
                : QStringLiteral("an ordinary message, not a bounce");
        report.isBounce = envelopeSaysBounce;
    } else {
        report.mentions = m_classifier.findMentions(ownText);
    }
    return report;
}

} // namespace bd
