// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"
#include "util/Language.h"

#include <QCoreApplication>

class QTextStream;

namespace bd {

// The readable form of classify's findings, for a person at a terminal.
class TextReport
{
    Q_DECLARE_TR_FUNCTIONS(bd::TextReport)
public:
    TextReport(QTextStream &out, Language lang);
    void write(const MessageReport &report);
    void writeSummary();

private:
    // A listing id ("trendmicro-dul") as the reader calls it; an unknown id as it is.
    QString listingName(const QString &id) const;
    QTextStream &m_out;
    Language m_lang;
    int m_messages = 0;
    int m_bounces = 0;
    int m_recipients = 0;
};

} // namespace bd
