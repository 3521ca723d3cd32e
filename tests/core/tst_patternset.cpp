// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/PatternSet.h"

#include <QRandomGenerator>
#include <QTest>

using namespace bd;

namespace {

// `length` characters drawn from `alphabet`.
QString randomString(QRandomGenerator &rng, QStringView alphabet, int length)
{
    QString s;
    s.reserve(length);
    for (int i = 0; i < length; ++i)
        s += alphabet[rng.bounded(alphabet.size())];
    return s;
}

// Of a length drawn from [minLength, maxLength).
QString randomString(QRandomGenerator &rng, QStringView alphabet, int minLength, int maxLength)
{
    return randomString(rng, alphabet, int(rng.bounded(minLength, maxLength)));
}

// One to seven random patterns from `alphabet`, each shorter than `maxLength`, added to `set`,
// which is then built.
QStringList addRandomPatterns(
        PatternSet &set, QRandomGenerator &rng, QStringView alphabet, int maxLength)
{
    QStringList patterns;
    const int count = int(rng.bounded(1, 8));
    for (int i = 0; i < count; ++i)
        patterns << randomString(rng, alphabet, 1, maxLength);
    for (const QString &p : std::as_const(patterns))
        set.add(p);
    set.build();
    return patterns;
}

// Where `found`, findAll()'s answer for `text`, or containsAny() disagrees with a search of
// every pattern in the text (lower-cased first when the set is caseless): the first such place,
// or nothing.
QString disagreement(PatternSet &set, const QStringList &patterns, const QString &text,
        bool caseless, const std::vector<quint8> &found)
{
    const QString searched = caseless ? text.toLower() : text;
    bool any = false;
    for (const QString &p : patterns) {
        const bool occurs = QStringView(searched).contains(p);
        any = any || occurs;
        if (bool(found[size_t(set.add(p))]) != occurs)
            return u"%1 in %2"_qs.arg(p, text);
    }
    if (set.containsAny(text) != any)
        return u"containsAny() in %1"_qs.arg(text);
    return {};
}

} // namespace

class TstPatternSet : public QObject
{
    Q_OBJECT
private slots:
    void findsEveryOccurringPattern_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("overlapping")
                << QStringList {u"he"_qs, u"she"_qs, u"his"_qs, u"hers"_qs} << u"ushers"_qs
                << QStringList {u"he"_qs, u"she"_qs, u"hers"_qs};
        QTest::newRow("suffix via fail link")
                << QStringList {u"blocked using"_qs, u"using"_qs, u"rbl+"_qs}
                << u"client blocked using trend micro rbl+."_qs
                << QStringList {u"blocked using"_qs, u"using"_qs, u"rbl+"_qs};
        QTest::newRow("chinese") << QStringList {u"黑名单"_qs, u"退信"_qs, u"ip"_qs}
                                 << u"您的ip已被列入黑名单"_qs
                                 << QStringList {u"黑名单"_qs, u"ip"_qs};
        QTest::newRow("mixed scripts") << QStringList {u"ip 已"_qs, u"已被"_qs} << u"ip 已被"_qs
                                       << QStringList {u"ip 已"_qs, u"已被"_qs};
        QTest::newRow("none") << QStringList {u"spamhaus"_qs} << u"user unknown"_qs
                              << QStringList {};
        QTest::newRow("empty text") << QStringList {u"a"_qs} << QString() << QStringList {};
        // The root reports it, and every state after it down its fail chain.
        QTest::newRow("empty pattern") << QStringList {u"ab"_qs, QString(), u"b"_qs} << u"xab"_qs
                                       << QStringList {QString(), u"ab"_qs, u"b"_qs};
    }
    void findsEveryOccurringPattern()
    {
        QFETCH(QStringList, patterns);
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        PatternSet set;
        for (const QString &p : patterns)
            set.add(p);
        set.build();
        std::vector<quint8> found;
        set.findAll(text, found);
        QStringList got;
        for (int i = 0; i < set.size(); ++i) {
            if (found[size_t(i)])
                got << set.pattern(i);
        }
        std::sort(got.begin(), got.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(got, expected);
    }

    void duplicatesShareAnId()
    {
        PatternSet set;
        QCOMPARE(set.add(u"abc"), set.add(u"abc"));
        QCOMPARE(set.add(QStringLiteral("abc")), set.add(QStringView(u"abc")));
        QCOMPARE(set.add(u"ab"), 1); // a prefix of one added is a pattern of its own
        QCOMPARE(set.size(), 2);
        QCOMPARE(set.pattern(0), u"abc"_qs);
        QCOMPARE(set.pattern(1), u"ab"_qs);
    }

    // The automaton must agree with a plain substring search on arbitrary input.
    void agreesWithSubstringSearch()
    {
        QRandomGenerator rng(42);
        const QString alphabet = u"ab c退信"_qs;
        for (int round = 0; round < 200; ++round) {
            PatternSet set;
            QStringList patterns;
            for (int i = 0; i < 20; ++i)
                patterns << randomString(rng, alphabet, 1, 5);
            for (const QString &p : std::as_const(patterns))
                set.add(p);
            set.build();
            const QString text = randomString(rng, alphabet, 1, 60);
            std::vector<quint8> found;
            set.findAll(text, found);
            for (const QString &p : std::as_const(patterns)) {
                const int id = set.add(p); // existing id
                QCOMPARE(bool(found[size_t(id)]), text.contains(p));
            }
        }
    }

    // More states than 16 bits number: the automaton's table takes 32-bit states, with the
    // same answers.
    void manyStatesAgreeWithSubstringSearch()
    {
        QRandomGenerator rng(11);
        const QString alphabet = u"abcd 退"_qs;
        PatternSet set;
        QStringList patterns;
        for (int i = 0; i < 4000; ++i) {
            // Short patterns that occur, long ones that make the states.
            patterns << randomString(rng, alphabet, i % 4 == 0 ? 3 : 30);
            set.add(patterns.last());
        }
        set.build();
        for (int round = 0; round < 20; ++round) {
            const QString text = randomString(rng, alphabet, 2000);
            std::vector<quint8> found;
            set.findAll(text, found);
            int hits = 0;
            for (const QString &p : std::as_const(patterns)) {
                QCOMPARE(bool(found[size_t(set.add(p))]), text.contains(p));
                hits += text.contains(p) ? 1 : 0;
            }
            QVERIFY(hits > 0);
        }
    }

    // A long text is walked as two overlapping parts at once: a pattern is found wherever it
    // lies, where the parts meet too, in the last of several pieces as well, and by
    // containsAny() alike.
    void longTextFindsPatternAtEveryPlace_data()
    {
        QTest::addColumn<QString>("prefix"); // a piece read before the text
        QTest::addColumn<int>("length");
        QTest::newRow("even length") << QString() << 160;
        QTest::newRow("odd length") << QString() << 161;
        QTest::newRow("shortest split") << QString() << 64;
        QTest::newRow("one short of a split") << QString() << 63;
        QTest::newRow("after a piece") << u"x"_qs << 150;
    }
    void longTextFindsPatternAtEveryPlace()
    {
        QFETCH(QString, prefix);
        QFETCH(int, length);
        const QString needle = u"abcdefghijklmnopqrstuvwxyz0123"_qs; // 30 characters
        PatternSet set;
        const int id = set.add(needle);
        const int absent = set.add(u"zyx"_qs);
        set.build();
        for (int at = 0; at + needle.size() <= length; ++at) {
            QString text(length, u' ');
            text.replace(at, needle.size(), needle);
            std::vector<quint8> found;
            set.findAll({prefix, text}, found);
            QVERIFY2(found[size_t(id)], qPrintable(QString::number(at)));
            QVERIFY(!found[size_t(absent)]);
            QVERIFY2(set.containsAny(text), qPrintable(QString::number(at)));
            text[at + needle.size() - 1] = u' '; // cut short: found nowhere
            set.findAll({prefix, text}, found);
            QVERIFY2(!found[size_t(id)], qPrintable(QString::number(at)));
            QVERIFY(!set.containsAny(text));
        }
    }

    // Case-insensitive: as if the text had been lower-cased first (the Kelvin sign lowers to
    // 'k'), and a text read in two pieces is found as the one text they make.
    void caseInsensitiveAgreesWithLowerCasedSearch()
    {
        QRandomGenerator rng(7);
        const QString textAlphabet = u"aAbBkK c\u212A退信"_qs;
        const QString patternAlphabet = u"abk c退信"_qs;
        for (int round = 0; round < 200; ++round) {
            PatternSet set;
            set.setCaseInsensitive(true);
            QStringList patterns;
            for (int i = 0; i < 20; ++i)
                patterns << randomString(rng, patternAlphabet, 1, 5);
            for (const QString &p : std::as_const(patterns))
                set.add(p);
            set.build();
            const QString text = randomString(rng, textAlphabet, 1, 60);
            const qsizetype cut = rng.bounded(int(text.size()) + 1);
            std::vector<quint8> found;
            set.findAll({QStringView(text).first(cut), QStringView(text).sliced(cut)}, found);
            const QString lower = text.toLower();
            for (const QString &p : std::as_const(patterns)) {
                const int id = set.add(p);
                QCOMPARE(bool(found[size_t(id)]), lower.contains(p));
            }
        }
    }

    // Texts long enough to be walked in two parts, with upper case, the Kelvin sign (which
    // lowers to 'k'), the long s (which lowers to itself), characters in no pattern and
    // non-ASCII ones: findAll() and containsAny() agree with a search of every pattern in the
    // text, lower-cased first when the set is caseless. A shortcut in the walk (a skip over
    // characters that cannot start a pattern, say) that loses a match fails here.
    void longTextsAgreeWithNaiveSearch_data()
    {
        QTest::addColumn<bool>("caseless");
        QTest::newRow("case-sensitive") << false;
        QTest::newRow("caseless") << true;
    }
    void longTextsAgreeWithNaiveSearch()
    {
        QFETCH(bool, caseless);
        QRandomGenerator rng(caseless ? 23 : 29);
        const QString patternAlphabet = u"abks \u017f退信"_qs;
        const QString textAlphabet = u"abksABKS \u017f\u212Axyz.\n\u00e9退信"_qs;
        for (int round = 0; round < 300; ++round) {
            PatternSet set;
            set.setCaseInsensitive(caseless);
            const QStringList patterns = addRandomPatterns(set, rng, patternAlphabet, 6);
            // Sparse texts (mostly characters in no pattern) leave the walk at the root long.
            const QString filler = u"xyzXYZ .\n\u00e9"_qs;
            QString text = randomString(rng, round % 2 ? textAlphabet : filler, 0, 300);
            for (int i = 0; i < 3 && !text.isEmpty(); ++i) {
                const QString &p = patterns[int(rng.bounded(patterns.size()))];
                text.insert(rng.bounded(int(text.size())), caseless && i == 0 ? p.toUpper() : p);
            }
            std::vector<quint8> found;
            set.findAll(text, found);
            const QString wrong = disagreement(set, patterns, text, caseless, found);
            QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        }
    }

    // Mostly ASCII texts of every length up to a few hundred, a wide character now and then:
    // the walk steps through runs of ASCII characters where it can and one at a time
    // elsewhere, and finds the same patterns as a search of each, wherever a run starts or
    // ends, in each of the two parts a long text is walked in and in several pieces.
    void mostlyAsciiTextsAgreeWithNaiveSearch_data()
    {
        QTest::addColumn<bool>("caseless");
        QTest::newRow("case-sensitive") << false;
        QTest::newRow("caseless") << true;
    }
    void mostlyAsciiTextsAgreeWithNaiveSearch()
    {
        QFETCH(bool, caseless);
        QRandomGenerator rng(caseless ? 31 : 37);
        const QString patternAlphabet = u"abks \n退"_qs;
        for (int round = 0; round < 400; ++round) {
            PatternSet set;
            set.setCaseInsensitive(caseless);
            const QStringList patterns = addRandomPatterns(set, rng, patternAlphabet, 5);
            QString text = randomString(rng, u"abksxyzABKS .\n"_qs, 0, 400);
            // A wide character (in a pattern or not, lowering to ASCII or not) in one text of
            // three, at one to three places.
            for (int i = 0; round % 3 == 0 && i < int(rng.bounded(1, 4)); ++i)
                text.insert(rng.bounded(int(text.size()) + 1),
                        QStringView(u"退\u212A\u00e9\u017f").at(rng.bounded(4)));
            const qsizetype cut = rng.bounded(int(text.size()) + 1);
            std::vector<quint8> found;
            set.findAll({QStringView(text).first(cut), QStringView(text).sliced(cut)}, found);
            std::vector<quint8> whole;
            set.findAll(text, whole);
            for (const std::vector<quint8> *answer : {&found, &whole}) {
                const QString wrong = disagreement(set, patterns, text, caseless, *answer);
                QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
            }
        }
    }

    // A wide character that lowers to an ASCII one no pattern holds (the Kelvin sign to 'k',
    // U+0130 to 'i') leads back to the root, from inside a pattern too.
    void wideCharacterLoweringToUnusedAscii()
    {
        PatternSet set;
        set.setCaseInsensitive(true);
        const int ab = set.add(u"ab");
        const int tuixin = set.add(u"退信");
        set.build();
        std::vector<quint8> found;
        set.findAll(u"a\u212Ab a\u0130b 退\u212A信"_qs, found);
        QCOMPARE(found[size_t(ab)], quint8(0));
        QCOMPARE(found[size_t(tuixin)], quint8(0));
        set.findAll(u"a\u212Ab a\u0130b 退信 ab"_qs, found);
        QCOMPARE(found[size_t(ab)], quint8(1));
        QCOMPARE(found[size_t(tuixin)], quint8(1));
    }

    // A caseless set lowers every wide code unit as QChar::toLower() does (through a table
    // for some and ranges it knows to have no case for others): each one, alone, finds its
    // lower case.
    void everyWideCodeUnitLowersAsQtLowersIt()
    {
        for (char32_t c = 0x80; c <= 0xFFFF; ++c) {
            PatternSet set;
            set.setCaseInsensitive(true);
            const int id = set.add(QString(QChar(char16_t(QChar::toLower(c)))));
            set.build();
            std::vector<quint8> found;
            set.findAll(QString(QChar(char16_t(c))), found);
            if (found[size_t(id)] != 1)
                QFAIL(qPrintable(u"U+%1"_qs.arg(uint(c), 4, 16, QChar(u'0'))));
        }
    }
};

QTEST_APPLESS_MAIN(TstPatternSet)
#include "tst_patternset.moc"
