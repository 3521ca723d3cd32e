// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceTextScanner.h"

#include "util/PatternSet.h"

#include <QRegularExpression>

namespace bd {
namespace {

using RX = QRegularExpression;
// Lines of the text being read, as views into it: no copies.
using Lines = QList<QStringView>;

// Compiled once per pattern (function-local statics); a const QRegularExpression may be used
// from several threads at once.
RX compile(const char *pattern, RX::PatternOptions extra = RX::NoPatternOption)
{
    RX re(QString::fromUtf8(pattern), RX::CaseInsensitiveOption | extra);
    re.optimize();
    return re;
}

// Lines that start the copy of the original message; nothing after them is the bounce's own text.
constexpr const char *originalMarkers =
        R"(^\s*(?:[-=*_|]{2,}\s*)?(?:this is a copy of the message|below this line is a copy of the message|below is a copy of the original message|original message follows|unsent message follows|original message\b|message headers? follows?|original message headers|the header of the original message|the original message was|a copy of the original message|headers of the original message|returned message|included is a copy|content of the original message|original message:|原始邮件|原邮件|以下是原邮件|元のメッセージ)[^\n]*$|^(?:Received|Return-Path|X-Received|DKIM-Signature|ARC-Seal):[ \t]*\S)";

// An address in the places bounces put recipients. '#' stands for '@' in forum pastes.
constexpr const char *addrPart =
        R"RX([A-Za-z0-9._%+!$&*=?^`{|}~'/-]+[@#][A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})RX";

struct Anchor
{
    qsizetype line;
    QString recipient;
    QString rest; // text after "<addr>:" on the same line
};

QString normalizeAddress(QString a)
{
    a = a.trimmed();
    if (a.startsWith(u'<'))
        a.remove(0, 1);
    if (a.endsWith(u'>'))
        a.chop(1);
    if (!a.contains(u'@')) {
        // A forum mangled "user@example.org" into "user#example.org".
        const qsizetype hash = a.lastIndexOf(u'#');
        if (hash > 0)
            a[hash] = u'@';
    }
    return a;
}

QList<Anchor> findAnchors(const Lines &lines)
{
    static const QString addr = QString::fromLatin1(addrPart);
    const auto make = [](const QString &pattern) {
        RX re(pattern, RX::CaseInsensitiveOption);
        re.optimize();
        return re;
    };
    // Each shape captures the address as group 1 and, where there is one, the text that goes
    // with it on the same line as group 2.
    thread_local const RX postfixStyle = make(QStringLiteral(
            R"(^\s*<([^<>\s]+[@#][^<>\s]+)>(?:\s*\(expanded from[^)]*\))?\s*:\s*(.*)$)"));
    thread_local const RX sendmailSummary = make(QStringLiteral(
            R"(^\s*(?:[45]\d\d[ -](?:\d\.\d{1,3}\.\d{1,3}\s+)?)?<(%1)>\.\.\.\s*(.*)$)")
                                                         .arg(addr));
    thread_local const RX addrColonRest =
            make(QStringLiteral(R"(^\s{0,12}"?<?(%1)>?"?\s*:\s*(.*)$)").arg(addr));
    thread_local const RX alone = make(
            QStringLiteral(R"(^\s{0,12}["<]?(%1)[">]?\s*(?:\(%1\)|<mailto:[^>]*>)?\s*[:,.]?\s*$)")
                    .arg(addr));
    thread_local const RX addrThenText =
            make(QStringLiteral(R"(^\s{0,12}<?(%1)>?[\s,;]+(\S.*)$)").arg(addr));
    thread_local const RX nameThenAddr =
            make(QStringLiteral(R"(^\s{0,12}[^<>@\s:][^<>@:]{0,60}\s[(<](%1)[)>]\s*$)").arg(addr));
    thread_local const RX reasonLabel = make(
            QStringLiteral(R"(^\s*([A-Za-z][A-Za-z ,'-]{2,40}?)\s*:\s*<?(%1)>?\s*$)").arg(addr));
    thread_local const RX labelled = make(QStringLiteral(
            R"((?:^|\s)(?:recipient|收件人|收信人|收件者|收件地址|宛先)\s*[:：]\s*<?(%1)>?)")
                                                  .arg(addr));
    thread_local const RX deliveredTo = make(QStringLiteral(
            R"((?:wasn't delivered to|was not delivered to|couldn't be delivered to|could not be delivered to|delivery to|failed to deliver to|not delivered to|delivering (?:your )?(?:mail|message) to|addressed to|message for|mail for|sent to)\s*[:：]?\s*<?(%1)>?)")
                                                     .arg(addr));
    thread_local const RX rcptTo = make(QStringLiteral(R"(RCPT TO:\s*<(%1)>)").arg(addr));
    static const QStringList headerLabels {QStringLiteral("to"), QStringLiteral("from"),
            QStringLiteral("cc"), QStringLiteral("bcc"), QStringLiteral("sender"),
            QStringLiteral("reply-to"), QStringLiteral("return-path"),
            QStringLiteral("delivered-to"), QStringLiteral("envelope-to"),
            QStringLiteral("errors-to"), QStringLiteral("mail from")};

    QList<Anchor> anchors;
    auto add = [&anchors](qsizetype line, const QString &recipient, const QString &rest) {
        // The same address again a few lines on is the detail of the block it opened (Exim's
        // "RCPT TO:<addr>:", a reply quoting the address), not a new recipient.
        if (!anchors.isEmpty()
                && anchors.last().recipient.compare(recipient, Qt::CaseInsensitive) == 0
                && line - anchors.last().line <= 8)
            return;
        anchors << Anchor {line, recipient, rest};
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        if (line.size() > 2000 || (!line.contains(u'@') && !line.contains(u'#')))
            continue;
        QRegularExpressionMatch m;
        if ((m = postfixStyle.match(line)).hasMatch()
                || (m = sendmailSummary.match(line)).hasMatch()
                || (m = addrColonRest.match(line)).hasMatch()) {
            add(i, normalizeAddress(m.captured(1)), m.captured(2));
        } else if ((m = alone.match(line)).hasMatch() || (m = nameThenAddr.match(line)).hasMatch()
                || (m = labelled.match(line)).hasMatch() || (m = rcptTo.match(line)).hasMatch()) {
            add(i, normalizeAddress(m.captured(1)), {});
        } else if ((m = reasonLabel.match(line)).hasMatch()) {
            if (!headerLabels.contains(m.captured(1).trimmed().toLower()))
                add(i, normalizeAddress(m.captured(2)), m.captured(1));
        } else if ((m = deliveredTo.match(line)).hasMatch()) {
            add(i, normalizeAddress(m.captured(1)), line.trimmed().toString());
        } else if ((m = addrThenText.match(line)).hasMatch()) {
            add(i, normalizeAddress(m.captured(1)), m.captured(2));
        }
    }
    return anchors;
}

// Regexes are costly; each runs only where the words it needs are present. All those words are
// found in one pass over the lower-cased block.
enum Cue {
    CueHost,
    CueBracket,
    CueDidNotLike,
    CueServer,
    CueWhileTalking,
    CueConnect,
    CueConnectedTo,
    CueSorry,
    CueReply,
    CueAfter,
    CueDoesNotLikeRecipient,
    CueSenderWasRejected,
    CueFailedAfterSent,
    CueRefusedToTalk,
    CueGreetingFailure,
    CueSaid,
    CueReturned,
    CueRemoteHostSaid,
    CueTheResponse,
    CueServerResponded,
    CueErrorMessage,
    CueReason,
    CueYuanyin,
    CueCuowuXinxi,
    CueLiyou,
    CueTranscriptIn,
    CueTranscriptOut,
    CueReasonParen,
    CueCount
};
constexpr const char16_t *cueWords[CueCount] = {u"host", u"[", u"did not like", u"server",
        u"while talking", u"connect", u"connected to", u"sorry,", u"reply", u" after ",
        u"does not like recipient", u"sender was rejected", u"failed after i sent the message",
        u"refused to talk", u"greeting failure", u"said:", u"returned", u"remote host said",
        u"the response", u"the server responded", u"error message", u"reason", u"原因", u"错误信息",
        u"理由", u"<<<", u">>>", u"(reason:"};

class Cues
{
public:
    explicit Cues(const QString &lower) { words().findAll(lower, m_found); }
    bool operator[](Cue c) const { return m_found[size_t(c)] != 0; }

private:
    static const PatternSet &words()
    {
        static const PatternSet set = [] {
            PatternSet p;
            for (const char16_t *w : cueWords)
                p.add(QStringView(w));
            p.build();
            return p;
        }();
        return set;
    }
    std::vector<quint8> m_found;
};

// A line can hold an SMTP reply only if it has a 4xx/5xx code or an X.Y.Z status somewhere.
bool mayHoldReply(QStringView line)
{
    const qsizetype n = line.size();
    for (qsizetype i = 0; i + 2 < n; ++i) {
        const QChar c = line[i];
        if ((c == u'4' || c == u'5') && (line[i + 1].isDigit() || line[i + 1] == u'.')
                && line[i + 2].isDigit())
            return true;
    }
    return false;
}

bool hasSmtpCode(QStringView diagnostic)
{
    static const RX code = compile(R"((?:^|\s)(?:[245]\d\d[ -]|[245]\.\d{1,3}\.\d{1,3}\b))");
    return code.match(diagnostic).hasMatch();
}

struct Extracted
{
    QString diagnostic;
    QString remoteHost;
    QString remoteIp;
    QString command;
    QStringList evidence;
};

// Lines from `start` on until a blank line (or `maxLines`).
QString paragraphFrom(const Lines &lines, qsizetype start, qsizetype end, int maxLines = 12)
{
    QString out;
    for (qsizetype i = start, n = 0; i < end && n < maxLines; ++i, ++n) {
        if (lines[i].trimmed().isEmpty())
            break;
        if (!out.isEmpty())
            out += u'\n';
        out += lines[i];
    }
    return out;
}

// The lines [begin, end) as one view: they are consecutive in the text.
QStringView span(const Lines &lines, qsizetype begin, qsizetype end)
{
    if (begin >= end)
        return {};
    const QChar *first = lines[begin].data();
    const QChar *last = lines[end - 1].data() + lines[end - 1].size();
    return QStringView(first, last - first);
}

void takeRemote(QStringView block, const Cues &cue, Extracted &e)
{
    if (!e.remoteHost.isEmpty())
        return;
    static const RX hostIp =
            compile(R"(\bhost\s+([A-Za-z0-9][A-Za-z0-9._-]*)\s*\[([0-9A-Fa-f.:*x]+)\])");
    QRegularExpressionMatch m;
    if (cue[CueHost] && cue[CueBracket] && (m = hostIp.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        e.remoteIp = m.captured(2);
        return;
    }
    static const RX dma =
            compile(R"(^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*\[([0-9A-Fa-f.:]+)\]\s+did not like)",
                    RX::MultilineOption);
    if (cue[CueDidNotLike] && (m = dma.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        e.remoteIp = m.captured(2);
        return;
    }
    static const RX hostLine = compile(
            R"(^\s*(?:host|remote host|remote server|generating server)\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])\s*$)",
            RX::MultilineOption);
    if ((cue[CueHost] || cue[CueServer]) && (m = hostLine.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        return;
    }
    static const RX talking = compile(R"(while talking to ([A-Za-z0-9][A-Za-z0-9._-]*?)\.?:)");
    if (cue[CueWhileTalking] && (m = talking.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        return;
    }
    static const RX connected =
            compile(R"(connect(?:ed)? to ([A-Za-z0-9][A-Za-z0-9._-]*)\[([0-9A-Fa-f.:]+)\])");
    if (cue[CueConnect] && (m = connected.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        e.remoteIp = m.captured(2);
        return;
    }
    static const RX qmailIp = compile(
            R"(^\s*(?:Connected to|Sorry,)\s+(\d{1,3}(?:\.\d{1,3}){3})\b)", RX::MultilineOption);
    if ((cue[CueConnectedTo] || cue[CueSorry]) && (m = qmailIp.match(block)).hasMatch())
        e.remoteIp = m.captured(1);
}

void takeCommand(QStringView block, const Cues &cue, Extracted &e)
{
    if (!e.command.isEmpty())
        return;
    static const RX inReply =
            compile(R"(in\s+reply\s+to\s+([A-Za-z][A-Za-z \t\n]{1,30}?)\s+command)");
    QRegularExpressionMatch m;
    if (cue[CueReply] && (m = inReply.match(block)).hasMatch()) {
        e.command = BounceTextScanner::commandName(m.capturedView(1));
        return;
    }
    static const RX eximAfter = compile(
            R"((?:error from remote (?:mail server|mailer|server) after|did not like our) (?:pipelined )?(?:final )?(RCPT TO|RCPT|MAIL FROM|MAIL|end of data|DATA|initial connection|EHLO|HELO|STARTTLS|AUTH))");
    if ((cue[CueAfter] || cue[CueDidNotLike]) && (m = eximAfter.match(block)).hasMatch()) {
        e.command = BounceTextScanner::commandName(m.capturedView(1));
        return;
    }
    static const RX transcript =
            compile(R"(^>>>\s*(RCPT|MAIL|DATA|EHLO|HELO|STARTTLS|AUTH|\.))", RX::MultilineOption);
    m = QRegularExpressionMatch();
    if (cue[CueTranscriptOut]) {
        QRegularExpressionMatchIterator it = transcript.globalMatch(block);
        while (it.hasNext())
            m = it.next();
    }
    if (m.hasMatch() && m.lastCapturedIndex() >= 1 && !m.captured(1).isEmpty()) {
        e.command = BounceTextScanner::commandName(m.capturedView(1));
        return;
    }
    if (cue[CueDoesNotLikeRecipient])
        e.command = QStringLiteral("RCPT");
    else if (cue[CueSenderWasRejected])
        e.command = QStringLiteral("MAIL");
    else if (cue[CueFailedAfterSent])
        e.command = QStringLiteral("DATA");
    else if (cue[CueRefusedToTalk] || cue[CueGreetingFailure])
        e.command = QStringLiteral("CONNECT");
}

// The receiver's own words inside one recipient's block of lines.
Extracted extract(const Lines &lines, qsizetype begin, qsizetype end, const QString &anchorRest,
        const QString &intro = {})
{
    Extracted e;
    const Lines slice = lines.mid(begin, end - begin);
    const QStringView block = span(lines, begin, end);
    const Cues cue(block.toString().toLower());
    takeRemote(block, cue, e);
    takeCommand(block, cue, e);

    // Postfix: "host X[IP] said: ... (in reply to ... command)" across lines.
    static const RX said =
            compile(R"((?:said|refused to talk to me):\s*(.+?)(?:\(in reply to [^)]*\)|\n\s*\n|$))",
                    RX::DotMatchesEverythingOption);
    QRegularExpressionMatch m;
    if ((cue[CueSaid] || cue[CueRefusedToTalk]) && (m = said.match(block)).hasMatch()) {
        e.diagnostic = m.captured(1);
        const qsizetype lineStart =
                qMax<qsizetype>(0, block.lastIndexOf(u'\n', m.capturedStart(0)) + 1);
        e.evidence << block.mid(lineStart, m.capturedEnd(0) - lineStart).toString();
        return e;
    }
    // Exim: the reply follows "SMTP error from remote mail server after ...:".
    static const RX exim = compile(
            R"((?:error from remote (?:mail server|mailer|server) after|did not like our) [^\n]*?:\s*\n?((?:[ \t]*\S[^\n]*(?:\n|$))+))");
    if ((cue[CueAfter] || cue[CueDidNotLike]) && (m = exim.match(block)).hasMatch()) {
        QString text = m.captured(1);
        static const RX hostPrefix = compile(R"(^\s*host:?\s+\S+(?:\s*\[[^\]]*\])?:?\s*)");
        text.remove(hostPrefix);
        e.diagnostic = text;
        e.evidence << m.captured(0).trimmed();
        return e;
    }
    // Exchange and others quote the reply: Remote Server returned '550 ...'.
    static const RX quoted = compile(
            R"((?:remote server returned|server returned|remote host said|the error that the other server returned was|the response (?:from the remote server )?was|the server responded|\berror message\s*[:：]|\breason\s*[:：]|原因\s*[:：]|错误信息\s*[:：]|理由\s*[:：])\s*[:：]?\s*'?(?:<\s*)?([^\n]*(?:\n[^\n]+){0,5}?)(?:'|>\s*$|\n\s*\n|$))");
    const bool mayQuote = cue[CueReturned] || cue[CueRemoteHostSaid] || cue[CueTheResponse]
            || cue[CueServerResponded] || cue[CueErrorMessage] || cue[CueReason] || cue[CueYuanyin]
            || cue[CueCuowuXinxi] || cue[CueLiyou];
    if (mayQuote && (m = quoted.match(block)).hasMatch() && !m.captured(1).trimmed().isEmpty()) {
        QString text = m.captured(1).trimmed();
        if (text.startsWith(u'(') && text.endsWith(u')'))
            text = text.sliced(1, text.size() - 2);
        e.diagnostic = text;
        e.evidence << m.captured(0).trimmed();
        return e;
    }
    // A transcript line "<<< 550 ..." (Sendmail), or any SMTP reply at the start of a line.
    static const RX transcript = compile(R"(^<<<\s*([45]\d\d[ -].*)$)", RX::MultilineOption);
    if (cue[CueTranscriptIn] && (m = transcript.match(block)).hasMatch()) {
        // Continuation lines of a multi-line reply follow as further "<<< 550-" lines.
        QStringList parts;
        QRegularExpressionMatchIterator it = transcript.globalMatch(block);
        while (it.hasNext() && parts.size() < 8) {
            const QRegularExpressionMatch n = it.next();
            parts << n.captured(1);
            if (n.captured(1).size() > 3 && n.captured(1)[3] == u' ')
                break;
        }
        e.diagnostic = parts.join(u'\n');
        e.evidence << m.captured(0);
        return e;
    }
    static const RX reply = compile(
            R"((?:^|[\s(:'"])([45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\b)?.*|[45]\.\d{1,3}\.\d{1,3}\s.*)$)",
            RX::MultilineOption);
    for (qsizetype i = 0; i < slice.size(); ++i) {
        if (!mayHoldReply(slice[i]))
            continue;
        m = reply.match(slice[i]);
        if (m.hasMatch()) {
            QString text = slice[i].mid(m.capturedStart(1)).toString();
            // Multi-line replies continue on following lines until a blank one.
            const QString more = paragraphFrom(slice, i + 1, slice.size(), 8);
            if (!more.isEmpty())
                text += u'\n' + more;
            e.diagnostic = text;
            e.evidence << slice[i].trimmed().toString();
            return e;
        }
    }
    // "(reason: 550 ...)" in a Sendmail summary.
    static const RX reason = compile(R"(\(reason:\s*(.+?)\))");
    if (cue[CueReasonParen] && (m = reason.match(block)).hasMatch()) {
        e.diagnostic = m.captured(1);
        e.evidence << m.captured(0);
        return e;
    }
    // The reason may stand just above the recipient ("reject reason: Mailbox full").
    if (!intro.isEmpty()
            && (intro.contains(u"reason", Qt::CaseInsensitive)
                    || intro.contains(u"error", Qt::CaseInsensitive)
                    || intro.contains(u"diagnostic", Qt::CaseInsensitive)
                    || intro.contains(u"原因"))) {
        static const RX labelledReason = compile(
                R"((?:^|\n)\s*[^\n]{0,30}?\b(?:reason|error|diagnostic|原因)\s*[:：]\s*([^\n]+))");
        m = labelledReason.match(intro);
        if (m.hasMatch()) {
            e.diagnostic = m.captured(1);
            e.evidence << m.captured(0).trimmed();
            return e;
        }
    }
    // Nothing SMTP-shaped: the words on the recipient's line, the paragraphs that follow it
    // ("because: ..."), or failing that the paragraph just before it.
    QStringList words;
    if (!anchorRest.trimmed().isEmpty())
        words << anchorRest.trimmed();
    int paragraphs = 0;
    bool inParagraph = !words.isEmpty();
    for (qsizetype i = 1; i < slice.size() && words.size() < 12; ++i) {
        const QStringView line = slice[i].trimmed();
        if (line.isEmpty()) {
            if (inParagraph && ++paragraphs >= 2)
                break;
            inParagraph = false;
            continue;
        }
        inParagraph = true;
        words << line.toString();
    }
    if (words.isEmpty() && !intro.trimmed().isEmpty())
        words << intro.trimmed();
    e.diagnostic = words.join(u'\n');
    if (!words.isEmpty())
        e.evidence << words.first();
    return e;
}

} // namespace

QString BounceTextScanner::commandName(QStringView words)
{
    const QString w = words.toString().trimmed().toUpper();
    if (w.startsWith(u"RCPT"))
        return QStringLiteral("RCPT");
    if (w.startsWith(u"MAIL"))
        return QStringLiteral("MAIL");
    if (w.contains(u"DATA") || w == u".")
        return QStringLiteral("DATA");
    if (w.startsWith(u"EHLO"))
        return QStringLiteral("EHLO");
    if (w.startsWith(u"HELO"))
        return QStringLiteral("HELO");
    if (w.startsWith(u"STARTTLS"))
        return QStringLiteral("STARTTLS");
    if (w.startsWith(u"AUTH"))
        return QStringLiteral("AUTH");
    if (w.contains(u"CONNECT") || w.contains(u"GREETING") || w.contains(u"BANNER"))
        return QStringLiteral("CONNECT");
    return {};
}

const RX &originalMarkerPattern()
{
    static const RX re = compile(originalMarkers, RX::MultilineOption);
    return re;
}

QStringView BounceTextScanner::withoutOriginalMessage(QStringView text)
{
    const QRegularExpressionMatch m = originalMarkerPattern().match(text);
    if (m.hasMatch() && m.capturedStart(0) > 0)
        return text.first(m.capturedStart(0));
    return text;
}

QString BounceTextScanner::unfoldDiagnostic(QStringView lines)
{
    // Continuation prefixes of multi-line replies: "550-5.7.1 ", "550 5.7.1 ", "550-".
    static const RX prefix = compile(R"(^\s*([45]\d\d)[ -](?:([45]\.\d{1,3}\.\d{1,3})\s+)?)");
    QString out;
    QString firstCode;
    QString firstStatus;
    const QList<QStringView> parts = lines.split(u'\n');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QStringView line = parts[i].trimmed();
        if (line.isEmpty())
            continue;
        const QRegularExpressionMatch m = prefix.match(line);
        if (m.hasMatch()) {
            if (firstCode.isEmpty() && out.isEmpty()) {
                firstCode = m.captured(1);
                firstStatus = m.captured(2);
                line = line.sliced(m.capturedEnd(0));
                out = firstCode + u' ' + (firstStatus.isEmpty() ? QString() : firstStatus + u' ');
            } else if (m.captured(1) == firstCode) {
                line = line.sliced(m.capturedEnd(0));
            }
        }
        if (!out.isEmpty() && !out.endsWith(u' '))
            out += u' ';
        out += line;
    }
    // Fold runs of white space.
    QString folded;
    folded.reserve(out.size());
    bool space = false;
    for (const QChar c : std::as_const(out)) {
        if (c.isSpace()) {
            space = true;
            continue;
        }
        if (space && !folded.isEmpty())
            folded += u' ';
        space = false;
        folded += c;
    }
    if (folded.size() > 2000)
        folded.truncate(2000);
    return folded;
}

QList<TextFinding> BounceTextScanner::scan(QStringView fullText, bool *cut)
{
    const QStringView text = withoutOriginalMessage(fullText);
    Lines lines = text.split(u'\n');
    if (cut)
        *cut = lines.size() > maxLines;
    if (lines.size() > maxLines)
        lines.resize(maxLines);
    const QList<Anchor> anchors = findAnchors(lines);

    QList<TextFinding> findings;
    auto introBefore = [&](qsizetype line, qsizetype floor) {
        QStringList para;
        qsizetype i = line - 1;
        while (i >= floor && lines[i].trimmed().isEmpty())
            --i;
        while (i >= floor && !lines[i].trimmed().isEmpty() && para.size() < 6)
            para.prepend(lines[i--].trimmed().toString());
        return para.join(u'\n');
    };
    auto addFinding = [&](const QString &recipient, qsizetype begin, qsizetype end,
                              const QString &rest, const QString &intro) {
        Extracted e = extract(lines, begin, end, rest, intro);
        TextFinding f;
        f.recipient = recipient;
        f.remoteHost = e.remoteHost;
        f.remoteIp = e.remoteIp;
        f.smtpCommand = e.command;
        f.diagnostic = unfoldDiagnostic(e.diagnostic);
        f.evidence = e.evidence;
        // One recipient named twice (a summary and then the details): keep the richer reading.
        for (TextFinding &existing : findings) {
            if (!recipient.isEmpty()
                    && existing.recipient.compare(recipient, Qt::CaseInsensitive) == 0) {
                // A reading with an SMTP reply beats prose; longer prose beats a stub.
                const bool newHasCode = hasSmtpCode(f.diagnostic);
                const bool oldHasCode = hasSmtpCode(existing.diagnostic);
                if (existing.diagnostic.isEmpty() || (newHasCode && !oldHasCode)
                        || (newHasCode == oldHasCode
                                && f.diagnostic.size() > existing.diagnostic.size()
                                && existing.diagnostic.size() < 20))
                    existing = f;
                else {
                    if (existing.remoteHost.isEmpty())
                        existing.remoteHost = f.remoteHost, existing.remoteIp = f.remoteIp;
                    if (existing.smtpCommand.isEmpty())
                        existing.smtpCommand = f.smtpCommand;
                }
                return;
            }
        }
        findings << f;
    };

    if (anchors.isEmpty()) {
        addFinding({}, 0, lines.size(), {}, {});
        if (findings.size() == 1 && findings.first().diagnostic.isEmpty())
            findings.clear();
        return findings;
    }
    // Text before the first anchor may hold the reason for all (Exim, Gmail put it after).
    for (qsizetype i = 0; i < anchors.size(); ++i) {
        const qsizetype begin = anchors[i].line;
        const qsizetype end = i + 1 < anchors.size() ? anchors[i + 1].line : lines.size();
        const qsizetype floor = i > 0 ? anchors[i - 1].line + 1 : 0;
        addFinding(anchors[i].recipient, begin, end, anchors[i].rest, introBefore(begin, floor));
    }
    // A recipient whose block held no reason: borrow the reason of the text around it.
    bool anyMissing = false;
    for (const TextFinding &f : std::as_const(findings))
        anyMissing = anyMissing || f.diagnostic.isEmpty();
    if (anyMissing) {
        const Extracted whole = extract(lines, 0, lines.size(), {});
        const QString diag = unfoldDiagnostic(whole.diagnostic);
        for (TextFinding &f : findings) {
            if (f.diagnostic.isEmpty()) {
                f.diagnostic = diag;
                f.evidence = whole.evidence;
                if (f.remoteHost.isEmpty())
                    f.remoteHost = whole.remoteHost, f.remoteIp = whole.remoteIp;
                if (f.smtpCommand.isEmpty())
                    f.smtpCommand = whole.command;
            }
        }
    }
    return findings;
}

} // namespace bd
