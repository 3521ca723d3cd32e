// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bd {

// The part of a host name one holder registers: "google.com" of "gmail-smtp-in.l.google.com",
// "example.com.cn" of "mx.example.com.cn". Public two-label suffixes ("com.cn", "co.uk") come
// from rdns.json's table; a name too short to have a holder's part is returned as it is.
QString registrableDomain(const QString &host);

// The public two-label suffixes of a table in rdns.json's shape (its "two_level_suffixes"): the
// one reader for the built-in table and for the tables tests give the classifier.
QSet<QString> twoLevelSuffixes(const QJsonObject &rdnsTable);

// How many labels at the end of a host name's `labels` (top level last, more than two) one holder
// registers: three under one of `suffixes`, else two. The one rule behind
// registrableDomain() and the generic-name classifier's host part, each with its own table.
qsizetype registrableLabelCount(const QStringList &labels, const QSet<QString> &suffixes);

} // namespace bd
