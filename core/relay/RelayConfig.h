// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayEndpoint.h"
#include "util/Language.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVersionNumber>

#include <optional>

namespace bd {

// The mail software on the admin's server, and "client" for a desktop mail program.
enum class Mta { Postfix, Exim4, Sendmail, OpenSmtpd, Exchange, Client };

QString mtaName(Mta mta);
std::optional<Mta> mtaFromName(QStringView name);
QStringList mtaNames();
// The mail software's version as an admin gives it: "2.9", "3.7.11", "Postfix 2.9.6", or the
// line `postconf mail_version` prints ("mail_version = 3.7.11"). Nullopt when it holds none.
std::optional<QVersionNumber> parseMtaVersion(const QString &text);

// What the admin asks for: send everything (or only the given sender domains) through this
// relay with this account.
struct RelayConfigRequest
{
    Mta mta = Mta::Postfix;
    QVersionNumber mtaVersion; // null: the current Debian stable's
    RelayEndpoint relay;
    QString user; // empty: the relay takes mail without login
    QString password; // empty: a placeholder is written and a warning says so
    bool iredmail = false;
    QStringList senderDomains; // Postfix: relay only mail from these domains
    Language lang = Language::English;
};

// One line of a configuration file and why it is there.
struct ConfigSetting
{
    QString key;
    QString value;
    QString why;
};

struct ConfigFile
{
    // What to do with the file: set these keys and keep the rest, write it whole, or add the
    // text at the end (or before `insertBefore`).
    enum class Mode { Merge, Replace, Append };
    // The contract's word: merge | replace | append.
    static QString modeName(Mode mode);

    QString path;
    Mode mode = Mode::Replace;
    QString permissions; // "0600" for secrets, else empty
    QString owner; // "root:Debian-exim" where the MTA reads it as another user
    QList<ConfigSetting> settings; // merge: these keys
    // Between key and value: main.cf takes " = ", but update-exim4.conf.conf is read by the
    // shell, where "key = 'value'" is a command named key, not an assignment.
    QString assignment = QStringLiteral(" = ");
    QString content; // replace/append: the text
    QString insertBefore; // append: the line the text must come before, if order matters
    QString why;
    bool holdsSecret = false;

    QString line(const ConfigSetting &s) const { return s.key + assignment + s.value; }
};

struct ConfigCommand
{
    QString command;
    QString why;
};

// A generated configuration: files, the commands that apply it, and what to watch out for.
struct RelayConfig
{
    QString mta;
    QString mtaVersion;
    RelayEndpoint relay; // as configured (may differ from the request, e.g. 465 → 587)
    QList<ConfigFile> files;
    QList<ConfigCommand> commands;
    QList<ConfigSetting> clientSettings; // mail programs: the fields of the account dialog
    QStringList warnings;
    QStringList notes;

    QJsonObject toJson() const;

    // The same with the password in the secrets files shown as dots: for the screen and the
    // clipboard, which are not where the password belongs.
    RelayConfig masked() const;

    // Writes every file into `dir` (named after its path: main.cf for a merge becomes
    // main.cf.smarthost, the lines to merge) plus README.txt (RelayReport::configText of
    // masked()) with the commands and reasons.
    // Each file atomically (QSaveFile); secrets files get their permissions (0600/0640) before
    // the password is written. `written` lists the files.
    bool saveTo(const QString &dir, Language lang, QStringList *written, QString *error) const;

    QString secret; // the password as written into the secrets files; never serialised
};

class RelayConfigGenerator
{
public:
    // Empty optional and `error` set when the request cannot be served (bad user name for the
    // format, unsupported version); the message names the problem.
    static std::optional<RelayConfig> generate(const RelayConfigRequest &request, QString *error);

    // The placeholder written where the password goes when none was given.
    static QString passwordPlaceholder();
};

} // namespace bd
