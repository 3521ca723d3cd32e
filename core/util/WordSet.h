// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/PatternSet.h"

#include <QStringList>
#include <QStringView>

namespace bd {

// Whether a text holds one of some words, as QStringView::contains(word, cs) tells word by word,
// in one pass over the text. The envelope's and the classifier's word lists are asked about
// every message; a caseless contains() folds the text's case again for each word.
class WordSet
{
public:
    WordSet(const QStringList &words, Qt::CaseSensitivity cs);

    bool foundIn(QStringView text) const;

private:
    QStringList m_words;
    Qt::CaseSensitivity m_cs;
    // Case-sensitive: every word. Caseless: the words as an ASCII text's letters fold, each
    // whose every character folds to ASCII; no other can be in such a text, whose characters
    // all fold to ASCII. A text past ASCII is asked word by word.
    PatternSet m_set;
    bool m_emptyWord = false; // in every text, as contains() says
};

} // namespace bd
