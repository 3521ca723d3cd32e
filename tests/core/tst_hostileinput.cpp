// SPDX-License-Identifier: GPL-3.0-or-later
// Whatever bytes arrive, the reader ends with a result or a clear note: no crash, no hang.
#include "bounce/BounceReader.h"
#include "mail/MboxReader.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

using namespace bd;

class TstHostileInput : public QObject
{
    Q_OBJECT
private slots:
    void randomBytes()
    {
        const BounceReader reader;
        QRandomGenerator rng(20261127);
        for (int i = 0; i < 300; ++i) {
            QByteArray junk(int(rng.bounded(1, 8192)), Qt::Uninitialized);
            for (char &c : junk)
                c = char(rng.bounded(256));
            if (i % 3 == 0)
                junk.prepend("From: MAILER-DAEMON\nDate: x\nContent-Type: multipart/report; "
                             "boundary=zz\n\n--zz\n");
            const MessageReport m = reader.read(MailItem {QStringLiteral("junk"), junk, false});
            QVERIFY(m.recipients.size() < 20000);
        }
    }

    void hugeLine()
    {
        QByteArray line(20 * 1024 * 1024, 'a');
        line.prepend("550 5.7.1 blocked using zen.spamhaus.org ");
        const MessageReport m = BounceReader().read(MailItem {QStringLiteral("long"), line, false});
        QVERIFY(m.isBounce);
        QVERIFY(m.recipients.value(0).diagnostic.size() <= 2000);
    }

    void nulBytesAndBrokenEncodings()
    {
        QByteArray msg =
                "From: MAILER-DAEMON@x\nDate: y\nSubject: =?x-unknown?B?!!!?=\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=x-no-such\nContent-Transfer-Encoding: "
                "base64\n\n";
        msg += QByteArray("NTUw!!IDUuNy4x\0\0\0IGJsb2NrZWQ=", 30);
        const MessageReport m = BounceReader().read(MailItem {QStringLiteral("nul"), msg, false});
        QVERIFY(m.subject.size() < 100);
    }

    void manyEmptyMessages()
    {
        QByteArray mbox;
        for (int i = 0; i < 20000; ++i)
            mbox += "From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n\n";
        QBuffer buffer(&mbox);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        MboxReader mboxReader(&buffer);
        const BounceReader reader;
        QByteArray message;
        int count = 0;
        while (mboxReader.next(message)) {
            const MessageReport m = reader.read(MailItem {QStringLiteral("e"), message, false});
            QVERIFY(!m.isBounce);
            ++count;
        }
        QCOMPARE(count, 20000);
    }

    void oversizedMboxMessageIsCut()
    {
        QByteArray mbox = "From a Fri Nov 27 10:00:00 2026\nSubject: big\n\n";
        mbox += QByteArray(MboxReader::maxMessageSize + 1000, 'x');
        mbox += "\nFrom b Fri Nov 27 10:00:00 2026\nSubject: small\n\nhello\n";
        QBuffer buffer(&mbox);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        MboxReader reader(&buffer);
        QByteArray message;
        QVERIFY(reader.next(message));
        QVERIFY(reader.wasTruncated());
        QCOMPARE(message.size(), MboxReader::maxMessageSize);
        QVERIFY(reader.next(message));
        QVERIFY(!reader.wasTruncated());
        QVERIFY(message.contains("Subject: small"));
        QVERIFY(!reader.next(message));
    }
};

QTEST_GUILESS_MAIN(TstHostileInput)
#include "tst_hostileinput.moc"
