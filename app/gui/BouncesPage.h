// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace bd {

// Where the user pastes or drops bounces; they are classified as the text changes, in a
// worker thread so a large paste or mailbox never freezes the window.
class BouncesPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit BouncesPage(QWidget *parent = nullptr);

    bool isComplete() const override;
    void setLanguage(const QString &lang) { m_lang = lang; }

    void loadSample();
    void openFiles(const QStringList &paths);
    // The files the bounces come from, besides the pasted text.
    QStringList files() const { return m_filePaths; }
    void setFiles(const QStringList &paths);
    // The reports as read, with the admin's corrections of the blocked IP applied.
    const QList<MessageReport> &reports() const { return m_reports; }
    // Blocked IPs the admin corrected: as written in the bounce ("113.98.228.***", or "" where
    // none was named) -> the address to check. Kept in sessions.
    QHash<QString, QString> ipCorrections() const { return m_ipCorrections; }
    void setIpCorrections(const QHash<QString, QString> &corrections);
    QString text() const;
    void setText(const QString &text);

signals:
    void classified();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleClassification();
    void classifyNow();
    // `problems`: the files that could not be read, one line each ("path: reason").
    void showReports(
            const QList<MessageReport> &reports, const QStringList &problems, quint64 generation);
    static void deliverReports(const QPointer<BouncesPage> &page,
            const QList<MessageReport> &reports, const QStringList &problems, quint64 generation);
    void showRecipient(int row);
    void chooseFiles();
    void applyCorrections();
    void correctIp(int row, const QString &typed);

    QPlainTextEdit *m_text;
    QLabel *m_status;
    QLabel *m_files;
    QTableWidget *m_table;
    QTextBrowser *m_details;
    QLabel *m_ipProblem;
    QTimer *m_debounce;
    QStringList m_filePaths;
    QList<MessageReport> m_reports;
    QList<const RecipientReport *> m_rows;
    QList<MessageReport> m_readReports; // as the reader gave them, before any correction
    QStringList m_problems;
    QStringList m_writtenIps; // per row, the blocked IP as the bounce wrote it
    QHash<QString, QString> m_ipCorrections;
    QString m_lang = QStringLiteral("en");
    quint64 m_generation = 0;
};

} // namespace bd
