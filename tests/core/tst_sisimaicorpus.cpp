// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement with Sisimai, the reference bounce parser, over its public corpus
// (shared/corpus/sisimai). Sisimai's reasons are mapped onto our categories as the corpus
// README says; the thresholds are the (90 % each).
#include "bounce/BounceReader.h"
#include "mail/MailSource.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QTest>

using namespace bd;

namespace {

// Which of our categories agree with a Sisimai reason. An empty list: the reason has no
// comparable category (Sisimai's own split), and the row is not counted for categories.
QStringList acceptedCategories(const QString &reason)
{
    static const QHash<QString, QStringList> map {
            {QStringLiteral("userunknown"), {QStringLiteral("recipient-unknown")}},
            {QStringLiteral("mailboxfull"), {QStringLiteral("mailbox-full")}},
            {QStringLiteral("hostunknown"), {QStringLiteral("domain-not-found")}},
            {QStringLiteral("mesgtoobig"), {QStringLiteral("message-too-large")}},
            {QStringLiteral("exceedlimit"), {QStringLiteral("message-too-large")}},
            {QStringLiteral("norelaying"), {QStringLiteral("relay-denied")}},
            {QStringLiteral("authfailure"), {QStringLiteral("authentication")}},
            {QStringLiteral("requireptr"), {QStringLiteral("missing-ptr")}},
            {QStringLiteral("badreputation"),
                    {QStringLiteral("ip-reputation"), QStringLiteral("ip-blocklist")}},
            {QStringLiteral("blocked"),
                    {QStringLiteral("ip-blocklist"), QStringLiteral("ip-reputation"),
                            QStringLiteral("dynamic-ip"), QStringLiteral("missing-ptr")}},
            {QStringLiteral("spamdetected"), {QStringLiteral("content-spam")}},
            {QStringLiteral("virusdetected"), {QStringLiteral("content-spam")}},
            {QStringLiteral("toomanyconn"), {QStringLiteral("rate-limit")}},
            {QStringLiteral("speeding"), {QStringLiteral("rate-limit")}},
            {QStringLiteral("expired"), {QStringLiteral("network")}},
            {QStringLiteral("networkerror"), {QStringLiteral("network")}},
    };
    return map.value(reason);
}

bool isNotBounceReason(const QString &reason)
{
    return reason == u"feedback" || reason == u"vacation" || reason == u"delivered";
}

// Deliberate disagreements: (Sisimai reason, our category) pairs where we are right on purpose.
// These rows count as agreeing; each says why.
const QHash<QString, QString> &deliberate()
{
    static const QHash<QString, QString> d {
            {QStringLiteral("networkerror/domain-not-found"),
                    QStringLiteral("Sisimai files a failed MX lookup of the recipient's domain "
                                   "(NXDOMAIN, no MX) under "
                                   "networkerror; for the admin the recipient domain does not "
                                   "resolve, which is "
                                   "domain-not-found, and nothing on their network is at fault")},
            {QStringLiteral("expired/domain-not-found"),
                    QStringLiteral("the queue gave up because the recipient domain never resolved; "
                                   "the cause, not the "
                                   "time-out, is what the admin must see")},
    };
    return d;
}

// Sisimai invents "X.0.9NN" statuses (its own pseudo codes, not RFC 3463) when a bounce has no
// enhanced status; we report null there, as the contract asks, so those rows are not compared.
bool isSisimaiPseudoStatus(const QString &status)
{
    return status.size() >= 7 && status.mid(1, 3) == u".0." && status.mid(4, 1) == u"9";
}

struct Row
{
    QString file;
    QString reason;
    QString status;
    QString replyCode;
};

} // namespace

class TstSisimaiCorpus : public QObject
{
    Q_OBJECT
private:
    QString m_dir;
    QList<Row> m_rows;

private slots:
    void initTestCase()
    {
        m_dir = QStringLiteral(BD_SHARED_DIR "/corpus/sisimai");
        QFile tsv(m_dir + QStringLiteral("/expected.tsv"));
        if (!tsv.open(QIODevice::ReadOnly))
            QSKIP("shared/corpus/sisimai is not here; nothing to compare with");
        tsv.readLine(); // header
        while (!tsv.atEnd()) {
            const QList<QByteArray> cols = tsv.readLine().trimmed().split('\t');
            if (cols.size() < 2)
                continue;
            m_rows << Row {QString::fromUtf8(cols.value(0)), QString::fromUtf8(cols.value(1)),
                    QString::fromUtf8(cols.value(2)), QString::fromUtf8(cols.value(3))};
        }
        QVERIFY(m_rows.size() > 500);
    }

    void agreesWithSisimai()
    {
        const BounceReader reader;
        int catTotal = 0, catAgree = 0, statusTotal = 0, statusAgree = 0, replyTotal = 0,
            replyAgree = 0;
        int notBounceTotal = 0, notBounceAgree = 0, pseudo = 0, deliberateRows = 0;
        QStringList catMisses, statusMisses, replyMisses;
        // expected.tsv has one row per recipient of a file, in Sisimai's order; ours may differ,
        // so each row is compared with the recipient at the same position, else any other.
        QHash<QString, MessageReport> reports;
        QHash<QString, int> rowIndex;
        for (const Row &row : std::as_const(m_rows)) {
            if (!reports.contains(row.file)) {
                QFile f(m_dir + QStringLiteral("/maildir/") + row.file);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                reports.insert(row.file, reader.read(MailItem {row.file, f.readAll(), false}));
            }
            const MessageReport &report = reports[row.file];
            const int index = rowIndex[row.file]++;
            QList<const RecipientReport *> order;
            if (index < report.recipients.size())
                order << &report.recipients[index];
            for (const RecipientReport &r : report.recipients)
                order << &r;
            const RecipientReport *first = order.isEmpty() ? nullptr : order.first();

            if (isNotBounceReason(row.reason)) {
                ++notBounceTotal;
                if (!report.isBounce || report.recipients.isEmpty())
                    ++notBounceAgree;
                continue;
            }
            const QStringList accepted = acceptedCategories(row.reason);
            if (!accepted.isEmpty()) {
                ++catTotal;
                const auto agrees = [&](const RecipientReport *r) {
                    const QString got = categoryId(r->category);
                    if (accepted.contains(got))
                        return true;
                    if (deliberate().contains(row.reason + u'/' + got)) {
                        ++deliberateRows;
                        return true;
                    }
                    return false;
                };
                if (std::any_of(order.cbegin(), order.cend(), agrees))
                    ++catAgree;
                else
                    catMisses << QStringLiteral("%1: sisimai %2, we %3 | %4")
                                         .arg(row.file, row.reason,
                                                 first ? categoryId(first->category)
                                                       : QStringLiteral("(none)"),
                                                 first ? first->diagnostic.left(140) : QString());
            }
            if (!row.status.isEmpty() && isSisimaiPseudoStatus(row.status)) {
                ++pseudo;
            } else if (!row.status.isEmpty()) {
                ++statusTotal;
                if (std::any_of(order.cbegin(), order.cend(),
                            [&](const RecipientReport *r) { return r->status == row.status; }))
                    ++statusAgree;
                else
                    statusMisses << QStringLiteral("%1: sisimai %2, we %3 | %4")
                                            .arg(row.file, row.status,
                                                    first ? first->status : QString(),
                                                    first ? first->diagnostic.left(120)
                                                          : QString());
            }
            if (!row.replyCode.isEmpty()) {
                ++replyTotal;
                const int expected = row.replyCode.toInt();
                if (std::any_of(order.cbegin(), order.cend(), [&](const RecipientReport *r) {
                        return r->replyCode.value_or(0) == expected;
                    }))
                    ++replyAgree;
                else
                    replyMisses << QStringLiteral("%1: sisimai %2, we %3 | %4")
                                           .arg(row.file, row.replyCode,
                                                   first && first->replyCode
                                                           ? QString::number(*first->replyCode)
                                                           : QString(),
                                                   first ? first->diagnostic.left(120) : QString());
            }
        }
        const auto pct = [](int a, int t) { return t ? 100.0 * a / t : 100.0; };
        qInfo("category agreement: %d/%d = %.1f %% (%d rows agree by a deliberate, documented "
              "difference)",
                catAgree, catTotal, pct(catAgree, catTotal), deliberateRows);
        qInfo("status agreement:   %d/%d = %.1f %% (%d rows with Sisimai pseudo statuses X.0.9NN "
              "not compared)",
                statusAgree, statusTotal, pct(statusAgree, statusTotal), pseudo);
        qInfo("reply agreement:    %d/%d = %.1f %%", replyAgree, replyTotal,
                pct(replyAgree, replyTotal));
        qInfo("not-a-bounce agreement: %d/%d", notBounceAgree, notBounceTotal);
        if (qEnvironmentVariableIsSet("BD_SHOW_MISSES")) {
            for (const QString &m : std::as_const(catMisses))
                qInfo("CAT %s", qPrintable(m));
            for (const QString &m : std::as_const(statusMisses))
                qInfo("STATUS %s", qPrintable(m));
            for (const QString &m : std::as_const(replyMisses))
                qInfo("REPLY %s", qPrintable(m));
        }
        QVERIFY2(pct(catAgree, catTotal) >= 90.0,
                "category agreement below 90 % (BD_SHOW_MISSES=1 lists them)");
        QVERIFY2(pct(statusAgree, statusTotal) >= 90.0, "status agreement below 90 %");
        QVERIFY2(pct(replyAgree, replyTotal) >= 90.0, "reply code agreement below 90 %");
    }

    // classify --json writes each report with appendJson(), not through QJsonDocument; the
    // contract is the document's bytes, for every message of the corpus.
    void streamedJsonIsTheDocument()
    {
        const BounceReader reader;
        const QStringList files = QDir(m_dir + QStringLiteral("/maildir"))
                                          .entryList({QStringLiteral("*.eml")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        QStringList differ;
        for (const QString &name : files) {
            QFile f(m_dir + QStringLiteral("/maildir/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const MessageReport report = reader.read(MailItem {name, f.readAll(), false});
            QByteArray streamed;
            report.appendJson(streamed);
            if (streamed != QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact))
                differ << name;
        }
        QVERIFY2(differ.isEmpty(), qPrintable(differ.join(u", ")));
    }

    void notBouncesAreNotBounces_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("bounce");
        QTest::newRow("is-not-bounce-01") << QStringLiteral("is-not-bounce-01.eml") << false;
        QTest::newRow("is-not-bounce-02") << QStringLiteral("is-not-bounce-02.eml") << false;
        // Deliberate: Sisimai keeps this file under not/ because it once crashed rb-sisimai
        // (issue 368); it is in fact a real "reject reason: Mailbox full" bounce, and we read it
        // so.
        QTest::newRow("rb-issue-368-bug") << QStringLiteral("rb-issue-368-bug.eml") << true;
    }
    void notBouncesAreNotBounces()
    {
        QFETCH(QString, file);
        QFETCH(bool, bounce);
        MailSource source;
        QList<MessageReport> reports;
        const BounceReader reader;
        source.read({m_dir + QStringLiteral("/not/") + file},
                [&](MailItem &&item) { reports << reader.read(item); });
        QVERIFY(!reports.isEmpty());
        QCOMPARE(reports.first().isBounce, bounce);
        if (bounce)
            QCOMPARE(reports.first().recipients.value(0).category, BounceCategory::MailboxFull);
    }

    void mboxFilesStream()
    {
        MailSource source;
        int messages = 0;
        const QStringList errors =
                source.read({m_dir + QStringLiteral("/mailbox/mbox-0")}, [&](MailItem &&item) {
                    ++messages;
                    QVERIFY(item.source.contains(u":"));
                });
        QVERIFY(errors.isEmpty());
        QCOMPARE(messages, 37); // maildir/err holds the same mailbox split into 37 files
    }
};

QTEST_GUILESS_MAIN(TstSisimaiCorpus)
#include "tst_sisimaicorpus.moc"
