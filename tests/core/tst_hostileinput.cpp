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
        QByteArray line(qsizetype {20} * 1024 * 1024, 'a');
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

    // Every limit that cuts a message says so in the note, and what was cut off is not made up.
    void dsnRecipientsPastTheCapAreCounted()
    {
        QByteArray msg = "From: MAILER-DAEMON@mx.example.org\nDate: x\nMessage-ID: <1@x>\n"
                         "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                         "Content-Type: multipart/report; report-type=delivery-status; "
                         "boundary=BB\n\n--BB\nContent-Type: text/plain\n\nDelivery failed.\n"
                         "--BB\nContent-Type: message/delivery-status\n\n"
                         "Reporting-MTA: dns; mx.example.org\n\n";
        for (int i = 0; i < 1500; ++i)
            msg += "Final-Recipient: rfc822; u" + QByteArray::number(i)
                    + "@example.net\nAction: failed\nStatus: 5.7.1\nDiagnostic-Code: smtp; 550 "
                      "5.7.1 blocked using zen.spamhaus.org\n\n";
        msg += "--BB--\n";
        const MessageReport m = BounceReader().read(MailItem {QStringLiteral("dsn"), msg, false});
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 1000);
        QCOMPARE(m.recipients.last().recipient, QStringLiteral("u999@example.net"));
        QCOMPARE(m.note,
                QStringLiteral(
                        "only the first 1000 of 1500 recipients in the delivery status were read"));
        QVERIFY(m.truncated);
    }

    void pasteCutBeforeTheRefusal()
    {
        QString paste = QStringLiteral("Subject: Returned mail: User unknown\n");
        for (int i = 0; i < 25000; ++i)
            paste += QStringLiteral("filler line %1\n").arg(i);
        paste += QStringLiteral("<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.7.1 "
                                "blocked using zen.spamhaus.org (in reply to RCPT TO command)\n");
        const MessageReport m = BounceReader().readText(QStringLiteral("paste"), paste);
        QVERIFY2(m.recipients.isEmpty(), qPrintable(m.recipients.value(0).diagnostic.left(200)));
        QVERIFY(!m.isBounce);
        QCOMPARE(m.note,
                QStringLiteral("no refusal found in this text; the text was cut after 20000 "
                               "lines; the refusal may be in the part not read"));
        QVERIFY(m.truncated);
    }

    // The recipient is named before the cut, its refusal comes after it: the recipient is kept,
    // with no reason made up from the lines before the cut or from the Subject.
    void messageCutBeforeTheRefusal()
    {
        QByteArray msg = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
                         "Date: Fri, 27 Nov 2026 10:00:00 +0800\nMessage-ID: <2@x>\n"
                         "Subject: Returned mail: User unknown\n\n"
                         "----- The following addresses had permanent fatal errors -----\n"
                         "<bob@example.net>\n";
        for (int i = 0; i < 25000; ++i)
            msg += "    transcript line " + QByteArray::number(i) + '\n';
        msg += "<<< 554 5.7.1 Service unavailable; Client host [113.98.228.10] blocked using "
               "zen.spamhaus.org\n";
        const MessageReport m = BounceReader().read(MailItem {QStringLiteral("cut"), msg, false});
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 1);
        const RecipientReport &r = m.recipients.first();
        QCOMPARE(r.recipient, QStringLiteral("bob@example.net"));
        QCOMPARE(r.category, BounceCategory::Other);
        QVERIFY2(r.diagnostic.isEmpty(), qPrintable(r.diagnostic.left(200)));
        QVERIFY(r.matchedBy != u"subject");
        QCOMPARE(m.note,
                QStringLiteral("the text was cut after 20000 lines; the refusal may be in the part "
                               "not read"));
        QVERIFY(m.truncated);
    }

    // A refusal read before the cut stands; the note still says the rest was not read.
    void refusalBeforeTheCutStands()
    {
        QString paste = QStringLiteral(
                "<bob@example.net>: host mx.example.net[192.0.2.1] said: 554 5.7.1 Service "
                "unavailable; Client host [113.98.228.10] blocked using zen.spamhaus.org (in reply "
                "to RCPT TO command)\n\n");
        for (int i = 0; i < 25000; ++i)
            paste += QStringLiteral("log line %1\n").arg(i);
        const MessageReport m = BounceReader().readText(QStringLiteral("paste"), paste);
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 1);
        QCOMPARE(m.recipients[0].category, BounceCategory::IpBlocklist);
        QCOMPARE(m.recipients[0].listing, QStringLiteral("spamhaus"));
        QVERIFY(m.note.contains(u"the text was cut after 20000 lines"));
    }

    void cutMessagesSaySo_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("cutByMbox");
        QTest::addColumn<QString>("note");
        const QByteArray head = "From: MAILER-DAEMON@mx.example.org\nDate: x\nMessage-ID: <3@x>\n"
                                "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n";
        const QByteArray refusal =
                "<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User "
                "unknown (in reply to RCPT TO command)\n";
        QTest::newRow("mbox message over 32 MiB")
                << QByteArray(head + '\n' + refusal) << true
                << QStringLiteral("the message was cut at 32 MiB; the refusal may be in the part "
                                  "not read");
        QByteArray nested = head;
        for (int level = 0; level < 30; ++level)
            nested += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(level)
                    + "\n\n--b" + QByteArray::number(level) + '\n';
        nested += "Content-Type: text/plain\n\n" + refusal;
        QTest::newRow("MIME nesting")
                << nested << false
                << QStringLiteral("MIME parts nested deeper than 24 levels or past the first 2000 "
                                  "were not read");
        const QByteArray twoParts = head
                + "Content-Type: multipart/mixed; boundary=T\n\n--T\nContent-Type: text/plain\n\n"
                + refusal + QByteArray(qsizetype {600} * 1024, 'x')
                + "\n--T\nContent-Type: text/plain\n\nsecond part\n--T--\n";
        QTest::newRow("text parts over 512 KiB")
                << twoParts << false
                << QStringLiteral("text parts past the first 512 KiB of text were not read");
    }
    void cutMessagesSaySo()
    {
        QFETCH(QByteArray, message);
        QFETCH(bool, cutByMbox);
        QFETCH(QString, note);
        const MessageReport m =
                BounceReader().read(MailItem {QStringLiteral("m"), message, cutByMbox});
        QVERIFY(m.truncated);
        QVERIFY2(m.note.endsWith(note), qPrintable(m.note));
    }
};

QTEST_GUILESS_MAIN(TstHostileInput)
#include "tst_hostileinput.moc"
