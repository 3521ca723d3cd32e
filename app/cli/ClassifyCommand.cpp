// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ClassifyCommand.h"

#include "Localization.h"
#include "bounce/BounceReader.h"
#include "bounce/ParallelReader.h"
#include "cli/CliApplication.h"
#include "cli/TextReport.h"
#include "mail/MailSource.h"
#include "util/JsonDocument.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <optional>

namespace bd {

int ClassifyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("bd::ClassifyCommand",
            "Read bounces (pasted text, .eml, mbox, Maildir or a folder) and say what each "
            "means."));
    const QCommandLineOption json(QStringLiteral("json"),
            QCoreApplication::translate("bd::ClassifyCommand", "Print one JSON document."));
    const QCommandLineOption lang(QStringLiteral("lang"),
            QCoreApplication::translate(
                    "bd::ClassifyCommand", "Language of the explanations: en or zh_CN."),
            QStringLiteral("LANG"));
    parser.addOption(json);
    parser.addOption(lang);
    parser.addPositionalArgument(QStringLiteral("PATH"),
            QCoreApplication::translate(
                    "bd::ClassifyCommand", "Files or folders; '-' or none reads stdin."),
            QStringLiteral("[PATH...]"));
    if (const auto done = parse(parser, arguments, Arguments::Allowed))
        return *done;
    QString error;
    const auto language = Localization::commandLanguage(parser, &error);
    if (!language) {
        m_err << "bounce-doctor-cli classify: " << error << Qt::endl;
        return ExitUsage;
    }
    Localization::install(*language);

    // Made by the first worker (see ParallelReader::ReaderSource), so its knowledge is built
    // while this thread opens the input and splits the first messages.
    std::optional<BounceReader> reader;
    const auto makeReader = [&]() -> const BounceReader & { return reader.emplace(*language); };
    const bool asJson = parser.isSet(json);
    TextReport text(m_out, *language);
    bool first = true;
    if (asJson) {
        // Streamed, so a mailbox of any size costs one message of memory.
        QByteArray head = JsonDocument::serialize(JsonDocument::envelope());
        head.chop(head.size() - head.lastIndexOf('}'));
        m_out << head.trimmed() << ",\n    \"messages\": [\n";
    }
    MailSource source;
    // The JSON of each message is made on the worker that read it; this thread only copies
    // bytes out, past QTextStream's decoding and re-encoding when it writes to a device.
    m_out.flush();
    QIODevice *device = m_out.device();
    // Gathered to about 64 KiB a write: the device flushes at every write, one system call.
    QByteArray pending;
    const auto flushBytes = [&] {
        if (device)
            device->write(pending.constData(), pending.size());
        else
            m_out << QString::fromUtf8(pending);
        pending.resize(0); // the capacity is kept for the next batch
    };
    const auto writeBytes = [&](QByteArrayView bytes) {
        pending += bytes;
        if (pending.size() >= qsizetype {64} * 1024)
            flushBytes();
    };
    const auto serialize = [](const MessageReport &report) {
        QByteArray bytes;
        // Most reports of the Sisimai corpus take 1-2 KiB: room for them at once saves the
        // string appends three or four reallocations each.
        bytes.reserve(4096);
        report.appendJson(bytes);
        return bytes;
    };
    ParallelReader parallel = asJson
            ? ParallelReader(makeReader, serialize,
                    [&](QByteArray &&bytes) {
                        if (!first)
                            writeBytes(",\n");
                        writeBytes(bytes);
                        first = false;
                    })
            : ParallelReader(makeReader, [&](MessageReport &&report) { text.write(report); });
    const QStringList errors = source.read(
            parser.positionalArguments(), [&](MailItem &&item) { parallel.add(std::move(item)); });
    parallel.finish();
    if (asJson) {
        writeBytes("\n    ]\n}\n");
        flushBytes();
    } else
        text.writeSummary();
    m_out.flush();
    for (const QString &w : source.warnings())
        m_err << "bounce-doctor-cli classify: warning: " << w << Qt::endl;
    for (const QString &e : errors)
        m_err << "bounce-doctor-cli classify: " << e << Qt::endl;
    return errors.isEmpty() ? ExitOk : ExitUnreadableInput;
}

} // namespace bd
