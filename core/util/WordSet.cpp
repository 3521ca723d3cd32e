// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/WordSet.h"

#include <algorithm>

namespace bd {

WordSet::WordSet(const QStringList &words, Qt::CaseSensitivity cs)
    : m_words(words)
    , m_cs(cs)
{
    m_set.setCaseInsensitive(cs == Qt::CaseInsensitive);
    for (const QString &word : words) {
        if (word.isEmpty()) {
            m_emptyWord = true;
            continue;
        }
        if (cs == Qt::CaseSensitive) {
            m_set.add(word);
            continue;
        }
        QString folded(word.size(), Qt::Uninitialized);
        bool ascii = true;
        for (qsizetype i = 0; i < word.size() && ascii; ++i) {
            // The Kelvin sign folds to 'k', so it can match one.
            folded[i] = word[i].toCaseFolded();
            ascii = folded[i].unicode() < 0x80;
        }
        if (ascii)
            m_set.add(folded);
    }
    m_set.build();
}

bool WordSet::foundIn(QStringView text) const
{
    if (m_emptyWord)
        return true;
    // Qt's ASCII test reads the text many code units a step.
    if (m_cs == Qt::CaseInsensitive && !QtPrivate::isAscii(text))
        return std::any_of(m_words.cbegin(), m_words.cend(),
                [text](const QString &word) { return text.contains(word, Qt::CaseInsensitive); });
    return m_set.containsAny(text);
}

} // namespace bd
