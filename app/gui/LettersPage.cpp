// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/LettersPage.h"

#include "dns/CaresResolver.h"
#include "gui/AppSettings.h"
#include "print/LetterPdf.h"
#include "report/Diagnosis.h"
#include "session/Case.h"
#include "util/AtomicFile.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace bd {
namespace {

struct KindChoice
{
    const char *kind;
    const char *label;
};

const KindChoice kindChoices[] = {
        {"isp-static-rdns",
                QT_TRANSLATE_NOOP(
                        "bd::LettersPage", "To your ISP: proper PTR, WHOIS, Trend Micro DUL")},
        {"isp-dul-delist",
                QT_TRANSLATE_NOOP("bd::LettersPage", "What your ISP sends to Trend Micro (DUL)")},
        {"recipient-allowlist",
                QT_TRANSLATE_NOOP(
                        "bd::LettersPage", "To the recipient's mail admin: allow us meanwhile")},
};

} // namespace

LettersPage::LettersPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_kind(new QComboBox(this))
    , m_letterLang(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_org(new QLineEdit(this))
    , m_orgEn(new QLineEdit(this))
    , m_from(new QLineEdit(this))
    , m_ptrWanted(new QLineEdit(this))
    , m_assignment(new QLineEdit(this))
    , m_to(new QLineEdit(this))
    , m_subject(new QLineEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_note(new QLabel(this))
    , m_reset(new QPushButton(tr("&Redraft"), this))
{
    setObjectName(QStringLiteral("lettersPage"));
    setTitle(tr("The letters that get the block lifted"));
    setSubTitle(tr("Drafted from what the checks found. Edit them freely: every change is kept, "
                   "even if the program stops."));
    for (const KindChoice &k : kindChoices)
        m_kind->addItem(tr(k.label), QString::fromLatin1(k.kind));
    m_kind->setObjectName(QStringLiteral("letterKind"));
    m_kind->setAccessibleName(tr("Which letter"));
    m_letterLang->addItem(QStringLiteral("English"), languageCode(Language::English));
    m_letterLang->addItem(QStringLiteral("中文"), languageCode(Language::SimplifiedChinese));
    m_letterLang->setObjectName(QStringLiteral("letterLanguage"));
    m_letterLang->setAccessibleName(tr("Language of the letter"));
    const QList<std::pair<QLineEdit *, const char *>> fields {{m_name, "letterName"},
            {m_org, "letterOrg"}, {m_orgEn, "letterOrgEn"}, {m_from, "letterFrom"},
            {m_ptrWanted, "letterPtrWanted"}, {m_assignment, "letterAssignment"},
            {m_to, "letterTo"}, {m_subject, "letterSubject"}};
    for (const auto &[edit, name] : fields)
        edit->setObjectName(QString::fromLatin1(name));
    m_name->setAccessibleName(tr("Your name"));
    m_name->setPlaceholderText(tr("Your name"));
    m_org->setAccessibleName(tr("Your organisation"));
    m_org->setPlaceholderText(tr("Your organisation"));
    m_orgEn->setAccessibleName(tr("Your organisation in English or pinyin"));
    m_orgEn->setPlaceholderText(tr("in English or pinyin"));
    m_orgEn->setToolTip(tr("For the English text your ISP sends to Trend Micro, which must not "
                           "carry Chinese characters."));
    m_from->setAccessibleName(tr("Your address"));
    m_from->setPlaceholderText(tr("e.g. postmaster@example.com"));
    m_ptrWanted->setAccessibleName(tr("Name to ask for"));
    m_ptrWanted->setPlaceholderText(tr("default: mail.<your domain>"));
    m_assignment->setAccessibleName(tr("Your own assignment"));
    m_assignment->setPlaceholderText(
            tr("optional, e.g. 113.98.228.8/29: the addresses the ISP assigned to you alone"));
    m_assignment->setToolTip(tr("The letters ask the ISP to mark only this range, or else only "
                                "the IP, as static; never the ISP's whole network."));
    m_to->setAccessibleName(tr("To"));
    m_subject->setAccessibleName(tr("Subject"));
    m_body->setObjectName(QStringLiteral("letterBody"));
    m_body->setAccessibleName(tr("Letter"));
    m_note->setObjectName(QStringLiteral("letterNote"));
    m_note->setWordWrap(true);
    m_reset->setObjectName(QStringLiteral("redraftButton"));

    auto *copy = new QPushButton(tr("Co&py"), this);
    auto *save = new QPushButton(tr("&Export…"), this);
    auto *mail = new QPushButton(tr("Open in &mail program"), this);
    copy->setObjectName(QStringLiteral("copyLetterButton"));
    save->setObjectName(QStringLiteral("exportLetterButton"));
    mail->setObjectName(QStringLiteral("mailLetterButton"));

    auto *choose = new QHBoxLayout;
    choose->addWidget(m_kind, 1);
    choose->addWidget(m_letterLang);
    auto *sender = new QHBoxLayout;
    sender->addWidget(m_name, 1);
    sender->addWidget(m_org, 1);
    sender->addWidget(m_orgEn, 1);
    sender->addWidget(m_from, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("&Letter:"), choose);
    form->addRow(tr("&You:"), sender);
    form->addRow(tr("&PTR to ask for:"), m_ptrWanted);
    form->addRow(tr("Your &assignment:"), m_assignment);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("S&ubject:"), m_subject);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(choose)))
        l->setBuddy(m_kind);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(sender)))
        l->setBuddy(m_name);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(copy);
    buttons->addWidget(save);
    buttons->addWidget(mail);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_body, 1);
    layout->addLayout(buttons);

    // Every edit goes into the case at once; the window's autosave follows the case, so a
    // crash loses nothing.
    for (QLineEdit *e : {m_to, m_subject})
        connect(e, &QLineEdit::textEdited, this, &LettersPage::storeDraft);
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            storeDraft();
    });
    for (QLineEdit *e : {m_name, m_org, m_orgEn, m_from, m_ptrWanted, m_assignment}) {
        connect(e, &QLineEdit::textEdited, this, &LettersPage::storeSender);
        connect(e, &QLineEdit::editingFinished, this, &LettersPage::redraft);
    }
    // Only the user changes the kind and the language through the signals: the page sets them
    // with the signals blocked.
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        Case::Letters letters = m_case->letters();
        letters.kind = m_kind->currentData().toString();
        m_case->setLetters(letters);
        loadChosen();
    });
    connect(m_letterLang, &QComboBox::currentIndexChanged, this, [this] {
        m_langChosen = true;
        // Kept per kind, so the draft edited in that language is the one found again; and
        // remembered as the next case's choice.
        const QString kind = m_kind->currentData().toString();
        const Language lang = letterLanguage();
        Case::Letters letters = m_case->letters();
        letters.languages.insert(kind, lang);
        m_case->setLetters(letters);
        AppSettings::setLetterLanguage(kind, lang);
        loadChosen();
    });
    connect(m_reset, &QPushButton::clicked, this, &LettersPage::redraft);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(current().toText()); });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the letter"),
                QDir::home().filePath(m_kind->currentData().toString() + QStringLiteral(".eml")),
                tr("Mail draft (*.eml);;PDF (*.pdf);;Text (*.txt)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!exportTo(path, &error)) {
            QMessageBox::warning(this, tr("Could not export"), error);
            return;
        }
        const QStringList missing = path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)
                ? LetterPdf::missingCharacters(current())
                : QStringList();
        if (!missing.isEmpty())
            QMessageBox::information(this, tr("Some characters are not in the PDF"),
                    tr("No installed font can draw %1; they show as empty boxes in the PDF. "
                       "The .eml and text exports keep them.")
                            .arg(missing.join(QStringLiteral(", "))));
    });
    connect(mail, &QPushButton::clicked, this, [this] {
        // A short letter fits a mailto: link; a long one opens as an .eml draft.
        const Letter l = current();
        if (QString error; !headersAreSafe(l, &error)) {
            QMessageBox::warning(this, tr("Could not open the letter"), error);
            return;
        }
        QString url = l.mailtoUrl();
        if (url.isEmpty()) {
            const QString path =
                    QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                            .filePath(l.kind + QStringLiteral(".eml"));
            QString error;
            if (!exportTo(path, &error)) {
                QMessageBox::warning(this, tr("Could not export"), error);
                return;
            }
            url = QUrl::fromLocalFile(path).toString();
        }
        QDesktopServices::openUrl(QUrl(url));
    });

    connect(m_case, &Case::loaded, this, &LettersPage::showCase);
    showCase();
}

LettersPage::~LettersPage() = default;

void LettersPage::setLanguage(Language lang)
{
    m_lang = lang;
    m_langChosen = false;
    const QSignalBlocker block(m_letterLang);
    m_letterLang->setCurrentIndex(lang == Language::SimplifiedChinese ? 1 : 0);
}

Language LettersPage::letterLanguage() const
{
    return languageFromCode(m_letterLang->currentData().toString()).value_or(Language::English);
}

void LettersPage::showCase()
{
    Case::Letters letters = m_case->letters();
    // A new case, or a session from before the letters were in it: who signed last, and the
    // languages picked last.
    if (letters == Case::Letters()) {
        const AppSettings::LetterSender writer = AppSettings::letterSender();
        letters.sender.name = writer.name;
        letters.sender.org = writer.org;
        letters.sender.orgLatin = writer.orgEn;
        letters.sender.email = writer.from;
        for (const KindChoice &k : kindChoices) {
            const QString kind = QString::fromLatin1(k.kind);
            if (const auto lang = AppSettings::letterLanguage(kind))
                letters.languages.insert(kind, *lang);
        }
        m_case->setLetters(letters);
    }
    m_name->setText(letters.sender.name);
    m_org->setText(letters.sender.org);
    m_orgEn->setText(letters.sender.orgLatin);
    m_from->setText(letters.sender.email);
    m_ptrWanted->setText(letters.sender.ptrWanted);
    m_assignment->setText(letters.sender.assignment);
    {
        const QSignalBlocker block(m_kind);
        m_kind->setCurrentIndex(std::max(0, m_kind->findData(letters.kind)));
    }
    if (wizard() && wizard()->currentPage() == this)
        loadChosen();
}

void LettersPage::storeSender()
{
    Case::Letters letters = m_case->letters();
    letters.sender = {m_name->text().trimmed(), m_org->text().trimmed(), m_orgEn->text().trimmed(),
            m_from->text().trimmed(), m_ptrWanted->text().trimmed(),
            m_assignment->text().trimmed()};
    m_case->setLetters(letters);
}

void LettersPage::storeDraft()
{
    m_edited = true;
    Case::Letters letters = m_case->letters();
    letters.drafts.insert(
            Case::Letters::draftKey(m_kind->currentData().toString(), letterLanguage()),
            {m_to->text(), m_subject->text(), m_body->toPlainText()});
    m_case->setLetters(letters);
}

LetterFacts LettersPage::facts(Language lang) const
{
    LetterFacts f = m_case->diagnosis(m_case->sender(), lang).letterFacts();
    if (f.ip.isEmpty() && m_case->ipResult())
        f.ip = m_case->ipResult()->ip;
    return f;
}

void LettersPage::initializePage()
{
    loadChosen();
}

void LettersPage::selectKind(const QString &kind)
{
    const int i = m_kind->findData(kind);
    if (i < 0)
        return;
    if (wizard() && wizard()->currentPage() == this) {
        m_kind->setCurrentIndex(i); // kept in the case and shown, as the user's choice is
        return;
    }
    // Drafted when the page is shown, not before.
    const QSignalBlocker block(m_kind);
    m_kind->setCurrentIndex(i);
    Case::Letters letters = m_case->letters();
    letters.kind = kind;
    m_case->setLetters(letters);
}

void LettersPage::loadChosen()
{
    const QString kind = m_kind->currentData().toString();
    const auto kept = m_case->letters().languages.constFind(kind);
    const bool picked = kept != m_case->letters().languages.cend();
    const LetterLanguage chosen = picked ? LetterLanguage {*kept, LetterLanguage::Why::Interface}
                                         : Letter::defaultLanguage(kind, facts(m_lang), m_lang);
    m_langChosen = picked;
    m_langWhy = chosen.why;
    {
        const QSignalBlocker block(m_letterLang);
        m_letterLang->setCurrentIndex(m_letterLang->findData(languageCode(chosen.lang)));
    }
    // An edited draft is the case's, kept with the session (and through a crash); otherwise
    // draft afresh.
    takeDraftFromBefore(kind, chosen.lang);
    const QMap<QString, Case::Letters::Draft> &drafts = m_case->letters().drafts;
    if (const auto it = drafts.constFind(Case::Letters::draftKey(kind, chosen.lang));
            it != drafts.cend()) {
        // A copy: the fields' signals write the case, which would leave a reference dangling.
        // NOLINTNEXTLINE(performance-unnecessary-copy-initialization)
        const Case::Letters::Draft edited = *it;
        m_loading = true;
        m_to->setText(edited.to);
        m_subject->setText(edited.subject);
        m_body->setPlainText(edited.body);
        m_loading = false;
        m_edited = true;
        m_note->setText(tr("Your edited draft, kept from before. \"Redraft\" starts again from "
                           "what the checks found."));
        return;
    }
    redraft();
}

// Whether the wanted name already points back to the IP is said only when DNS was asked: the
// page asks it through the resolver of the settings, and redrafts with the answer.
void LettersPage::lookUpForwardRecord(const LetterFacts &f)
{
    const QString name = f.wantedName();
    if (name.isEmpty() || f.ip.isEmpty()
            || m_kind->currentData().toString() == u"recipient-allowlist" || name == m_lookingUp
            || (m_lookingUp.isEmpty() && m_case->wantedNameForward().name == name))
        return;
    m_lookingUp = name;
    m_resolver = std::make_unique<CaresResolver>(AppSettings::load().resolverOptions());
    bd::lookUpForwardRecord(m_resolver.get(), name, this, [this](const ForwardRecord &r) {
        m_case->setWantedNameForward(r);
        m_lookingUp.clear();
        // The answer goes into a letter not yet edited; an edited one keeps the user's words.
        QMetaObject::invokeMethod(
                this,
                [this] {
                    if (!m_edited)
                        redraft();
                    else
                        showNote(facts());
                    emit forwardRecordLookedUp();
                },
                Qt::QueuedConnection);
    });
}

void LettersPage::showNote(const LetterFacts &f)
{
    QStringList notes;
    if (f.ip.isEmpty())
        notes << tr("No IP has been checked yet: the letter leaves a gap for it. Check the IP "
                    "first for a complete letter.");
    // Which language the letter is in, when the page chose it, and why.
    if (!m_langChosen) {
        switch (m_langWhy) {
        case LetterLanguage::Why::RecipientChinese:
            notes << tr("In Chinese: %1 is a Chinese domain.").arg(f.recipientDomain);
            break;
        case LetterLanguage::Why::RecipientAbroad:
            notes << tr("In English: %1 is not a Chinese domain, so its admin may not read "
                        "Chinese.")
                             .arg(f.recipientDomain);
            break;
        case LetterLanguage::Why::OwnerChinese:
            notes << tr("In Chinese: the IP's owner is in China (%1).").arg(f.ownerCountry);
            break;
        case LetterLanguage::Why::OwnerAbroad:
            notes << tr("In English: the IP's owner is outside China (%1).").arg(f.ownerCountry);
            break;
        case LetterLanguage::Why::Interface:
            break;
        }
    }
    const bool aboutPtr = m_kind->currentData().toString() != u"recipient-allowlist";
    const QString name = f.wantedName();
    if (aboutPtr && !f.ip.isEmpty() && !name.isEmpty()) {
        const QString type = f.ip.contains(u':') ? QStringLiteral("AAAA") : QStringLiteral("A");
        if (f.ptrWantedConfirmed())
            notes << tr("%1 points back to %2, so once the ISP sets the PTR, forward and reverse "
                        "DNS agree.")
                             .arg(name, f.ip);
        else if (name == m_lookingUp)
            notes << tr("Looking up %1 …").arg(name);
        else
            notes << tr("Publish the forward record \"%1.  IN  %2  %3\" in your DNS first: the "
                        "ISP's new PTR is forward-confirmed only when the name points back to the "
                        "address.")
                             .arg(name, type, f.ip);
    }
    m_note->setText(notes.join(u' '));
}

QString LettersPage::noteText() const
{
    return m_note->text();
}

void LettersPage::redraft()
{
    storeSender();
    // Remembered as who signs the next case's letters.
    AppSettings::setLetterSender({m_name->text().trimmed(), m_org->text().trimmed(),
            m_orgEn->text().trimmed(), m_from->text().trimmed()});
    Case::Letters letters = m_case->letters();
    letters.drafts.remove(
            Case::Letters::draftKey(m_kind->currentData().toString(), letterLanguage()));
    m_case->setLetters(letters);
    QString error;
    const LetterFacts f = facts();
    const auto letter =
            Letter::draft(m_kind->currentData().toString(), f, letterLanguage(), &error);
    m_loading = true;
    if (!letter) {
        m_body->setPlainText(error);
    } else {
        m_to->setText(letter->to);
        m_subject->setText(letter->subject);
        m_body->setPlainText(letter->body);
    }
    m_loading = false;
    m_edited = false;
    lookUpForwardRecord(f);
    showNote(f);
}

// Earlier builds kept each edited draft in a file of its own, shared by every session. A
// draft found there is taken into this case once, and the file is renamed rather than deleted,
// so nothing the user wrote is lost and it is not offered again in the next case.
void LettersPage::takeDraftFromBefore(const QString &kind, Language lang)
{
    const QString key = Case::Letters::draftKey(kind, lang);
    if (m_case->letters().drafts.contains(key))
        return;
    const QString path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/drafts/") + key + QStringLiteral(".txt");
    QFile old(path);
    if (!old.open(QIODevice::ReadOnly))
        return;
    // Written as "To: …\nSubject: …\n\nbody".
    const QString text = QString::fromUtf8(old.read(qint64(1024) * 1024));
    old.close();
    if (!text.startsWith(u"To: ") || text.section(u'\n', 1, 1).left(9) != u"Subject: ")
        return;
    Case::Letters letters = m_case->letters();
    letters.drafts.insert(key,
            {text.section(u'\n', 0, 0).mid(4), text.section(u'\n', 1, 1).mid(9),
                    text.section(u'\n', 3, -1)});
    m_case->setLetters(letters);
    QFile::rename(path, path + QStringLiteral(".taken"));
}

Letter LettersPage::current() const
{
    Letter l;
    l.kind = m_kind->currentData().toString();
    l.lang = letterLanguage();
    l.to = m_to->text().trimmed();
    l.fromEmail = m_from->text().trimmed();
    l.fromName = m_name->text().trimmed();
    l.subject = m_subject->text().trimmed();
    l.body = m_body->toPlainText();
    return l;
}

bool LettersPage::headersAreSafe(const Letter &l, QString *error) const
{
    const auto problem = l.headerProblem();
    for (QLineEdit *e : {m_name, m_from, m_to, m_subject}) {
        e->setStyleSheet(QString());
        e->setToolTip(QString());
    }
    if (!problem)
        return true;
    const QMap<Letter::HeaderField, std::pair<QLineEdit *, QString>> fields {
            {Letter::HeaderField::FromName, {m_name, tr("Your name")}},
            {Letter::HeaderField::FromEmail, {m_from, tr("Your address")}},
            {Letter::HeaderField::To, {m_to, tr("To")}},
            {Letter::HeaderField::Subject, {m_subject, tr("Subject")}}};
    const auto [edit, label] = fields.value(problem->field);
    const QString value = edit->text().trimmed();
    *error = controlCharacterAt(value) >= 0
            ? tr("“%1” holds a line break or another control character. In a mail header it "
                 "would start a header of its own, so the letter is not written. Remove it and "
                 "try again.")
                      .arg(label)
            : tr("“%1” is not one mail address: %2").arg(label, value);
    edit->setStyleSheet(QStringLiteral("QLineEdit { border: 2px solid #c0392b; }"));
    edit->setToolTip(*error);
    edit->setFocus();
    return false;
}

bool LettersPage::exportTo(const QString &path, QString *error) const
{
    const Letter l = current();
    if (!headersAreSafe(l, error))
        return false;
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        return LetterPdf::save(l, path, error);
    *error = AtomicFile::write(path,
            path.endsWith(QStringLiteral(".eml"), Qt::CaseInsensitive) ? l.toEml()
                                                                       : l.toText().toUtf8());
    return error->isEmpty();
}

} // namespace bd
