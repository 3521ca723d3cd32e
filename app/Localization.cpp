// SPDX-License-Identifier: GPL-3.0-or-later
#include "Localization.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace bd::Localization {

Language resolveLanguage(const QString &asked, std::optional<Language> saved)
{
    if (!asked.isEmpty())
        return nearestLanguage(asked);
    if (saved)
        return *saved;
    const QLocale system;
    if (system.language() == QLocale::Chinese)
        return Language::SimplifiedChinese;
    return Language::English;
}

std::optional<Language> commandLanguage(const QCommandLineParser &parser, QString *error)
{
    const QString option = QStringLiteral("lang");
    if (!parser.isSet(option))
        return Language::English;
    const QString asked = parser.value(option);
    if (const auto lang = languageFromCode(asked))
        return lang;
    *error = QStringLiteral("unsupported --lang '%1' (use %2)")
                     .arg(asked, languageCodes().join(QStringLiteral(" or ")));
    return std::nullopt;
}

void install(Language lang)
{
    // The language installed before goes first: switching back to English works too.
    const QString tag = QStringLiteral("bd-translator");
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>(tag)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    if (lang == Language::English)
        return; // the source language needs no translator
    const QString code = languageCode(lang);
    auto *qt = new QTranslator(QCoreApplication::instance());
    qt->setObjectName(tag);
    if (qt->load(QStringLiteral("qtbase_") + code,
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *ours = new QTranslator(QCoreApplication::instance());
    ours->setObjectName(tag);
    if (ours->load(QStringLiteral("bounce-doctor_") + code, QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
}

} // namespace bd::Localization
