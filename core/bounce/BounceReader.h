// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceClassifier.h"
#include "bounce/BounceReport.h"
#include "mail/MailSource.h"
#include "util/Language.h"

namespace bd {

class MimePart;

// Turns one message or paste into a MessageReport: finds the delivery-status part and the
// human-readable text, decides whether it is a bounce at all, and classifies each recipient.
class BounceReader
{
public:
    explicit BounceReader(Language lang = Language::English,
            const BounceKnowledge &knowledge = BounceKnowledge::builtIn());

    MessageReport read(const MailItem &item) const;
    MessageReport readText(const QString &source, const QString &pastedText) const;

private:
    // `cuts` collects what a limit left unread, one sentence each, for the report's note.
    MessageReport readPart(
            const MimePart &root, const MailItem &item, int depth, QStringList &cuts) const;
    void addFindings(MessageReport &report, const QList<struct TextFinding> &findings,
            bool textWasCut) const;
    void classifyRecipient(RecipientReport &r, const QString &subject) const;

    const BounceKnowledge &m_knowledge;
    BounceClassifier m_classifier;
};

} // namespace bd
