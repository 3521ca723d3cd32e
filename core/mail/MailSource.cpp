// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MailSource.h"

#include "mail/MboxReader.h"
#include "util/TextDecoder.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <charconv>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace bd {
namespace {

// Text with many NUL bytes is a binary file someone picked by mistake, not a bounce.
bool looksBinary(QByteArrayView head)
{
    qsizetype nul = 0;
    for (char c : head)
        nul += c == '\0' ? 1 : 0;
    return nul > 8 && nul * 20 > head.size();
}

// "box.mbox:3": `prefix` ("box.mbox:") and the number, built in one allocation. The thread
// that names every message also feeds all the workers.
QString numberedSource(QStringView prefix, qsizetype number)
{
    char digits[24];
    const auto [end, error] = std::to_chars(std::begin(digits), std::end(digits), number);
    Q_UNUSED(error); // 24 characters hold any qsizetype
    const qsizetype count = end - digits;
    QString source(prefix.size() + count, Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(source.data());
    std::copy(prefix.utf16(), prefix.utf16() + prefix.size(), out);
    std::copy(digits, end, out + prefix.size()); // ASCII digits widened
    return source;
}

void readMbox(QIODevice &device, const QString &label, const MailSource::Sink &sink)
{
    MboxReader reader(&device);
    const QString prefix = label + u':';
    QByteArray message;
    while (reader.next(message)) {
        MailItem item {
                numberedSource(prefix, reader.index()), std::move(message), reader.wasTruncated()};
        sink(std::move(item));
        message = QByteArray();
    }
}

// A whole file or stdin in memory: text with a Unicode byte order mark becomes UTF-8 first,
// then it is an mbox or one message.
void readWhole(QByteArray data, const QString &label, const MailSource::Sink &sink)
{
    if (std::optional<QByteArray> utf8 = TextDecoder::utf8FromUnicodeBom(data))
        data = std::move(*utf8);
    if (MboxReader::isMbox(data)) {
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        readMbox(buffer, label, sink);
        return;
    }
    sink(MailItem {label, std::move(data), false});
}

// True when a file or folder that could not be opened was refused for want of permission. The
// open is tried once more to learn why (non-blocking, so that a FIFO does not hang it); file
// modes alone do not tell, root reads past them.
bool permissionDenied(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) {
        ::close(fd);
        return false;
    }
    return errno == EACCES || errno == EPERM;
#else
    return !QFileInfo(path).isReadable();
#endif
}

// Opens `path` for reading without blocking forever: open(2) of a FIFO waits for a writer, so
// it is opened non-blocking and a writer is waited for up to `writerWaitMs`. False with the
// reason in `error` when it cannot be opened.
bool openForReading(QFile &file, const QString &path, int writerWaitMs, QString *error)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error = errno == EACCES || errno == EPERM ? QStringLiteral("permission denied")
                                                   : QString::fromLocal8Bit(strerror(errno));
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
        pollfd p {fd, POLLIN, 0};
        int rc = 0;
        do {
            rc = ::poll(&p, 1, writerWaitMs);
        } while (rc < 0 && errno == EINTR);
        if (rc == 0) {
            ::close(fd);
            *error = QStringLiteral("a FIFO that no program wrote to in %1 s")
                             .arg(writerWaitMs / 1000.0);
            return false;
        }
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *error = file.errorString();
        return false;
    }
    return true;
#else
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = permissionDenied(path) ? QStringLiteral("permission denied") : file.errorString();
        return false;
    }
    Q_UNUSED(writerWaitMs);
    return true;
#endif
}

// The first bytes of a stream, to tell an mbox from text or binary. QIODevice keeps what it
// peeked, so the reader sees it again; a pipe may hand out less than asked, hence the loop.
QByteArray peekHead(QIODevice &device, qsizetype size)
{
    QByteArray head = device.peek(size);
    while (head.size() < size && device.isSequential()) {
        if (!device.waitForReadyRead(-1) && device.bytesAvailable() <= head.size())
            break;
        const QByteArray more = device.peek(size);
        if (more.size() <= head.size())
            break;
        head = more;
    }
    return head;
}

} // namespace

// What one folder given by the user held, gathered while its subfolders are walked.
struct MailSource::FolderWalk
{
    QSet<QString> seen; // canonical paths: a folder reached twice through symlinks is read once
    int files = 0;
    int read = 0; // files read without a problem
    int unreadable = 0; // files and folders that could not be opened
    QString otherReason; // the first refusal that was not about permission
    QString tooDeep; // the first folder left out past maxFolderDepth
};

QStringList MailSource::read(const QStringList &paths, const Sink &sink)
{
    m_warnings.clear();
    QStringList errors;
    if (paths.isEmpty()) {
        readStdin(sink, errors);
        return errors;
    }
    for (const QString &path : paths)
        readPath(path, sink, errors);
    return errors;
}

void MailSource::readPath(const QString &path, const Sink &sink, QStringList &errors)
{
    if (path == u"-") {
        readStdin(sink, errors);
        return;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        errors << QStringLiteral("%1: no such file or folder").arg(path);
        return;
    }
    if (info.isDir()) {
        readDirectory(path, sink, errors);
        return;
    }
    readFile(path, path, sink, errors);
}

bool MailSource::readFile(
        const QString &path, const QString &label, const Sink &sink, QStringList &errors)
{
    QFile file;
    QString error;
    if (!openForReading(file, path, m_writerWaitMs, &error)) {
        errors << QStringLiteral("%1: %2").arg(path, error);
        return false;
    }
    readDevice(file, path, label, sink, errors);
    return true;
}

void MailSource::readDevice(QFile &file, const QString &path, const QString &label,
        const Sink &sink, QStringList &errors)
{
    const QByteArray head = peekHead(file, 4096);
    if (MboxReader::isMbox(head)) {
        readMbox(file, label, sink);
        return;
    }
    const auto tooLarge = [&] {
        errors << QStringLiteral("%1: larger than %2 MiB; only mbox files may be larger")
                          .arg(path)
                          .arg(maxSingleFileSize >> 20);
    };
    if (!file.isSequential() && file.size() > maxSingleFileSize) {
        tooLarge();
        return;
    }
    if (looksBinary(head) && !TextDecoder::hasUnicodeBom(head)) {
        errors << QStringLiteral("%1: not a mail message, mbox or text (binary data)").arg(path);
        return;
    }
    // Counted while reading, not from size(): pipes, FIFOs and devices have no size, and
    // /dev/urandom or `<(yes)` never end.
    QByteArray data = file.read(maxSingleFileSize + 1);
    if (data.size() > maxSingleFileSize) {
        tooLarge();
        return;
    }
    // Nothing at all is not "a text with no refusal in it": a closed stdin, /dev/null or an
    // empty file is said to be empty, so an admin sees the pipe delivered nothing.
    if (data.trimmed().isEmpty()) {
        errors << (label == u"<stdin>"
                        ? QStringLiteral("<stdin>: no text came on standard input (%1 bytes)")
                                  .arg(data.size())
                        : QStringLiteral("%1: no text in it (%2 bytes), nothing to read")
                                  .arg(path)
                                  .arg(data.size()));
        return;
    }
    readWhole(std::move(data), label, sink);
}

void MailSource::readDirectory(const QString &path, const Sink &sink, QStringList &errors)
{
    if (permissionDenied(path)) {
        errors << QStringLiteral("%1: permission denied").arg(path);
        return;
    }
    FolderWalk walk;
    readFolder(path, 0, sink, errors, walk);
    if (walk.unreadable > maxNamedUnreadable)
        m_warnings << QStringLiteral("%1: %2 more files or folders in it could not be read")
                              .arg(path)
                              .arg(walk.unreadable - maxNamedUnreadable);
    if (!walk.tooDeep.isEmpty())
        m_warnings << QStringLiteral("%1: folders more than %2 levels down were not searched (%3)")
                              .arg(path)
                              .arg(maxFolderDepth)
                              .arg(walk.tooDeep);
    if (walk.read > 0)
        return;
    if (walk.unreadable > 0 && walk.otherReason.isEmpty())
        errors << QStringLiteral("%1: permission denied: no file in this folder could be read")
                          .arg(path);
    else if (walk.unreadable > 0)
        errors << QStringLiteral("%1: no file in this folder could be read (%2)")
                          .arg(path, walk.otherReason);
    else if (walk.files == 0)
        errors << QStringLiteral("%1: no messages in this folder").arg(path);
}

void MailSource::readFolder(
        const QString &path, int depth, const Sink &sink, QStringList &errors, FolderWalk &walk)
{
    // A folder that cannot be listed, or its Maildir's cur/new, is named like a file.
    const auto refused = [&](const QString &folder) {
        if (!permissionDenied(folder))
            return false;
        ++walk.unreadable;
        if (walk.unreadable <= maxNamedUnreadable)
            m_warnings << QStringLiteral("%1: permission denied; skipped").arg(folder);
        return true;
    };
    if (depth > 0 && refused(path))
        return;
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (walk.seen.contains(canonical))
        return;
    walk.seen.insert(canonical);

    const QDir dir(path);
    const bool maildir = dir.exists(QStringLiteral("cur")) || dir.exists(QStringLiteral("new"));
    const QStringList lists = maildir
            ? QStringList {dir.filePath(QStringLiteral("cur")), dir.filePath(QStringLiteral("new"))}
            : QStringList {path};
    for (const QString &list : lists) {
        if (maildir && (!QFileInfo(list).isDir() || refused(list)))
            continue;
        const QDir d(list);
        // Not QDir::Readable: a file we may not read is named in a warning, not passed over.
        for (const QString &name : d.entryList(QDir::Files, QDir::Name))
            readFolderFile(QDir::cleanPath(d.filePath(name)), sink, errors, walk);
    }
    if (maildir)
        return; // tmp holds mail still being delivered; Maildir++ folders are hidden
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString sub = QDir::cleanPath(dir.filePath(name));
        if (depth >= maxFolderDepth) {
            if (walk.tooDeep.isEmpty())
                walk.tooDeep = sub;
            continue;
        }
        readFolder(sub, depth + 1, sink, errors, walk);
    }
}

void MailSource::readFolderFile(
        const QString &path, const Sink &sink, QStringList &errors, FolderWalk &walk)
{
    ++walk.files;
    QStringList problems;
    if (readFile(path, path, sink, problems)) {
        // Opened, but not mail (binary data, too large): an error, as for a file given alone.
        walk.read += problems.isEmpty() ? 1 : 0;
        errors += problems;
        return;
    }
    ++walk.unreadable;
    if (!problems.value(0).endsWith(u": permission denied") && walk.otherReason.isEmpty())
        walk.otherReason = problems.value(0);
    if (walk.unreadable <= maxNamedUnreadable)
        m_warnings << problems.value(0) + QStringLiteral("; skipped");
}

void MailSource::readStdin(const Sink &sink, QStringList &errors)
{
    QFile in;
    // The descriptor, not the stdio FILE: its buffer would be a second copy of every chunk.
    if (!in.open(fileno(stdin), QIODevice::ReadOnly)) {
        errors << QStringLiteral("<stdin>: %1").arg(in.errorString());
        return;
    }
    // Streamed like a file: an mbox of any size, one message or text up to the file limit.
    readDevice(in, QStringLiteral("<stdin>"), QStringLiteral("<stdin>"), sink, errors);
}

} // namespace bd
