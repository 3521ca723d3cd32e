// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

// The languages the tool speaks. Inside the program a language is this enum; its code exists
// only where a language comes in or goes out: --lang, the settings, session files, --json, the
// keys of the tables' texts, the names of the letter templates and of the translations. This
// header and its .cpp are the one place that turns one into the other.
enum class Language { English, SimplifiedChinese };

// "en" / "zh_CN".
QString languageCode(Language language);
// "en" / "zh-CN": the BCP 47 tag that HTML's lang and a mail's Content-Language take.
QString languageTag(Language language);
// Every language, in the order of the enum.
QList<Language> allLanguages();
// The codes of every language, as --lang takes them.
QStringList languageCodes();
// The language of a code exactly as languageCodes() spells it; nullopt for any other text.
std::optional<Language> languageFromCode(QStringView code);
// The language nearest to one asked for from outside (a setting, a locale's name): any "zh…",
// in any case, is Simplified Chinese; anything else English.
Language nearestLanguage(QStringView code);

} // namespace bd
