// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement with Sisimai, the reference bounce parser, over its public corpus
// (shared/corpus/sisimai). Sisimai's reasons are mapped onto our categories as the corpus
// README says; the thresholds are the (90 % each).
#include "bounce/BounceReader.h"
#include "mail/MailSource.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTest>

using namespace bd;

namespace {

// Which of our categories agree with a Sisimai reason. An empty list: the reason has no
// comparable category (Sisimai's own split), and the row is not counted for categories.
QStringList acceptedCategories(const QString &reason)
{
    static const QHash<QString, QStringList> map{
        {QStringLiteral("userunknown"), {QStringLiteral("recipient-unknown")}},
        {QStringLiteral("mailboxfull"), {QStringLiteral("mailbox-full")}},
        {QStringLiteral("hostunknown"), {QStringLiteral("domain-not-found")}},
        {QStringLiteral("mesgtoobig"), {QStringLiteral("message-too-large")}},
        {QStringLiteral("exceedlimit"), {QStringLiteral("message-too-large")}},
        {QStringLiteral("norelaying"), {QStringLiteral("relay-denied")}},
        {QStringLiteral("authfailure"), {QStringLiteral("authentication")}},
        {QStringLiteral("requireptr"), {QStringLiteral("missing-ptr")}},
        {QStringLiteral("badreputation"), {QStringLiteral("ip-reputation"), QStringLiteral("ip-blocklist")}},
        {QStringLiteral("blocked"), {QStringLiteral("ip-blocklist"), QStringLiteral("ip-reputation"), QStringLiteral("dynamic-ip"), QStringLiteral("missing-ptr")}},
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

// Deliberate disagreements, each with its reason. These rows are not counted as misses.
const QHash<QString, QString> &deliberate()
{
    static const QHash<QString, QString> d{
        // Sisimai calls "[C14] Missing reverse DNS" blocked; it is a missing PTR, which is also
        // one of blocked's accepted categories, so no entry is needed for it. Entries below are
        // true disagreements.
        {QStringLiteral("rhost-tencent-01.eml"), QStringLiteral("'Ip frequency limited [... Blocked IP]' is a rate limit in both; kept as a reminder that QQ words it as a block")},
    };
    return d;
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
            m_rows << Row{QString::fromUtf8(cols.value(0)), QString::fromUtf8(cols.value(1)),
                    QString::fromUtf8(cols.value(2)), QString::fromUtf8(cols.value(3))};
        }
        QVERIFY(m_rows.size() > 500);
    }

    void agreesWithSisimai()
    {
        const BounceReader reader;
        int catTotal = 0, catAgree = 0, statusTotal = 0, statusAgree = 0, replyTotal = 0, replyAgree = 0;
        int notBounceTotal = 0, notBounceAgree = 0;
        QStringList catMisses, statusMisses, replyMisses;
        for (const Row &row : std::as_const(m_rows)) {
            QFile f(m_dir + QStringLiteral("/maildir/") + row.file);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const MessageReport report = reader.read(MailItem{row.file, f.readAll(), false});
            const RecipientReport *first = report.recipients.isEmpty() ? nullptr : &report.recipients.first();
            if (isNotBounceReason(row.reason)) {
                ++notBounceTotal;
                if (!report.isBounce || report.recipients.isEmpty())
                    ++notBounceAgree;
                continue;
            }
            const QStringList accepted = acceptedCategories(row.reason);
            if (!accepted.isEmpty()) {
                ++catTotal;
                const QString got = first ? categoryId(first->category) : QStringLiteral("(none)");
                if (accepted.contains(got) || deliberate().contains(row.file))
                    ++catAgree;
                else
                    catMisses << QStringLiteral("%1: sisimai %2, we %3 | %4").arg(row.file, row.reason, got, first ? first->diagnostic.left(110) : QString());
            }
            if (!row.status.isEmpty()) {
                ++statusTotal;
                const QString got = first ? first->status : QString();
                if (got == row.status)
                    ++statusAgree;
                else
                    statusMisses << QStringLiteral("%1: sisimai %2, we %3").arg(row.file, row.status, got);
            }
            if (!row.replyCode.isEmpty()) {
                ++replyTotal;
                const QString got = first && first->replyCode ? QString::number(*first->replyCode) : QString();
                if (got == row.replyCode)
                    ++replyAgree;
                else
                    replyMisses << QStringLiteral("%1: sisimai %2, we %3").arg(row.file, row.replyCode, got);
            }
        }
        const auto pct = [](int a, int t) { return t ? 100.0 * a / t : 100.0; };
        qInfo("category agreement: %d/%d = %.1f %%", catAgree, catTotal, pct(catAgree, catTotal));
        qInfo("status agreement:   %d/%d = %.1f %%", statusAgree, statusTotal, pct(statusAgree, statusTotal));
        qInfo("reply agreement:    %d/%d = %.1f %%", replyAgree, replyTotal, pct(replyAgree, replyTotal));
        qInfo("not-a-bounce agreement: %d/%d", notBounceAgree, notBounceTotal);
        if (qEnvironmentVariableIsSet("BD_SHOW_MISSES")) {
            for (const QString &m : std::as_const(catMisses))
                qInfo("CAT %s", qPrintable(m));
            for (const QString &m : std::as_const(statusMisses))
                qInfo("STATUS %s", qPrintable(m));
            for (const QString &m : std::as_const(replyMisses))
                qInfo("REPLY %s", qPrintable(m));
        }
        QVERIFY2(pct(catAgree, catTotal) >= 90.0, "category agreement below 90 % (BD_SHOW_MISSES=1 lists them)");
        QVERIFY2(pct(statusAgree, statusTotal) >= 90.0, "status agreement below 90 %");
        QVERIFY2(pct(replyAgree, replyTotal) >= 90.0, "reply code agreement below 90 %");
    }

    void notBouncesAreNotBounces()
    {
        const BounceReader reader;
        const QDir notDir(m_dir + QStringLiteral("/not"));
        const QStringList files = notDir.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            QFile f(notDir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const MessageReport report = reader.read(MailItem{name, f.readAll(), false});
            QVERIFY2(!report.isBounce, qPrintable(name));
        }
    }

    void mboxFilesStream()
    {
        MailSource source;
        int messages = 0;
        const QStringList errors = source.read({m_dir + QStringLiteral("/mailbox/mbox-0")}, [&](MailItem &&item) {
            ++messages;
            QVERIFY(item.source.contains(u":"));
        });
        QVERIFY(errors.isEmpty());
        QCOMPARE(messages, 37); // maildir/err holds the same mailbox split into 37 files
    }
};

QTEST_GUILESS_MAIN(TstSisimaiCorpus)
#include "tst_sisimaicorpus.moc"
