// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Cpu.h"
#include "util/TextDecoder.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

using namespace bd;

namespace {

// htmlToText() as it was written first, character by character: the reference for the
// faster one.
QString referenceHtmlToText(QStringView html)
{
    // Written straight into a string as long as the HTML, which the text never outgrows: a tag
    // becomes one character at most, an entity at most two, and the rest is copied.
    QString out(html.size(), Qt::Uninitialized);
    char16_t *const begin = reinterpret_cast<char16_t *>(out.data());
    char16_t *o = begin;
    const auto put = [&](char16_t u) { *o++ = u; };
    const qsizetype n = html.size();
    qsizetype i = 0;
    auto startsWithTag = [&](qsizetype at, QLatin1StringView tag) {
        if (n - at < tag.size())
            return false;
        // ASCII by hand; Qt's case folding only for text that is not ASCII ("ſ" folds to "s").
        for (qsizetype k = 0; k < tag.size(); ++k) {
            const char16_t u = html[at + k].unicode();
            if (u >= 0x80)
                return html.sliced(at).startsWith(tag, Qt::CaseInsensitive);
            const char16_t lower = u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u;
            if (lower != tag[k].unicode())
                return false;
        }
        return true;
    };
    while (i < n) {
        // Text between the characters that need a look is copied in one go. They all come
        // before '<' in the code table, and most text after it.
        qsizetype run = i;
        while (run < n) {
            const char16_t u = html[run].unicode();
            if (u <= u'<' && (u == u'<' || u == u'&' || u == u'\r' || u == u'\n' || u == u'\t'))
                break;
            ++run;
        }
        if (run > i) {
            std::memcpy(o, html.utf16() + i, size_t(run - i) * sizeof(char16_t));
            o += run - i;
            i = run;
            continue;
        }
        const QChar c = html[i];
        if (c == u'<') {
            const qsizetype close = html.indexOf(u'>', i);
            if (close < 0)
                break;
            if (startsWithTag(i, QLatin1StringView("<style"))
                    || startsWithTag(i, QLatin1StringView("<script"))) {
                const bool style = startsWithTag(i, QLatin1StringView("<style"));
                const qsizetype endTag =
                        html.indexOf(style ? u"</style" : u"</script", close, Qt::CaseInsensitive);
                i = endTag < 0 ? n : html.indexOf(u'>', endTag) + 1;
                if (i <= 0)
                    i = n;
                continue;
            }
            static const QLatin1StringView breaks[] = {QLatin1StringView("<br"),
                    QLatin1StringView("<p"), QLatin1StringView("</p"), QLatin1StringView("<div"),
                    QLatin1StringView("</div"), QLatin1StringView("<tr"), QLatin1StringView("<li"),
                    QLatin1StringView("</h"), QLatin1StringView("</table")};
            for (const auto &b : breaks) {
                if (startsWithTag(i, b)) {
                    put(u'\n');
                    break;
                }
            }
            if (startsWithTag(i, QLatin1StringView("<td"))
                    || startsWithTag(i, QLatin1StringView("<th")))
                put(u' ');
            i = close + 1;
            continue;
        }
        if (c == u'&') {
            const qsizetype semi = html.indexOf(u';', i);
            if (semi > i && semi - i <= 10) {
                const QString decoded = TextDecoder::htmlEntity(html.sliced(i + 1, semi - i - 1));
                if (!decoded.isNull()) {
                    for (const QChar d : std::as_const(decoded))
                        put(d.unicode());
                    i = semi + 1;
                    continue;
                }
            }
        }
        if (c == u'\r' || c == u'\n' || c == u'\t')
            put(u' ');
        else
            put(c.unicode());
        ++i;
    }
    out.truncate(o - begin);
    return out;
}

} // namespace

class TstTextDecoder : public QObject
{
    Q_OBJECT
private slots:
    void decode_charsets_data()
    {
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QString>("text");
        // Each text is encoded with the named charset, then decoded back.
        QTest::newRow("gb2312") << QByteArray("GB2312") << QStringLiteral("退信原因：收件人不存在");
        QTest::newRow("gbk") << QByteArray("GBK") << QStringLiteral("您的邮件被拒收");
        QTest::newRow("gb18030") << QByteArray("gb18030") << QStringLiteral("系统退信 𠀀");
        QTest::newRow("big5") << QByteArray("Big5") << QStringLiteral("無法投遞郵件");
        QTest::newRow("iso-2022-jp")
                << QByteArray("ISO-2022-JP") << QStringLiteral("宛先不明のため配送できません");
        QTest::newRow("shift_jis")
                << QByteArray("Shift_JIS") << QStringLiteral("メールを配送できませんでした");
        QTest::newRow("koi8-r") << QByteArray("KOI8-R")
                                << QStringLiteral("Сообщение не доставлено");
        QTest::newRow("windows-1251")
                << QByteArray("windows-1251") << QStringLiteral("Адрес не найден");
        QTest::newRow("windows-1252")
                << QByteArray("windows-1252") << QStringLiteral("Adresse IP source bloquée – spam");
        QTest::newRow("iso-8859-2")
                << QByteArray("iso-8859-2") << QStringLiteral("Nie można dostarczyć");
        QTest::newRow("utf-8") << QByteArray("utf-8") << QStringLiteral("邮件被退回 ✉");
    }
    void decode_charsets()
    {
        QFETCH(QByteArray, charset);
        QFETCH(QString, text);
        QStringEncoder encoder(charset.constData());
        QVERIFY2(encoder.isValid(), charset.constData());
        const QByteArray bytes = encoder.encode(text);
        QCOMPARE(TextDecoder::decode(bytes, charset), text);
    }

    void decode_unknownCharsetFallsBack()
    {
        QCOMPARE(TextDecoder::decode("caf\xc3\xa9", "x-no-such-charset"), QStringLiteral("café"));
        QCOMPARE(TextDecoder::decode("caf\xe9", "x-no-such-charset"), QStringLiteral("café"));
    }

    void decode_gb2312LabelWithGbkBytes()
    {
        // "镕" is in GBK but not in GB2312; mislabelled mail is common and must still decode.
        QStringEncoder gbk("GBK");
        const QByteArray bytes = gbk.encode(QStringLiteral("朱镕基"));
        QCOMPARE(TextDecoder::decode(bytes, "gb2312"), QStringLiteral("朱镕基"));
    }

    // Text in these charsets that is printable ASCII is taken as it is, without ICU: it must
    // read exactly as their decoders read it.
    void decode_plainAsciiAsTheDecoderReadsIt_data()
    {
        QTest::addColumn<QByteArray>("charset");
        QTest::newRow("iso-8859-1") << QByteArray("ISO-8859-1");
        QTest::newRow("windows-1252") << QByteArray("windows-1252");
        QTest::newRow("iso-8859-15") << QByteArray("iso-8859-15");
        QTest::newRow("iso-2022-jp") << QByteArray("ISO-2022-JP");
    }
    void decode_plainAsciiAsTheDecoderReadsIt()
    {
        QFETCH(QByteArray, charset);
        QByteArray ascii = "550 5.1.1 <user@example.jp>: Recipient address rejected\r\n\t";
        for (char c = 0x20; c < 0x7f; ++c)
            ascii += c;
        QStringDecoder decoder(charset == "ISO-8859-1" ? "windows-1252" : charset.constData());
        QVERIFY(decoder.isValid());
        const QString expected = decoder.decode(ascii);
        QVERIFY(!decoder.hasError());
        QCOMPARE(TextDecoder::decode(ascii, charset), expected);
    }

    void quotedPrintable_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("plain") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("hex") << QByteArray("a=3Db") << QByteArray("a=b");
        QTest::newRow("soft break")
                << QByteArray("550 5.7.1 blocked=\nusing") << QByteArray("550 5.7.1 blockedusing");
        QTest::newRow("soft break crlf") << QByteArray("ab=\r\ncd") << QByteArray("abcd");
        QTest::newRow("soft break trailing blanks")
                << QByteArray("ab=  \ncd") << QByteArray("abcd");
        QTest::newRow("stray equals") << QByteArray("a=zz") << QByteArray("a=zz");
        QTest::newRow("equals at end") << QByteArray("abc=") << QByteArray("abc");
        QTest::newRow("utf8 bytes") << QByteArray("=E9=80=80=E4=BF=A1") << QByteArray("退信");
    }
    void quotedPrintable()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, decoded);
        QCOMPARE(TextDecoder::decodeQuotedPrintable(encoded), decoded);
    }

    void header_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("decoded");
        QTest::newRow("ascii") << QByteArray("Undelivered Mail Returned to Sender")
                               << QStringLiteral("Undelivered Mail Returned to Sender");
        QTest::newRow("b gb2312") << QByteArray("=?GB2312?B?z7XNs83L0MU=?=")
                                  << QStringLiteral("系统退信");
        QTest::newRow("q utf8") << QByteArray("=?UTF-8?Q?Adresse_IP_bloqu=C3=A9e?=")
                                << QStringLiteral("Adresse IP bloquée");
        QTest::newRow("adjacent words join")
                << QByteArray("=?UTF-8?B?6YCA?= =?UTF-8?B?5L+h?=") << QStringLiteral("退信");
        QTest::newRow("mixed") << QByteArray("Re: =?utf-8?q?caf=C3=A9?= ok")
                               << QStringLiteral("Re: café ok");
        QTest::newRow("broken word kept") << QByteArray("=?utf-8?x") << QStringLiteral("=?utf-8?x");
        QTest::newRow("iso-2022-jp")
                << QByteArray("=?ISO-2022-JP?B?GyRCJWElJCVrGyhC?=") << QStringLiteral("メイル");
    }
    void header()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, decoded);
        QCOMPARE(TextDecoder::decodeHeader(raw), decoded);
    }

    void htmlToText()
    {
        const QString text = TextDecoder::htmlToText(
                u"<html><style>p{color:red}</style><body><p>Delivery has "
                u"failed&nbsp;to:</p><p>a&amp;b@example.org</p>"
                u"<div>Remote Server returned '550 5.7.606 Access denied, banned sending IP "
                u"[192.0.2.1]'</div>&#36864;</body></html>");
        QVERIFY(!text.contains(u"color"));
        QVERIFY(text.contains(u"Delivery has failed to:"));
        QVERIFY(text.contains(u"a&b@example.org"));
        QVERIFY(text.contains(u"Remote Server returned '550 5.7.606"));
        QVERIFY(text.contains(u"退"));
    }

    // ctest runs this test and the other readers' again with BD_NO_AVX2 set, to check the plain
    // loops beside the AVX2 ones: the variable must turn those off.
    void avx2LoopsOffWhenAsked()
    {
        if (!qEnvironmentVariableIsSet("BD_NO_AVX2"))
            QSKIP("BD_NO_AVX2 is not set in this run");
        QVERIFY(!Cpu::avx2());
    }

    void htmlEntity_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text"); // null: not an entity it knows
        QTest::newRow("nbsp") << u"nbsp"_qs << u" "_qs;
        QTest::newRow("amp") << u"amp"_qs << u"&"_qs;
        QTest::newRow("apos") << u"apos"_qs << u"'"_qs;
        QTest::newRow("decimal") << u"#36864"_qs << u"\u9000"_qs;
        QTest::newRow("hex") << u"#x41"_qs << u"A"_qs;
        QTest::newRow("hex upper X") << u"#X1F600"_qs << QString::fromUcs4(U"\U0001F600", 1);
        QTest::newRow("case matters") << u"AMP"_qs << QString();
        QTest::newRow("unknown") << u"bogus"_qs << QString();
        QTest::newRow("zero") << u"#0"_qs << QString();
        QTest::newRow("past Unicode") << u"#x110000"_qs << QString();
        QTest::newRow("not a number") << u"#12a"_qs << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void htmlEntity()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        const QString decoded = TextDecoder::htmlEntity(name);
        QCOMPARE(decoded.isNull(), text.isNull());
        QCOMPARE(decoded, text);
    }

    // HTML is scanned several characters a step and only the tags that share a tag's second
    // letter are compared: any HTML must come out as the plain character-by-character reading.
    void htmlToTextAsCharacterByCharacter()
    {
        const QStringList pieces {u"<br>"_qs, u"<BR/>"_qs, u"<p>"_qs, u"</P>"_qs, u"<div>"_qs,
                u"</div>"_qs, u"<tr>"_qs, u"<td>"_qs, u"<TH>"_qs, u"<li>"_qs, u"</h1>"_qs,
                u"</table>"_qs, u"<style>p{}</style>"_qs, u"<script>a<b</script>"_qs,
                u"<\u017Ftyle>x</style>"_qs, u"<\u017Fcript>"_qs, u"</STYLE>"_qs, u"<b>"_qs,
                u"<span class=x>"_qs, u"&nbsp;"_qs, u"&amp;"_qs, u"&#36864;"_qs, u"&#x41;"_qs,
                u"&bogus;"_qs, u"&"_qs, u"<"_qs, u">"_qs, u";"_qs, u"550 user unknown "_qs,
                u"\r\n"_qs, u"\t"_qs, u"\u00e9"_qs, u"\u9000"_qs, u"<\u00e9>"_qs, QString(20, u'x'),
                u"<t"_qs, u"</"_qs};
        QRandomGenerator random(20261204);
        for (int round = 0; round < 20000; ++round) {
            QString html;
            const int count = int(random.bounded(12));
            for (int i = 0; i < count; ++i)
                html += pieces[random.bounded(int(pieces.size()))];
            if (TextDecoder::htmlToText(html) != referenceHtmlToText(html))
                QFAIL(qPrintable(u"differs for "_qs + html));
        }
    }

    // Long ASCII runs are checked many bytes a step: a bad or good sequence is found at any
    // place of such a run, on either side of a step's end.
    void utf8ValidityInLongText_data()
    {
        QTest::addColumn<int>("at");
        for (const int at : {0, 7, 8, 30, 31, 32, 33, 40, 63, 64, 69})
            QTest::addRow("at %d", at) << at;
    }
    void utf8ValidityInLongText()
    {
        QFETCH(int, at);
        const QByteArray ascii(72, 'a');
        QByteArray good = ascii;
        good.replace(at, 3, "\xe9\x80\x80");
        QVERIFY(TextDecoder::isValidUtf8(good));
        QByteArray bad = ascii;
        bad[at] = '\xff';
        QVERIFY(!TextDecoder::isValidUtf8(bad));
        QVERIFY(!TextDecoder::isValidUtf8(QByteArray(ascii.first(at) + "\xe9\x80")));
    }

    // Text without a charset is widened while its ASCII start is checked, and only what follows
    // is decoded as UTF-8: it must come out as decoding the whole did, for any bytes.
    void decode_fallbackAsDecodingTheWhole()
    {
        const QByteArrayList pieces {"a", "plain ascii text ", "\n", "\t", "\xEF\xBB\xBF",
                "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80",
                "\xE0\x80\x80", "\xF4\x90\x80\x80", "\x80", "\xFF", "\xC3", "\xE2\x82",
                QByteArray(40, 'x'), QByteArray(1, '\0')};
        QRandomGenerator random(20261201);
        const auto reference = [](QByteArrayView bytes) -> QString {
            if (TextDecoder::isValidUtf8(bytes))
                return QString::fromUtf8(bytes);
            return QStringDecoder("windows-1252").decode(bytes);
        };
        QCOMPARE(TextDecoder::decode(QByteArrayView(), {}).isNull(), true);
        QCOMPARE(TextDecoder::decode(QByteArrayView(""), {}).isNull(), false);
        for (int round = 0; round < 20000; ++round) {
            QByteArray bytes;
            const int count = int(random.bounded(8));
            for (int i = 0; i < count; ++i)
                bytes += pieces[random.bounded(int(pieces.size()))];
            const QString got = TextDecoder::decode(bytes, {});
            const QString expected = reference(bytes);
            if (got != expected || got.isNull() != expected.isNull())
                QFAIL(qPrintable(
                        QStringLiteral("differs for ") + QString::fromLatin1(bytes.toHex())));
        }
    }

    // Plain ASCII in an ASCII-transparent charset is checked sixteen bytes a step: one byte that
    // is not, anywhere in a long text, must send it to the decoder.
    void decode_oneByteNotPlainAscii()
    {
        const char odd[] = {
                '\x00', '\x01', '\x1b', '\x7f', '\x80', '\x81', '\x9f', '\xa0', '\xe9', '\xff'};
        QStringDecoder cp1252("windows-1252");
        QVERIFY(cp1252.isValid());
        for (int size : {15, 16, 17, 31, 32, 33, 100}) {
            const QByteArray plain =
                    QByteArray("Mail\tdelivery\r\nfailed ~ 550 {x}.").repeated(4).left(size);
            QCOMPARE(TextDecoder::decode(plain, "iso-8859-1"), QString::fromLatin1(plain));
            for (qsizetype at = 0; at < size; ++at) {
                for (const char c : odd) {
                    QByteArray bytes = plain;
                    bytes[at] = c;
                    const QString expected = cp1252.decode(bytes);
                    cp1252.resetState();
                    if (TextDecoder::decode(bytes, "iso-8859-1") != expected)
                        QFAIL(qPrintable(QStringLiteral("differs for ")
                                + QString::fromLatin1(bytes.toHex())));
                }
            }
        }
    }

    // Text in ISO-2022-JP and single-byte charsets is widened where it is ASCII and decoded
    // by a converter kept for the thread elsewhere: it must come out as a converter of its own
    // decoding the whole read it, for any bytes, errors and escape sequences included.
    void decode_aroundAsciiRunsAsTheWhole_data()
    {
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QByteArray>("decodeAs");
        QTest::addColumn<QByteArrayList>("pieces");
        const QByteArrayList ascii {"a", "550 5.1.1 unknown user ", QByteArray(15, 'x'),
                QByteArray(16, 'y'), QByteArray(17, 'z'), QByteArray(40, 'w'), "\r\n", "\n", "\t",
                "\\~", QByteArray(1, '\0'), "\x7f", "\x80", "\xff"};
        QByteArrayList jis = ascii;
        jis << "\x1b$B"
            << "\x1b$@"
            << "\x1b(B"
            << "\x1b(J"
            << "\x1b(I"
            << "\x1b$(D"
            << "\x1b.A"
            << "\x1bN"
            << "\x1b"
            << "\x1b("
            << "\x1b$"
            << "%a%$%k"
            << "0!"
            << "0"
            << "\x0e"
            << "\x0f"
            << "\x1b(Bq"
            << "\x1b$B%a\x1b(B";
        QByteArrayList latin = ascii;
        latin << "\xe9"
              << "\x81"
              << "\xa4"
              << "\x1b"
              << "caf\xe9 cr\xe8me";
        QTest::newRow("iso-2022-jp")
                << QByteArray("ISO-2022-JP") << QByteArray("iso-2022-jp") << jis;
        QTest::newRow("iso-8859-1")
                << QByteArray("iso-8859-1") << QByteArray("windows-1252") << latin;
        QTest::newRow("iso-8859-15")
                << QByteArray("ISO-8859-15") << QByteArray("iso-8859-15") << latin;
    }
    void decode_aroundAsciiRunsAsTheWhole()
    {
        QFETCH(QByteArray, charset);
        QFETCH(QByteArray, decodeAs);
        QFETCH(QByteArrayList, pieces);
        const auto reference = [&](const QByteArray &bytes) {
            QStringDecoder decoder(decodeAs.constData());
            QString text = decoder.decode(bytes);
            if (decoder.hasError() && TextDecoder::isValidUtf8(bytes))
                return QString::fromUtf8(bytes);
            return text;
        };
        QRandomGenerator random(20261202);
        for (int round = 0; round < 6000; ++round) {
            QByteArray bytes;
            const int count = 1 + int(random.bounded(10));
            for (int i = 0; i < count; ++i)
                bytes += pieces[random.bounded(int(pieces.size()))];
            if (TextDecoder::decode(bytes, charset) != reference(bytes))
                QFAIL(qPrintable(
                        QStringLiteral("differs for ") + QString::fromLatin1(bytes.toHex())));
        }
    }

    void utf8Validity()
    {
        QVERIFY(TextDecoder::isValidUtf8("plain ascii"));
        QVERIFY(TextDecoder::isValidUtf8("\xe9\x80\x80"));
        QVERIFY(!TextDecoder::isValidUtf8("\xe9\x80"));
        QVERIFY(!TextDecoder::isValidUtf8("\xff"));
        QVERIFY(!TextDecoder::isValidUtf8("\xc0\xaf"));
    }
};

QTEST_GUILESS_MAIN(TstTextDecoder)
#include "tst_textdecoder.moc"
