// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/Diagnosis.h"
#include "util/Language.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace bd {

// The HTML report's colours: dark on white for files and print; a window in a dark theme
// passes its own.
struct ReportColours
{
    QString text = QStringLiteral("#1a1a1a");
    QString rule = QStringLiteral("#cccccc"); // borders and lines
    QString shade = QStringLiteral("#f3f3f3"); // table heads, transcripts
};

// The report a person reads: what is wrong, the fix paths, the evidence and the letters of a
// Diagnosis, laid out once as blocks so that Markdown and HTML say the same thing.
class DiagnosisReport
{
public:
    explicit DiagnosisReport(
            const Diagnosis &diagnosis, const QDateTime &when = QDateTime::currentDateTime());

    QString toMarkdown() const;
    // Self-contained: the styles are inline, nothing is fetched.
    QString toHtml(const ReportColours &colours = {}) const;

    struct Block
    {
        enum Kind { Heading, Paragraph, Bullets, Numbered, Table, Pre } kind;
        int level = 0;
        QStringList items; // text, list items, or table header
        QList<QStringList> rows;
    };

private:
    QList<Block> m_blocks;
    QString m_title;
    Language m_lang;
};

} // namespace bd
