// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bd {

struct Letter;

// A letter as an A4 PDF with real, selectable text (the fonts are embedded: DejaVu Sans, then
// WenQuanYi Zen Hei for Chinese, Noto Sans CJK SC for its punctuation), through QPdfWriter. Needs a
// QGuiApplication (bounce-doctor-pdf starts one, offscreen).
class LetterPdf
{
public:
    static QByteArray render(const Letter &letter);
    // Characters of the letter no installed font of the PDF's can draw (an emoji with no emoji
    // font, say), as "😀 (U+1F600)"; they would come out as empty boxes, so callers name them.
    static QStringList missingCharacters(const Letter &letter);
    // Written atomically with QSaveFile.
    static bool save(const Letter &letter, const QString &path, QString *error);
};

} // namespace bd
