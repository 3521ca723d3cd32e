// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bd {

// Does a PTR name look generic (auto-generated, end-user, dynamic) or does it name a server?
// Trend Micro's criterion decides: a name must clearly say it is a static server. Knowledge
// (tokens, provider suffixes, reason texts) comes from resources/data/rdns.json.
class GenericPtrClassifier
{
public:
    enum class Verdict { Generic, Specific, None };

    struct Result
    {
        Verdict verdict = Verdict::None;
        QStringList reasons; // for a person, in the requested language
        QString embeddedForm; // how the IP appears in the name, if it does

        QJsonObject toJson() const;
    };

    static const GenericPtrClassifier &builtIn();
    static GenericPtrClassifier fromJson(const QByteArray &json, QString *error);

    Result classify(const QString &ptrName, const QHostAddress &ip,
            Language lang = Language::English) const;
    // Why `ptrName` reads as dynamic, for a letter; empty when it does not (or cannot be told).
    QStringList genericReasons(const QString &ptrName, const QString &ip, Language lang) const;

    // The labels left of the registrable domain ("c-1-2-3-4.hsd1.ca" of "...comcast.net").
    QString hostPart(const QString &name) const;
    // How `ip` is written inside `name`, or empty; `partial` says only most of it was found.
    static QString embeddedIp(const QString &name, const QHostAddress &ip, bool *partial = nullptr);

    static QString verdictName(Verdict v);

private:
    QString reason(const QString &key, Language lang, const QString &field = {},
            const QString &value = {}) const;

    QSet<QString> m_dynamicTokens;
    QSet<QString> m_serverTokens;
    QStringList m_serverPrefixes;
    QStringList m_providerSuffixes;
    QSet<QString> m_twoLevelSuffixes;
    QSet<QString> m_equipmentTokens;
    QSet<QString> m_placeholderTokens;
    QSet<QString> m_weakTokens;
    QList<QRegularExpression> m_poolShapes;
    QStringList m_poolDomainWords;
    QStringList m_endUserDomains;
    QJsonObject m_reasons;
};

} // namespace bd
