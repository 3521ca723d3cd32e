// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/KeptBounces.h"

#include "bounce/BounceKnowledge.h"
#include "util/Localized.h"

#include <QLocale>

namespace bd {

KeptBounces::Verdict KeptBounces::offer(const MessageReport &report)
{
    const qint64 rows = report.recipients.size();
    if (m_keptRecipients < maxRecipients && (rows > 0 || m_keptMessages < maxRecipients)) {
        m_keptRecipients += rows;
        ++m_keptMessages;
        return Verdict::Kept;
    }
    if (rows == 0)
        return Verdict::Ignored;
    m_leftOutRecipients += rows;
    ++m_leftOutMessages;
    return Verdict::LeftOut;
}

QString KeptBounces::note(
        qint64 kept, qint64 leftOutRecipients, qint64 leftOutMessages, Language lang)
{
    if (leftOutRecipients == 0)
        return {};
    const QLocale locale;
    return fillPlaceholders(BounceKnowledge::builtIn().sentence(QStringLiteral("left_out"), lang),
            {{QStringLiteral("kept"), locale.toString(kept)},
                    {QStringLiteral("recipients"), locale.toString(leftOutRecipients)},
                    {QStringLiteral("messages"), locale.toString(leftOutMessages)}});
}

} // namespace bd
