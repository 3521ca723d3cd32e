// SPDX-License-Identifier: GPL-3.0-or-later
#include "print/LetterPdf.h"

#include "letter/Letter.h"
#include "util/AtomicFile.h"
#include "util/BuiltInData.h"
#include "util/JsonDocument.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFont>
#include <QPageLayout>
#include <QPdfWriter>
#include <QRawFont>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>

#include <algorithm>

namespace bd {
namespace {

// The page a block's last line is on. Lines, not the block's rectangle: a line that would
// cross the page's end is moved down, the rectangle's top stays where the block began.
int pageOf(const QTextDocument &doc, const QTextBlock &block)
{
    qreal y = doc.documentLayout()->blockBoundingRect(block).top();
    if (const QTextLayout *layout = block.layout(); layout && layout->lineCount() > 0)
        y += layout->lineAt(layout->lineCount() - 1).y();
    return int(y / doc.pageSize().height());
}

// A closing ("此致／敬礼", "Regards,") printed apart from the body, split or alone on the next
// page, looks like a broken letter: the paragraph before it then goes over with it.
void keepClosingWithBody(QTextDocument &doc, const QStringList &closings)
{
    QTextBlock first = doc.begin();
    while (first.isValid() && !closings.contains(first.text().trimmed()))
        first = first.next();
    if (!first.isValid())
        return;
    // The closing runs to the signature's end: up to the appendix ("---- ...") or the end.
    QTextBlock last = first;
    for (QTextBlock b = first.next(); b.isValid() && !b.text().startsWith(u"---- "); b = b.next()) {
        if (!b.text().trimmed().isEmpty())
            last = b;
    }
    QTextBlock before = first.previous();
    while (before.isValid() && before.text().trimmed().isEmpty())
        before = before.previous();
    if (!before.isValid())
        return;
    doc.pageCount(); // lays the whole document out; positions are lazy otherwise
    const int page = pageOf(doc, first);
    if (page == pageOf(doc, last) && page == pageOf(doc, before))
        return;
    // The start of the paragraph before the closing (the sender's contact lines), and of the
    // body's last paragraph before that, so the closing goes over with words of the body.
    for (int paragraphs = 0; paragraphs < 2; ++paragraphs) {
        while (before.previous().isValid() && !before.previous().text().trimmed().isEmpty())
            before = before.previous();
        if (paragraphs == 0) {
            QTextBlock up = before.previous();
            while (up.isValid() && up.text().trimmed().isEmpty())
                up = up.previous();
            if (!up.isValid())
                break;
            before = up;
        }
    }
    QTextCursor cursor(before);
    QTextBlockFormat format = cursor.blockFormat();
    format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    cursor.setBlockFormat(format);
}

} // namespace

namespace {

// Latin (and the common emoticons, in outline) from DejaVu, Chinese from WenQuanYi Zen Hei.
// Characters neither has are named to the user (missingCharacters), not silently dropped.
//
// Not Noto Sans/Serif CJK SC for the ideographs, although it is the better-looking Simplified
// Chinese face: Noto draws a Kangxi radical and its ideograph (U+2F64 "⽤", U+7528 "用") with one
// glyph, and Qt 6.4's PDF writer names each glyph in the ToUnicode map by the lowest code point
// that uses it, so text copied out of the PDF (pdftotext, or an ISP's clerk pasting the IP into a
// ticket) has radicals in place of 58 ideographs of the seed's ISP letter, with Serif as with Sans
// (measured on Debian 12, fonts-noto-cjk 20220127, Qt 6.4.2). WenQuanYi has no such sharing.
QStringList pdfFamilies()
{
    return {QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Zen Hei")};
}

// Except for the punctuation whose place in the em box differs between Simplified and
// Traditional Chinese: WenQuanYi centres "，" and "：" as Taiwan does, Noto Sans CJK SC puts them
// at the bottom left as Chinese readers expect. Noto's glyphs for these seven are their own, so
// they copy out as written (tst_cli checks both). Not "／": Noto shares it with U+2215.
const QString scPunctuation = QStringLiteral("、。，：；！？");

QStringList punctuationFamilies()
{
    return QStringList {QStringLiteral("Noto Sans CJK SC")} + pdfFamilies();
}

// `text` in `format`, its Simplified Chinese punctuation in Noto Sans CJK SC.
void insertText(QTextCursor &cursor, const QString &text, const QTextCharFormat &format)
{
    QTextCharFormat punctuation = format;
    punctuation.setFontFamilies(punctuationFamilies());
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && !scPunctuation.contains(text[i]))
            continue;
        cursor.insertText(text.mid(start, i - start), format);
        if (i < text.size())
            cursor.insertText(text.mid(i, 1), punctuation);
        start = i + 1;
    }
}

} // namespace

QByteArray LetterPdf::render(const Letter &letter)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(20, 18, 20, 18), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(letter.subject);
    writer.setCreator(QStringLiteral("Bounce Doctor"));

    QTextDocument doc;
    // Lay out at the writer's resolution; otherwise points are measured at screen DPI and the
    // text comes out a third of its size.
    doc.documentLayout()->setPaintDevice(&writer);
    QFont font;
    font.setFamilies(pdfFamilies()); // see pdfFamilies(): copied text must be the text written
    font.setPointSizeF(10.5);
    doc.setDefaultFont(font);
    doc.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
    QTextCursor cursor(&doc);
    QTextCharFormat plain;
    plain.setFont(font);
    QTextCharFormat bold = plain;
    bold.setFontWeight(QFont::Bold);
    QTextCharFormat grey = plain;
    grey.setForeground(QColor(0x55, 0x55, 0x55));
    // The header's labels in the letter's language, not the program's.
    const bool zh = letter.lang == Language::SimplifiedChinese;
    if (!letter.to.isEmpty())
        insertText(cursor,
                (zh ? QStringLiteral("收件人：") : QStringLiteral("To: ")) + letter.to + u'\n',
                grey);
    if (!letter.fromEmail.isEmpty())
        insertText(cursor,
                (zh ? QStringLiteral("发件人：") : QStringLiteral("From: ")) + letter.fromEmail
                        + u'\n',
                grey);
    insertText(cursor, letter.subject + QStringLiteral("\n\n"), bold);
    insertText(cursor, letter.body, plain);
    // The first line of each template's closing, from the letters table (letters.json).
    static const QStringList closings = JsonDocument::strings(
            builtInJson(QStringLiteral(":/data/letters.json")).value(u"closings"));
    keepClosingWithBody(doc, closings);
    doc.print(&writer);
    return data;
}

QStringList LetterPdf::missingCharacters(const Letter &letter)
{
    QList<QRawFont> fonts;
    for (const QString &family : pdfFamilies()) {
        const QRawFont raw = QRawFont::fromFont(QFont(family));
        // fromFont falls back to some other font for a family that is not installed.
        if (raw.isValid() && raw.familyName().compare(family, Qt::CaseInsensitive) == 0)
            fonts << raw;
    }
    QStringList missing;
    const QString text = letter.to + letter.fromEmail + letter.subject + letter.body;
    for (const char32_t c : text.toUcs4()) {
        if (c < 0x20 || QChar::category(c) == QChar::Other_Format
                || QChar::category(c) == QChar::Mark_NonSpacing || c == 0xfe0f)
            continue; // drawn with their neighbour or not at all
        const bool drawn = std::any_of(fonts.cbegin(), fonts.cend(),
                [c](const QRawFont &f) { return f.supportsCharacter(c); });
        const QString shown = QString::fromUcs4(&c, 1) + QStringLiteral(" (U+")
                + QString::number(c, 16).toUpper().rightJustified(4, u'0') + u')';
        if (!drawn && !missing.contains(shown))
            missing << shown;
    }
    return missing;
}

bool LetterPdf::save(const Letter &letter, const QString &path, QString *error)
{
    *error = AtomicFile::write(path, render(letter));
    return error->isEmpty();
}

} // namespace bd
