// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MailSource.h"
#include "mail/MboxReader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bd;

namespace {

void write(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QStringList sourcesOf(const QStringList &paths, QStringList *errors = nullptr)
{
    QStringList sources;
    MailSource source;
    const QStringList e = source.read(paths, [&](MailItem &&item) { sources << item.source; });
    if (errors)
        *errors = e;
    return sources;
}

} // namespace

class TstMailSource : public QObject
{
    Q_OBJECT
private slots:
    void mboxSplitsAtFromLines_data()
    {
        QTest::addColumn<int>("chunkPadding");
        QTest::newRow("small") << 0;
        QTest::newRow("separator across chunk boundary") << int(MboxReader::chunkSize - 40);
    }
    void mboxSplitsAtFromLines()
    {
        QFETCH(int, chunkPadding);
        QByteArray mbox = "From a@example.org Fri Nov 27 10:00:00 2026\nSubject: one\n\n"
                + QByteArray(chunkPadding, 'x')
                + "\n\nFrom b@example.org Fri Nov 27 10:00:01 2026\nSubject: two\n\nbody with From "
                  "inside a line\n"
                  "From c@example.org Fri Nov 27 10:00:02 2026\nSubject: three\n\nend\n";
        QBuffer buffer(&mbox);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        MboxReader reader(&buffer);
        QByteArray m;
        QStringList subjects;
        while (reader.next(m))
            subjects << QString::fromLatin1(m.mid(m.indexOf("Subject: ") + 9,
                    m.indexOf('\n', m.indexOf("Subject: ")) - m.indexOf("Subject: ") - 9));
        QCOMPARE(subjects,
                (QStringList {
                        QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
    }

    void pathsAndSources()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("a.eml")), "From: x\n\nbody");
        write(dir.filePath(QStringLiteral("box.mbox")),
                "From x Fri\nSubject: 1\n\n\nFrom y Fri\nSubject: 2\n\n");
        QDir(dir.path()).mkpath(QStringLiteral("Maildir/cur"));
        QDir(dir.path()).mkpath(QStringLiteral("Maildir/new"));
        write(dir.filePath(QStringLiteral("Maildir/cur/1:2,S")), "From: a\n\nx");
        write(dir.filePath(QStringLiteral("Maildir/new/2")), "From: b\n\ny");

        QCOMPARE(sourcesOf({dir.filePath(QStringLiteral("a.eml"))}),
                QStringList {dir.filePath(QStringLiteral("a.eml"))});
        QCOMPARE(sourcesOf({dir.filePath(QStringLiteral("box.mbox"))}),
                (QStringList {dir.filePath(QStringLiteral("box.mbox")) + QStringLiteral(":1"),
                        dir.filePath(QStringLiteral("box.mbox")) + QStringLiteral(":2")}));
        const QStringList maildir = sourcesOf({dir.filePath(QStringLiteral("Maildir"))});
        QCOMPARE(maildir.size(), 2);
        QVERIFY(maildir[0].endsWith(u"cur/1:2,S"));
        QVERIFY(maildir[1].endsWith(u"new/2"));
    }

    void unreadableInputs_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringLiteral("nope.eml") << QByteArray()
                                 << QStringLiteral("no such file");
        QTest::newRow("binary") << QStringLiteral("x.bin") << QByteArray(4096, '\0')
                                << QStringLiteral("binary");
        QTest::newRow("empty folder")
                << QStringLiteral("empty") << QByteArray() << QStringLiteral("no messages");
    }
    void unreadableInputs()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        if (!content.isEmpty())
            write(path, content);
        if (name == u"empty")
            QDir(dir.path()).mkdir(name);
        QStringList errors;
        QVERIFY(sourcesOf({path}, &errors).isEmpty());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors[0].contains(message), qPrintable(errors[0]));
    }
};

QTEST_GUILESS_MAIN(TstMailSource)
#include "tst_mailsource.moc"
