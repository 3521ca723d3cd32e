// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceReader.h"

#include "bounce/BounceTextScanner.h"
#include "bounce/DeliveryStatus.h"
#include "mail/MimeParser.h"
#include "util/TextDecoder.h"

#include <QRegularExpression>

namespace bd {
namespace {

// The parts of a message that matter for reading a bounce.
struct BounceParts
{
    QList<const MimePart *> texts; // human-readable, in order
    QList<const MimePart *> htmls;
    QList<const MimePart *> deliveryStatus;
    bool feedbackReport = false;
    bool deliveryReport = false; // multipart/report; report-type=delivery-status
    bool truncated = false;
};

void collect(const MimePart &part, BounceParts &parts, bool insideOriginal)
{
    parts.truncated = parts.truncated || part.truncated;
    const QByteArray &type = part.mimeType;
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
            parts.deliveryStatus << &part;
        return;
    }
    if (part.isMessage() || type == "text/rfc822-headers" || type == "message/rfc822-headers") {
        // The returned original: its words are the sender's, not the receiver's.
        return;
    }
    if (!part.children.isEmpty()) {
        for (const MimePart &child : part.children)
            collect(child, parts, insideOriginal);
        return;
    }
    const QByteArray disposition = part.header("content-disposition").toLower();
    if (disposition.startsWith("attachment") && !type.startsWith("text/plain"))
        return;
    if (type == "text/plain" || type == "text/enriched" || type == "text" )
        parts.texts << &part;
    else if (type == "text/html")
        parts.htmls << &part;
}

bool containsAny(const QString &haystack, std::initializer_list<const char16_t *> needles)
{
    for (const char16_t *n : needles) {
        if (haystack.contains(QStringView(n), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool looksLikeBounceEnvelope(const QString &from, const QString &subject)
{
    return containsAny(from, {u"mailer-daemon", u"postmaster", u"mail delivery", u"maildelivery", u"mail-daemon",
                                   u"mailer_daemon", u"mmdf", u"double-bounce", u"bounce", u"returned", u"系统退信", u"退信"})
            || containsAny(subject, {u"undeliver", u"delivery status notification", u"returned mail", u"failure notice",
                                       u"delivery fail", u"mail delivery", u"non-deliver", u"nondeliver", u"delivery has failed",
                                       u"could not be delivered", u"couldn't be delivered", u"not delivered", u"delivery problem",
                                       u"warning: could not", u"delayed mail", u"delivery delayed", u"mail system error",
                                       u"returned to sender", u"rejected", u"bounce", u"退信", u"投递失败", u"未能送达",
                                       u"無法投遞", u"不能送达", u"发送失败", u"delivery report", u"delivery notification",
                                       u"unzustellbar", u"non remis", u"no entregado", u"エラー", u"error"});
}

bool looksLikeAutoReply(const MimePart &root, const QString &subject)
{
    const QByteArray autoSubmitted = root.header("auto-submitted").toLower();
    if (autoSubmitted.startsWith("auto-replied"))
        return true;
    if (!root.header("x-autoreply").isEmpty() || !root.header("x-autorespond").isEmpty())
        return true;
    if (root.header("precedence").toLower().contains("auto_reply"))
        return true;
    return containsAny(subject, {u"out of office", u"out of the office", u"automatic reply", u"auto reply", u"autoreply",
                                    u"auto-reply", u"vacation", u"自动回复", u"自動回覆", u"abwesenheit", u"absence"});
}

QString remoteFromMta(const QString &remoteMta, QString *ip)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*([^\s\[\]]*)\s*(?:\[([^\]]+)\])?)"));
    const QRegularExpressionMatch m = re.match(remoteMta);
    if (!m.hasMatch())
        return remoteMta;
    if (ip)
        *ip = m.captured(2);
    QString host = m.captured(1);
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
    static const QRegularExpression re(QStringLiteral(
            R"((?:mail system at host|this message was created automatically by mail delivery software on|reporting-mta:\s*dns;)\s*([A-Za-z0-9][A-Za-z0-9.-]+[A-Za-z0-9]))"),
            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text.first(qMin<qsizetype>(text.size(), 4000)));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

BounceReader::BounceReader(const QString &lang, const BounceKnowledge &knowledge)
    : m_knowledge(knowledge)
    , m_classifier(knowledge, lang)
{
}

MessageReport BounceReader::readText(const QString &source, const QString &pastedText) const
{
    return read(MailItem{source, pastedText.toUtf8(), false});
}

void BounceReader::classifyText(MessageReport &report, QStringView text) const
{
    for (const TextFinding &f : BounceTextScanner::scan(text)) {
        if (f.diagnostic.isEmpty())
            continue;
        RecipientReport r;
        r.recipient = f.recipient;
        r.remoteHost = f.remoteHost;
        r.remoteIp = f.remoteIp;
        r.smtpCommand = f.smtpCommand;
        r.diagnostic = f.diagnostic;
        r.evidence = f.evidence;
        m_classifier.classify(r);
        report.recipients << r;
    }
}

MessageReport BounceReader::read(const MailItem &item) const
{
    MessageReport report;
    report.source = item.source;
    report.truncated = item.truncated;
    const MimePart root = MimeParser::parse(item.data);

    if (root.headers.isEmpty()) {
        // A paste: no envelope to judge by, so the words decide.
        const QString text = TextDecoder::decode(root.body, {});
        classifyText(report, text);
        report.mentions = m_classifier.findMentions(BounceTextScanner::withoutOriginalMessage(text));
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
    if (parts.feedbackReport) {
        report.note = QStringLiteral("a feedback (complaint) report, not a bounce");
        return report;
    }

    QString text;
    for (const MimePart *p : std::as_const(parts.texts)) {
        if (text.size() > 512 * 1024)
            break;
        text += p->text();
        text += u'\n';
    }
    if (text.trimmed().isEmpty()) {
        for (const MimePart *p : std::as_const(parts.htmls))
            text += p->text() + u'\n';
    }

    DeliveryStatus dsn;
    for (const MimePart *p : std::as_const(parts.deliveryStatus)) {
        const DeliveryStatus one = DeliveryStatus::parse(p->decodedBody());
        if (dsn.reportingMta.isEmpty())
            dsn.reportingMta = one.reportingMta;
        dsn.recipients += one.recipients;
    }
    report.reportingMta = dsn.reportingMta.isEmpty() ? reportingMtaFromText(text) : dsn.reportingMta;
    if (const qsizetype semi = report.reportingMta.indexOf(u';'); semi >= 0)
        report.reportingMta = report.reportingMta.sliced(semi + 1).trimmed();

    const bool envelopeSaysBounce = looksLikeBounceEnvelope(report.from, report.subject);
    if (dsn.recipients.isEmpty() && !parts.deliveryReport && looksLikeAutoReply(root, report.subject)) {
        report.note = QStringLiteral("an automatic reply, not a bounce");
        return report;
    }

    const QList<TextFinding> findings = BounceTextScanner::scan(text);
    bool anyFailed = false;
    for (const DeliveryStatus::Recipient &d : std::as_const(dsn.recipients)) {
        if (d.action == u"delivered" || d.action == u"relayed" || d.action == u"expanded")
            continue;
        anyFailed = true;
        RecipientReport r;
        r.recipient = d.finalRecipient.isEmpty() ? d.originalRecipient : d.finalRecipient;
        r.action = d.action == u"failed" || d.action == u"delayed" ? d.action : QString();
        r.status = d.status;
        r.remoteHost = remoteFromMta(d.remoteMta, &r.remoteIp);
        r.diagnostic = BounceTextScanner::unfoldDiagnostic(d.diagnosticCode);
        const TextFinding *same = nullptr;
        for (const TextFinding &f : findings) {
            if (!f.recipient.isEmpty() && f.recipient.compare(r.recipient, Qt::CaseInsensitive) == 0) {
                same = &f;
                break;
            }
        }
        if (!same && findings.size() == 1 && dsn.recipients.size() == 1)
            same = &findings.first();
        if (same) {
            if (r.diagnostic.isEmpty() || (r.diagnostic.size() < 12 && same->diagnostic.size() > r.diagnostic.size()))
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
            static const QRegularExpression inReply(QStringLiteral(R"(in reply to (.{2,20}?) command)"),
                    QRegularExpression::CaseInsensitiveOption);
            const QRegularExpressionMatch m = inReply.match(r.diagnostic);
            if (m.hasMatch())
                r.smtpCommand = BounceTextScanner::commandName(m.capturedView(1));
        }
        if (!d.diagnosticCode.isEmpty())
            r.evidence << QStringLiteral("Diagnostic-Code: ") + d.diagnosticCode.left(300);
        m_classifier.classify(r);
        report.recipients << r;
    }

    if (!dsn.recipients.isEmpty()) {
        report.isBounce = anyFailed;
        if (!anyFailed)
            report.note = QStringLiteral("a delivery report that says the message was delivered");
        return report;
    }

    for (const TextFinding &f : findings) {
        if (f.diagnostic.isEmpty())
            continue;
        RecipientReport r;
        r.recipient = f.recipient;
        r.remoteHost = f.remoteHost;
        r.remoteIp = f.remoteIp;
        r.smtpCommand = f.smtpCommand;
        r.diagnostic = f.diagnostic;
        r.evidence = f.evidence;
        m_classifier.classify(r);
        report.recipients << r;
    }
    const bool wordsLookLikeBounce = std::any_of(report.recipients.cbegin(), report.recipients.cend(),
            [](const RecipientReport &r) { return r.replyCode.has_value() || !r.status.isEmpty(); });
    report.isBounce = (envelopeSaysBounce || parts.deliveryReport || wordsLookLikeBounce) && !report.recipients.isEmpty();
    if (!report.isBounce) {
        report.recipients.clear();
        report.note = envelopeSaysBounce ? QStringLiteral("looks like a bounce, but no failed recipient could be read")
                                         : QStringLiteral("an ordinary message, not a bounce");
        report.isBounce = envelopeSaysBounce;
    } else {
        report.mentions = m_classifier.findMentions(BounceTextScanner::withoutOriginalMessage(text));
    }
    return report;
}

} // namespace bd
