// SPDX-License-Identifier: GPL-3.0-or-later
// Builds an mbox of the Sisimai corpus repeated N times (default 10) and classifies it,
// streaming, as `bounce-doctor-cli classify` does. Prints messages/s and peak RSS. Then, in the
// same run and alternating so that the machine's load falls on each alike, the medians of
// BD_BENCH_RUNS (default 3) wall times of: `bounce-doctor-cli classify --json` on the mbox, the
// floor (split at "\nFrom " and find the DSN lines, nothing else) and Debian's Sisimai
// (libsisimai-perl, Sisimai->dump) as the anchor, with the ratios between them.
#include "bounce/BounceReader.h"
#include "bounce/ParallelReader.h"
#include "mail/MailSource.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

namespace {

// What any bounce reader must at least do: read the mbox, split it at "\nFrom " and find the
// DSN fields of each message. Returns the number of messages (and of fields, to keep it honest).
qint64 floorScan(const QString &path, qint64 *fields)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    qint64 messages = 0;
    *fields = 0;
    QByteArray carry;
    for (;;) {
        QByteArray chunk = f.read(1 << 20);
        if (chunk.isEmpty())
            break;
        // Keep the last partial line for the next chunk.
        const qsizetype lastNl = chunk.lastIndexOf('\n');
        QByteArray data = carry + chunk.first(lastNl + 1);
        carry = chunk.sliced(lastNl + 1);
        const char *p = data.constData();
        const char *const end = p + data.size();
        while (p < end) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const char *lineEnd = nl ? nl : end;
            const size_t len = size_t(lineEnd - p);
            if (len >= 5 && std::memcmp(p, "From ", 5) == 0)
                ++messages;
            else if ((len >= 7 && std::memcmp(p, "Status:", 7) == 0)
                    || (len >= 16 && std::memcmp(p, "Diagnostic-Code:", 16) == 0)
                    || (len >= 15 && std::memcmp(p, "Final-Recipient", 15) == 0))
                ++*fields;
            p = lineEnd + 1;
        }
    }
    return messages;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Wall seconds of one program run with its output thrown away; negative when it failed.
double timeProcess(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return -1;
    return t.nsecsElapsed() / 1e9;
}

bool sisimaiInstalled()
{
    QProcess p;
    p.start(QStringLiteral("perl"), {QStringLiteral("-MSisimai"), QStringLiteral("-e1")});
    return p.waitForFinished() && p.exitCode() == 0;
}

} // namespace

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

    const int runs = qMax(1,
            qEnvironmentVariableIntValue("BD_BENCH_RUNS")
                    ? qEnvironmentVariableIntValue("BD_BENCH_RUNS")
                    : 3);
    // BD_CLI names another build to time, e.g. the one before a change.
    const QString cli = qEnvironmentVariableIsSet("BD_CLI") ? qEnvironmentVariable("BD_CLI")
                                                            : QStringLiteral(BD_CLI_PATH);
    std::printf("timing %s\n", qPrintable(cli));
    const bool sisimai = sisimaiInstalled();
    const QStringList sisimaiArgs {QStringLiteral("-MSisimai"), QStringLiteral("-e"),
            QStringLiteral("my $j = Sisimai->dump($ARGV[0]); print $j"), mboxPath};
    std::vector<double> ours, floors, anchors;
    qint64 floorMessages = 0, floorFields = 0;
    for (int i = 0; i < runs; ++i) {
        ours.push_back(
                timeProcess(cli, {QStringLiteral("classify"), QStringLiteral("--json"), mboxPath}));
        if (i == 0) {
            rusage children {};
            getrusage(RUSAGE_CHILDREN, &children);
            std::printf("classify --json peak RSS: %.1f MB\n", children.ru_maxrss / 1024.0);
        }
        QElapsedTimer t;
        t.start();
        floorMessages = floorScan(mboxPath, &floorFields);
        floors.push_back(t.nsecsElapsed() / 1e9);
        if (sisimai)
            anchors.push_back(timeProcess(QStringLiteral("perl"), sisimaiArgs));
    }
    const double oursS = median(ours);
    const double floorS = median(floors);
    std::printf("medians of %d runs on %.1f MB:\n", runs, bytes / 1e6);
    std::printf("  bounce-doctor-cli classify --json: %.3f s\n", oursS);
    std::printf(
            "  floor (split + DSN lines, %lld From_ lines, %lld fields): %.3f s  →  ours is %.1f× "
            "the floor\n",
            static_cast<long long>(floorMessages), static_cast<long long>(floorFields), floorS,
            oursS / floorS);
    if (sisimai) {
        const double anchorS = median(anchors);
        std::printf("  Sisimai (Debian libsisimai-perl, Sisimai->dump): %.3f s  →  ours is %.1f× "
                    "faster\n",
                anchorS, anchorS / oursS);
    } else {
        std::printf("  Sisimai: not installed (Debian: libsisimai-perl), no anchor this run\n");
    }
    return 0;
}
