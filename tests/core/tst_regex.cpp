// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Regex.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace bd;

// Regex is the bounce reader's own door to PCRE2 and must answer as QRegularExpression does for
// the same pattern and options; these rows hold what tells them apart if it does not: empty
// matches, surrogate pairs next to them, groups that take no part, caseless letters PCRE2 folds
// onto ASCII ones, the line and dot options, invalid subjects. Regex tells PCRE2 to skip its
// UTF-16 check only where the subject has no surrogate: surrogateFree() is checked at every
// place its vectorised scan looks (in a block of 32, across a block's end, in the tail after the
// last block) and on lone surrogates, which PCRE2 must still refuse.
class TstRegex : public QObject
{
    Q_OBJECT
private:
    // Every match of a global match, every group: start, end, the text and whether it is null.
    template<typename It> static QStringList describe(It it, int groups)
    {
        QStringList out;
        while (it.hasNext()) {
            const auto m = it.next();
            QStringList g;
            for (int n = 0; n <= groups; ++n)
                g << QStringLiteral("%1-%2:%3%4")
                                .arg(m.capturedStart(n))
                                .arg(m.capturedEnd(n))
                                .arg(m.captured(n),
                                        m.captured(n).isNull() ? QStringLiteral("(null)")
                                                               : QString());
            out << g.join(u' ') + QStringLiteral(" last=%1").arg(m.lastCapturedIndex());
        }
        return out;
    }

private slots:
    void surrogateFree_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("free");
        const QString latin(100, u'a');
        const QString pair = QString::fromUtf8("\xf0\x9f\x93\xa7"); // U+1F4E7, two code units
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("latin, 100 units") << latin << true;
        QTest::newRow("chinese and U+FFFF") << u"您的IP已被列入黑名单\uffff"_qs.repeated(9) << true;
        QTest::newRow("pair in the first block") << pair + latin << false;
        QTest::newRow("pair across a block's end") << latin.left(31) + pair + latin << false;
        QTest::newRow("pair in the tail") << latin.left(96) + pair << false;
        QTest::newRow("lone high surrogate at 63")
                << latin.left(63) + QChar(0xd800) + latin << false;
        QTest::newRow("lone low surrogate last") << latin + QChar(0xdfff) << false;
    }
    void surrogateFree()
    {
        QFETCH(QString, text);
        QFETCH(bool, free);
        QCOMPARE(bd::surrogateFree(text), free);
    }

    // Every length up to past two blocks of 32, with one surrogate (high or low) at every
    // place or none, and the code units next to the range (U+D7FF, U+E000): the blocks, the
    // runs of eight and the overlapping last eight agree with a test of each code unit.
    void surrogateFreeAtEveryPlace()
    {
        for (int length = 0; length <= 80; ++length) {
            for (int at = -1; at < length; ++at) {
                for (const char16_t odd : {u'\xd800', u'\xdbff', u'\xdc00', u'\xdfff'}) {
                    QString text(length, u'a');
                    if (length > 1)
                        text[0] = QChar(0xd7ff), text[length - 1] = QChar(0xe000);
                    if (at >= 0)
                        text[at] = QChar(odd);
                    const bool reference = std::none_of(
                            text.cbegin(), text.cend(), [](QChar c) { return c.isSurrogate(); });
                    QVERIFY2(bd::surrogateFree(text) == reference,
                            qPrintable(u"length %1, at %2"_qs.arg(length).arg(at)));
                }
            }
        }
    }

    void matchesAsQRegularExpression_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("options");
        QTest::addColumn<QString>("subject");
        const int none = QRegularExpression::NoPatternOption;
        const int caseless = QRegularExpression::CaseInsensitiveOption;
        const QString pair = QString::fromUtf8("\xf0\x9f\x93\xa7");
        QTest::newRow("latin") << u"(\\d\\.\\d\\.\\d)"_qs << none << u"550 5.7.1 blocked"_qs;
        QTest::newRow("chinese") << u"(黑名单)"_qs << none << u"您的IP已被列入黑名单"_qs;
        QTest::newRow("valid pair, checked") << u"(.)$"_qs << none << u"x "_qs + pair;
        // PCRE2 refuses an invalid subject: no match, rather than reading past the string.
        QTest::newRow("lone surrogate, refused") << u"(a)"_qs << none << u"a"_qs + QChar(0xd800);
        QTest::newRow("empty matches advance") << u"x*"_qs << none << u"axxb"_qs;
        QTest::newRow("empty matches step over a pair")
                << u"x*"_qs << none << u"a"_qs + pair + u"b";
        QTest::newRow("empty subject") << u"x*"_qs << none << QString();
        QTest::newRow("group that takes no part") << u"(a)|(b)(c)?"_qs << none << u"ab bc ba"_qs;
        QTest::newRow("caseless Kelvin sign and long s")
                << u"(kiss)"_qs << caseless << u"KISS \u212Aiſs kıss"_qs;
        QTest::newRow("multiline") << u"^(\\w+)$"_qs << int(QRegularExpression::MultilineOption)
                                   << u"one\ntwo\r\nthree"_qs;
        QTest::newRow("dot matches everything")
                << u"said:(.+?)\\(in"_qs << int(QRegularExpression::DotMatchesEverythingOption)
                << u"said: 550\nno\n(in reply"_qs;
        QTest::newRow("\\b and \\w are ASCII (no UCP)")
                << u"\\b(\\w+)\\b"_qs << none << u"naïve 名单 ok"_qs;
        QTest::newRow("lookbehind at the subject's start")
                << u"(?<![\\d.])(\\d\\.\\d)"_qs << none << u"5.7 1.2.3"_qs;
    }
    void matchesAsQRegularExpression()
    {
        QFETCH(QString, pattern);
        QFETCH(int, options);
        QFETCH(QString, subject);
        const auto opts = QRegularExpression::PatternOptions(options);
        const Regex re(pattern, opts);
        const QRegularExpression qt(pattern, opts);
        QVERIFY(re.isValid());
        const int groups = qt.captureCount();
        QCOMPARE(describe(re.globalMatch(subject), groups),
                describe(qt.globalMatch(subject), groups));
        const RegexMatch m = re.match(subject);
        const QRegularExpressionMatch q = qt.match(subject);
        QCOMPARE(m.hasMatch(), q.hasMatch());
        QCOMPARE(m.lastCapturedIndex(), q.lastCapturedIndex());
        for (int n = 0; n <= groups + 1; ++n) {
            QCOMPARE(m.capturedStart(n), q.capturedStart(n));
            QCOMPARE(m.capturedEnd(n), q.capturedEnd(n));
            QCOMPARE(m.capturedLength(n), q.capturedLength(n));
            QCOMPARE(m.captured(n), q.captured(n));
            QCOMPARE(m.captured(n).isNull(), q.captured(n).isNull());
        }
        QCOMPARE(re.removed(subject), QString(subject).remove(qt));
    }

    void replacesAsQString_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("after");
        QTest::newRow("markdown link")
                << u"\\[([^\\]\\n]{0,300})\\]\\((?:mailto:)?([^)\\s]{1,500})\\)"_qs
                << u"see [xxx.de](mailto:a@b.de) and [x](http://y/)."_qs << u"\\2"_qs;
        QTest::newRow("no match") << u"q"_qs << u"abc"_qs << u"\\1"_qs;
        QTest::newRow("\\0 and a group the pattern lacks stay as written")
                << u"(b)"_qs << u"abc"_qs << u"[\\0\\1\\2]"_qs;
        QTest::newRow("two digits when the group exists")
                << u"(a)(b)(c)(d)(e)(f)(g)(h)(i)"_qs << u"abcdefghi!"_qs << u"\\91\\10"_qs;
        QTest::newRow("empty matches") << u"x*"_qs << u"axb"_qs << u"-"_qs;
    }
    void replacesAsQString()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, subject);
        QFETCH(QString, after);
        const Regex re(pattern);
        QCOMPARE(re.replaced(subject, after),
                QString(subject).replace(QRegularExpression(pattern), after));
    }

    // A text checked once vouches only for views inside it, only while its scope lives, and
    // never when it holds a surrogate: an invalid subject is still refused.
    void validatedTextVouchesForItsOwnViews()
    {
        const QString clean = u"550 5.7.1 blocked using zen.spamhaus.org"_qs;
        const QString lone = u"550 blocked "_qs + QChar(0xd800) + u" 5.7.1"_qs;
        QVERIFY(!ValidatedText::holds(QStringView(clean).sliced(4, 5)));
        {
            const ValidatedText outer(clean);
            QVERIFY(ValidatedText::holds(QStringView(clean).sliced(4, 5)));
            QVERIFY(ValidatedText::holds(clean));
            QVERIFY(!ValidatedText::holds(QStringView(clean.constData() + 4, clean.size())));
            QVERIFY(!ValidatedText::holds(QString(clean).append(u'x'))); // a detached copy
            {
                const ValidatedText inner(lone);
                QVERIFY(!ValidatedText::holds(lone));
                QVERIFY(ValidatedText::holds(clean)); // the outer text still counts
                const Regex re(u"(5\\.7\\.1)"_qs);
                QVERIFY(!re.match(lone).hasMatch()); // checked, refused
                QCOMPARE(re.match(QStringView(clean).sliced(4)).captured(1), u"5.7.1"_qs);
            }
            QVERIFY(ValidatedText::holds(clean));
        }
        QVERIFY(!ValidatedText::holds(clean));
    }

    // A regex is made ready to run (JIT-compiled) on its first match, not when built: threads
    // that match a fresh one at the same time, and copies of it, all get the right answers.
    void firstMatchFromManyThreadsAtOnce()
    {
        const Regex re(u"(?:^|\\s)([45]\\d\\d)[ -]([45]\\.\\d\\.\\d{1,3})"_qs);
        const QString text = u"host mx.example.com said: 550 5.7.1 blocked"_qs;
        std::atomic<int> right {0};
        std::vector<std::thread> threads;
        threads.reserve(8);
        for (int i = 0; i < 8; ++i) {
            threads.emplace_back([&re, &text, &right, i] {
                const Regex copy = re; // shares the compiled pattern
                const RegexMatch m = (i % 2 ? copy : re).match(text);
                if (m.captured(1) == u"550" && m.captured(2) == u"5.7.1")
                    ++right;
            });
        }
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(right.load(), 8);
        QVERIFY(!re.match(u"250 2.0.0 ok").hasMatch());
    }

    void refusesWhatItCannotReport()
    {
        const Regex bad(u"(unclosed"_qs);
        QVERIFY(!bad.isValid());
        QVERIFY(bad.errorString().contains(u"missing closing parenthesis"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"invalid pattern"_qs));
        QVERIFY(!bad.match(u"(unclosed").hasMatch());
        const Regex many(u"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)"_qs);
        QVERIFY(!many.isValid());
        QVERIFY(many.errorString().contains(u"capturing groups"));
    }
};

QTEST_GUILESS_MAIN(TstRegex)
#include "tst_regex.moc"
