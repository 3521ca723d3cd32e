// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QString>

#include <optional>

class QCommandLineParser;

namespace bd::Localization {

// The window's language, and the command line's for its help: `asked` (--lang) when given, else
// `saved` (the settings), else the system locale's when supported, else English. A language
// asked for that is not spoken is read as its nearest: any "zh" as zh_CN, others as English.
Language resolveLanguage(const QString &asked, std::optional<Language> saved = std::nullopt);

// A subcommand's language: English unless `parser` has --lang, as the command line's contract
// says; nullopt, with `error` for the user, when --lang names a language the program does not
// speak.
std::optional<Language> commandLanguage(const QCommandLineParser &parser, QString *error);

// Installs Qt's own translations and ours for `lang` into the running application, in place of
// the ones installed before.
void install(Language lang);

} // namespace bd::Localization
