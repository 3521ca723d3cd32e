// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/ParallelReader.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TstParallelReader)
#include "tst_parallelreader.moc"
