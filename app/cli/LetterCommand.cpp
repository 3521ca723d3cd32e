// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LetterCommand.h"

#include "Localization.h"
#include "cli/CliApplication.h"
#include "cli/TerminalSafeDevice.h"
#include "dns/CaresResolver.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "letter/Letter.h"
#include "relay/RelayEndpoint.h"
#include "util/AtomicFile.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTextStream>

namespace bd {
namespace {

// The PDF from bounce-doctor-pdf, which links Qt Gui so that this program does not: next to
// this program in a build tree, in the package's libexec folder once installed.
// `warnings`: what the helper said on stderr about a PDF it did make (characters no font has).
QByteArray renderPdf(const Letter &letter, QString *error, QString *warnings)
{
    QString helper = QCoreApplication::applicationDirPath() + QStringLiteral("/bounce-doctor-pdf");
    if (!QFileInfo::exists(helper))
        helper = QStringLiteral(BD_PDF_HELPER);
    QJsonObject o;
    o.insert(u"kind", letter.kind);
    o.insert(u"lang", languageCode(letter.lang));
    o.insert(u"to", letter.to);
    o.insert(u"from_email", letter.fromEmail);
    o.insert(u"from_name", letter.fromName);
    o.insert(u"subject", letter.subject);
    o.insert(u"body", letter.body);
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(helper, {});
    if (!p.waitForStarted()) {
        *error = QStringLiteral("cannot start %1: %2").arg(helper, p.errorString());
        return {};
    }
    p.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    p.closeWriteChannel();
    p.waitForFinished(-1);
    QByteArray pdf = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 || pdf.isEmpty()) {
        *error = QStringLiteral("%1 did not make the PDF: %2")
                         .arg(helper, QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return {};
    }
    // Only the helper's own warnings; Qt's remarks about the environment are not the user's.
    QStringList said;
    for (const QString &line : QString::fromUtf8(p.readAllStandardError()).split(u'\n')) {
        if (line.startsWith(u"warning: "))
            said << line.mid(9);
    }
    *warnings = said.join(u'\n');
    return pdf;
}

} // namespace

int LetterCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Draft the letter that gets the block lifted: to the ISP for a static-looking "
               "PTR and a WHOIS note (isp-static-rdns), the text the ISP sends to Trend Micro "
               "(isp-dul-delist), or to the recipient's mail admin (recipient-allowlist)."));
    const auto opt = [](const char *name, const QString &help, const char *value = nullptr) {
        return value
                ? QCommandLineOption(QString::fromLatin1(name), help, QString::fromLatin1(value))
                : QCommandLineOption(QString::fromLatin1(name), help);
    };
    const QCommandLineOption kind =
            opt("kind", tr("isp-static-rdns, isp-dul-delist or recipient-allowlist."), "KIND");
    const QCommandLineOption ip = opt("ip", tr("The blocked IP address."), "IP");
    const QCommandLineOption ptrWanted =
            opt("ptr-wanted", tr("The PTR name to ask for (default: mail.DOMAIN)."), "NAME");
    const QCommandLineOption ptrCurrent = opt("ptr-current",
            tr("The IP's PTR name today; the letter says why it reads as dynamic."), "NAME");
    const QCommandLineOption domain = opt("domain", tr("Your mail domain."), "DOMAIN");
    const QCommandLineOption to =
            opt("to", tr("The recipient (the ISP's abuse or NOC address, a postmaster)."), "EMAIL");
    const QCommandLineOption from = opt("from", tr("Your address."), "EMAIL");
    const QCommandLineOption name = opt("name", tr("Your name."), "NAME");
    const QCommandLineOption org = opt("org", tr("Your organisation."), "ORG");
    const QCommandLineOption orgEn = opt("org-en",
            tr("Your organisation's name in English or pinyin, for the English text the ISP "
               "sends to Trend Micro (default: --org when it is in Latin letters)."),
            "ORG");
    const QCommandLineOption isp =
            opt("isp", tr("The network's owner, as the registry names it."), "NAME");
    const QCommandLineOption range =
            opt("range", tr("The owner's range, e.g. 113.96.0.0/12."), "CIDR");
    const QCommandLineOption assignment = opt("assignment",
            tr("Your own assignment from the ISP, e.g. 113.98.228.8/29 (it holds --ip). The "
               "letters call it static; without it, only the IP."),
            "CIDR");
    const QCommandLineOption dns = opt("dns",
            tr("DNS server for looking up the wanted name's A/AAAA record (default: the "
               "system's)."),
            "HOST[:PORT]");
    const QCommandLineOption timeout =
            opt("timeout-ms", tr("Longest that lookup may take (default 5000)."), "N");
    const QCommandLineOption noDns = opt("no-dns",
            tr("Do not look up the wanted name's A/AAAA record; the letter then asks you to "
               "publish it first."));
    const QCommandLineOption asn = opt("asn", tr("The owner's AS number, e.g. AS4134."), "ASN");
    const QCommandLineOption listing =
            opt("listing", tr("The list that blocks, e.g. \"Trend Micro RBL+\"."), "NAME");
    const QCommandLineOption recipientDomain = opt("recipient-domain",
            tr("Whose gateway refuses your mail (recipient-allowlist)."), "DOMAIN");
    const QCommandLineOption lang = opt("lang", tr("Language of the letter: en or zh_CN."), "LANG");
    const QCommandLineOption format = opt(
            "format", tr("txt (default), eml (a draft for your mail program) or pdf."), "FORMAT");
    const QCommandLineOption output =
            opt("output", tr("Write to this file instead of stdout (required for pdf)."), "FILE");
    const QCommandLineOption json = opt("json", tr("Print one JSON document."));
    for (const QCommandLineOption &o : {kind, ip, ptrWanted, ptrCurrent, domain, to, from, name,
                 org, orgEn, isp, range, asn, listing, recipientDomain, lang, format, output, json,
                 assignment, dns, timeout, noDns})
        parser.addOption(o);
    if (const auto done = parse(parser, arguments, Arguments::None))
        return *done;
    if (!parser.isSet(kind))
        return usage(QStringLiteral("--kind is required (one of: %1)")
                             .arg(Letter::kinds().join(QStringLiteral(", "))));
    if (!Letter::kinds().contains(parser.value(kind)))
        return usage(QStringLiteral("unknown --kind '%1' (one of: %2)")
                             .arg(parser.value(kind), Letter::kinds().join(QStringLiteral(", "))));
    if (!parser.isSet(ip))
        return usage(QStringLiteral("--ip is required"));
    const auto address = parseIpAddress(parser.value(ip));
    if (!address)
        return usage(QStringLiteral("'%1' is not an IPv4 or IPv6 address").arg(parser.value(ip)));
    for (const QCommandLineOption *o : {&to, &from}) {
        if (parser.isSet(*o) && !isPlausibleMailAddress(parser.value(*o)))
            return usage(QStringLiteral("--%1: '%2' is not a mail address")
                                 .arg(o->names().constFirst(), parser.value(*o)));
    }
    for (const QCommandLineOption *o : {&domain, &ptrWanted, &ptrCurrent, &recipientDomain}) {
        if (parser.isSet(*o) && !isValidHostName(parser.value(*o)))
            return usage(QStringLiteral("--%1: '%2' is not a domain name")
                                 .arg(o->names().constFirst(), parser.value(*o)));
    }
    if (parser.isSet(assignment)) {
        QString problem;
        const auto subnet = assignmentRange(parser.value(assignment), &problem);
        if (!subnet)
            return usage(problem);
        if (!address->isInSubnet(*subnet))
            return usage(QStringLiteral("--assignment: %1 does not contain %2")
                                 .arg(parser.value(assignment), address->toString()));
    }
    CaresResolver::Options resolverOptions;
    if (parser.isSet(dns)) {
        QString error;
        const auto server = DnsServer::parse(parser.value(dns), &error);
        if (!server)
            return usage(QStringLiteral("--dns: %1").arg(error));
        resolverOptions.server = *server;
    }
    if (parser.isSet(timeout)) {
        bool ok = false;
        resolverOptions.timeoutMs = parser.value(timeout).toInt(&ok);
        if (!ok || resolverOptions.timeoutMs <= 0)
            return usage(QStringLiteral("--timeout-ms needs a positive number of milliseconds, "
                                        "not '%1'")
                                 .arg(parser.value(timeout)));
    }
    const QString fmt = parser.isSet(format) ? parser.value(format) : QStringLiteral("txt");
    if (fmt != u"txt" && fmt != u"eml" && fmt != u"pdf")
        return usage(QStringLiteral("--format must be txt, eml or pdf, not '%1'").arg(fmt));
    if (fmt == u"pdf" && !parser.isSet(output))
        return usage(QStringLiteral("--format pdf needs --output FILE"));
    QString langError;
    const auto asked = Localization::commandLanguage(parser, &langError);
    if (!asked)
        return usage(langError);
    const Language language = *asked;
    Localization::install(language);

    LetterFacts facts;
    facts.ip = address->toString();
    const QString currentPtr = parser.value(ptrCurrent).toLower();
    facts.setPtr(currentPtr,
            GenericPtrClassifier::builtIn().genericReasons(currentPtr, facts.ip, language));
    facts.ptrWanted = parser.value(ptrWanted).toLower();
    facts.domain = parser.value(domain).toLower();
    // --to names whoever reads the letter, the ISP's contact or the recipient's admin.
    facts.to = parser.value(to);
    facts.recipientAdmin = facts.to;
    facts.fromEmail = parser.value(from);
    facts.fromName = parser.value(name);
    facts.org = parser.value(org);
    facts.orgLatin = parser.value(orgEn);
    facts.isp = parser.value(isp);
    facts.range = parser.value(range);
    facts.assignment = parser.value(assignment);
    facts.asn = parser.value(asn);
    facts.listing = parser.value(listing);
    facts.recipientDomain = parser.value(recipientDomain).toLower();
    // The letter says the wanted name already points back only when DNS says so now.
    const bool aboutPtr = parser.value(kind) != u"recipient-allowlist";
    if (aboutPtr && !facts.wantedName().isEmpty() && !parser.isSet(noDns)) {
        CaresResolver resolver(resolverOptions);
        if (resolver.isValid())
            facts.ptrWantedForward = lookUpForwardRecordNow(&resolver, facts.wantedName());
        if (!facts.ptrWantedForward.checked)
            m_err << "bounce-doctor-cli letter: could not look up " << facts.wantedName()
                  << " (no trustworthy DNS answer); the letter asks you to publish its record "
                     "first"
                  << Qt::endl;
    }
    QString error;
    const auto letter = Letter::draft(parser.value(kind), facts, language, &error);
    if (!letter)
        return usage(error);
    // Every value that becomes a header, including a subject a template built from --org.
    if (const auto problem = letter->headerProblem()) {
        static const QMap<Letter::HeaderField, QString> source {
                {Letter::HeaderField::FromName, QStringLiteral("--name")},
                {Letter::HeaderField::FromEmail, QStringLiteral("--from")},
                {Letter::HeaderField::To, QStringLiteral("--to")},
                {Letter::HeaderField::Subject, QStringLiteral("the letter's subject")}};
        return usage(source.value(problem->field) + QStringLiteral(": ") + problem->message);
    }

    QByteArray data;
    if (fmt == u"eml")
        data = letter->toEml();
    else if (fmt == u"pdf") {
        QString warnings;
        data = renderPdf(*letter, &error, &warnings);
        if (!warnings.isEmpty())
            m_err << "bounce-doctor-cli letter: " << warnings << Qt::endl;
        if (data.isEmpty()) {
            m_err << "bounce-doctor-cli letter: " << error << Qt::endl;
            return ExitUnreadableInput;
        }
    } else
        data = letter->toText().toUtf8();

    if (parser.isSet(output)) {
        if (const QString problem = AtomicFile::write(parser.value(output), data);
                !problem.isEmpty()) {
            m_err << "bounce-doctor-cli letter: cannot write " << parser.value(output) << ": "
                  << problem << Qt::endl;
            return ExitUnreadableInput;
        }
    }
    if (parser.isSet(json)) {
        QJsonObject body = letter->toJson();
        body.insert(u"from", JsonDocument::orNull(letter->fromEmail));
        body.insert(u"format", fmt);
        body.insert(u"output", JsonDocument::orNull(parser.value(output)));
        if (aboutPtr) {
            // null: not looked up; otherwise what DNS said about the wanted name.
            QJsonValue forward;
            if (facts.ptrWantedForward.checked)
                forward = QJsonObject {{QStringLiteral("name"), facts.ptrWantedForward.name},
                        {QStringLiteral("addresses"),
                                QJsonArray::fromStringList(facts.ptrWantedForward.addresses)},
                        {QStringLiteral("points_to_ip"), facts.ptrWantedConfirmed()}};
            body.insert(u"forward_record", forward);
        }
        m_out << JsonDocument::serialize(JsonDocument::envelope(body));
    } else if (!parser.isSet(output)) {
        m_out.flush();
        // An .eml keeps its CRLF line ends byte for byte; its header values were checked above.
        if (auto *device = dynamic_cast<TerminalSafeDevice *>(m_out.device());
                device && fmt == u"eml")
            device->writeRaw(data);
        else
            m_out << QString::fromUtf8(data);
    }
    m_out.flush();
    return ExitOk;
}

} // namespace bd
