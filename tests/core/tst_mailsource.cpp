// SPDX-License-Identifier: GPL-3.0-or-later
#include "../support/FileModes.h"
#include "mail/MailSource.h"
#include "mail/MboxReader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

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

// An mbox's first message, up to its body.
const char *const firstMessage = "From a@example.org Fri Nov 27 10:00:00 2026\nSubject: one\n\n";

class TstMailSource : public QObject
{
    Q_OBJECT
private slots:
    void mboxSplitsAtFromLines_data()
    {
        QTest::addColumn<int>("chunkPadding");
        QTest::newRow("small") << 0;
        QTest::newRow("separator across chunk boundary") << int(MboxReader::chunkSize - 40);
        // The second separator's line break and "From " placed around the end of the first
        // chunk read: the separator is searched by its 'F'.
        const int head = int(qstrlen(firstMessage)) + 2;
        QTest::newRow("'F' last in the chunk") << int(MboxReader::chunkSize) - 1 - head;
        QTest::newRow("line break last in the chunk") << int(MboxReader::chunkSize) - head;
        QTest::newRow("\"Fr\" in the chunk, \"om \" in the next")
                << int(MboxReader::chunkSize) - 2 - head;
    }
    void mboxSplitsAtFromLines()
    {
        QFETCH(int, chunkPadding);
        QByteArray mbox = firstMessage + QByteArray(chunkPadding, 'x')
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

    // Separators are searched 128 places a step where the processor can: any mailbox, with
    // "From " in and out of line starts, near its end and across steps, must split as looking
    // for each "\nFrom " in turn does.
    void mboxSplitsAsSearchingEachSeparator()
    {
        const auto reference = [](const QByteArray &data) {
            QByteArrayList messages;
            qsizetype pos = 0;
            while (pos < data.size()) {
                if (QByteArrayView(data).sliced(pos).startsWith("From ")) {
                    const qsizetype lineEnd = data.indexOf('\n', pos);
                    pos = lineEnd < 0 ? data.size() : lineEnd + 1;
                }
                const qsizetype separator = data.indexOf("\nFrom ", pos);
                if (separator < 0) {
                    messages << data.mid(pos);
                    break;
                }
                messages << data.mid(pos, separator + 1 - pos);
                pos = separator + 1;
            }
            return messages;
        };
        const QByteArrayList pieces {"From ", "\nFrom ", "\nFrom a\n", "F", "\n", "From", "\nFrom",
                "\nFro", "xFrom ", "\r\nFrom ", QByteArray(20, 'x'), QByteArray(33, 'y'),
                QByteArray(100, 'z'), "Final-Recipient: a\n", "\nF\nFrom "};
        QRandomGenerator random(20261207);
        for (int round = 0; round < 20000; ++round) {
            QByteArray mbox;
            const int count = int(random.bounded(30));
            for (int i = 0; i < count; ++i)
                mbox += pieces[random.bounded(int(pieces.size()))];
            QByteArray copy = mbox;
            QBuffer buffer(&copy);
            QVERIFY(buffer.open(QIODevice::ReadOnly));
            MboxReader reader(&buffer);
            QByteArrayList got;
            for (QByteArray m; reader.next(m);)
                got << m;
            if (got != reference(mbox))
                QFAIL(qPrintable(
                        QStringLiteral("differs for ") + QString::fromLatin1(mbox.toHex())));
        }
    }

    // Messages share the reader's buffer instead of being copied out of it: each must keep its
    // bytes while the reader goes on reading chunks, whether the messages before it are kept or
    // let go, and past a message that made the buffer grow.
    void messagesKeptWhileReadingGoesOn_data()
    {
        QTest::addColumn<int>("keepEvery");
        QTest::newRow("all kept") << 1;
        QTest::newRow("every seventh kept") << 7;
        QTest::newRow("none kept") << 0;
    }
    void messagesKeptWhileReadingGoesOn()
    {
        QFETCH(int, keepEvery);
        QByteArrayList expected;
        QByteArray mbox;
        for (int i = 0; i < 3000; ++i) {
            QByteArray message = "Subject: " + QByteArray::number(i) + "\n\n";
            // Sizes that do not divide the chunk size; one message past two chunks.
            const qsizetype body = i == 1500 ? 3 * MboxReader::chunkSize : (i * 7919) % 4000;
            message += QByteArray(body, char('a' + i % 26)) + '\n';
            mbox += "From x@example.org Fri Nov 27 10:00:00 2026\n" + message;
            expected << message;
        }
        QBuffer buffer(&mbox);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        MboxReader reader(&buffer);
        QByteArrayList kept;
        QList<int> keptIndex;
        QByteArray m;
        int index = 0;
        while (reader.next(m)) {
            QVERIFY(index < expected.size());
            QCOMPARE(m, expected[index]);
            if (keepEvery > 0 && index % keepEvery == 0) {
                kept << m;
                keptIndex << index;
            }
            m = QByteArray();
            ++index;
        }
        QCOMPARE(index, expected.size());
        for (int k = 0; k < kept.size(); ++k)
            QCOMPARE(kept[k], expected[keptIndex[k]]);
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

    // Issue #16.3: pipes, FIFOs and devices have no size. The limit holds while reading, so
    // /dev/urandom or an endless writer end with an error instead of eating the memory, and a
    // FIFO that nobody writes to is given up instead of waited on forever.
    void nonRegularFilesAreBounded_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("endless text through a FIFO") << "writer"
                                                     << "larger than 64 MiB";
        QTest::newRow("/dev/urandom") << "urandom"
                                      << "larger than 64 MiB";
        QTest::newRow("FIFO without a writer") << "no writer"
                                               << "no program wrote";
    }
    void nonRegularFilesAreBounded()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QString path = QStringLiteral("/dev/urandom");
        QProcess writer;
        if (kind != u"urandom") {
            path = dir.filePath(QStringLiteral("fifo"));
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        }
        if (kind == u"writer") {
            writer.start(QStringLiteral("sh"),
                    {QStringLiteral("-c"),
                            QStringLiteral("exec yes '554 5.7.1 Service unavailable' > \"$0\""),
                            path});
            QVERIFY(writer.waitForStarted());
        }
        MailSource source;
        source.setWriterWaitMs(kind == u"no writer" ? 300 : MailSource::defaultWriterWaitMs);
        int items = 0;
        const QStringList errors = source.read({path}, [&](MailItem &&) { ++items; });
        QCOMPARE(items, 0);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors[0].startsWith(path + QStringLiteral(": ")) && errors[0].contains(message),
                qPrintable(errors[0]));
        if (writer.state() != QProcess::NotRunning) {
            writer.kill();
            writer.waitForFinished();
        }
    }

    // A Maildir with a message we may not read: the others are read, the one left out is named
    // in a warning, and that is no error.
    void unreadableFileInFolderIsNamed()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("Maildir/cur")));
        const QString readable = dir.filePath(QStringLiteral("Maildir/cur/1:2,S"));
        const QString locked = dir.filePath(QStringLiteral("Maildir/cur/2:2,S"));
        write(readable, "From: a\nDate: x\n\nx");
        write(locked, "From: b\nDate: y\n\ny");
        QVERIFY(QFile::setPermissions(locked, QFile::WriteOwner));
        const test::FileModesApply modes;
        if (!modes.applies())
            QSKIP("running as root without CAP_SETPCAP: every file is readable");
        MailSource source;
        QStringList sources;
        const QStringList errors = source.read({dir.filePath(QStringLiteral("Maildir"))},
                [&](MailItem &&item) { sources << item.source; });
        QCOMPARE(sources, QStringList {readable});
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(source.warnings().size(), 1);
        QCOMPARE(source.warnings()[0], locked + QStringLiteral(": permission denied; skipped"));
    }

    // Nothing in the folder can be read: that is "permission denied", not an empty folder.
    void folderWithNothingReadable_data()
    {
        QTest::addColumn<QString>("folder"); // the path handed to MailSource
        QTest::addColumn<QString>("locked"); // made unreadable
        QTest::newRow("maildir message")
                << QStringLiteral("Maildir") << QStringLiteral("Maildir/cur/1:2,S");
        QTest::newRow("maildir cur") << QStringLiteral("Maildir") << QStringLiteral("Maildir/cur");
        QTest::newRow("subfolder")
                << QStringLiteral("Maildir/cur") << QStringLiteral("Maildir/cur");
    }
    void folderWithNothingReadable()
    {
        QFETCH(QString, folder);
        QFETCH(QString, locked);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("Maildir/cur")));
        write(dir.filePath(QStringLiteral("Maildir/cur/1:2,S")), "From: a\nDate: x\n\nx");
        QVERIFY(QFile::setPermissions(dir.filePath(locked), QFile::WriteOwner));
        const test::FileModesApply modes;
        if (!modes.applies())
            QSKIP("running as root without CAP_SETPCAP: every file is readable");
        QStringList errors;
        QVERIFY(sourcesOf({dir.filePath(folder)}, &errors).isEmpty());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors[0].startsWith(dir.filePath(folder) + QStringLiteral(": permission denied")),
                qPrintable(errors[0]));
        QVERIFY2(!errors[0].contains(u"no messages"), qPrintable(errors[0]));
        QFile::setPermissions(dir.filePath(locked),
                QFile::ReadOwner | QFile::WriteOwner
                        | QFile::ExeOwner); // so that QTemporaryDir can remove it
    }

    // Messages kept in subfolders are found, to a depth; hidden folders and symlink loops are
    // passed over; deeper folders are named in a warning.
    void subfoldersAreSearched()
    {
        QTemporaryDir dir;
        const QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("2026/11/bounces")));
        QVERIFY(root.mkpath(QStringLiteral(".git")));
        QVERIFY(root.mkpath(QStringLiteral("user/Maildir/cur")));
        write(dir.filePath(QStringLiteral("2026/11/bounces/a.eml")), "From: a\nDate: x\n\na");
        write(dir.filePath(QStringLiteral(".git/config")), "[core]\n");
        write(dir.filePath(QStringLiteral("user/Maildir/cur/1:2,S")), "From: b\nDate: x\n\nb");
        QVERIFY(QFile::link(dir.path(), dir.filePath(QStringLiteral("2026/loop"))));
        QStringList levels;
        for (int level = 1; level <= MailSource::maxFolderDepth; ++level)
            levels << QStringLiteral("d%1").arg(level);
        const QString deep = levels.join(u'/');
        QVERIFY(root.mkpath(deep));
        write(dir.filePath(deep + QStringLiteral("/c.eml")), "From: c\nDate: x\n\nc");
        QVERIFY(root.mkpath(deep + QStringLiteral("/too-deep")));
        write(dir.filePath(deep + QStringLiteral("/too-deep/d.eml")), "From: d\nDate: x\n\nd");

        MailSource source;
        QStringList sources;
        const QStringList errors =
                source.read({dir.path()}, [&](MailItem &&item) { sources << item.source; });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(sources,
                (QStringList {dir.filePath(QStringLiteral("2026/11/bounces/a.eml")),
                        dir.filePath(deep + QStringLiteral("/c.eml")),
                        dir.filePath(QStringLiteral("user/Maildir/cur/1:2,S"))}));
        QCOMPARE(source.warnings(),
                QStringList {QStringLiteral("%1: folders more than %2 levels down were not "
                                            "searched (%3)")
                                     .arg(dir.path())
                                     .arg(MailSource::maxFolderDepth)
                                     .arg(dir.filePath(deep + QStringLiteral("/too-deep")))});
    }

    // Windows' "Unicode" text files: UTF-16 (either byte order) or UTF-32 with a byte order
    // mark are read as text, and handed on as UTF-8.
    void unicodeTextWithBom_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::newRow("utf-16le") << int(QStringConverter::Utf16LE);
        QTest::newRow("utf-16be") << int(QStringConverter::Utf16BE);
        QTest::newRow("utf-32le") << int(QStringConverter::Utf32LE);
    }
    void unicodeTextWithBom()
    {
        QFETCH(int, encoding);
        const QString text = QStringLiteral(
                "<you@example.org>: host mx.example.org[192.0.2.1] said: 550 5.7.1 退信 blocked "
                "using zen.spamhaus.org (in reply to RCPT TO command)\r\n");
        QStringEncoder encoder(
                QStringConverter::Encoding(encoding), QStringConverter::Flag::WriteBom);
        const QByteArray bytes = encoder.encode(text);
        QVERIFY(bytes.count('\0') > 8); // what made it look like binary data
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("paste.txt"));
        write(path, bytes);
        QList<MailItem> items;
        MailSource source;
        const QStringList errors =
                source.read({path}, [&](MailItem &&item) { items << std::move(item); });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(items.size(), 1);
        QCOMPARE(QString::fromUtf8(items[0].data), text);
    }

    // An mbox saved as UTF-16 is still split into its messages.
    void unicodeMbox()
    {
        QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("box.mbox"));
        write(path, encoder.encode(u"From x Fri\nSubject: 1\n\n\nFrom y Fri\nSubject: 2\n\n"));
        QCOMPARE(sourcesOf({path}),
                (QStringList {path + QStringLiteral(":1"), path + QStringLiteral(":2")}));
    }
};

QTEST_GUILESS_MAIN(TstMailSource)
#include "tst_mailsource.moc"
