// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayOutcome.h"
#include "util/Localized.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QVersionNumber>

#include <optional>

namespace bd {

// What a relay test result means and what to change, for one kind of failure. A rule applies
// when the result matches and, where given, the reply code, the enhanced status prefix, the
// reply text, the port or the authentication state do.
struct RelayAdviceRule
{
    RelayResult result = RelayResult::ProtocolError;
    std::optional<RelayStep> step; // none: any
    QList<int> codes;
    QStringList textAny; // lower-case substrings of the reply
    int port = 0;
    int authenticated = -1; // -1 any, 0 no, 1 yes
    Localized advice;
};

// resources/data/relay.json: why each generated line is there, the warnings, the notes and the
// advice for relay test results. Texts carry {placeholders} filled by the caller.
class RelayKnowledge
{
public:
    static const RelayKnowledge &builtIn();

    // The text under `key` in `lang`, with {name} replaced from `vars`. A missing key is a bug in
    // the table and reads as the key itself, so a test notices.
    QString text(const QString &key, Language lang, const QHash<QString, QString> &vars = {}) const;
    bool has(const QString &key) const { return m_texts.contains(key); }
    QStringList keys() const { return m_texts.keys(); }
    QString defaultVersion(const QString &mta) const { return m_defaultVersions.value(mta); }

    // The most specific rule for a failed test: the first in table order that matches.
    const RelayAdviceRule *advice(RelayResult result, RelayStep step, int code,
            const QString &replyText, int port, bool authenticated) const;
    const QList<RelayAdviceRule> &adviceRules() const { return m_advice; }

    // resources/data/postfix-parameters.json, from postconf(5): whether Postfix `version` has
    // the main.cf parameter `name`. Debian 12's postconf knows only 3.7, so it cannot tell that
    // a setup for an older Postfix names a parameter that did not exist yet; this can. False
    // for a name the table does not hold.
    bool postfixHasParameter(const QString &name, const QVersionNumber &version) const;
    QStringList postfixParameters() const { return m_postfixSince.keys(); }

    // What is wrong with the table itself: an advice rule naming a result or step the program
    // does not know (it would never apply), a result or step without its words.
    const QStringList &problems() const { return m_problems; }

private:
    QHash<QString, Localized> m_texts;
    QHash<QString, QString> m_defaultVersions;
    QList<RelayAdviceRule> m_advice;
    QHash<QString, QVersionNumber> m_postfixSince; // null: no version stated, i.e. older
    QStringList m_problems;
};

} // namespace bd
