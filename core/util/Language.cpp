// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Language.h"

namespace bd {

QString languageCode(Language language)
{
    switch (language) {
    case Language::English:
        return QStringLiteral("en");
    case Language::SimplifiedChinese:
        return QStringLiteral("zh_CN");
    }
    Q_UNREACHABLE();
}

QString languageTag(Language language)
{
    return languageCode(language).replace(u'_', u'-');
}

QList<Language> allLanguages()
{
    return {Language::English, Language::SimplifiedChinese};
}

QStringList languageCodes()
{
    QStringList codes;
    for (const Language l : allLanguages())
        codes << languageCode(l);
    return codes;
}

std::optional<Language> languageFromCode(QStringView code)
{
    for (const Language l : allLanguages()) {
        if (code == languageCode(l))
            return l;
    }
    return std::nullopt;
}

Language nearestLanguage(QStringView code)
{
    return code.startsWith(u"zh", Qt::CaseInsensitive) ? Language::SimplifiedChinese
                                                       : Language::English;
}

} // namespace bd
