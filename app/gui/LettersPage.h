// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "letter/Letter.h"
#include "util/Language.h"

#include <QWizardPage>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace bd {

class CaresResolver;
class Case;

// The letters for this case, drafted from what the earlier pages found: to the ISP, the text for
// Trend Micro, to the recipients' admins. Editable; every edit goes into the case at once, and
// with it into the window's autosave. Exported as text, .eml draft or PDF, or opened in the mail
// program.
class LettersPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit LettersPage(Case *caseModel, QWidget *parent = nullptr);
    ~LettersPage() override;

    void setLanguage(Language lang);
    void initializePage() override;

    // The letter as it stands in the fields, edits included.
    Letter current() const;
    // Refuses (with a field error) a letter whose name, addresses or subject would inject a
    // header; every export, the .txt included, goes through it so the three never differ.
    bool exportTo(const QString &path, QString *error) const;
    void redraft();
    void selectKind(const QString &kind);
    // The note under the letter: what is missing, and what DNS said about the wanted name.
    QString noteText() const;

signals:
    // The wanted name's forward record was looked up (the letter is redrafted unless edited).
    void forwardRecordLookedUp();

private:
    bool headersAreSafe(const Letter &letter, QString *error) const;
    void showCase();
    void storeSender();
    void storeDraft();
    void loadChosen();
    void takeDraftFromBefore(const QString &kind, Language lang);
    LetterFacts facts() const { return facts(letterLanguage()); }
    LetterFacts facts(Language lang) const;
    Language letterLanguage() const;
    void lookUpForwardRecord(const LetterFacts &f);
    void showNote(const LetterFacts &f);

    Case *m_case;
    QComboBox *m_kind;
    QComboBox *m_letterLang;
    QLineEdit *m_name;
    QLineEdit *m_org;
    QLineEdit *m_orgEn;
    QLineEdit *m_from;
    QLineEdit *m_ptrWanted;
    QLineEdit *m_assignment;
    QLineEdit *m_to;
    QLineEdit *m_subject;
    QPlainTextEdit *m_body;
    QLabel *m_note;
    QPushButton *m_reset;
    Language m_lang = Language::English;
    bool m_loading = false;
    bool m_edited = false; // the body was edited since it was drafted
    // The letter's language follows its reader until the user picks one.
    bool m_langChosen = false;
    LetterLanguage::Why m_langWhy = LetterLanguage::Why::Interface;
    std::unique_ptr<CaresResolver> m_resolver;
    QString m_lookingUp; // the name whose forward record is being looked up
};

} // namespace bd
