// SPDX-License-Identifier: GPL-3.0-or-later
// Every rule of the built-in tables carries a real wording ("example"); each must classify as
// its own rule says. A table entry without a proving wording fails the test.
#include "bounce/BounceClassifier.h"
#include "bounce/BounceKnowledge.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace bd;

class TstBounceKnowledge : public QObject
{
    Q_OBJECT
private slots:
    // Every text in the knowledge tables that has a Chinese form is a pair of strings: a script
    // once nested the pair inside "en", and the English owner reasons read as empty.
    void localizedTextsArePairsOfStrings_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &name : QDir(QStringLiteral(":/data")).entryList({u"*.json"_qs}))
            QTest::newRow(qPrintable(name)) << QStringLiteral(":/data/") + name;
    }
    void localizedTextsArePairsOfStrings()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QStringList bad;
        std::function<void(const QJsonValue &, const QString &)> walk =
                [&](const QJsonValue &v, const QString &path) {
                    if (v.isArray()) {
                        const QJsonArray a = v.toArray();
                        for (qsizetype i = 0; i < a.size(); ++i)
                            walk(a.at(i), path + u'/' + QString::number(i));
                        return;
                    }
                    const QJsonObject o = v.toObject();
                    if (o.contains(u"en") && o.contains(u"zh_CN")
                            && (!o.value(u"en").isString() || !o.value(u"zh_CN").isString()
                                    || o.value(u"en").toString().isEmpty()))
                        bad << path;
                    for (auto it = o.begin(); it != o.end(); ++it)
                        walk(it.value(), path + u'/' + it.key());
                };
        walk(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), file);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

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
