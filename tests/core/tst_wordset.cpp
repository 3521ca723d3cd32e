// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/WordSet.h"

#include <QRandomGenerator>
#include <QTest>

using namespace bd;

class TstWordSet : public QObject
{
    Q_OBJECT
private slots:
    void foundIn_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<bool>("caseless");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");
        const QStringList envelope {u"mailer-daemon"_qs, u"undeliver"_qs, u"退信"_qs};
        QTest::newRow("caseless ascii")
                << envelope << true << u"MAILER-DAEMON@example.org"_qs << true;
        QTest::newRow("caseless mixed case")
                << envelope << true << u"Undeliverable: hello"_qs << true;
        QTest::newRow("caseless none") << envelope << true << u"Re: lunch"_qs << false;
        QTest::newRow("caseless chinese text")
                << envelope << true << u"系统退信: 邮件无法投递"_qs << true;
        QTest::newRow("caseless non-ascii text, ascii word")
                << envelope << true << u"Rückläufer: UNDELIVERED"_qs << true;
        // U+212A (Kelvin sign) and U+017F (long s) fold to 'k' and 's'.
        QTest::newRow("caseless word folding to ascii")
                << QStringList {u"\u212Aelvin"_qs, u"\u017Fpam"_qs} << true << u"SPAM filter"_qs
                << true;
        QTest::newRow("caseless text folding to ascii")
                << QStringList {u"kelvin"_qs} << true << u"\u212Aelvin"_qs << true;
        QTest::newRow("empty word") << QStringList {u""_qs} << true << QString() << true;
        QTest::newRow("no words") << QStringList {} << true << u"anything"_qs << false;
        QTest::newRow("case-sensitive") << QStringList {u"gave up"_qs, u"no more retries"_qs}
                                        << false << u"Gave up after 5 days"_qs << false;
        QTest::newRow("case-sensitive found") << QStringList {u"gave up"_qs, u"no more retries"_qs}
                                              << false << u"we gave up after 5 days"_qs << true;
    }
    void foundIn()
    {
        QFETCH(QStringList, words);
        QFETCH(bool, caseless);
        QFETCH(QString, text);
        QFETCH(bool, expected);
        const Qt::CaseSensitivity cs = caseless ? Qt::CaseInsensitive : Qt::CaseSensitive;
        QCOMPARE(WordSet(words, cs).foundIn(text), expected);
        const bool byContains = std::any_of(words.cbegin(), words.cend(),
                [&](const QString &w) { return text.contains(w, cs); });
        QCOMPARE(byContains, expected);
    }

    // The answer is contains()'s for every word, on arbitrary text and words.
    void agreesWithContains()
    {
        QRandomGenerator rng(5);
        const QString alphabet = u"aAkKsS -\u212A\u017F\u00DF退"_qs;
        auto randomString = [&](int maxLen) {
            QString s;
            const int n = int(rng.bounded(0, maxLen));
            for (int i = 0; i < n; ++i)
                s += alphabet[int(rng.bounded(alphabet.size()))];
            return s;
        };
        for (int round = 0; round < 2000; ++round) {
            QStringList words;
            for (int i = 0, n = int(rng.bounded(1, 4)); i < n; ++i)
                words << randomString(4);
            // Half the texts ASCII, where the caseless search takes its one pass.
            QString text = randomString(20);
            if (round % 2 == 0)
                text.removeIf([](QChar c) { return c.unicode() >= 0x80; });
            for (const Qt::CaseSensitivity cs : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
                const bool expected = std::any_of(words.cbegin(), words.cend(),
                        [&](const QString &w) { return text.contains(w, cs); });
                QCOMPARE(WordSet(words, cs).foundIn(text), expected);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TstWordSet)
#include "tst_wordset.moc"
