// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"

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
    const QList<MessageReport> &reports() const { return m_reports; }
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

    QPlainTextEdit *m_text;
    QLabel *m_status;
    QLabel *m_files;
    QTableWidget *m_table;
    QTextBrowser *m_details;
    QTimer *m_debounce;
    QStringList m_filePaths;
    QList<MessageReport> m_reports;
    QList<const RecipientReport *> m_rows;
    QString m_lang = QStringLiteral("en");
    quint64 m_generation = 0;
};

} // namespace bd
