// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

class QFile;

namespace bd {

// One message found in the user's input, with where it came from as the CLI reports it.
struct MailItem
{
    QString source; // "file.eml", "box.mbox:3", "<stdin>"
    QByteArray data;
    bool truncated = false;
};

// Walks what the user gave: pasted-text files, .eml files, mbox files, Maildirs and folders of
// messages (with their subfolders), or stdin ("-"). Messages are handed out one at a time so
// that a huge mbox is never held whole. Text in UTF-16 or UTF-32 with a byte order mark is
// handed out as UTF-8.
class MailSource
{
public:
    static constexpr qint64 maxSingleFileSize = 64LL << 20;
    // Subfolders below a folder that are searched; deeper ones are named in a warning.
    static constexpr int maxFolderDepth = 8;
    // Unreadable files named one by one in the warnings, per folder given; the rest are counted.
    static constexpr int maxNamedUnreadable = 20;

    // How long a FIFO given as a path may go without a writer before it is given up.
    static constexpr int defaultWriterWaitMs = 10000;

    using Sink = std::function<void(MailItem &&)>;

    void setWriterWaitMs(int ms) { m_writerWaitMs = ms; }

    // Reads every path; returns the problems found (one line each: "path: reason"). A path
    // that cannot be read does not stop the others. A folder where no file could be read is
    // such a problem.
    QStringList read(const QStringList &paths, const Sink &sink);

    // What read() skipped without failing the path it was given (one line each: "path:
    // reason"): files in a folder that could not be opened, subfolders past maxFolderDepth.
    const QStringList &warnings() const { return m_warnings; }

private:
    struct FolderWalk;

    void readPath(const QString &path, const Sink &sink, QStringList &errors);
    // False when the file could not be opened (the reason is in `errors`).
    bool readFile(const QString &path, const QString &label, const Sink &sink, QStringList &errors);
    void readDirectory(const QString &path, const Sink &sink, QStringList &errors);
    void readFolder(const QString &path, int depth, const Sink &sink, QStringList &errors,
            FolderWalk &walk);
    void readFolderFile(
            const QString &path, const Sink &sink, QStringList &errors, FolderWalk &walk);
    void readStdin(const Sink &sink, QStringList &errors);
    void readDevice(QFile &file, const QString &path, const QString &label, const Sink &sink,
            QStringList &errors);

    int m_writerWaitMs = defaultWriterWaitMs;

    QStringList m_warnings;
};

} // namespace bd
