// SPDX-License-Identifier: GPL-3.0-or-later
// Every rule of the built-in tables carries a real wording ("example"); each must classify as
// its own rule says. A table entry without a proving wording fails the test.
#include "bounce/BounceClassifier.h"
#include "bounce/BounceKnowledge.h"

#include <QTest>

using namespace bd;

class TstBounceKnowledge : public QObject
{
    Q_OBJECT
private slots:
    void tablesLoad()
    {
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        QVERIFY(k.listings().size() >= 30);
        QVERIFY(k.phrases().size() >= 10);
        for (BounceCategory c : allCategories()) {
            QVERIFY2(!k.categoryTitle(c, u"en").isEmpty(), qPrintable(categoryId(c)));
            QVERIFY2(!k.categoryTitle(c, u"zh_CN").isEmpty(), qPrintable(categoryId(c)));
            QVERIFY2(!k.categoryAbout(c, u"zh_CN").isEmpty(), qPrintable(categoryId(c)));
            QVERIFY2(!k.categoryAdvice(c, u"zh_CN").isEmpty(), qPrintable(categoryId(c)));
        }
    }

    void contractListingIdsExist_data()
    {
        QTest::addColumn<QString>("id");
        // The listing ids the CLI contract fixes.
        for (const char *id : {"trendmicro-rbl", "trendmicro-ers", "trendmicro-dul",
                     "trendmicro-qil", "spamhaus", "spamhaus-sbl", "spamhaus-xbl", "spamhaus-pbl",
                     "spamhaus-css", "spamhaus-dbl", "barracuda", "spamcop", "sorbs", "uceprotect",
                     "psbl", "mailspike", "spamrats", "cloudmark", "abusix", "microsoft", "gmail",
                     "yahoo", "apple", "proofpoint", "cisco-talos", "mimecast", "t-online",
                     "orange", "comcast", "gmx", "mailru", "netease", "tencent-qq"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void contractListingIdsExist()
    {
        QFETCH(QString, id);
        const Listing *l = BounceKnowledge::builtIn().listing(id);
        QVERIFY(l);
        QVERIFY(!l->name.isEmpty());
        QVERIFY(!l->rules.isEmpty());
        QVERIFY2(!l->about.en.isEmpty() && !l->about.zhCN.isEmpty(),
                "about must exist in both languages");
        QVERIFY2(!l->advice.en.isEmpty() && !l->advice.zhCN.isEmpty(),
                "advice must exist in both languages");
    }

    void everyListingRuleMatchesItsExample_data()
    {
        QTest::addColumn<QString>("listing");
        QTest::addColumn<int>("ruleIndex");
        for (const Listing &l : BounceKnowledge::builtIn().listings()) {
            for (int i = 0; i < l.rules.size(); ++i)
                QTest::addRow("%s/%d", qPrintable(l.id), i) << l.id << i;
        }
    }
    void everyListingRuleMatchesItsExample()
    {
        QFETCH(QString, listing);
        QFETCH(int, ruleIndex);
        const Listing *l = BounceKnowledge::builtIn().listing(listing);
        const MatchRule &rule = l->rules[ruleIndex];
        QVERIFY2(!rule.example.isEmpty(), "every rule needs a real wording as its example");
        RecipientReport r;
        r.diagnostic = rule.example;
        BounceClassifier().classify(r);
        QCOMPARE(r.listing, listing);
        // A fallback rule names only the provider; the generic phrases decide its category.
        if (!rule.fallback)
            QCOMPARE(categoryId(r.category), categoryId(rule.category));
    }

    void everyPhraseMatchesItsExample_data()
    {
        QTest::addColumn<int>("index");
        const auto &phrases = BounceKnowledge::builtIn().phrases();
        for (int i = 0; i < phrases.size(); ++i)
            QTest::addRow("%s/%d", qPrintable(categoryId(phrases[i].category)), i) << i;
    }
    void everyPhraseMatchesItsExample()
    {
        QFETCH(int, index);
        const MatchRule &rule = BounceKnowledge::builtIn().phrases()[index];
        QVERIFY(!rule.example.isEmpty());
        RecipientReport r;
        r.diagnostic = rule.example;
        BounceClassifier().classify(r);
        QCOMPARE(categoryId(r.category), categoryId(rule.category));
        QVERIFY(r.listing.isEmpty());
    }

    void brokenTablesAreReported_data()
    {
        QTest::addColumn<QByteArray>("listings");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("bad json") << QByteArray("{") << QStringLiteral("listings.json");
        QTest::newRow("bad category")
                << QByteArray("{\"listings\":[{\"id\":\"x\",\"name\":\"X\",\"rules\":[{"
                              "\"category\":\"nope\",\"any\":[\"a\"]}]}]}")
                << QStringLiteral("unknown category");
        QTest::newRow("bad regex") << QByteArray(
                "{\"listings\":[{\"id\":\"x\",\"name\":\"X\",\"rules\":[{\"regex\":[\"(\"]}]}]}")
                                   << QStringLiteral("bad regex");
        QTest::newRow("no patterns")
                << QByteArray("{\"listings\":[{\"id\":\"x\",\"name\":\"X\",\"rules\":[{}]}]}")
                << QStringLiteral("without patterns");
    }
    void brokenTablesAreReported()
    {
        QFETCH(QByteArray, listings);
        QFETCH(QString, errorPart);
        QString error;
        BounceKnowledge::fromJson(listings, "{}", "{}", &error);
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstBounceKnowledge)
#include "tst_bounceknowledge.moc"
