// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/PatternSet.h"

#include <deque>

namespace bd {
namespace {

quint64 wideKey(int node, char16_t c)
{
    return (quint64(quint32(node)) << 16) | c;
}

} // namespace

int PatternSet::add(QStringView pattern)
{
    const QString p = pattern.toString();
    if (const auto it = m_ids.constFind(p); it != m_ids.cend())
        return *it;
    if (m_nodes.empty()) {
        m_nodes.emplace_back();
        m_ascii.assign(asciiSize, -1);
    }
    const int id = int(m_patterns.size());
    m_patterns.push_back(p);
    m_ids.insert(p, id);
    int node = 0;
    for (const QChar qc : p) {
        const char16_t c = qc.unicode();
        int next = child(node, c);
        if (next < 0) {
            next = int(m_nodes.size());
            m_nodes.emplace_back();
            m_ascii.resize(m_ascii.size() + asciiSize, -1);
            if (c < asciiSize)
                m_ascii[size_t(node) * asciiSize + c] = next;
            else
                m_wide.insert(wideKey(node, c), next);
        }
        node = next;
    }
    m_nodes[size_t(node)].ends.push_back(id);
    m_built = false;
    return id;
}

int PatternSet::child(int node, char16_t c) const
{
    if (c < asciiSize)
        return m_ascii[size_t(node) * asciiSize + c];
    return m_wide.value(wideKey(node, c), -1);
}

void PatternSet::build()
{
    if (m_nodes.empty()) {
        m_nodes.emplace_back();
        m_ascii.assign(asciiSize, -1);
    }
    // The ASCII characters some pattern holds. From every node, any other leads back to the
    // root; only these need completing into the DFA, and the scan gives the others column 0.
    std::array<bool, asciiSize> used {};
    for (const QString &p : m_patterns) {
        for (const QChar qc : p) {
            if (qc.unicode() < asciiSize)
                used[qc.unicode()] = true;
        }
    }
    std::vector<int> usedChars;
    for (int c = 0; c < asciiSize; ++c) {
        if (used[size_t(c)])
            usedChars.push_back(c);
    }
    // Breadth-first: a node's fail link is known before its children need it. ASCII edges are
    // completed into a full DFA so the scan never walks fail links for them.
    std::deque<int> queue;
    for (int c = 0; c < asciiSize; ++c) {
        int &next = m_ascii[size_t(c)];
        if (next < 0) {
            next = 0;
        } else {
            m_nodes[size_t(next)].fail = 0;
            queue.push_back(next);
        }
    }
    for (auto it = m_wide.cbegin(); it != m_wide.cend(); ++it) {
        if ((it.key() >> 16) == 0) {
            m_nodes[size_t(it.value())].fail = 0;
            queue.push_back(it.value());
        }
    }
    // Children reached through non-ASCII edges, per parent.
    QHash<int, std::vector<std::pair<char16_t, int>>> wideChildren;
    for (auto it = m_wide.cbegin(); it != m_wide.cend(); ++it)
        wideChildren[int(it.key() >> 16)].push_back({char16_t(it.key() & 0xFFFF), it.value()});

    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        Node &n = m_nodes[size_t(node)];
        const int fail = n.fail;
        n.outputLink =
                !m_nodes[size_t(fail)].ends.empty() ? fail : m_nodes[size_t(fail)].outputLink;
        for (const int c : usedChars) {
            int &next = m_ascii[size_t(node) * asciiSize + size_t(c)];
            const int viaFail = m_ascii[size_t(fail) * asciiSize + size_t(c)];
            if (next < 0 || next == 0) {
                // No own edge: borrow the fail node's (already completed) transition. A real
                // edge to the root cannot exist, so 0 here always means "none".
                if (next < 0)
                    next = viaFail;
                continue;
            }
            m_nodes[size_t(next)].fail = viaFail;
            queue.push_back(next);
        }
        for (const auto &[c, next] : wideChildren.value(node)) {
            m_nodes[size_t(next)].fail = step(fail, c);
            queue.push_back(next);
        }
    }
    m_report.resize(m_nodes.size());
    for (size_t node = 0; node < m_nodes.size(); ++node)
        m_report[node] = m_nodes[node].ends.empty() ? m_nodes[node].outputLink : int(node);
    // A character no pattern holds leads back to the root from every node: column 0.
    m_column.fill(0);
    for (size_t i = 0; i < usedChars.size(); ++i)
        m_column[size_t(usedChars[i])] = quint8(i + 1);
    if (m_caseInsensitive) {
        for (int c = 'A'; c <= 'Z'; ++c) {
            Q_ASSERT(!used[size_t(c)]);
            m_column[size_t(c)] = m_column[size_t(c + 'a' - 'A')];
        }
    }
    m_columns = int(usedChars.size()) + 1;
    m_dfa.assign(m_nodes.size() * size_t(m_columns), 0);
    for (size_t node = 0; node < m_nodes.size(); ++node) {
        for (const int c : usedChars)
            m_dfa[node * size_t(m_columns) + m_column[size_t(c)]] =
                    m_ascii[node * asciiSize + size_t(c)];
    }
    m_built = true;
}

int PatternSet::step(int node, char16_t c) const
{
    if (c < asciiSize) {
        // A lower-cased wide character may be ASCII (U+212A, the Kelvin sign, is 'k'); one no
        // pattern holds was left out of the completion and leads back to the root.
        const int next = m_ascii[size_t(node) * asciiSize + c];
        return next < 0 ? 0 : next;
    }
    for (;;) {
        const int next = m_wide.value(wideKey(node, c), -1);
        if (next >= 0)
            return next;
        if (node == 0)
            return 0;
        node = m_nodes[size_t(node)].fail;
    }
}

void PatternSet::findAll(
        std::initializer_list<QStringView> pieces, std::vector<quint8> &found) const
{
    Q_ASSERT(m_built);
    found.assign(m_patterns.size(), 0);
    int node = 0;
    for (const QStringView text : pieces) {
        for (const QChar qc : text) {
            const char16_t c = qc.unicode();
            if (c < asciiSize)
                node = m_dfa[size_t(node) * size_t(m_columns) + m_column[c]];
            else
                node = step(node, m_caseInsensitive ? char16_t(QChar::toLower(c)) : c);
            for (int out = m_report[size_t(node)]; out >= 0;
                    out = m_nodes[size_t(out)].outputLink) {
                for (const int id : m_nodes[size_t(out)].ends)
                    found[size_t(id)] = 1;
            }
        }
    }
}

} // namespace bd
