// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MimeParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace bd;

namespace {

// headerParam() as it was first written, place by place: the reference for the faster one.
QByteArray referenceHeaderParam(QByteArrayView headerValue, QByteArrayView param)
{
    // Compared in ASCII lower case in place: lower-casing copies of the value and the name cost
    // two allocations for each of the several lookups a part gets.
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c; };
    const qsizetype n = headerValue.size();
    const qsizetype k = param.size();
    const auto keyAt = [&](qsizetype at) {
        for (qsizetype i = 0; i < k; ++i) {
            if (lower(headerValue[at + i]) != lower(param[i]))
                return false;
        }
        return true;
    };
    if (k == 0)
        return {};
    // A parameter name follows ';' or a blank, so only there is it compared: a value holds a
    // few such places and dozens of bytes. (`param`, a name, holds neither.)
    for (qsizetype pos = 1; pos + k <= n; ++pos) {
        const char before = headerValue[pos - 1];
        if ((before != ';' && before != ' ' && before != '\t') || !keyAt(pos))
            continue;
        qsizetype eq = pos + k;
        while (eq < n && headerValue[eq] == ' ')
            ++eq;
        if (eq >= n || headerValue[eq] != '=')
            continue;
        qsizetype v = eq + 1;
        while (v < n && headerValue[v] == ' ')
            ++v;
        if (v < n && headerValue[v] == '"') {
            const qsizetype close = headerValue.indexOf('"', v + 1);
            return headerValue.sliced(v + 1, (close < 0 ? n : close) - v - 1).toByteArray();
        }
        qsizetype e = v;
        while (e < n && headerValue[e] != ';' && headerValue[e] != ' ' && headerValue[e] != '\t')
            ++e;
        return headerValue.sliced(v, e - v).toByteArray();
    }
    return {};
}

// Whether two trees hold the same parts, the messages message parts enclose included (asked
// for, so a lazy parse parses them).
bool sameTree(const MimePart &a, const MimePart &b)
{
    if (a.mimeType != b.mimeType || a.body != b.body || a.truncated != b.truncated
            || a.headers.size() != b.headers.size())
        return false;
    for (qsizetype i = 0; i < a.headers.size(); ++i) {
        if (a.headers[i].name != b.headers[i].name
                || a.headers[i].rawValue != b.headers[i].rawValue)
            return false;
    }
    if (a.isMessage()) {
        const MimePart *x = a.enclosedMessage();
        const MimePart *y = b.enclosedMessage();
        return (!x && !y) || (x && y && sameTree(*x, *y));
    }
    if (a.children.size() != b.children.size())
        return false;
    for (qsizetype i = 0; i < a.children.size(); ++i) {
        if (!sameTree(a.children[i], b.children[i]))
            return false;
    }
    return true;
}

// A message of random parts: multiparts, enclosed messages (plain or encoded) and leaves, about
// `parts` of them (spent as they are made), a multipart of many at times, so that the part
// budget runs out here and there.
QByteArray randomMessage(QRandomGenerator &rng, int depth, int &parts, int &boundaries)
{
    --parts;
    const int kind = depth > 6 || parts <= 0 ? 0 : int(rng.bounded(5));
    if (kind == 0 || kind == 1)
        return "Content-Type: text/plain\n\nleaf " + QByteArray::number(rng.bounded(100)) + "\n";
    if (kind == 2 || kind == 3) {
        const QByteArray inner = "From: a@example.org\nSubject: inner\n"
                + randomMessage(rng, depth + 1, parts, boundaries);
        if (kind == 3)
            return "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
                    + inner.toBase64() + "\n";
        return "Content-Type: message/rfc822\n\n" + inner;
    }
    const QByteArray boundary = "b" + QByteArray::number(boundaries++);
    QByteArray out = "Content-Type: multipart/mixed; boundary=" + boundary + "\n\n";
    const int count = rng.bounded(4) == 0 ? int(rng.bounded(300, 1200)) : int(rng.bounded(1, 4));
    for (int i = 0; i < count; ++i)
        out += "--" + boundary + "\n" + randomMessage(rng, depth + 1, parts, boundaries);
    return out + "--" + boundary + "--\n";
}

} // namespace

class TstMimeParser : public QObject
{
    Q_OBJECT
private slots:
    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
        QTest::newRow("CR") << QByteArray("\r");
    }
    void lineEndings()
    {
        QFETCH(QByteArray, eol);
        QByteArray msg = "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n"
                         "Content-Type: multipart/report; report-type=delivery-status;\n"
                         "\tboundary=\"XYZ\"\nMIME-Version: 1.0\n\n"
                         "preamble\n--XYZ\nContent-Type: text/plain\n\nhuman text\n"
                         "--XYZ\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; "
                         "mx.example.org\n\n"
                         "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n"
                         "--XYZ--\nepilogue\n";
        msg.replace("\n", eol);
        const MimePart root = MimeParser::parse(msg);
        QCOMPARE(root.mimeType, QByteArray("multipart/report"));
        QCOMPARE(root.contentTypeParam("boundary"), QByteArray("XYZ"));
        QCOMPARE(root.children.size(), 2);
        QCOMPARE(root.children[0].text().trimmed(), QStringLiteral("human text"));
        QCOMPARE(root.children[1].mimeType, QByteArray("message/delivery-status"));
        QVERIFY(root.children[1].body.contains("Final-Recipient: rfc822; a@example.net"));
    }

    void foldedHeader()
    {
        const MimePart root = MimeParser::parse(
                "From: a@example.org\nDate: x\nSubject: one\n two\n\tthree\n\nbody");
        QCOMPARE(root.header("subject"), QByteArray("one two three"));
        QCOMPARE(root.body.toByteArray(), QByteArray("body"));
    }

    // Fields and bodies are views of the message the parts share: what the caller then does
    // with its own QByteArray does not reach them, nor does a part's copy lose them.
    void partsOutliveTheirInput()
    {
        QByteArray msg = "From: a@example.org\nDate: x\nSubject: one\n two\nContent-Type: "
                         "multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                         "first\n--b--\n";
        MimePart copy;
        {
            const MimePart root = MimeParser::parse(msg);
            msg.fill('x');
            copy = root;
        }
        msg = QByteArray(msg.size(), 'y');
        QCOMPARE(copy.header("subject"), QByteArray("one two"));
        QCOMPARE(copy.headers.first().name.toByteArray(), QByteArray("From"));
        QCOMPARE(copy.children.size(), 1);
        QCOMPARE(copy.children.first().body.toByteArray(), QByteArray("first"));
        QCOMPARE(copy.children.first().text(), QStringLiteral("first"));
    }

    void transferEncodings_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("text");
        QTest::newRow("base64 gb2312")
                << QByteArray("base64") << QByteArray("z7XNs83L0MU=") << QStringLiteral("系统退信");
        QTest::newRow("qp utf8") << QByteArray("quoted-printable")
                                 << QByteArray("=E9=80=80=E4=BF=A1") << QStringLiteral("退信");
        QTest::newRow("broken base64") << QByteArray("base64") << QByteArray("z7XN!!s83L0MU=")
                                       << QStringLiteral("系统退信");
    }
    void transferEncodings()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        QFETCH(QString, text);
        const QByteArray charset = text == u"退信" ? "utf-8" : "gb2312";
        const QByteArray msg = "From: a@example.org\nDate: x\nMIME-Version: 1.0\nContent-Type: "
                               "text/plain; charset=\""
                + charset + "\"\nContent-Transfer-Encoding: " + encoding + "\n\n" + body;
        QCOMPARE(MimeParser::parse(msg).text(), text);
    }

    void pastedTextHasNoHeaders_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("postfix paragraph")
                << QByteArray("<a#example.org>: host mx[1.2.3.4] said: 550 no");
        QTest::newRow("chinese subject line")
                << QByteArray("主题: 被趋势的邮件网关退信\n550 blocked");
        QTest::newRow("single header-like line") << QByteArray("Subject: hello\nthis is prose");
    }
    void pastedTextHasNoHeaders()
    {
        QFETCH(QByteArray, text);
        const MimePart root = MimeParser::parse(text);
        QVERIFY(root.headers.isEmpty());
        QCOMPARE(root.body.toByteArray(), text);
    }

    void nestedMessageIsParsed()
    {
        const QByteArray msg =
                "From: MAILER-DAEMON\nDate: x\nContent-Type: multipart/mixed; boundary=b1\n\n"
                "--b1\nContent-Type: text/plain\n\nfailed\n"
                "--b1\nContent-Type: message/rfc822\n\nFrom: me@example.org\nSubject: "
                "original\n\nhello\n--b1--\n";
        const MimePart root = MimeParser::parse(msg);
        QCOMPARE(root.children.size(), 2);
        QVERIFY(root.children[1].isMessage());
        QCOMPARE(root.children[1].children.size(), 1);
        QCOMPARE(root.children[1].children[0].header("subject"), QByteArray("original"));
    }

    void deepNestingIsBounded()
    {
        QByteArray msg = "From: a\nDate: b\nContent-Type: multipart/mixed; boundary=b0\n\n";
        for (int i = 1; i < 2000; ++i)
            msg += "--b" + QByteArray::number(i - 1) + "\nContent-Type: multipart/mixed; boundary=b"
                    + QByteArray::number(i) + "\n\n";
        const MimePart root = MimeParser::parse(msg);
        int depth = 0;
        const MimePart *p = &root;
        while (!p->children.isEmpty()) {
            p = &p->children.first();
            ++depth;
        }
        QVERIFY(depth <= MimeParser::maxDepth);
        QVERIFY(p->truncated);
    }

    void unterminatedBoundary()
    {
        const MimePart root = MimeParser::parse("From: a\nDate: b\nContent-Type: multipart/report; "
                                                "boundary=Q\n\n--Q\n\nonly part, no close");
        QCOMPARE(root.children.size(), 1);
        QCOMPARE(root.children[0].text(), QStringLiteral("only part, no close"));
    }

    void headerParam_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("param");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("quoted") << QByteArray("text/plain; charset=\"GB2312\"")
                                << QByteArray("charset") << QByteArray("GB2312");
        QTest::newRow("bare") << QByteArray("text/plain;charset=utf-8; format=flowed")
                              << QByteArray("charset") << QByteArray("utf-8");
        QTest::newRow("case") << QByteArray("multipart/report; Boundary=abc")
                              << QByteArray("boundary") << QByteArray("abc");
        QTest::newRow("not a prefix") << QByteArray("x/y; xcharset=a; charset=b")
                                      << QByteArray("charset") << QByteArray("b");
        QTest::newRow("missing") << QByteArray("text/plain") << QByteArray("charset")
                                 << QByteArray();
        QTest::newRow("name without value") << QByteArray("text/plain; charset; charset=b")
                                            << QByteArray("charset") << QByteArray("b");
        QTest::newRow("inside a quoted value")
                << QByteArray("x/y; boundary=\"q; charset=a\"; charset=b") << QByteArray("charset")
                << QByteArray("a\"");
        QTest::newRow("at the start")
                << QByteArray("charset=a; charset=b") << QByteArray("charset") << QByteArray("b");
        QTest::newRow("spaces around =")
                << QByteArray("x/y;\tcharset = \"c\"") << QByteArray("charset") << QByteArray("c");
    }
    // Names are compared eight bytes a step: the result must be ASCII lower-casing's for any
    // bytes, at any length and at every position of a difference.
    void headerNameComparedAsLowerCase()
    {
        const QByteArray alphabet("aAzZmM09-_@[`{\x80\xC1\xE1\xFF");
        QRandomGenerator random(20261201);
        for (int round = 0; round < 20000; ++round) {
            QByteArray name;
            const int size = int(random.bounded(20));
            for (int i = 0; i < size; ++i)
                name += alphabet[random.bounded(int(alphabet.size()))];
            QByteArray lower = name.toLower();
            // toLower() folds Latin-1 too: the lookup name is folded in ASCII only.
            for (qsizetype i = 0; i < lower.size(); ++i) {
                if (uchar(name[i]) >= 0x80)
                    lower[i] = name[i];
            }
            if (!lower.isEmpty() && random.bounded(2)) {
                const qsizetype at = random.bounded(lower.size());
                lower[at] = alphabet[random.bounded(int(alphabet.size()))];
                if (lower[at] >= 'A' && lower[at] <= 'Z')
                    lower[at] = char(lower[at] + 32);
            }
            bool expected = true;
            for (qsizetype i = 0; i < name.size(); ++i) {
                const char c = name[i];
                expected = expected && (c >= 'A' && c <= 'Z' ? char(c + 32) : c) == lower[i];
            }
            const MimeHeader header {name, {}};
            if (header.is(lower) != expected)
                QFAIL(qPrintable(QStringLiteral("differs for %1 and %2")
                                         .arg(QString::fromLatin1(name.toHex()),
                                                 QString::fromLatin1(lower.toHex()))));
        }
    }

    // CRs are dropped sixteen bytes a step, in place or into a buffer of its own: any mix of CR
    // and LF must come out as dropping each CR (or, without LF, turning it into one) did.
    void lineEndingsAsByteByByte()
    {
        const QByteArrayList pieces {"\r\n", "\r", "\n", "\r\r\n", "x", "line of text ",
                QByteArray(17, 'y'), QByteArray(40, 'z')};
        QRandomGenerator random(20261201);
        for (int round = 0; round < 20000; ++round) {
            QByteArray data;
            const int count = int(random.bounded(40));
            for (int i = 0; i < count; ++i)
                data += pieces[random.bounded(int(pieces.size()))];
            QByteArray expected = data;
            if (expected.contains('\n'))
                expected.replace("\r", "");
            else
                expected.replace('\r', '\n');
            const QByteArray shared = data;
            QCOMPARE(MimeParser::normalizeLineEndings(shared), expected);
            QCOMPARE(shared, data);
            QByteArray own = data;
            own.detach();
            QCOMPARE(MimeParser::normalizeLineEndings(std::move(own)), expected);
        }
    }

    // Parameter names are looked for sixteen bytes a step: any value, with its ';' and blanks
    // anywhere, must give what looking at each place in turn gave.
    void headerParamAsPlaceByPlace()
    {
        const QByteArrayList pieces {"multipart/report", ";", " ", "\t", "charset", "CHARSET", "=",
                "\"", "utf-8", "boundary", "report-type", "x", "abcdefghijklmnop", "; ", " = ",
                "charset=\"a b\"", "xcharset=1"};
        const QByteArrayList params {"charset", "boundary", "report-type", "x", "a"};
        QRandomGenerator random(20261205);
        for (int round = 0; round < 20000; ++round) {
            QByteArray value;
            const int count = int(random.bounded(14));
            for (int i = 0; i < count; ++i)
                value += pieces[random.bounded(int(pieces.size()))];
            const QByteArray &param = params[random.bounded(int(params.size()))];
            const QByteArray got = MimeParser::headerParam(value, param);
            const QByteArray expected = referenceHeaderParam(value, param);
            if (got != expected || got.isNull() != expected.isNull())
                QFAIL(qPrintable(QString::fromLatin1(value + " / " + param)));
        }
    }

    // Delimiters are searched with a skip table: any body, with the boundary, its prefixes and
    // look-alikes anywhere, must split as reading it line by line does.
    void multipartSplitAsLineByLine()
    {
        const QByteArray boundary = "b=_1b";
        const QByteArray delimiter = "--" + boundary;
        const QByteArrayList pieces {"--b=_1b", "--b=_1b--", "--b=_1b ", "--b=_1bb", "-b=_1b",
                "--b=_", "b=_1b", "\n", "\n", "\n", "text", "x: y", " ", "-", "--", "1b", "=_"};
        QRandomGenerator random(20261206);
        for (int round = 0; round < 20000; ++round) {
            QByteArray body;
            const int count = int(random.bounded(16));
            for (int i = 0; i < count; ++i)
                body += pieces[random.bounded(int(pieces.size()))];
            // The reference: delimiter lines found at line starts, one by one.
            QList<qsizetype> at;
            for (qsizetype line = 0; line < body.size();) {
                const QByteArrayView rest = QByteArrayView(body).sliced(line);
                if (rest.startsWith(delimiter)) {
                    const qsizetype after = line + delimiter.size();
                    if (after >= body.size() || QByteArrayView("\n \t-").contains(body[after]))
                        at << line;
                }
                const qsizetype end = body.indexOf('\n', line);
                line = end < 0 ? body.size() : end + 1;
            }
            QByteArrayList expected;
            for (qsizetype i = 0; i < at.size(); ++i) {
                if (QByteArrayView(body).sliced(at[i] + delimiter.size()).startsWith("--"))
                    break;
                qsizetype lineEnd = body.indexOf('\n', at[i]);
                const qsizetype start = lineEnd < 0 ? body.size() : lineEnd + 1;
                const qsizetype end = i + 1 < at.size() ? qMax(start, at[i + 1] - 1) : body.size();
                const QByteArrayView content = QByteArrayView(body).sliced(start, end - start);
                qsizetype consumed = 0;
                MimeParser::parseHeaderBlock(content, &consumed);
                expected << content.sliced(consumed).toByteArray();
            }
            const MimePart root = MimeParser::parse("From: a@example.org\nDate: today\n"
                                                    "Content-Type: multipart/mixed; boundary=\""
                    + boundary + "\"\n\n" + body);
            QByteArrayList got;
            for (const MimePart &child : root.children)
                got << child.body.toByteArray();
            if (got != expected)
                QFAIL(qPrintable(
                        QStringLiteral("differs for ") + QString::fromLatin1(body.toHex())));
        }
    }

    // Field values are trimmed in place: any value, folded or not, must read as trimming with
    // Qt did, down to where an empty value points.
    void headerValueAsTrimmedByQt()
    {
        const QByteArrayList pieces {" ", "\t", "\r", "\v", "\f", "x", "value", "\n ", "\n\t",
                "a b", "\x80", QByteArray(1, '\0')};
        QRandomGenerator random(20261208);
        for (int round = 0; round < 20000; ++round) {
            QByteArray raw;
            const int count = int(random.bounded(8));
            for (int i = 0; i < count; ++i)
                raw += pieces[random.bounded(int(pieces.size()))];
            QByteArray expected;
            const QByteArrayView rawView(raw);
            if (!raw.contains('\n')) {
                const QByteArrayView trimmed = rawView.trimmed();
                QByteArray scratch;
                const QByteArrayView got = MimeHeader {"x", rawView}.value(scratch);
                if (got != trimmed || got.data() != trimmed.data())
                    QFAIL(qPrintable(QString::fromLatin1(raw.toHex())));
                continue;
            }
            for (const QByteArrayView line : raw.split('\n'))
                expected += (expected.isNull() ? QByteArray("") : QByteArray(" "))
                        + line.trimmed().toByteArray();
            if (MimeHeader {"x", rawView}.value() != expected)
                QFAIL(qPrintable(QString::fromLatin1(raw.toHex())));
        }
    }

    // Delivery-status groups are read into a list on the stack: any block must give the
    // fields, and take the bytes, that reading it into a list of its own does.
    void headerBlockOnTheStackAsInAList()
    {
        const QByteArrayList pieces {"Action: failed\n", "Status: 5.1.1\n", " folded\n", "\t\n",
                "\n", "From x\n", "no header line\n", "X-A: b", ": empty name\n", "\r\n",
                "Final-Recipient: rfc822; a@example.org\n"};
        QRandomGenerator random(20261209);
        for (int round = 0; round < 20000; ++round) {
            QByteArray block;
            const int count = int(random.bounded(24));
            for (int i = 0; i < count; ++i)
                block += pieces[random.bounded(int(pieces.size()))];
            qsizetype consumed = -1;
            const QList<MimeHeader> expected = MimeParser::parseHeaderBlock(block, &consumed);
            MimeParser::FieldList fields;
            fields.append({"stale", "field"});
            const qsizetype taken = MimeParser::parseHeaderBlock(block, fields);
            bool same = taken == consumed && fields.size() == expected.size();
            // The parser notes which values it saw on one line; a field built by hand looks.
            for (qsizetype i = 0; same && i < fields.size(); ++i)
                same = fields[i].name == expected[i].name
                        && fields[i].rawValue.data() == expected[i].rawValue.data()
                        && fields[i].rawValue.size() == expected[i].rawValue.size()
                        && fields[i].value() == MimeHeader {"x", fields[i].rawValue}.value();
            if (!same)
                QFAIL(qPrintable(QString::fromLatin1(block.toHex())));
        }
    }

    // The parts of a multipart are found before they are parsed: the budget must still stop
    // the parser at the same part, in one multipart and across nested ones.
    void partBudget_data()
    {
        QTest::addColumn<int>("outer");
        QTest::addColumn<int>("inner");
        const int max = MimeParser::maxParts;
        for (const auto &[outer, inner] : {std::pair {max - 1, 0}, std::pair {max, 0},
                     std::pair {max + 1, 0}, std::pair {3, max - 3}, std::pair {3, max - 2},
                     std::pair {3, max}, std::pair {1, 5}})
            QTest::addRow("%d outer, %d inner", outer, inner) << outer << inner;
    }
    void partBudget()
    {
        QFETCH(int, outer);
        QFETCH(int, inner);
        // The first part of the outer multipart is a multipart of `inner` parts; the others are
        // text. Every delimiter found counts one part against the budget, in document order.
        QByteArray msg = "From: a@example.org\nSubject: s\nContent-Type: multipart/mixed; "
                         "boundary=\"O\"\n\n--O\nContent-Type: multipart/mixed; boundary=\"I\"\n\n";
        for (int i = 0; i < inner; ++i)
            msg += "--I\n\ninner\n";
        msg += "--I--\n";
        for (int i = 1; i < outer; ++i)
            msg += "--O\n\nouter\n";
        msg += "--O--\n";
        const MimePart root = MimeParser::parse(msg);
        int budget = MimeParser::maxParts;
        const int innerParsed = qMax(0, qMin(inner, budget - 1));
        budget -= 1 + inner;
        const int outerParsed = 1 + qMax(0, qMin(outer - 1, budget));
        QCOMPARE(root.children.size(), outerParsed);
        QCOMPARE(root.children.first().children.size(), innerParsed);
        QCOMPARE(root.truncated, outerParsed < outer);
        QCOMPARE(root.children.first().truncated, innerParsed < inner);
    }

    // A message's enclosed originals parsed when asked give the tree a parse of it all gives,
    // the part budget's cuts included (a part after an original the parse left gets the
    // budget less the original's parts).
    void enclosedMessagesWhenAskedAsWithTheRest_data()
    {
        QTest::addColumn<QByteArray>("msg");
        const QByteArray head = "From: MAILER-DAEMON\nDate: x\n";
        QTest::newRow("original last") << head
                        + "Content-Type: multipart/mixed; boundary=b1\n\n--b1\n\nfailed\n"
                          "--b1\nContent-Type: message/rfc822\n\nFrom: me@example.org\n"
                          "Subject: original\n\nhello\n--b1--\n";
        QTest::newRow("two originals") << head
                        + "Content-Type: multipart/mixed; boundary=b1\n\n"
                          "--b1\nContent-Type: message/rfc822\n\nSubject: one\n\nhello\n"
                          "--b1\nContent-Type: message/rfc822\n\nSubject: two\n\nhello\n"
                          "--b1\n\nafter\n--b1--\n";
        QTest::newRow("base64 original") << head
                        + "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
                        + QByteArray("Subject: inner\nContent-Type: text/plain\n\nhi\n").toBase64();
        QTest::newRow("quoted-printable original") << head
                        + "Content-Type: message/rfc822\nContent-Transfer-Encoding: "
                          "quoted-printable\n\nSubject: inner=3D\n\nhi\n";
        QTest::newRow("original in an original") << head
                        + "Content-Type: message/rfc822\n\nSubject: one\nContent-Type: "
                          "message/rfc822\n\nSubject: two\n\nhi\n";
        QByteArray many = head + "Content-Type: multipart/mixed; boundary=O\n\n--O\n"
                + "Content-Type: message/rfc822\n\nSubject: x\nContent-Type: "
                  "multipart/mixed; boundary=I\n\n";
        for (int i = 0; i < 1500; ++i)
            many += "--I\n\ninner\n";
        many += "--I--\n";
        for (int i = 0; i < 1000; ++i)
            many += "--O\n\nouter\n";
        QTest::newRow("budget spent by the original") << many + "--O--\n";
        QByteArray deep = head;
        for (int i = 0; i < MimeParser::maxDepth + 2; ++i)
            deep += "Content-Type: message/rfc822\n\nSubject: " + QByteArray::number(i) + "\n";
        QTest::newRow("deeper than the limit") << deep + "\nbody\n";
        QTest::newRow("paste") << QByteArray("550 user unknown");
    }
    void enclosedMessagesWhenAskedAsWithTheRest()
    {
        QFETCH(QByteArray, msg);
        const MimePart eager = MimeParser::parse(msg);
        const MimePart lazy = MimeParser::parse(msg, MimeParser::EnclosedMessages::WhenAsked);
        QVERIFY(sameTree(eager, lazy));
    }

    void randomEnclosedMessagesWhenAskedAsWithTheRest()
    {
        QRandomGenerator rng(20);
        for (int round = 0; round < 60; ++round) {
            int boundaries = 0;
            int parts = int(rng.bounded(10, 3000));
            const QByteArray msg =
                    "From: a@example.org\nDate: x\n" + randomMessage(rng, 0, parts, boundaries);
            const MimePart eager = MimeParser::parse(msg);
            const MimePart lazy = MimeParser::parse(msg, MimeParser::EnclosedMessages::WhenAsked);
            QVERIFY2(sameTree(eager, lazy), msg.left(2000).constData());
        }
    }

    void headerParam()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, param);
        QFETCH(QByteArray, expected);
        QCOMPARE(MimeParser::headerParam(value, param), expected);
    }
};

QTEST_GUILESS_MAIN(TstMimeParser)
#include "tst_mimeparser.moc"
