// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TextReport.h"

#include "bounce/BounceKnowledge.h"
#include "cli/TextColumns.h"

#include <QTextStream>

namespace bd {

QString TextReport::listingName(const QString &id) const
{
    const Listing *listing = BounceKnowledge::builtIn().listing(id);
    return listing ? listing->names.get(m_lang) : id;
}

TextReport::TextReport(QTextStream &out, Language lang)
    : m_out(out)
    , m_lang(lang)
{
}

void TextReport::write(const MessageReport &report)
{
    ++m_messages;
    m_out << "== " << report.source << '\n';
    if (!report.isBounce) {
        m_out << "   " << tr("Not a bounce")
              << (report.note.isEmpty() ? QString() : QStringLiteral(" (") + report.note + u')')
              << "\n\n";
        return;
    }
    ++m_bounces;
    if (!report.reportingMta.isEmpty())
        m_out << "   " << tr("Reported by: %1").arg(report.reportingMta) << '\n';
    if (!report.note.isEmpty()) // e.g. what a limit left unread
        m_out << "   " << tr("Note: %1").arg(report.note) << '\n';
    const QString verdictLabel = tr("Verdict:"), codeLabel = tr("Code:"),
                  receiverLabel = tr("Receiver:"), refusedLabel = tr("Refused at:"),
                  blockedLabel = tr("Blocked IP:"), saidLabel = tr("They said:"),
                  lookUpLabel = tr("Look up:"), meansLabel = tr("What it means:");
    const LabelColumn column({verdictLabel, codeLabel, receiverLabel, refusedLabel, blockedLabel,
            saidLabel, lookUpLabel, meansLabel});
    const bool zh = m_lang == Language::SimplifiedChinese;
    for (const RecipientReport &r : report.recipients) {
        ++m_recipients;
        m_out << "\n   " << (r.recipient.isEmpty() ? tr("(recipient not named)") : r.recipient)
              << '\n';
        // The category's id is for scripts and English readers; Chinese text has no slugs.
        const QString title = BounceKnowledge::builtIn().categoryTitle(r.category, m_lang);
        const QString verdict =
                zh ? title : QStringLiteral("%1 (%2)").arg(title, categoryId(r.category));
        m_out << "     "
              << column.line(verdictLabel,
                         verdict
                                 + (r.listingName.isEmpty()
                                                 ? QString()
                                                 : QStringLiteral(" — ") + r.listingName))
              << '\n';
        QStringList code;
        if (r.replyCode)
            code << QString::number(*r.replyCode);
        if (!r.status.isEmpty())
            code << r.status;
        m_out << "     "
              << column.line(codeLabel,
                         tr("%1 (%2)").arg(code.isEmpty() ? QStringLiteral("—") : code.join(u' '),
                                 r.permanent ? tr("permanent") : tr("temporary")))
              << '\n';
        if (!r.remoteHost.isEmpty() || !r.remoteIp.isEmpty()) {
            const QString where = r.remoteIp.isEmpty()
                    ? r.remoteHost
                    : QStringLiteral("%1 [%2]").arg(r.remoteHost, r.remoteIp).trimmed();
            m_out << "     " << column.line(receiverLabel, where) << '\n';
        }
        if (!r.smtpCommand.isEmpty())
            m_out << "     " << column.line(refusedLabel, r.smtpCommand) << '\n';
        if (!r.blockedIp.isEmpty())
            m_out << "     "
                  << column.line(blockedLabel,
                             r.blockedIp + (r.blockedIpMasked ? tr(" (partly hidden)") : QString()))
                  << '\n';
        m_out << "     " << column.line(saidLabel, r.diagnostic) << '\n';
        for (const QString &url : r.lookupUrls)
            m_out << "     " << column.line(lookUpLabel, url) << '\n';
        m_out << "     " << column.line(meansLabel, r.explanation) << '\n';
    }
    for (const ListingMention &m : report.mentions) {
        m_out << "\n   "
              << tr("Also mentioned: %1%2")
                         .arg(listingName(m.listing),
                                 m.ip.isEmpty() ? QString() : QStringLiteral(" (") + m.ip + u')')
              << '\n';
    }
    m_out << '\n';
}

void TextReport::writeSummary()
{
    m_out << tr("%1, %2, %3")
                     .arg(tr("%n message(s) read", nullptr, m_messages),
                             tr("%n bounce(s)", nullptr, m_bounces),
                             tr("%n failed recipient(s)", nullptr, m_recipients))
          << '\n';
}

} // namespace bd
