// SPDX-License-Identifier: GPL-3.0-or-later
#include "print/LetterPdf.h"

#include "letter/Letter.h"

#include <QBuffer>
#include <QFont>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSaveFile>
#include <QAbstractTextDocumentLayout>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>

namespace bd {
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
    // Latin from DejaVu, Chinese from WenQuanYi Zen Hei. Not Noto CJK: it shares glyphs between
    // the Kangxi radicals and the ideographs, and Qt's ToUnicode map then names the radical, so
    // a reader copying "滥用" from the PDF would get "滥⽤".
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Zen Hei")});
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
    if (!letter.to.isEmpty())
        cursor.insertText(QStringLiteral("To: ") + letter.to + u'\n', grey);
    if (!letter.fromEmail.isEmpty())
        cursor.insertText(QStringLiteral("From: ") + letter.fromEmail + u'\n', grey);
    cursor.insertText(letter.subject + QStringLiteral("\n\n"), bold);
    cursor.insertText(letter.body, plain);
    doc.print(&writer);
    return data;
}

bool LetterPdf::save(const Letter &letter, const QString &path, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(render(letter));
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace bd
