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
    int add(QStringView pattern);
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

private:
    static constexpr int asciiSize = 128;

    struct Node
    {
        int fail = 0;
        int outputLink = -1; // nearest node on the fail chain that ends a pattern
        std::vector<int> ends; // pattern ids ending exactly here
    };

    int child(int node, char16_t c) const;
    int step(int node, char16_t c) const;

    std::vector<QString> m_patterns;
    QHash<QString, int> m_ids;
    std::vector<Node> m_nodes;
    std::vector<int> m_ascii; // dense transitions for ASCII, completed into a DFA after build()
    // The scan's copy of the ASCII DFA, made by build(): the ASCII characters no pattern holds
    // share column 0 (they always lead back to the root), the others have a column each, so a
    // row is a cache line or two instead of eight.
    std::array<quint8, asciiSize> m_column {};
    int m_columns = 1;
    std::vector<int> m_dfa;
    std::vector<int> m_report; // per node: the first node from it on that ends a pattern, or -1
    QHash<quint64, int> m_wide; // goto edges for non-ASCII code units
    bool m_built = false;
    bool m_caseInsensitive = false;
};

} // namespace bd
