// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/DiagnoseCommand.h"

#include "Localization.h"
#include "bounce/BounceReader.h"
#include "bounce/KeptBounces.h"
#include "bounce/ParallelReader.h"
#include "cli/CheckIpOptions.h"
#include "cli/CliApplication.h"
#include "mail/MailSource.h"
#include "relay/RelayEndpoint.h"
#include "report/Diagnosis.h"
#include "report/DiagnosisReport.h"
#include "util/AtomicFile.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace bd {
namespace {

constexpr int maxIps = 8;

} // namespace

int DiagnoseCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("The wizard's whole walk, unattended: classify the bounces, check every blocked IP "
               "they name, and write a report of what is wrong, the evidence, the fix paths in "
               "order and the drafted letters."));
    const QCommandLineOption format(
            QStringLiteral("format"), tr("md (default), html or json."), QStringLiteral("FORMAT"));
    const QCommandLineOption json(QStringLiteral("json"), tr("The same as --format json."));
    const QCommandLineOption output(QStringLiteral("output"),
            tr("Write the report to this file instead of stdout."), QStringLiteral("FILE"));
    const QCommandLineOption ip(QStringLiteral("ip"),
            tr("Check this IP (the real one when the bounces mask it); repeatable."),
            QStringLiteral("IP"));
    const QCommandLineOption from(
            QStringLiteral("from"), tr("Your address, for the letters."), QStringLiteral("EMAIL"));
    const QCommandLineOption name(
            QStringLiteral("name"), tr("Your name, for the letters."), QStringLiteral("NAME"));
    const QCommandLineOption org(QStringLiteral("org"), tr("Your organisation, for the letters."),
            QStringLiteral("ORG"));
    const QCommandLineOption orgEn(QStringLiteral("org-en"),
            tr("Your organisation's name in English or pinyin, for the English text the ISP "
               "sends to Trend Micro (default: --org when it is in Latin letters)."),
            QStringLiteral("ORG"));
    const QCommandLineOption ptrWanted(QStringLiteral("ptr-wanted"),
            tr("The PTR name to ask the ISP for (default: mail.DOMAIN)."), QStringLiteral("NAME"));
    const QCommandLineOption assignment(QStringLiteral("assignment"),
            tr("Your own assignment from the ISP, e.g. 113.98.228.8/29: the letters call it "
               "static; without it, only the IP."),
            QStringLiteral("CIDR"));
    CheckIpOptions check;
    for (const QCommandLineOption &o :
            {format, json, output, ip, from, name, org, orgEn, ptrWanted, assignment})
        parser.addOption(o);
    check.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("PATH"),
            tr("Bounces: files, mboxes, Maildirs, folders; '-' reads stdin."),
            QStringLiteral("PATH..."));
    if (const auto done = parse(parser, arguments, Arguments::Allowed))
        return *done;
    if (parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("give the bounces to read (files, folders, or '-' for stdin)"));
    QString fmt = parser.isSet(json)         ? QStringLiteral("json")
            : parser.value(format).isEmpty() ? QStringLiteral("md")
                                             : parser.value(format);
    if (fmt != u"md" && fmt != u"html" && fmt != u"json")
        return usage(QStringLiteral("--format must be md, html or json, not '%1'").arg(fmt));
    if (const QString problem = check.read(parser); !problem.isEmpty())
        return usage(problem);
    QList<QHostAddress> ips;
    for (const QString &text : parser.values(ip)) {
        const auto address = parseIpAddress(text);
        if (!address)
            return usage(QStringLiteral("--ip: '%1' is not an IPv4 or IPv6 address").arg(text));
        ips << *address;
    }
    if (parser.isSet(ptrWanted) && !isValidHostName(parser.value(ptrWanted)))
        return usage(QStringLiteral("--ptr-wanted: '%1' is not a host name")
                             .arg(parser.value(ptrWanted)));
    if (parser.isSet(assignment)) {
        QString problem;
        const auto subnet = assignmentRange(parser.value(assignment), &problem);
        if (!subnet)
            return usage(problem);
    }
    Localization::install(check.lang);

    const BounceReader reader(check.lang);
    QList<MessageReport> messages;
    // A report is for reading: past the limit, more of the same adds nothing.
    KeptBounces kept;
    MailSource source;
    ParallelReader parallel(reader, [&](MessageReport &&report) {
        if (!report.isBounce && report.mentions.isEmpty())
            return;
        if (kept.offer(report) == KeptBounces::Verdict::Kept)
            messages << std::move(report);
    });
    const QStringList errors = source.read(
            parser.positionalArguments(), [&](MailItem &&item) { parallel.add(std::move(item)); });
    parallel.finish();
    for (const QString &w : source.warnings())
        m_err << "bounce-doctor-cli diagnose: warning: " << w << Qt::endl;
    if (!errors.isEmpty()) {
        for (const QString &e : errors)
            return fail(ExitUnreadableInput, e);
    }
    if (const QString note = kept.note(check.lang); !note.isEmpty())
        m_err << "bounce-doctor-cli diagnose: " << note << Qt::endl;

    // The public addresses the bounces name; one a receiver cannot have seen is no sender.
    QList<QHostAddress> shown;
    for (const QString &text : Diagnosis::blockedIps(messages)) {
        const auto address = parseIpAddress(text);
        if (address && !shown.contains(*address) && unseenAddressProblem(*address, {}).isEmpty())
            shown << *address;
    }
    for (const QHostAddress &address : std::as_const(ips)) {
        const QString unseen = unseenAddressProblem(
                address, check.lang, shown.isEmpty() ? QString() : shown.first().toString());
        if (!unseen.isEmpty())
            return usage(QStringLiteral("--ip: ") + unseen);
    }
    if (ips.isEmpty())
        ips = shown.mid(0, maxIps);
    QList<IpCheckResult> checks;
    bool everythingFailed = false;
    if (!ips.isEmpty()) {
        QString error;
        checks = check.run(ips, &everythingFailed, &error);
        if (!error.isEmpty()) {
            m_err << "bounce-doctor-cli diagnose: " << error << Qt::endl;
            return ExitNetworkFailed;
        }
    }
    Diagnosis::Sender sender;
    sender.email = parser.value(from);
    sender.name = parser.value(name);
    sender.org = parser.value(org);
    sender.orgLatin = parser.value(orgEn);
    sender.domain = check.options.domain.toLower();
    sender.ptrWanted = parser.value(ptrWanted).toLower();
    sender.assignment = parser.value(assignment);
    // The letters say the wanted name points back to the IP only when DNS says so now.
    LetterFacts wanted;
    wanted.ptrWanted = sender.ptrWanted;
    wanted.domain = sender.domain;
    if (!checks.isEmpty() && !everythingFailed && !wanted.wantedName().isEmpty()) {
        CaresResolver resolver(check.resolverOptions);
        if (resolver.isValid())
            sender.ptrWantedForward = lookUpForwardRecordNow(&resolver, wanted.wantedName());
    }
    const Diagnosis diagnosis(
            messages, everythingFailed ? QList<IpCheckResult>() : checks, sender, check.lang);

    QByteArray data;
    if (fmt == u"json")
        data = JsonDocument::serialize(JsonDocument::envelope(diagnosis.toJson()));
    else if (fmt == u"html")
        data = DiagnosisReport(diagnosis).toHtml().toUtf8();
    else
        data = DiagnosisReport(diagnosis).toMarkdown().toUtf8();
    if (parser.isSet(output)) {
        if (const QString problem = AtomicFile::write(parser.value(output), data);
                !problem.isEmpty()) {
            m_err << "bounce-doctor-cli diagnose: cannot write " << parser.value(output) << ": "
                  << problem << Qt::endl;
            return ExitUnreadableInput;
        }
    } else {
        m_out << QString::fromUtf8(data);
        m_out.flush();
    }
    if (everythingFailed) {
        m_err << "bounce-doctor-cli diagnose: no DNS lookup got an answer; the report has the "
                 "bounces only"
              << Qt::endl;
        return ExitNetworkFailed;
    }
    return ExitOk;
}

} // namespace bd
