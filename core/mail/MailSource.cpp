// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MailSource.h"

#include "mail/MboxReader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

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

void readMbox(QIODevice &device, const QString &label, const MailSource::Sink &sink)
{
    MboxReader reader(&device);
    QByteArray message;
    while (reader.next(message)) {
        MailItem item {label + u':' + QString::number(reader.index()), std::move(message),
                reader.wasTruncated()};
        sink(std::move(item));
        message = QByteArray();
    }
}

} // namespace

QStringList MailSource::read(const QStringList &paths, const Sink &sink)
{
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

void MailSource::readFile(
        const QString &path, const QString &label, const Sink &sink, QStringList &errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors << QStringLiteral("%1: %2").arg(path, file.errorString());
        return;
    }
    const QByteArray head = file.peek(4096);
    if (MboxReader::isMbox(head)) {
        readMbox(file, label, sink);
        return;
    }
    if (file.size() > maxSingleFileSize) {
        errors << QStringLiteral("%1: larger than %2 MiB; only mbox files may be larger")
                          .arg(path)
                          .arg(maxSingleFileSize >> 20);
        return;
    }
    if (looksBinary(head)) {
        errors << QStringLiteral("%1: not a mail message, mbox or text (binary data)").arg(path);
        return;
    }
    MailItem item {label, file.readAll(), false};
    sink(std::move(item));
}

void MailSource::readDirectory(const QString &path, const Sink &sink, QStringList &errors)
{
    const QDir dir(path);
    QStringList subdirs;
    if (dir.exists(QStringLiteral("cur")) || dir.exists(QStringLiteral("new")))
        subdirs = {QStringLiteral("cur"), QStringLiteral("new")}; // a Maildir
    else
        subdirs = {QStringLiteral(".")};
    bool any = false;
    for (const QString &sub : std::as_const(subdirs)) {
        const QDir d(dir.filePath(sub));
        const QStringList files = d.entryList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QString &name : files) {
            const QString filePath = QDir::cleanPath(d.filePath(name));
            readFile(filePath, filePath, sink, errors);
            any = true;
        }
    }
    if (!any)
        errors << QStringLiteral("%1: no messages in this folder").arg(path);
}

void MailSource::readStdin(const Sink &sink, QStringList &errors)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        errors << QStringLiteral("<stdin>: %1").arg(in.errorString());
        return;
    }
    // stdin is not seekable; it is read whole, up to a limit, then split like a file.
    constexpr qint64 limit = maxSingleFileSize * 4;
    QByteArray all;
    for (;;) {
        const QByteArray chunk = in.read(MboxReader::chunkSize);
        if (chunk.isEmpty())
            break;
        all += chunk;
        if (all.size() > limit) {
            errors << QStringLiteral("<stdin>: more than %1 MiB; pass a file path instead")
                              .arg(limit >> 20);
            return;
        }
    }
    if (looksBinary(QByteArrayView(all).first(qMin<qsizetype>(all.size(), 4096)))) {
        errors << QStringLiteral("<stdin>: not a mail message, mbox or text (binary data)");
        return;
    }
    if (MboxReader::isMbox(all)) {
        QBuffer buffer(&all);
        buffer.open(QIODevice::ReadOnly);
        readMbox(buffer, QStringLiteral("<stdin>"), sink);
        return;
    }
    sink(MailItem {QStringLiteral("<stdin>"), std::move(all), false});
}

} // namespace bd
