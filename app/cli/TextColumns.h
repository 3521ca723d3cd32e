// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <algorithm>

namespace bd {

// Columns a terminal gives `text`: two for each East Asian wide or full-width character
// (Unicode's East Asian Width W and F: Hangul Jamo, CJK, Hangul syllables, full-width forms).
inline int displayWidth(const QString &text)
{
    int width = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool wide = (u >= 0x1100 && u <= 0x115f) || (u >= 0x2e80 && u <= 0xa4cf)
                || (u >= 0xac00 && u <= 0xd7a3) || (u >= 0xf900 && u <= 0xfaff)
                || (u >= 0xfe30 && u <= 0xfe4f) || (u >= 0xff00 && u <= 0xff60)
                || (u >= 0xffe0 && u <= 0xffe6);
        width += wide ? 2 : 1;
    }
    return width;
}

// `text` followed by spaces up to `columns` display columns, so the next column lines up.
inline QString padded(const QString &text, int columns)
{
    return text + QString(std::max(0, columns - displayWidth(text)), u' ');
}

// Lines of a label and its value, the values starting in one display column however wide the
// labels come out in the user's language: translators give the labels alone, never the padding.
class LabelColumn
{
public:
    explicit LabelColumn(const QStringList &labels)
    {
        for (const QString &label : labels)
            m_width = std::max(m_width, displayWidth(label) + 1);
    }
    QString line(const QString &label, const QString &value) const
    {
        return padded(label, m_width) + value;
    }

private:
    int m_width = 0;
};

} // namespace bd
