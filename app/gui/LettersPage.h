// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "letter/Letter.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace bd {

class BouncesPage;
class IpPage;

// The letters for this case, drafted from what the earlier pages found: to the ISP, the text for
// Trend Micro, to the recipients' admins. Editable; every edit is kept on disk at once, so a
// crash loses nothing. Exported as text, .eml draft or PDF, or opened in the mail program.
class LettersPage : public QWizardPage
{
    Q_OBJECT
public:
    LettersPage(BouncesPage *bounces, IpPage *ip, QWidget *parent = nullptr);

    void setLanguage(const QString &lang);
    void initializePage() override;

    // The letter as it stands in the fields, edits included.
    Letter current() const;
    QString draftPath() const;
    bool exportTo(const QString &path, QString *error) const;
    void redraft();
    void selectKind(const QString &kind);

private:
    void saveDraft();
    void loadChosen();
    LetterFacts facts() const;

    BouncesPage *m_bounces;
    IpPage *m_ip;
    QComboBox *m_kind;
    QComboBox *m_letterLang;
    QLineEdit *m_name;
    QLineEdit *m_org;
    QLineEdit *m_from;
    QLineEdit *m_ptrWanted;
    QLineEdit *m_to;
    QLineEdit *m_subject;
    QPlainTextEdit *m_body;
    QLabel *m_note;
    QPushButton *m_reset;
    QTimer *m_saveTimer;
    QString m_lang = QStringLiteral("en");
    bool m_loading = false;
};

} // namespace bd
