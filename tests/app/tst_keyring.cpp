// SPDX-License-Identifier: GPL-3.0-or-later
// "Remember the password" against a real Secret Service: GNOME Keyring on a private D-Bus bus,
// with its keyring in a temporary directory. The password comes back in a new window, is
// forgotten when the box is unticked, and is never written in the clear anywhere; without a
// keyring the page says so and keeps nothing.
#include "KeyringFixture.h"
#include "gui/BounceWizard.h"
#include "gui/PasswordStore.h"
#include "gui/SmarthostPage.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bd;

namespace {

const QString secret = QStringLiteral("Keyring-Secret-42");

// The smarthost page of a new window, with the relay and the account filled in.
std::unique_ptr<BounceWizard> smarthostWindow()
{
    auto w = std::make_unique<BounceWizard>();
    w->setStartId(BounceWizard::PageSmarthost);
    w->restart();
    w->findChild<QLineEdit *>(QStringLiteral("relayHost"))->setText(u"smtp.isp.example"_qs);
    w->findChild<QLineEdit *>(QStringLiteral("relayUser"))->setText(u"relay@example.com"_qs);
    return w;
}

QCheckBox *remember(BounceWizard &w)
{
    return w.findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
}

QLineEdit *password(BounceWizard &w)
{
    return w.findChild<QLineEdit *>(QStringLiteral("relayPassword"));
}

// Every file under `dir` that holds `needle` as bytes.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << f.fileName();
    }
    return hits;
}

} // namespace

class TstKeyring : public QObject
{
    Q_OBJECT
private:
    KeyringFixture m_keyring;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("Bounce Doctor Keyring Tests"));
        QSettings().clear();
        if (!PasswordStore::compiledIn())
            QSKIP("built without QtKeychain (./quickstart installs qtkeychain-qt6-dev)");
        if (!KeyringFixture::available())
            QSKIP("dbus-daemon or gnome-keyring is not installed (./quickstart test installs "
                  "them)");
        QString error;
        QVERIFY2(m_keyring.start(&error), qPrintable(error));
    }
    void init() { QDir(BounceWizard::autosaveDir()).removeRecursively(); }

    void rememberedPasswordComesBack()
    {
        QTemporaryDir out;
        {
            auto w = smarthostWindow();
            QVERIFY(!remember(*w)->isChecked()); // off until the user asks
            password(*w)->setText(secret);
            QSignalSpy kept(w->smarthostPage(), &SmarthostPage::passwordKept);
            remember(*w)->setChecked(true);
            QVERIFY(kept.wait(10000));
            QCOMPARE(kept.first().first().toString(), QString());
            QString error;
            QVERIFY2(w->smarthostPage()->saveFiles(out.path(), &error), qPrintable(error));
            QVERIFY2(w->saveSession(out.filePath(u"session.json"_qs), &error), qPrintable(error));
            w->autosaveNow();
        }

        auto again = smarthostWindow();
        QSignalSpy recalled(again->smarthostPage(), &SmarthostPage::passwordRecalled);
        again->setStartId(BounceWizard::PageSmarthost);
        again->restart(); // the page opens with the relay and account saved last time
        QVERIFY(recalled.count() == 1 || recalled.wait(10000));
        QCOMPARE(password(*again)->text(), secret);
        QVERIFY(remember(*again)->isChecked());

        // In the clear only in the secrets file the user saved for the server (0600).
        QCOMPARE(filesContaining(out.path(), secret.toUtf8()),
                QStringList {out.filePath(u"sasl_passwd"_qs)});
        QVERIFY(filesContaining(m_keyring.keyringDir(), secret.toUtf8()).isEmpty());
        QVERIFY(filesContaining(QFileInfo(QSettings().fileName()).path(), secret.toUtf8())
                        .isEmpty());
        QVERIFY(filesContaining(BounceWizard::autosaveDir(), secret.toUtf8()).isEmpty());
    }

    void untickingForgets()
    {
        auto w = smarthostWindow();
        w->restart();
        QTRY_COMPARE_WITH_TIMEOUT(password(*w)->text(), secret, 10000);
        auto *store = w->smarthostPage()->findChild<PasswordStore *>();
        QSignalSpy removed(store, &PasswordStore::removeDone);
        remember(*w)->setChecked(false);
        QVERIFY(removed.wait(10000));

        PasswordStore probe;
        QSignalSpy read(&probe, &PasswordStore::readDone);
        probe.read(PasswordStore::keyFor(u"relay@example.com"_qs, u"smtp.isp.example"_qs, 587));
        QVERIFY(read.wait(10000));
        QCOMPARE(read.first().at(1).toString(), QString()); // no password
        QCOMPARE(read.first().at(2).toString(), QString()); // and no error: simply not there
    }

    // Runs last: the keyring goes away for good.
    void withoutAKeyringNothingIsKept()
    {
        m_keyring.stopKeyring();
        auto w = smarthostWindow();
        password(*w)->setText(secret);
        QSignalSpy kept(w->smarthostPage(), &SmarthostPage::passwordKept);
        remember(*w)->setChecked(true);
        QVERIFY(kept.wait(30000));
        QVERIFY(!kept.first().first().toString().isEmpty());
        QVERIFY(!remember(*w)->isChecked());
        QVERIFY(!QSettings().value(u"smarthost/rememberPassword"_qs).toBool());
        const QString problem = w->findChild<QLabel *>(QStringLiteral("smarthostProblem"))->text();
        QVERIFY2(problem.contains(u"will be asked for next time"), qPrintable(problem));
        QCOMPARE(password(*w)->text(), secret); // this window still has it
    }
};

QTEST_MAIN(TstKeyring)
#include "tst_keyring.moc"
