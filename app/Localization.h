// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace bd::Localization {

// Languages the application speaks, as --lang takes them.
QStringList supportedLanguages();

// The language to use: `requested` when given and supported, else the system locale's when
// supported, else English.
QString resolveLanguage(const QString &requested);

// Installs Qt's own translations and ours for `lang` into the running application, in place of
// the ones installed before.
void install(const QString &lang);

} // namespace bd::Localization
