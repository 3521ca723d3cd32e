// SPDX-License-Identifier: GPL-3.0-or-later
#include "Localization.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace bd::Localization {

QStringList supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString resolveLanguage(const QString &asked, const QString &saved)
{
    if (QString requested = asked.isEmpty() ? saved : asked; !requested.isEmpty()) {
        if (requested.startsWith(u"zh", Qt::CaseInsensitive))
            return QStringLiteral("zh_CN");
        if (supportedLanguages().contains(requested))
            return requested;
        return QStringLiteral("en");
    }
    const QLocale system;
    if (system.language() == QLocale::Chinese)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

QString commandLanguage(const QCommandLineParser &parser, QString *error)
{
    const QString option = QStringLiteral("lang");
    if (!parser.isSet(option))
        return QStringLiteral("en");
    QString asked = parser.value(option);
    if (supportedLanguages().contains(asked))
        return asked;
    *error = QStringLiteral("unsupported --lang '%1' (use en or zh_CN)").arg(asked);
    return {};
}

void install(const QString &lang)
{
    // The language installed before goes first: switching back to English works too.
    const QString tag = QStringLiteral("bd-translator");
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>(tag)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    if (lang == u"en")
        return; // the source language needs no translator
    auto *qt = new QTranslator(QCoreApplication::instance());
    qt->setObjectName(tag);
    if (qt->load(QStringLiteral("qtbase_") + lang,
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *ours = new QTranslator(QCoreApplication::instance());
    ours->setObjectName(tag);
    if (ours->load(QStringLiteral("bounce-doctor_") + lang, QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
}

} // namespace bd::Localization
