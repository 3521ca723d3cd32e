// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Regex.h"

#include <QTest>

using namespace bd;

// Regex tells PCRE2 to skip its UTF-16 check only where the subject has no surrogate: these
// rows hold surrogates at every place the vectorised scan looks (in a block of 32, across a
// block's end, in the tail after the last block) and lone ones, which PCRE2 must still refuse.
class TstRegex : public QObject
{
    Q_OBJECT
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

    void matchesAsQRegularExpression_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("captured");
        QTest::newRow("latin") << u"(\\d\\.\\d\\.\\d)"_qs << u"550 5.7.1 blocked"_qs << u"5.7.1"_qs;
        QTest::newRow("chinese") << u"(黑名单)"_qs << u"您的IP已被列入黑名单"_qs << u"黑名单"_qs;
        QTest::newRow("valid pair, checked")
                << u"(.)$"_qs << QString::fromUtf8("x \xf0\x9f\x93\xa7")
                << QString::fromUtf8("\xf0\x9f\x93\xa7");
        // PCRE2 refuses an invalid subject: no match, rather than reading past the string.
        QTest::newRow("lone surrogate, refused")
                << u"(a)"_qs << u"a"_qs + QChar(0xd800) << QString();
    }
    void matchesAsQRegularExpression()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, subject);
        QFETCH(QString, captured);
        const Regex re(pattern);
        const QRegularExpression plain(pattern);
        QCOMPARE(re.match(subject).captured(1), captured);
        QCOMPARE(re.match(QStringView(subject)).captured(1), captured);
        QCOMPARE(re.match(subject).captured(1), plain.match(subject).captured(1));
        QRegularExpressionMatchIterator it = re.globalMatch(QStringView(subject));
        QCOMPARE(it.hasNext() ? it.next().captured(1) : QString(), captured);
    }
};

QTEST_GUILESS_MAIN(TstRegex)
#include "tst_regex.moc"
