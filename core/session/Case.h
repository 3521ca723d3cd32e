// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"
#include "ipcheck/IpCheckResult.h"
#include "relay/SmtpRelayTest.h"
#include "report/Diagnosis.h"
#include "util/Language.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

namespace bd {

// What the wizard's pages work on together: the bounces and where they came from, the IP and
// its check, the chosen way out, the relay fields, the letters and the page the user is on. Pages
// read it and write it instead of asking each other; its signals say what changed. A session file
// is this object as JSON (toJson) and is read back into it (fromJson), whatever version wrote it.
class Case : public QObject
{
    Q_OBJECT
public:
    // The session format. Files of every version so far are schema 1; the mail software was
    // a list position until it became an id (both are read).
    static constexpr int schema = 1;

    struct IpInputs
    {
        QString ip;
        QString helo;
        QString domain;
        bool operator==(const IpInputs &) const = default;
    };
    // The relay fields a session keeps: never the password.
    struct Relay
    {
        QString mta = QStringLiteral("postfix"); // an id of the wizard's list: "exim4", ...
        QString version;
        QString host;
        int port = 587;
        QString tls; // "starttls", "tls", "none"; empty: the page's first choice
        QString user;
        bool operator==(const Relay &) const = default;
        QJsonObject toJson() const;
        static Relay fromJson(const QJsonObject &o);
    };
    // The letters page's part: which letter is shown, in which language, who signs, and the
    // drafts the user edited. A letter without an edited draft is drafted afresh from the case.
    struct Letters
    {
        struct Sender
        {
            QString name;
            QString org;
            QString orgLatin; // the org in English or pinyin, for the text Trend Micro reads
            QString email;
            QString ptrWanted;
            QString assignment;
            bool operator==(const Sender &) const = default;
        };
        struct Draft
        {
            QString to;
            QString subject;
            QString body;
            bool operator==(const Draft &) const = default;
        };
        QString kind; // a letter kind ("isp-static-rdns", ...); empty: the page's first
        QMap<QString, Language> languages; // kind -> the language picked for it
        Sender sender;
        QMap<QString, Draft> drafts; // draftKey(kind, lang) -> the edited draft
        // "isp-static-rdns.zh_CN": the key of a draft here and in the session file.
        bool operator==(const Letters &) const = default;
        static QString draftKey(const QString &kind, Language lang);
        QJsonObject toJson() const;
        static Letters fromJson(const QJsonObject &o);
    };
    // The mail software at `index` of the wizard's list as version 0.1.0 had it: its sessions
    // and settings kept the position, not the id. Empty when out of range.
    static QString mtaIdAtLegacyIndex(int index);

    explicit Case(QObject *parent = nullptr);

    // The bounces: the pasted text, the files, the admin's IP corrections, and the reports as
    // the last reading gave them (corrections applied).
    QString bounceText() const { return m_bounceText; }
    void setBounceText(const QString &text) { m_bounceText = text; }
    QStringList bounceFiles() const { return m_bounceFiles; }
    void setBounceFiles(const QStringList &files) { m_bounceFiles = files; }
    // Blocked IP as the bounce wrote it ("113.98.228.***", "" where none) -> the address to check.
    QHash<QString, QString> ipCorrections() const { return m_ipCorrections; }
    void setIpCorrections(const QHash<QString, QString> &corrections);
    const QList<MessageReport> &reports() const { return m_reports; }
    void setReports(const QList<MessageReport> &reports);

    IpInputs ipInputs() const { return m_ipInputs; }
    void setIpInputs(const IpInputs &inputs);
    // The domain the sender's mail comes from, as the IP page was given it.
    QString senderDomain() const { return m_ipInputs.domain.trimmed().toLower(); }
    // The last finished IP check; none while there is none.
    const std::optional<IpCheckResult> &ipResult() const { return m_ipResult; }
    void setIpResult(const std::optional<IpCheckResult> &result);

    // The way out chosen on the diagnosis page (a path id of diagnosis.json), empty if none.
    QString path() const { return m_path; }
    void setPath(const QString &id);

    Relay relay() const { return m_relay; }
    void setRelay(const Relay &relay);
    // The last finished relay test, if any. Not kept in sessions.
    const std::optional<RelayTestResult> &relayTest() const { return m_relayTest; }
    void setRelayTest(const std::optional<RelayTestResult> &result) { m_relayTest = result; }

    const Letters &letters() const { return m_letters; }
    void setLetters(const Letters &letters);
    // What DNS said of the wanted PTR name's A/AAAA when the letters page last asked. Not kept
    // in sessions: the records may change in between, and the page asks again.
    const ForwardRecord &wantedNameForward() const { return m_wantedNameForward; }
    void setWantedNameForward(const ForwardRecord &record) { m_wantedNameForward = record; }

    // The wizard's page id the user was on.
    int page() const { return m_page; }
    void setPage(int page) { m_page = page; }

    // The diagnosis of the case so far, for a sender the caller describes.
    Diagnosis diagnosis(Diagnosis::Sender sender, Language lang,
            const Diagnosis::LetterChoices &choices = {}) const;
    // Who signs the letters, as the letters page left it, with the wanted name's forward
    // record as the page last looked it up (unchecked when it did not).
    Diagnosis::Sender sender() const;
    // The report: the diagnosis with the letters as the user left them on the letters page,
    // signed by the case's sender, in the language picked for each kind, edited drafts in place
    // of fresh ones.
    Diagnosis report(Language lang) const;

    QJsonObject toJson() const;
    // Replaces the whole case with the session's (an empty object: a new case). What a session
    // file holds is input like any other: IP corrections a receiver could not see are dropped.
    void fromJson(const QJsonObject &session);

signals:
    void bouncesChanged(); // the reports or the corrections
    void ipChanged(); // the inputs or the result
    void pathChanged();
    void relayChanged();
    void lettersChanged();
    // fromJson replaced everything: pages show the case again.
    void loaded();

private:
    // `value` into `member`; `changed` is said when it was new.
    template<typename T> void update(T &member, const T &value, void (Case::*changed)());

    QString m_bounceText;
    QStringList m_bounceFiles;
    QHash<QString, QString> m_ipCorrections;
    QList<MessageReport> m_reports;
    IpInputs m_ipInputs;
    std::optional<IpCheckResult> m_ipResult;
    QString m_path;
    Relay m_relay;
    std::optional<RelayTestResult> m_relayTest;
    Letters m_letters;
    ForwardRecord m_wantedNameForward;
    int m_page = 0;
};

} // namespace bd
