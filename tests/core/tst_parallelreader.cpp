// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/ParallelReader.h"

#include "bounce/KeptBounces.h"

#include <QLocale>
#include <QTest>

#include <atomic>
#include <optional>
#include <thread>

using namespace bd;

class TstParallelReader : public QObject
{
    Q_OBJECT
private slots:
    void reportsComeBackInOrder_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("window");
        QTest::newRow("inline") << 1 << 1;
        QTest::newRow("2 threads, window 1") << 2 << 1;
        QTest::newRow("2 threads, window 3") << 2 << 3;
        QTest::newRow("4 threads, window 256") << 4 << 256;
    }
    void reportsComeBackInOrder()
    {
        QFETCH(int, threads);
        QFETCH(int, window);
        const BounceReader reader;
        QStringList sources;
        QStringList recipients;
        {
            ParallelReader parallel(
                    reader,
                    [&](MessageReport &&r) {
                        sources << r.source;
                        recipients << r.recipients.value(0).recipient;
                    },
                    threads, window);
            for (int i = 0; i < 300; ++i) {
                const QByteArray text = "<user" + QByteArray::number(i)
                        + "@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User "
                          "unknown (in reply to RCPT TO command)";
                parallel.add(MailItem {QString::number(i), text, false});
            }
            parallel.finish();
        }
        QCOMPARE(sources.size(), 300);
        for (int i = 0; i < 300; ++i) {
            QCOMPARE(sources[i], QString::number(i));
            QCOMPARE(recipients[i], QStringLiteral("user%1@example.org").arg(i));
        }
    }

    // The serialised form comes back in order too, made on the workers.
    void serializedReportsComeBackInOrder_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("inline") << 1;
        QTest::newRow("2 threads") << 2;
        QTest::newRow("4 threads") << 4;
    }
    void serializedReportsComeBackInOrder()
    {
        QFETCH(int, threads);
        const BounceReader reader;
        QList<QByteArray> out;
        {
            ParallelReader parallel(
                    reader, [](const MessageReport &r) { return r.source.toUtf8(); },
                    [&](QByteArray &&bytes) { out << bytes; }, threads, 8);
            for (int i = 0; i < 100; ++i)
                parallel.add(MailItem {QString::number(i), "550 5.1.1 User unknown", false});
            parallel.finish();
        }
        QCOMPARE(out.size(), 100);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(out[i], QByteArray::number(i));
    }

    // A reader made on demand (the CLI builds the knowledge that way while it reads the
    // input): made once, on a worker when there are workers, before the first message is read,
    // and not at all when no message comes.
    void readerMadeOnceByAWorker_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("messages");
        QTest::newRow("inline") << 1 << 50;
        QTest::newRow("2 threads") << 2 << 50;
        QTest::newRow("4 threads") << 4 << 50;
        QTest::newRow("2 threads, no message") << 2 << 0;
    }
    void readerMadeOnceByAWorker()
    {
        QFETCH(int, threads);
        QFETCH(int, messages);
        std::optional<BounceReader> reader;
        std::atomic<int> made {0};
        std::thread::id madeOn;
        QStringList sources;
        {
            ParallelReader parallel(
                    [&]() -> const BounceReader & {
                        ++made;
                        madeOn = std::this_thread::get_id();
                        return reader.emplace();
                    },
                    [&](MessageReport &&r) {
                        QVERIFY(!r.recipients.isEmpty());
                        sources << r.source;
                    },
                    threads, 8);
            for (int i = 0; i < messages; ++i)
                parallel.add(MailItem {QString::number(i), "550 5.1.1 User unknown", false});
            parallel.finish();
        }
        QCOMPARE(made.load(), messages > 0 ? 1 : 0);
        QCOMPARE(sources.size(), messages);
        if (messages > 0)
            QCOMPARE(madeOn == std::this_thread::get_id(), threads == 1);
    }

    // Issue #16.8: an mbox of forty 30 MB bounces peaked at 1.57 GB on 2 cores, one message per
    // worker and a window of 256 waiting. The input queued or being read stays within the
    // budget; a message larger than the budget is read alone.
    void inputInFlightStaysWithinTheBudget_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("messageSize");
        QTest::addColumn<int>("budget");
        QTest::newRow("2 threads, 3 messages fit") << 2 << 300000 << 1000000;
        QTest::newRow("4 threads, 1 message fits") << 4 << 300000 << 500000;
        QTest::newRow("4 threads, messages over the budget") << 4 << 300000 << 100000;
    }
    void inputInFlightStaysWithinTheBudget()
    {
        QFETCH(int, threads);
        QFETCH(int, messageSize);
        QFETCH(int, budget);
        const BounceReader reader;
        QByteArray message = "<user@example.org>: host mx.example.org[192.0.2.1] said: 550 "
                             "5.1.1 User unknown (in reply to RCPT TO command)\n";
        while (message.size() < messageSize)
            message += "Filler line of the returned message, as long as a real one is.\n";
        message.truncate(messageSize);
        int reports = 0;
        qint64 peak = 0;
        {
            ParallelReader parallel(
                    reader, [&](MessageReport &&) { ++reports; }, threads, 256, budget);
            for (int i = 0; i < 24; ++i)
                parallel.add(MailItem {QString::number(i), message, false});
            parallel.finish();
            peak = parallel.peakBytesInFlight();
        }
        QCOMPARE(reports, 24);
        QVERIFY2(peak <= qMax(budget, messageSize),
                qPrintable(QStringLiteral("%1 bytes in flight, budget %2").arg(peak).arg(budget)));
        QVERIFY(peak >= messageSize);
    }

    // One limit for the wizard's table and diagnose's report: failed recipients past it are
    // counted, a message without any is kept only while the count of messages is under it, and
    // one sentence says what was left out.
    void keptBouncesHaveOneLimit_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("says"); // {kept}: the recipients kept
        QTest::newRow("en") << "en"
                            << "Only the first {kept} failed recipients are listed: 6 more, in 2 "
                               "messages, were read but are not listed or used further.";
        QTest::newRow("zh_CN") << "zh_CN"
                               << "只列出了前 {kept} 个投递失败的收件人：另有 6 个（在 2 "
                                  "封邮件中）已经读取，但未列出，后面也不会用到。";
    }
    void keptBouncesHaveOneLimit()
    {
        QFETCH(QString, lang);
        QFETCH(QString, says);
        MessageReport three;
        three.recipients.resize(3);
        const MessageReport none;
        KeptBounces kept;
        QVERIFY(kept.note(languageFromCode(lang).value()).isEmpty());
        qint64 offered = 0;
        while (kept.keptRecipients() < KeptBounces::maxRecipients) {
            QCOMPARE(kept.offer(three), KeptBounces::Verdict::Kept);
            offered += 3;
        }
        // The message that crosses the limit is kept whole.
        QCOMPARE(kept.keptRecipients(), offered);
        QVERIFY(offered >= KeptBounces::maxRecipients && offered < KeptBounces::maxRecipients + 3);
        QCOMPARE(kept.offer(three), KeptBounces::Verdict::LeftOut);
        QCOMPARE(kept.offer(three), KeptBounces::Verdict::LeftOut);
        QCOMPARE(kept.offer(none), KeptBounces::Verdict::Ignored);
        QCOMPARE(kept.leftOutRecipients(), qint64(6));
        QCOMPARE(kept.leftOutMessages(), qint64(2));
        QCOMPARE(kept.note(languageFromCode(lang).value()),
                says.replace(u"{kept}"_qs, QLocale().toString(offered)));

        // Messages without recipients (no bounce) are kept only up to the same count.
        KeptBounces notes;
        for (qint64 i = 0; i < KeptBounces::maxRecipients; ++i)
            QCOMPARE(notes.offer(none), KeptBounces::Verdict::Kept);
        QCOMPARE(notes.offer(none), KeptBounces::Verdict::Ignored);
        QCOMPARE(notes.offer(three), KeptBounces::Verdict::Kept);
    }
};

QTEST_GUILESS_MAIN(TstParallelReader)
#include "tst_parallelreader.moc"
