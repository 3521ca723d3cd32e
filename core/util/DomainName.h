// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace bd {

// The part of a host name one holder registers: "google.com" of "gmail-smtp-in.l.google.com",
// "example.com.cn" of "mx.example.com.cn". Public two-label suffixes ("com.cn", "co.uk") come
// from rdns.json's table; a name too short to have a holder's part is returned as it is.
QString registrableDomain(const QString &host);

} // namespace bd
