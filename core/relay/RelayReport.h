// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayConfig.h"
#include "relay/SmtpRelayTest.h"
#include "util/Language.h"

namespace bd {

// The relay work laid out for a person, in `lang`, with the words of relay.json: a generated
// configuration as text (relay-config, the README.txt of the saved files) and as HTML (the
// smarthost page), and a relay test's verdict as HTML (the same page). The front ends only
// show what these return.
class RelayReport
{
public:
    // As given: relay-config prints the password the admin passed in; README.txt is written
    // from masked().
    static QString configText(const RelayConfig &config, Language lang);
    // For the screen, so the password in a secrets file is always shown as dots.
    static QString configHtml(const RelayConfig &config, Language lang);
    static QString testHtml(const RelayTestResult &result, Language lang);
};

} // namespace bd
