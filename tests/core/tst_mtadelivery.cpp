// SPDX-License-Identifier: GPL-3.0-or-later
// The generated smarthost setups, delivered end to end: each is applied to a private instance
// of the real MTA from Debian's packages (unpacked beside the build by ./quickstart), one
// message goes in, and the loopback relay must have taken it after a login over TLS with the
// right user. The password must then be in no file the MTA wrote other than the secrets file
// the setup puts it in. The instances are run by tests/mta/*.sh (one per MTA).
#include "relay/RelayConfig.h"

#include "SmtpRelayFixture.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace bd;

namespace {

const QString scriptsDir = QStringLiteral(BD_SOURCE_DIR "/tests/mta");
const QString toolsDir = QStringLiteral(BD_TOOLS_DIR);

// The files a setup puts the password in, by name, wherever the script placed them (the
// Berkeley DB files postmap and makemap build from them included).
bool isSecretsFile(const QString &name)
{
    static const QRegularExpression re(
            QStringLiteral(R"(^(sasl_passwd|passwd\.client(\.append)?|secrets|authinfo)(\.db)?$)"));
    return re.match(name).hasMatch();
}

} // namespace

class TstMtaDelivery : public QObject
{
    Q_OBJECT
private slots:
    void delivers_data()
    {
        QTest::addColumn<int>("mta");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("implicitTls");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("relayPort"); // the fixture's port the message must reach
        QTest::addColumn<QString>("layout"); // BD_EXIM_LAYOUT for exim4.sh
        QTest::newRow("postfix-3.7-587-starttls")
                << int(Mta::Postfix) << "3.7" << false << "postfix.sh"
                << "starttls" << QString();
        QTest::newRow("postfix-3.7-465-implicit")
                << int(Mta::Postfix) << "3.7" << true << "postfix.sh"
                << "implicit" << QString();
        // Postfix before 3.0 has no wrapper mode: the setup runs stunnel4 in front of port 465.
        // The 2.9 settings run on Debian 12's Postfix 3.7 here (no 2.9 package exists for it);
        // that they only name parameters 2.9 knows is checked in tst_relayconfig.
        QTest::newRow("postfix-2.9-465-stunnel")
                << int(Mta::Postfix) << "2.9" << true << "postfix.sh"
                << "implicit" << QString();
        // Debian's default non-split configuration, and the split one (conf.d).
        QTest::newRow("exim4-4.96-587-starttls") << int(Mta::Exim4) << "4.96" << false << "exim4.sh"
                                                 << "starttls" << QString();
        QTest::newRow("exim4-4.96-465-smtps") << int(Mta::Exim4) << "4.96" << true << "exim4.sh"
                                              << "implicit" << QString();
        QTest::newRow("exim4-4.96-587-starttls-split")
                << int(Mta::Exim4) << "4.96" << false << "exim4.sh"
                << "starttls"
                << "split";
        QTest::newRow("exim4-4.96-465-smtps-split")
                << int(Mta::Exim4) << "4.96" << true << "exim4.sh"
                << "implicit"
                << "split";
        QTest::newRow("opensmtpd-6.8-587-starttls")
                << int(Mta::OpenSmtpd) << "6.8" << false << "opensmtpd.sh"
                << "starttls" << QString();
        QTest::newRow("opensmtpd-6.8-465-smtps")
                << int(Mta::OpenSmtpd) << "6.8" << true << "opensmtpd.sh"
                << "implicit" << QString();
        // Sendmail's setup always goes to 587 (its m4 configuration has no client-side
        // implicit TLS); asked for 465 it says so and writes 587.
        QTest::newRow("sendmail-8.17-587-starttls")
                << int(Mta::Sendmail) << "8.17" << false << "sendmail.sh"
                << "starttls" << QString();
    }
    void delivers()
    {
        QFETCH(int, mta);
        QFETCH(QString, version);
        QFETCH(bool, implicitTls);
        QFETCH(QString, script);
        QFETCH(QString, relayPort);
        QFETCH(QString, layout);

        QString why;
        if (!SmtpRelayFixture::available(&why))
            QSKIP(qPrintable(why));
        SmtpRelayFixture relay(QStringLiteral("normal"));
        // Exim and Sendmail take 127.0.0.1 for themselves and would not relay to it.
        relay.setAddress(QStringLiteral("127.0.0.2"));
        QVERIFY2(relay.start(), qPrintable(relay.log()));

        RelayConfigRequest request;
        request.mta = Mta(mta);
        request.mtaVersion = QVersionNumber::fromString(version);
        request.relay.host = QStringLiteral("127.0.0.2");
        request.relay.port = implicitTls ? relay.implicitPort() : relay.startTlsPort();
        request.relay.tls = implicitTls ? RelayTls::Implicit : RelayTls::StartTls;
        request.user = SmtpRelayFixture::user();
        request.password = SmtpRelayFixture::password();
        QString error;
        const auto cfg = RelayConfigGenerator::generate(request, &error);
        QVERIFY2(cfg, qPrintable(error));

        // What the admin gets: the files as the program saves them.
        QTemporaryDir configDir;
        QTemporaryDir workDir;
        // BD_KEEP_MTA_DIRS=1 keeps both for a look after a failure.
        configDir.setAutoRemove(!qEnvironmentVariableIsSet("BD_KEEP_MTA_DIRS"));
        workDir.setAutoRemove(!qEnvironmentVariableIsSet("BD_KEEP_MTA_DIRS"));
        QVERIFY2(cfg->saveTo(configDir.path(), Language::English, nullptr, &error),
                qPrintable(error));

        const QString token = QUuid::createUuid().toString(QUuid::Id128);
        const QString from = QStringLiteral("admin@example.test");
        const QString to = QStringLiteral("someone@elsewhere.test");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BD_FROM"), from);
        env.insert(QStringLiteral("BD_TO"), to);
        env.insert(QStringLiteral("BD_TOKEN"), token);
        env.insert(QStringLiteral("BD_CA"), TestPki::instance().caFile());
        if (!layout.isEmpty())
            env.insert(QStringLiteral("BD_EXIM_LAYOUT"), layout);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("/bin/bash"),
                {scriptsDir + u'/' + script, configDir.path(), workDir.path(), toolsDir});
        if (!p.waitForFinished(180000)) {
            // SIGTERM first: the script's trap stops the MTA processes it started.
            p.terminate();
            if (!p.waitForFinished(15000))
                p.kill();
            QFAIL("the delivery script did not finish in 3 minutes");
        }
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 77)
            QSKIP(qPrintable(err.trimmed()));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                qPrintable(QStringLiteral("exit %1\n%2%3").arg(p.exitCode()).arg(out, err)));

        // The relay's own account: exactly this message, on the expected port, encrypted,
        // after the login.
        QStringList mine;
        for (const QString &line : relay.received()) {
            if (line.contains(QStringLiteral(" token=") + token + u' '))
                mine << line;
        }
        QVERIFY2(mine.size() == 1, qPrintable(relay.received().join(u'\n') + u'\n' + err));
        const QString seen = mine.first();
        QVERIFY2(seen.contains(QStringLiteral(" port=") + relayPort + u' '), qPrintable(seen));
        QVERIFY2(seen.contains(QRegularExpression(QStringLiteral(R"( tls=TLSv1\.[23] )"))),
                qPrintable(seen));
        QVERIFY2(seen.contains(QStringLiteral(" login=") + SmtpRelayFixture::user() + u' '),
                qPrintable(seen));
        QVERIFY2(seen.contains(QStringLiteral(" from=") + from + u' '), qPrintable(seen));
        QVERIFY2(seen.contains(QStringLiteral(" to=") + to + u' '), qPrintable(seen));

        // The password, as it is and as AUTH PLAIN / AUTH LOGIN carry it, in no log, queue
        // file or configuration the MTA wrote, nor in what the script printed.
        const QByteArray pw = SmtpRelayFixture::password().toUtf8();
        const QList<QByteArray> forms = {pw, pw.toBase64(),
                QByteArray('\0' + SmtpRelayFixture::user().toUtf8() + '\0' + pw).toBase64()};
        const auto leaks = [&forms](const QByteArray &data) {
            for (const QByteArray &f : forms) {
                if (data.contains(f))
                    return true;
            }
            return false;
        };
        QVERIFY2(!leaks(out.toUtf8()) && !leaks(err.toUtf8()), qPrintable(out + err));
        int checked = 0;
        int secrets = 0;
        QDirIterator it(workDir.path(), QDir::Files | QDir::Hidden | QDir::System,
                QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (isSecretsFile(it.fileName())) {
                ++secrets;
                continue;
            }
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue; // sockets and fifos
            ++checked;
            QVERIFY2(!leaks(f.readAll()), qPrintable(path));
        }
        // The instance did write something (its configuration and log at least), and the
        // secret did go somewhere.
        QVERIFY2(checked >= 2, qPrintable(QString::number(checked)));
        QVERIFY(secrets >= 1);
    }
};

QTEST_GUILESS_MAIN(TstMtaDelivery)
#include "tst_mtadelivery.moc"
