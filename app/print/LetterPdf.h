// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace bd {

struct Letter;

// A letter as an A4 PDF with real, selectable text (the fonts are embedded, Noto Sans CJK for
// Chinese), through QPdfWriter. Needs a QGuiApplication (the CLI starts one, offscreen, for
// --format pdf).
class LetterPdf
{
public:
    static QByteArray render(const Letter &letter);
    // Written atomically with QSaveFile.
    static bool save(const Letter &letter, const QString &path, QString *error);
};

} // namespace bd
