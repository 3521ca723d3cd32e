// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"
#include "util/Language.h"

#include <QString>

namespace bd {

// The one limit on what a reading of bounces keeps for a person: the wizard's table (and the
// pages after it) and diagnose's report hold at most `maxRecipients` failed recipients. The rest
// are read and counted, and one sentence says what was left out: millions of rows in a window
// or a report help nobody and cost gigabytes.
class KeptBounces
{
public:
    static constexpr qint64 maxRecipients = 10000;

    enum class Verdict {
        Kept,
        LeftOut, // failed recipients past the limit: counted
        Ignored, // a message without failed recipients past the limit: nothing to count
    };
    Verdict offer(const MessageReport &report);

    qint64 keptRecipients() const { return m_keptRecipients; }
    qint64 keptMessages() const { return m_keptMessages; }
    qint64 leftOutRecipients() const { return m_leftOutRecipients; }
    qint64 leftOutMessages() const { return m_leftOutMessages; }

    // The sentence for `kept` failed recipients kept and the rest left out (categories.json
    // "left_out"), numbers in the current locale's digits; empty when nothing was left out.
    static QString note(
            qint64 kept, qint64 leftOutRecipients, qint64 leftOutMessages, Language lang);
    QString note(Language lang) const
    {
        return note(m_keptRecipients, m_leftOutRecipients, m_leftOutMessages, lang);
    }

private:
    qint64 m_keptRecipients = 0;
    qint64 m_keptMessages = 0;
    qint64 m_leftOutRecipients = 0;
    qint64 m_leftOutMessages = 0;
};

} // namespace bd
