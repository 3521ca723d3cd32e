// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringView>

#include <array>
#include <initializer_list>
#include <vector>

namespace bd {

// Many literal patterns found in one pass over a text (Aho-Corasick). The knowledge tables hold
// hundreds of wordings; testing each with a substring search made classification slow.
class PatternSet
{
public:
    // Adds a pattern (already in the case the text will be in) and returns its id; adding the
    // same pattern twice returns the same id.
    int add(QStringView pattern) { return add(pattern, nullptr); }
    // The same; a new pattern shares the string's data instead of copying it.
    int add(const QString &pattern) { return add(pattern, &pattern); }
    // Must be called after the last add() and before findAll().
    void build();
    // Before build(): the patterns are in lower case, and findAll() finds them in a text as
    // it would in the text lower-cased (QChar::toLower() past ASCII), without making that copy.
    void setCaseInsensitive(bool on) { m_caseInsensitive = on; }

    int size() const { return int(m_patterns.size()); }
    const QString &pattern(int id) const { return m_patterns[size_t(id)]; }

    // found[id] becomes 1 for every pattern that occurs in `text`; `found` is resized to size().
    void findAll(QStringView text, std::vector<quint8> &found) const { findAll({text}, found); }
    // The same over the pieces read one after the other, as one text.
    void findAll(std::initializer_list<QStringView> pieces, std::vector<quint8> &found) const;
    // Whether any pattern occurs in `text`; stops at the first.
    bool containsAny(QStringView text) const;

private:
    static constexpr int asciiSize = 128;

    // The trie add() grows; build() turns it into the scan's automaton. A node's children are
    // a list through the nodes, in the order they were added: a list of its own each cost an
    // allocation a node, 1.5 M instructions of the knowledge's load.
    struct Node
    {
        char16_t c = 0; // the character that leads here from the parent
        int firstChild = -1;
        int nextSibling = -1;
        int end = -1; // the id of the pattern ending exactly here
    };

    int add(QStringView pattern, const QString *shared);

    template<typename State> void link(std::vector<State> &dfa);
    // Calls report(state - m_firstReporting) at each reporting state, until it returns true.
    template<typename State, typename Report>
    void scan(const std::vector<State> &dfa, std::initializer_list<QStringView> pieces,
            Report report) const;
    size_t asciiStep(size_t state, char16_t c) const;
    size_t wideStep(size_t state, char16_t c) const;
    size_t wideGoto(size_t state, char16_t c) const;

    std::vector<QString> m_patterns;
    std::vector<Node> m_nodes;

    // The automaton build() makes. Its states are the trie's nodes numbered so that those where
    // some pattern ends (there or down the fail chain) come last: from m_firstReporting on, a
    // state has patterns to report, so the scan pays one compare a character for them.
    //
    // ASCII is a DFA with a column per character some pattern holds; the others share column
    // 0, which leads back to the root from every state. States are 16-bit when they fit (the
    // knowledge's 6,400 do): half the cache a 32-bit table takes. The table is stored a column
    // after the other, so the next state is the character's column start plus the state, an
    // add and a load a character; a state-major table needs a multiply on that path too.
    std::array<size_t, asciiSize> m_columnStart {};
    size_t m_columns = 1;
    std::vector<quint16> m_dfa16;
    std::vector<quint32> m_dfa32; // when the states do not fit 16 bits
    size_t m_root = 0;
    size_t m_firstReporting = 0;
    // Per reporting state, from m_reportStart[state - m_firstReporting] to the next: the ids of
    // every pattern ending there, its fail chain's included.
    std::vector<int> m_reportStart;
    std::vector<int> m_reportIds;
    // Non-ASCII code units walk goto edges and fail links, a hash lookup a link; the bitmap
    // (a bit per code unit) tells in one load that a code unit is in no pattern and so leads
    // back to the root, as all but 43 of the Sisimai corpus's 24,478 scanned did.
    QHash<quint64, int> m_wide;
    std::vector<int> m_fail;
    std::vector<quint64> m_wideUsed;
    // The longest pattern, and the length from which a text is walked in two parts at once
    // (scan()): long enough to repay the parts' overlap, a pattern's length.
    qsizetype m_longest = 0;
    qsizetype m_splitAt = 0;
    static constexpr qsizetype minSplitLength = 64;
    bool m_built = false;
    bool m_caseInsensitive = false;
};

} // namespace bd
