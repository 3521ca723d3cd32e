// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace bd {

// One message found in the user's input, with where it came from as the CLI reports it.
struct MailItem
{
    QString source; // "file.eml", "box.mbox:3", "<stdin>"
    QByteArray data;
    bool truncated = false;
};

// Walks what the user gave: pasted-text files, .eml files, mbox files, Maildirs and folders of
// messages, or stdin ("-"). Messages are handed out one at a time so that a huge mbox is
// never held whole.
class MailSource
{
public:
    static constexpr qint64 maxSingleFileSize = 64LL << 20;

    using Sink = std::function<void(MailItem &&)>;

    // Reads every path; returns the problems found (one line each: "path: reason"). A path
    // that cannot be read does not stop the others.
    QStringList read(const QStringList &paths, const Sink &sink);

private:
    void readPath(const QString &path, const Sink &sink, QStringList &errors);
    void readFile(const QString &path, const QString &label, const Sink &sink, QStringList &errors);
    void readDirectory(const QString &path, const Sink &sink, QStringList &errors);
    void readStdin(const Sink &sink, QStringList &errors);
};

} // namespace bd
