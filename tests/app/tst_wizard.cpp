// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BounceWizard.h"
#include "gui/BouncesPage.h"

#include <QAbstractButton>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using namespace bd;

class TstWizard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("Bounce Doctor Tests"));
    }

    void opensOnWelcomeThenBounces()
    {
        BounceWizard w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.windowTitle(), QStringLiteral("Bounce Doctor"));
        QCOMPARE(w.currentId(), int(BounceWizard::PageWelcome));
        QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(w.currentId(), int(BounceWizard::PageBounces));
        // Nothing pasted yet: the walk cannot go on.
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled() || !w.bouncesPage()->isComplete());
    }

    void pastedBounceIsClassifiedLive()
    {
        BounceWizard w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.next();
        auto *text = w.findChild<QPlainTextEdit *>(QStringLiteral("bounceText"));
        auto *table = w.findChild<QTableWidget *>(QStringLiteral("recipientTable"));
        auto *details = w.findChild<QTextBrowser *>(QStringLiteral("recipientDetails"));
        QVERIFY(text && table && details);
        text->setFocus();
        QTest::keyClicks(text,
                QStringLiteral("<a@example.org>: host mx.example.org[192.0.2.1] said: 554 5.7.1 "
                               "Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply "
                               "to RCPT TO command)"));
        QTRY_COMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("a@example.org"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Spamhaus (ZEN)"));
        QTRY_VERIFY(details->toPlainText().contains(u"Spamhaus"));
        QVERIFY(w.bouncesPage()->isComplete());
    }

    void sampleButtonLoadsTheTrendMicroCase()
    {
        BounceWizard w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *sample = w.currentPage()->findChild<QPushButton *>(QStringLiteral("sampleButton"));
        QVERIFY(sample);
        sample->click();
        QCOMPARE(w.currentId(), int(BounceWizard::PageBounces));
        auto *table = w.findChild<QTableWidget *>(QStringLiteral("recipientTable"));
        QTRY_COMPARE(table->rowCount(), 2);
        QVERIFY(table->item(0, 2)->text().contains(u"Trend Micro"));
    }
};

QTEST_MAIN(TstWizard)
#include "tst_wizard.moc"
