// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 17: Chinese output with no English left in it. Every subcommand is run and every wizard
// page rendered in zh_CN, and each Latin word that is not a product or protocol name
// (tests/data/zh-latin-allowed.txt), a hostname, an address, a code or an option fails the test.
// What the input itself brought (the bounce's own words, a relay's replies) is not ours to
// translate and is left out.
#include "DnsmasqServer.h"
#include "LatinWords.h"
#include "Localization.h"
#include "NetworkFixtures.h"
#include "SmtpRelayFixture.h"
#include "gui/AppSettings.h"
#include "gui/BounceWizard.h"
#include "gui/BouncesPage.h"
#include "gui/ConfigCheckPage.h"
#include "gui/IpPage.h"
#include "gui/LettersPage.h"
#include "gui/SmarthostPage.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QWizard>

using namespace bd;

namespace {

const QString sample = QStringLiteral(BD_SOURCE_DIR "/resources/samples/trend-micro-dul.txt");

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The Latin words of an input: what the output may quote without translating.
QSet<QString> wordsOf(const QString &text)
{
    static const QRegularExpression word(QStringLiteral("[A-Za-z]+"));
    QSet<QString> words;
    for (auto it = word.globalMatch(text); it.hasNext();)
        words.insert(it.next().captured());
    return words;
}

QString strayReport(const QString &text, const QSet<QString> &foreign)
{
    QStringList stray = test::strayLatinWords(text, test::allowedLatinWords() | foreign);
    stray.removeDuplicates();
    return stray.join(u' ');
}

const QString seedPtr = QStringLiteral("10.228.98.113.broad.sz.gd.dynamic.163data.com.cn");

// The seed case's DNS: the generic PTR, its forward record, a Spamhaus PBL listing.
QStringList seedRecords()
{
    return {QStringLiteral("--ptr-record=10.228.98.113.in-addr.arpa,"
                           "10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"),
            QStringLiteral("--host-record=10.228.98.113.broad.sz.gd.dynamic.163data.com.cn,"
                           "113.98.228.10"),
            QStringLiteral("--host-record=2.0.0.127.zen.spamhaus.org,127.0.0.2"),
            QStringLiteral("--host-record=10.228.98.113.zen.spamhaus.org,127.0.0.11")};
}

// Every text the current page shows: titles, labels, buttons, placeholders, lists, tables,
// views, and the fields the program fills (a letter's To and Subject). What the user typed or
// pasted is left out: it is theirs.
QString pageTexts(QWizard &wizard, const QStringList &userFields)
{
    QStringList texts;
    QWizardPage *page = wizard.currentPage();
    texts << page->title() << page->subTitle() << wizard.windowTitle();
    for (const QWizard::WizardButton b : {QWizard::BackButton, QWizard::NextButton,
                 QWizard::FinishButton, QWizard::CancelButton, QWizard::HelpButton})
        if (wizard.button(b)->isVisible())
            texts << wizard.button(b)->text();
    const auto plain = [](const QString &html) {
        return Qt::mightBeRichText(html) ? QTextDocumentFragment::fromHtml(html).toPlainText()
                                         : html;
    };
    for (QWidget *w : page->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(page) || userFields.contains(w->objectName()))
            continue;
        if (auto *l = qobject_cast<QLabel *>(w))
            texts << plain(l->text());
        else if (auto *b = qobject_cast<QAbstractButton *>(w))
            texts << b->text();
        else if (auto *e = qobject_cast<QLineEdit *>(w))
            texts << e->placeholderText() << (e->isReadOnly() ? e->text() : QString());
        else if (auto *c = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < c->count(); ++i)
                texts << c->itemText(i);
        } else if (auto *g = qobject_cast<QGroupBox *>(w))
            texts << g->title();
        else if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        } else if (auto *edit = qobject_cast<QTextEdit *>(w))
            texts << edit->toPlainText();
        else if (auto *plainEdit = qobject_cast<QPlainTextEdit *>(w))
            texts << plainEdit->toPlainText() << plainEdit->placeholderText();
        else if (auto *table = qobject_cast<QTableWidget *>(w)) {
            for (int col = 0; col < table->columnCount(); ++col) {
                if (table->horizontalHeaderItem(col))
                    texts << table->horizontalHeaderItem(col)->text();
                for (int r = 0; r < table->rowCount(); ++r)
                    texts << (table->item(r, col) ? table->item(r, col)->text() : QString());
            }
        }
    }
    return texts.join(u'\n');
}

// Chinese set in italics on a page (issue 17: Chinese has no italics): in rich-text labels and
// views, and in widgets whose own font is italic.
QStringList italicChinese(QWizardPage *page)
{
    static const QRegularExpression han(QStringLiteral(R"(\p{Han})"));
    QStringList found;
    const auto scan = [&](const QTextDocument &doc) {
        for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment f = it.fragment();
                if (f.isValid() && f.charFormat().fontItalic() && f.text().contains(han))
                    found << f.text();
            }
        }
    };
    for (QWidget *w : page->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(page))
            continue;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (w->font().italic() && label->text().contains(han))
                found << label->text();
            QTextDocument doc;
            doc.setHtml(label->text());
            scan(doc);
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (w->font().italic() && button->text().contains(han))
                found << button->text();
        } else if (auto *edit = qobject_cast<QTextEdit *>(w)) {
            scan(*edit->document());
        }
    }
    return found;
}

// Columns a terminal gives `text`: two for a Chinese character or full-width form.
int columnsOf(const QString &text)
{
    static const QRegularExpression wide(
            QStringLiteral(R"([\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ff60}])"));
    return int(text.size() + text.count(wide));
}

// Issue 17: in a text output's label column the values start in one display column, Chinese
// labels included. `labels`: the Chinese labels of the column, as the reader sees them.
QString misalignedValues(const QString &text, const QStringList &labels)
{
    QMap<int, QStringList> starts; // display column of the value -> the lines
    for (const QString &line : text.split(u'\n')) {
        const QString trimmed = line.trimmed();
        for (const QString &label : labels) {
            if (!trimmed.startsWith(label))
                continue;
            const qsizetype value = line.indexOf(
                    QRegularExpression(QStringLiteral("\\S")), line.indexOf(label) + label.size());
            if (value > 0)
                starts[columnsOf(line.left(value))] << line.left(value + 8);
            break;
        }
    }
    if (starts.isEmpty())
        return u"no line with any of: "_qs + labels.join(u' ');
    if (starts.size() == 1)
        return {};
    QStringList report;
    for (auto it = starts.cbegin(); it != starts.cend(); ++it)
        report << QString::number(it.key()) + u": "_qs + it.value().join(u" | "_qs);
    return report.join(u'\n');
}

// The seed IP's owner over loopback: a WHOIS server answering as APNIC does for it
// (tests/data/whois/apnic-chinanet.txt) and an RDAP server that refuses (403) or drops the
// connection, so the owner and the notes on the failed source are both shown.
struct OwnerServers
{
    static QString answer()
    {
        return readAll(QStringLiteral(BD_TEST_DATA "/whois/apnic-chinanet.txt"));
    }
    // What the output quotes of the answer: the owner's name (its first "descr:"), not the
    // record's attribute names ("status"), which would let those English words pass anywhere.
    static QString quoted()
    {
        static const QRegularExpression descr(
                QStringLiteral(R"(^descr:\s*(.+)$)"), QRegularExpression::MultilineOption);
        return descr.match(answer()).captured(1);
    }
    WhoisFixture whois {[](const QByteArray &) { return answer().toUtf8(); }};
    HttpFixture rdap;
    bool start(bool drop)
    {
        HttpFixture::Response refused;
        refused.status = 403;
        refused.reset = drop;
        rdap.set("/ip/113.98.228.10", refused);
        return rdap.listen() && whois.listen(QHostAddress::LocalHost, 0);
    }
    QString whoisServer() const { return QStringLiteral("127.0.0.1:%1").arg(whois.port()); }
};

} // namespace

class TstZhLatin : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Settings and autosaves of this run alone: test mode keeps them in one folder for
        // every run of this user, and a second run at the same time (another checkout's) would
        // point this one's wizard at its own WHOIS and RDAP servers.
        QCoreApplication::setOrganizationName(QStringLiteral("Bounce Doctor zh Tests %1")
                                                      .arg(QCoreApplication::applicationPid()));
        QVERIFY2(!test::allowedLatinWords().isEmpty(), "tests/data/zh-latin-allowed.txt");
    }
    void cleanupTestCase()
    {
        // Both folders are named after this run's process (initTestCase).
        QDir appData(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
        if (appData.cdUp())
            appData.removeRecursively();
        QFileInfo(QSettings().fileName()).dir().removeRecursively();
    }

    // The checker itself: English words are caught, names and technical tokens are not.
    void checkerCatches_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("stray");
        QTest::newRow("status word") << u"PTR：none"_qs << u"none"_qs;
        QTest::newRow("PDF label") << u"From: postmaster@example.com"_qs << u"From"_qs;
        QTest::newRow("slug") << u"IP 被列入黑名单 (ip-blocklist)"_qs << u"ip blocklist"_qs;
        QTest::newRow("heading") << u"==== /etc/postfix/main.cf (merge)"_qs << u"merge"_qs;
        QTest::newRow("list name") << u"列入 NetEase (163.com, 126.com)"_qs << u"NetEase"_qs;
        QTest::newRow("technical tokens")
                << u"用 dig -x 113.98.228.10 查 mail.example.com 的 PTR，smtp_tls_CAfile = $x"_qs
                << u""_qs;
        QTest::newRow("names") << u"Postfix 与 iRedMail 经 Trend Micro 的 DUL"_qs << u""_qs;
    }
    void checkerCatches()
    {
        QFETCH(QString, text);
        QFETCH(QString, stray);
        QCOMPARE(strayReport(text, {}), stray);
    }

    void cli_data()
    {
        QTest::addColumn<QStringList>("args");
        // A file whose words the output may quote; "RELAY": a relay on loopback, whose replies
        // are quoted; "OWNER", "OWNER-DROP": the owner's WHOIS and RDAP servers (OwnerServers).
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output"); // --output FILE to read instead of stdout
        QTest::addColumn<QString>("cut"); // the output ends here (the English DUL appendix)
        // Words allowed in this output only: option values a help names ("--tls none").
        QTest::addColumn<QStringList>("values");
        const QStringList zh {u"--lang"_qs, u"zh_CN"_qs};
        QTest::newRow("help") << QStringList {u"--help"_qs, u"--lang"_qs, u"zh_CN"_qs} << QString()
                              << QString() << QString() << QStringList();
        for (const char *sub :
                {"classify", "check-ip", "relay-test", "relay-config", "letter", "diagnose"})
            QTest::addRow("%s --help", sub)
                    << QStringList {QString::fromLatin1(sub), u"--help"_qs} + zh << QString()
                    << QString() << QString() << QStringList {u"none"_qs}; // --tls none
        QTest::newRow("classify") << QStringList {u"classify"_qs, sample} + zh << sample
                                  << QString() << QString() << QStringList();
        const QStringList facts {u"--ip"_qs, u"113.98.228.10"_qs, u"--ptr-current"_qs,
                u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs, u"--domain"_qs,
                u"szhuaxin.com.cn"_qs, u"--from"_qs, u"postmaster@szhuaxin.com.cn"_qs, u"--name"_qs,
                u"张伟"_qs, u"--org"_qs, u"深圳华信塑胶有限公司"_qs, u"--isp"_qs, u"CHINANET-GD"_qs,
                u"--range"_qs, u"113.96.0.0/12"_qs, u"--asn"_qs, u"AS4134"_qs, u"--to"_qs,
                u"anti-spam@chinatelecom.cn"_qs, u"--no-dns"_qs, u"--recipient-domain"_qs,
                u"iag.org"_qs};
        QTest::newRow("letter isp-static-rdns")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs} + facts + zh
                << QString() << QString() << u"---- 附："_qs << QStringList();
        // The DUL text is English by design: its notes to the admin are not.
        QTest::newRow("letter isp-dul-delist")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-dul-delist"_qs} + facts + zh
                << QString() << QString() << u"Dear Trend Micro"_qs << QStringList();
        QTest::newRow("letter recipient-allowlist")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"recipient-allowlist"_qs} + facts + zh
                << QString() << QString() << QString() << QStringList();
        QTest::newRow("relay-config")
                << QStringList {u"relay-config"_qs, u"--mta"_qs, u"postfix"_qs, u"--mta-version"_qs,
                           u"2.9"_qs, u"--iredmail"_qs, u"--relay"_qs, u"smtp.exmail.qq.com:465"_qs,
                           u"--tls"_qs, u"implicit"_qs}
                        + zh
                << QString() << QString() << QString() << QStringList();
        // The owner from WHOIS, with a note on the RDAP server that refused (403) or dropped
        // the connection; and one where no source answers at all (a WHOIS port that refuses).
        const QStringList owner {u"--whois-server"_qs, u"WHOIS"_qs, u"--rdap-base"_qs, u"RDAP"_qs,
                u"--no-abusix"_qs};
        const QStringList checkIp {u"check-ip"_qs, u"--dns"_qs, u"DNS"_qs, u"--dnsbl"_qs,
                u"zen.spamhaus.org"_qs, u"--timeout-ms"_qs, u"2000"_qs, u"--domain"_qs,
                u"szhuaxin.com.cn"_qs, u"113.98.228.10"_qs};
        QTest::newRow("check-ip") << checkIp + owner + zh << u"OWNER"_qs << QString() << QString()
                                  << QStringList();
        QTest::newRow("check-ip, RDAP drops") << checkIp + owner + zh << u"OWNER-DROP"_qs
                                              << QString() << QString() << QStringList();
        QTest::newRow("check-ip, no owner source answers") << checkIp
                        + QStringList {u"--whois-server"_qs, u"127.0.0.1:1"_qs, u"--rdap-base"_qs,
                                u"RDAP"_qs, u"--no-abusix"_qs}
                        + zh << u"OWNER-DROP"_qs << QString()
                                                           << QString() << QStringList();
        QTest::newRow("check-ip --no-owner")
                << checkIp + QStringList {u"--no-owner"_qs} + zh << QString() << QString()
                << QString() << QStringList();
        QTest::newRow("diagnose") << QStringList {u"diagnose"_qs, u"--dns"_qs, u"DNS"_qs,
                                             u"--dnsbl"_qs, u"zen.spamhaus.org"_qs,
                                             u"--whois-server"_qs, u"WHOIS"_qs, u"--rdap-base"_qs,
                                             u"RDAP"_qs, u"--no-abusix"_qs, u"--timeout-ms"_qs,
                                             u"2000"_qs, u"--ip"_qs, u"113.98.228.10"_qs,
                                             u"--domain"_qs, u"szhuaxin.com.cn"_qs, u"--output"_qs,
                                             u"OUT"_qs, sample}
                        + zh << u"OWNER"_qs
                                  << u"OUT"_qs << u"可直接发送的信函"_qs << QStringList();
        QTest::newRow("relay-test")
                << QStringList {u"relay-test"_qs, u"--host"_qs, u"127.0.0.1"_qs, u"--port"_qs,
                           u"PORT"_qs, u"--user"_qs, u"relay@isp.test"_qs, u"--password-env"_qs,
                           u"BD_RELAY_PW"_qs, u"--from"_qs, u"relay@isp.test"_qs, u"--to"_qs,
                           u"someone@example.org"_qs, u"--ca-file"_qs, u"CA"_qs, u"--timeout-ms"_qs,
                           u"3000"_qs}
                        + zh
                << u"RELAY"_qs << QString() << QString() << QStringList();
    }
    void cli()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, input);
        QFETCH(QString, output);
        QFETCH(QString, cut);
        QFETCH(QStringList, values);
        std::unique_ptr<DnsmasqServer> dns;
        std::unique_ptr<SmtpRelayFixture> relay;
        OwnerServers owner;
        QTemporaryDir dir;
        // What the user typed and the case's data: the PTR name's labels ("broad") are quoted,
        // and so is what the registry wrote ("CHINANET Guangdong province network").
        const bool ownerServers = input.startsWith(u"OWNER");
        QSet<QString> foreign = wordsOf(input.isEmpty() || input == u"RELAY" ? QString()
                                                : ownerServers ? OwnerServers::quoted()
                                                               : readAll(input))
                | wordsOf(args.join(u' ')) | wordsOf(seedPtr)
                | QSet<QString>(values.cbegin(), values.cend());
        if (args.contains(u"diagnose"_qs))
            foreign |= wordsOf(readAll(sample));
        if (ownerServers) {
            QVERIFY(owner.start(input == u"OWNER-DROP"));
            if (args.contains(u"WHOIS"_qs))
                args.replace(args.indexOf(u"WHOIS"_qs), owner.whoisServer());
            args.replace(args.indexOf(u"RDAP"_qs), owner.rdap.base());
        }
        if (args.contains(u"DNS"_qs)) {
            if (!DnsmasqServer::available())
                QSKIP("dnsmasq is not installed");
            dns = std::make_unique<DnsmasqServer>(seedRecords(),
                    QStringList {u"cn"_qs, u"in-addr.arpa"_qs, u"spamhaus.org"_qs, u"com"_qs});
            QVERIFY(dns->start());
            args.replace(args.indexOf(u"DNS"_qs), dns->address());
        }
        if (args.contains(u"PORT"_qs)) {
            QString why;
            if (!SmtpRelayFixture::available(&why))
                QSKIP(qPrintable(why));
            relay = std::make_unique<SmtpRelayFixture>(u"normal"_qs);
            QVERIFY(relay->start());
            args.replace(args.indexOf(u"PORT"_qs), QString::number(relay->startTlsPort()));
            args.replace(args.indexOf(u"CA"_qs), TestPki::instance().caFile());
        }
        if (!output.isEmpty()) {
            output = dir.filePath(u"report.md"_qs);
            args.replace(args.indexOf(u"OUT"_qs), output);
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BD_RELAY_PW"_qs, SmtpRelayFixture::password());
        p.setProcessEnvironment(env);
        // The owner's servers answer from this process's event loop while the CLI runs.
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(BD_CLI_PATH), args);
        QVERIFY(finished.wait(60000));
        QString text = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        if (!output.isEmpty())
            text = readAll(output);
        if (input == u"RELAY") {
            // The relay's own replies are quoted as they came.
            static const QRegularExpression reply(QStringLiteral(R"(\b[2-5]\d\d[ -][^\n]*)"));
            for (auto it = reply.globalMatch(text); it.hasNext();)
                foreign += wordsOf(it.next().captured());
        }
        if (!cut.isEmpty() && text.contains(cut))
            text = text.section(cut, 0, 0);
        // A letter in its reader's language is named by its subject, in that language.
        static const QRegularExpression otherLanguage(
                QStringLiteral("（英文，按收信人的语言）：[^\n]*"));
        text.remove(otherLanguage);
        // The subject of the text for Trend Micro is part of that English text.
        if (text.startsWith(u"Subject: DUL removal request"))
            text = text.section(u'\n', 1);
        QVERIFY(!text.trimmed().isEmpty());
        // The output has Chinese in it at all: the translation was loaded.
        static const QRegularExpression han(QStringLiteral(R"(\p{Han})"));
        QVERIFY2(han.match(text).hasMatch(), qPrintable(text.left(400)));
        if (const QString dump = qEnvironmentVariable("BD_ZHLATIN_DUMP"); !dump.isEmpty()) {
            QFile f(dump + u"/cli-"_qs
                    + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_')
                    + u".txt"_qs);
            if (f.open(QIODevice::WriteOnly))
                f.write((text + u'\n' + err).toUtf8());
        }
        const QString stray = strayReport(text + u'\n' + err, foreign);
        QVERIFY2(stray.isEmpty(), qPrintable(stray + u"\n---\n"_qs + text));
        static const QHash<QString, QStringList> columns {
                {u"classify"_qs,
                        {u"诊断结论："_qs, u"代码："_qs, u"收件服务器："_qs, u"拒收阶段："_qs,
                                u"被拒收的 IP："_qs, u"对方原文："_qs, u"查询："_qs, u"含义："_qs}},
                {u"check-ip"_qs,
                        {u"PTR："_qs, u"正反向解析一致："_qs, u"名称判断："_qs, u"归属："_qs,
                                u"滥用投诉邮箱："_qs, u"网络/技术联系人："_qs, u"不使用："_qs,
                                u"注册机构记录："_qs}},
                {u"relay-test"_qs,
                        {u"回复："_qs, u"详情："_qs, u"TLS："_qs, u"TLS 之前的 AUTH："_qs,
                                u"TLS 之后的 AUTH："_qs, u"耗时："_qs}}};
        if (columns.contains(args.first()) && !args.contains(u"--help"_qs)) {
            const QString off = misalignedValues(text, columns.value(args.first()));
            QVERIFY2(off.isEmpty(), qPrintable(off + u"\n---\n"_qs + text));
        }
    }

    // Every page of the wizard in Chinese, walked with the seed case: the sample bounce, the IP
    // checked against a loopback DNS, the seed admin's relay settings, each letter.
    void wizardPages()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns(seedRecords(),
                QStringList {u"cn"_qs, u"in-addr.arpa"_qs, u"spamhaus.org"_qs, u"com"_qs});
        QVERIFY(dns.start());
        OwnerServers owner;
        QVERIFY(owner.start(false));
        AppSettings settings;
        settings.dnsServer = dns.address();
        settings.timeoutMs = 1500;
        settings.ownerLookup = true;
        settings.whoisServer = owner.whoisServer();
        settings.rdapBase = owner.rdap.base();
        settings.abusix = false;
        settings.save();
        Localization::install(Language::SimplifiedChinese);
        QDir(BounceWizard::autosaveDir()).removeRecursively();
        QSettings().remove(QStringLiteral("letters/language")); // each letter's own default
        BounceWizard wizard;
        wizard.setLanguage(Language::SimplifiedChinese);
        wizard.resize(1280, 800);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QSet<QString> foreign =
                wordsOf(readAll(sample)) | wordsOf(seedPtr) | wordsOf(OwnerServers::quoted());
        // Input fields: what the user typed or pasted.
        const QStringList userFields {u"bounceText"_qs, u"ipInput"_qs, u"heloInput"_qs,
                u"domainInput"_qs, u"configText"_qs, u"port25Host"_qs, u"relayHost"_qs,
                u"mtaVersion"_qs, u"relayUser"_qs, u"relayPassword"_qs, u"letterName"_qs,
                u"letterOrg"_qs, u"letterOrgEn"_qs, u"letterFrom"_qs, u"letterPtrWanted"_qs,
                u"letterAssignment"_qs};
        QStringList failures;
        const auto look = [&](const QString &where, QString text) {
            // The English text for Trend Micro is English by design.
            text = text.section(u"---- 附："_qs, 0, 0).section(u"Dear Trend Micro"_qs, 0, 0);
            // BD_ZHLATIN_DUMP=DIR writes what each page showed, to read when the test fails,
            // and a picture of it (docs/screenshots/*-zh_CN-*.png come from here).
            if (const QString dump = qEnvironmentVariable("BD_ZHLATIN_DUMP"); !dump.isEmpty()) {
                wizard.grab().save(dump + u'/' + QString(where).replace(u": "_qs, u"-"_qs)
                        + u"-zh_CN-1280x800.png"_qs);
                QFile f(dump + u'/' + QString(where).replace(u' ', u'_').remove(u':') + u".txt"_qs);
                if (f.open(QIODevice::WriteOnly))
                    f.write(text.toUtf8());
            }
            const QString stray = strayReport(text, foreign);
            if (!stray.isEmpty())
                failures << where + u": "_qs + stray;
            for (const QString &italic : italicChinese(wizard.currentPage()))
                failures << where + u": in italics: "_qs + italic.left(60);
        };
        look(u"welcome"_qs, pageTexts(wizard, userFields));
        wizard.next();
        wizard.bouncesPage()->loadSample();
        auto *table = wizard.findChild<QTableWidget *>(QStringLiteral("recipientTable"));
        QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() > 0, 10000);
        table->selectRow(0); // the details below the table: the receiver's words
        look(u"bounces"_qs, pageTexts(wizard, userFields));
        wizard.next();
        wizard.findChild<QLineEdit *>(QStringLiteral("domainInput"))
                ->setText(QStringLiteral("szhuaxin.com.cn"));
        wizard.findChild<QPushButton *>(QStringLiteral("checkButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard.ipPage()->isComplete(), 20000);
        // The owner as the registry gave it, and the RDAP server that refused, in Chinese.
        QTRY_VERIFY_WITH_TIMEOUT(
                pageTexts(wizard, userFields).contains(u"RDAP：HTTP 状态码 403"), 20000);
        QVERIFY(pageTexts(wizard, userFields)
                        .contains(u"归属：CHINANET Guangdong province network"));
        look(u"ip"_qs, pageTexts(wizard, userFields));
        wizard.next();
        look(u"diagnosis"_qs, pageTexts(wizard, userFields));
        wizard.next();
        // iRedMail 0.8.7's own settings, as postconf -n shows them.
        const QString config = QStringLiteral(
                "myhostname = mail.example.com\nmydomain = example.com\n"
                "smtp_tls_security_level = may\nsmtp_tls_CAfile = $smtpd_tls_CAfile\n"
                "content_filter = smtp-amavis:[127.0.0.1]:10024\nsmtpd_tls_auth_only = yes\n");
        foreign |= wordsOf(config);
        wizard.configCheckPage()->setConfigText(config);
        look(u"configcheck"_qs, pageTexts(wizard, userFields));
        wizard.next();
        wizard.findChild<QComboBox *>(QStringLiteral("mtaChoice"))->setCurrentIndex(1);
        wizard.findChild<QLineEdit *>(QStringLiteral("mtaVersion"))->setText(u"2.9"_qs);
        wizard.findChild<QLineEdit *>(QStringLiteral("relayHost"))
                ->setText(u"smtp.exmail.qq.com"_qs);
        wizard.findChild<QSpinBox *>(QStringLiteral("relayPort"))->setValue(465);
        wizard.findChild<QLineEdit *>(QStringLiteral("relayUser"))
                ->setText(u"postmaster@szhuaxin.com.cn"_qs);
        wizard.smarthostPage()->regenerate();
        look(u"smarthost"_qs, pageTexts(wizard, userFields));
        QString why;
        if (SmtpRelayFixture::available(&why)) {
            SmtpRelayFixture relay(u"normal"_qs);
            QVERIFY(relay.start());
            wizard.findChild<QLineEdit *>(QStringLiteral("relayHost"))->setText(u"127.0.0.1"_qs);
            wizard.findChild<QComboBox *>(QStringLiteral("relayTls"))->setCurrentIndex(0);
            wizard.findChild<QSpinBox *>(QStringLiteral("relayPort"))
                    ->setValue(relay.startTlsPort());
            QSignalSpy done(wizard.smarthostPage(), &SmarthostPage::testFinished);
            wizard.findChild<QPushButton *>(QStringLiteral("testRelayButton"))->click();
            QVERIFY(done.wait(20000));
            // The relay's own replies are quoted as they came.
            const QString texts = pageTexts(wizard, userFields);
            static const QRegularExpression reply(QStringLiteral(R"(\b[2-5]\d\d[ -][^\n]*)"));
            QSet<QString> replies;
            for (auto it = reply.globalMatch(texts); it.hasNext();)
                replies |= wordsOf(it.next().captured());
            const QString stray = strayReport(texts, foreign | replies);
            if (!stray.isEmpty())
                failures << u"relay test: "_qs + stray;
            if (const QString dump = qEnvironmentVariable("BD_ZHLATIN_DUMP"); !dump.isEmpty())
                wizard.grab().save(dump + u"/relaytest-zh_CN-1280x800.png"_qs);
        }
        wizard.next();
        wizard.findChild<QLineEdit *>(QStringLiteral("letterName"))->setText(u"张伟"_qs);
        wizard.findChild<QLineEdit *>(QStringLiteral("letterOrg"))
                ->setText(u"深圳华信塑胶有限公司"_qs);
        auto *kinds = wizard.findChild<QComboBox *>(QStringLiteral("letterKind"));
        for (int i = 0; i < kinds->count(); ++i) {
            kinds->setCurrentIndex(i);
            // The allowlist letter to a foreign recipient is English by design (issue 17).
            if (kinds->currentData().toString() == u"recipient-allowlist") {
                auto *lang = wizard.findChild<QComboBox *>(QStringLiteral("letterLanguage"));
                QCOMPARE(lang->currentData().toString(), u"en"_qs);
                QVERIFY(wizard.lettersPage()->noteText().contains(u"已使用英文"));
                lang->setCurrentIndex(lang->findData(u"zh_CN"_qs));
            }
            wizard.lettersPage()->redraft();
            look(u"letters: "_qs + kinds->currentData().toString(), pageTexts(wizard, userFields));
        }
        wizard.next();
        static const QRegularExpression otherLanguage(
                QStringLiteral("（英文，按收信人的语言）：[^\n]*"));
        look(u"summary"_qs,
                pageTexts(wizard, userFields)
                        .section(u"可直接发送的信函"_qs, 0, 0)
                        .remove(otherLanguage));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }
};

QTEST_MAIN(TstZhLatin)
#include "tst_zhlatin.moc"
