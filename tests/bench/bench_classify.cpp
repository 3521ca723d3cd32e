// SPDX-License-Identifier: GPL-3.0-or-later
// Builds an mbox of the Sisimai corpus repeated N times (default 10) and classifies it,
// streaming, as `bounce-doctor-cli classify` does. Prints messages/s and peak RSS.
#include "bounce/BounceReader.h"
#include "bounce/ParallelReader.h"
#include "mail/MailSource.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <thread>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int repeat = args.size() > 1 ? args[1].toInt() : 10;
    const int threads = qEnvironmentVariableIntValue("BD_THREADS"); // 0: one per core
    QString mboxPath = args.size() > 2 ? args[2] : QString();
    QTemporaryDir tmp;
    if (mboxPath.isEmpty()) {
        const QDir corpus(QStringLiteral(BD_SHARED_DIR "/corpus/sisimai/maildir"));
        const QStringList files =
                corpus.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
        if (files.isEmpty()) {
            std::fprintf(stderr, "bench: no corpus at %s\n", qPrintable(corpus.path()));
            return 1;
        }
        mboxPath = tmp.filePath(QStringLiteral("sisimai-x%1.mbox").arg(repeat));
        QFile out(mboxPath);
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        for (int r = 0; r < repeat; ++r) {
            for (const QString &name : files) {
                QFile f(corpus.filePath(name));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                QByteArray data = f.readAll();
                data.replace("\nFrom ", "\n>From ");
                out.write("From MAILER-DAEMON Fri Nov 27 10:00:00 2026\n");
                out.write(data);
                if (!data.endsWith('\n'))
                    out.write("\n");
                out.write("\n");
            }
        }
    }
    const qint64 bytes = QFileInfo(mboxPath).size();
    const bd::BounceReader reader;
    bd::MailSource source;
    qint64 messages = 0, recipients = 0;
    QElapsedTimer timer;
    timer.start();
    {
        bd::ParallelReader parallel(
                reader,
                [&](bd::MessageReport &&report) {
                    ++messages;
                    recipients += report.recipients.size();
                },
                threads);
        source.read({mboxPath}, [&](bd::MailItem &&item) { parallel.add(std::move(item)); });
        parallel.finish();
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("mbox: %.1f MB, %lld messages, %lld failed recipients\n", bytes / 1e6,
            static_cast<long long>(messages), static_cast<long long>(recipients));
    std::printf("threads: %d\n", threads > 0 ? threads : int(std::thread::hardware_concurrency()));
    std::printf("time: %.3f s  →  %.0f messages/s, %.1f MB/s\n", seconds, messages / seconds,
            bytes / 1e6 / seconds);
    std::printf("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
    return 0;
}
