// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCommandLineParser;

namespace bd::Localization {

// Languages the application speaks, as --lang takes them.
QStringList supportedLanguages();

// The window's language, and the command line's for its help: `asked` (--lang) when given, else
// `saved` (the settings), else the system locale's when supported, else English. A language
// asked for that is not spoken is read as its nearest: any "zh" as zh_CN, others as English.
QString resolveLanguage(const QString &asked, const QString &saved = {});

// A subcommand's language: English unless `parser` has --lang, as the command line's contract
// says; empty, with `error` for the user, when --lang names a language the program does not
// speak.
QString commandLanguage(const QCommandLineParser &parser, QString *error);

// Installs Qt's own translations and ours for `lang` into the running application, in place of
// the ones installed before.
void install(const QString &lang);

} // namespace bd::Localization
