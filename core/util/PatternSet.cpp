// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/PatternSet.h"

#include <algorithm>
#include <memory>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {
namespace {

quint64 wideKey(size_t state, char16_t c)
{
    return (quint64(state) << 16) | c;
}

} // namespace

int PatternSet::add(QStringView pattern, const QString *shared)
{
    // The trie itself tells whether the pattern is known: the node where it ends holds its id.
    // A table of the patterns by text cost a copy and a hash of each, 3 M instructions of the
    // knowledge's load.
    if (m_nodes.empty())
        m_nodes.emplace_back();
    int node = 0;
    for (const QChar qc : pattern) {
        const char16_t c = qc.unicode();
        int child = m_nodes[size_t(node)].firstChild;
        int last = -1;
        while (child >= 0 && m_nodes[size_t(child)].c != c) {
            last = child;
            child = m_nodes[size_t(child)].nextSibling;
        }
        if (child < 0) {
            child = int(m_nodes.size());
            m_nodes.push_back(Node {c});
            if (last < 0)
                m_nodes[size_t(node)].firstChild = child;
            else
                m_nodes[size_t(last)].nextSibling = child;
        }
        node = child;
    }
    if (m_nodes[size_t(node)].end >= 0)
        return m_nodes[size_t(node)].end;
    const int id = int(m_patterns.size());
    m_patterns.push_back(shared ? *shared : pattern.toString());
    m_nodes[size_t(node)].end = id;
    m_longest = std::max(m_longest, pattern.size());
    m_built = false;
    return id;
}

void PatternSet::build()
{
    if (m_nodes.empty())
        m_nodes.emplace_back();
    const size_t count = m_nodes.size();

    // The ASCII characters some pattern holds get a column each; any other leads back to the
    // root from every state, which column 0 gives.
    std::array<bool, asciiSize> used {};
    m_wideUsed.clear();
    for (const QString &p : m_patterns) {
        for (const QChar qc : p) {
            const char16_t c = qc.unicode();
            if (c < asciiSize) {
                used[c] = true;
            } else {
                if (m_wideUsed.empty())
                    m_wideUsed.assign(0x10000 / 64, 0);
                m_wideUsed[c >> 6] |= quint64(1) << (c & 63);
            }
        }
    }
    std::array<size_t, asciiSize> column {};
    m_columns = 1;
    for (int c = 0; c < asciiSize; ++c) {
        if (used[size_t(c)])
            column[size_t(c)] = m_columns++;
    }
    if (m_caseInsensitive) {
        for (int c = 'A'; c <= 'Z'; ++c) {
            Q_ASSERT(!used[size_t(c)]);
            column[size_t(c)] = column[size_t(c + 'a' - 'A')];
        }
    }
    for (size_t c = 0; c < asciiSize; ++c)
        m_columnStart[c] = column[c] * count;
    m_splitAt = std::max(minSplitLength, 2 * m_longest);

    if (count <= 0x10000) {
        m_dfa32.clear();
        link(m_dfa16);
    } else {
        m_dfa16.clear();
        link(m_dfa32);
    }
    m_built = true;
}

template<typename State> void PatternSet::link(std::vector<State> &dfa)
{
    const size_t count = m_nodes.size();
    // Breadth-first: a node's fail link is a node nearer the root, whose row is complete by
    // the time the node's children need it. A node learns its state number when its parent is
    // read, once its fail link tells whether it reports: the states that do not count up from
    // 0, those that do count down from the last, and the two meet at m_firstReporting.
    size_t bottom = 0;
    size_t top = count;
    const std::unique_ptr<size_t[]> stateOf(new size_t[count]); // set as each node is reached
    // By reporting state, the last first (count - 1 - state): they are numbered in that order.
    std::vector<std::vector<int>> reports;
    const auto reportsOf = [&](size_t state) -> std::vector<int> & {
        return reports[count - 1 - state];
    };
    // `inherited`: the reports of the node's fail node, if it reports.
    const auto number = [&](size_t node, const std::vector<int> *inherited) {
        const int end = m_nodes[node].end;
        if (end < 0 && !inherited) {
            stateOf[node] = bottom++;
            return;
        }
        stateOf[node] = --top;
        // Copied before `reports`, which `inherited` lies in, grows.
        std::vector<int> own = inherited ? *inherited : std::vector<int>();
        if (end >= 0)
            own.push_back(end);
        reports.push_back(std::move(own));
    };
    number(0, nullptr);
    m_root = stateOf[0];
    m_fail.assign(count, int(m_root));
    m_wide.clear();
    std::vector<size_t> queue {0};
    queue.reserve(count);
    // A row is its fail node's with the node's own edges put in, and so (down the fail chain)
    // the root's with the edges of every node on the chain but the root put in: those edges,
    // its "delta", are a few where the row has a column per character. The table starts as
    // the root's row in every row, a column filled at a time, and then each row has only its
    // delta written. Copying each row whole from its fail row, column after column of the
    // column-major table, cost 4 M instructions of the knowledge's load.
    std::vector<State> rootRow(m_columns, State(m_root));
    for (int child = m_nodes[0].firstChild; child >= 0;
            child = m_nodes[size_t(child)].nextSibling) {
        const char16_t c = m_nodes[size_t(child)].c;
        // Their fail link is the root, which reports when the empty pattern was added.
        number(size_t(child), m_root >= top ? &reportsOf(m_root) : nullptr);
        const size_t childState = stateOf[size_t(child)];
        if (c < asciiSize)
            rootRow[m_columnStart[c] / count] = State(childState);
        else
            m_wide.insert(wideKey(m_root, c), int(childState));
        queue.push_back(size_t(child));
    }
    // Each column filled a block at a time, copied from a block of its state: a vector's own
    // resize or fill stored a state at a time, and one large copy of a table made elsewhere is
    // a string instruction that Callgrind counts a byte at a time.
    dfa.clear();
    dfa.reserve(count * m_columns);
    constexpr size_t blockSize = 512;
    std::array<State, blockSize> block;
    for (size_t column = 0; column < m_columns; ++column) {
        std::fill_n(block.begin(), std::min(blockSize, count), rootRow[column]);
        for (size_t done = 0; done < count; done += blockSize)
            dfa.insert(dfa.end(), block.cbegin(),
                    block.cbegin() + ptrdiff_t(std::min(blockSize, count - done)));
    }
    State *const table = dfa.data();
    // By state, where its delta lies in `deltas`: the root's is empty.
    std::vector<std::pair<char16_t, State>> deltas;
    deltas.reserve(count * 8); // about six a state in the knowledge's: seldom grown
    // Set for each state as it is read, after its fail state: not filled first.
    const std::unique_ptr<std::pair<size_t, size_t>[]> deltaOf(
            new std::pair<size_t, size_t>[count]);
    deltaOf[m_root] = {0, 0};
    for (size_t i = 1; i < queue.size(); ++i) {
        const size_t node = queue[i];
        const size_t state = stateOf[node];
        const size_t fail = size_t(m_fail[state]);
        const size_t begin = deltas.size();
        for (int child = m_nodes[node].firstChild; child >= 0;
                child = m_nodes[size_t(child)].nextSibling) {
            const char16_t c = m_nodes[size_t(child)].c;
            // The fail node's row is complete: it is nearer the root, or the root.
            const size_t childFail =
                    c < asciiSize ? table[m_columnStart[c] + fail] : wideGoto(fail, c);
            number(size_t(child), childFail >= top ? &reportsOf(childFail) : nullptr);
            const size_t childState = stateOf[size_t(child)];
            m_fail[childState] = int(childFail);
            if (c < asciiSize) {
                table[m_columnStart[c] + state] = State(childState);
                deltas.emplace_back(c, State(childState));
            } else {
                m_wide.insert(wideKey(state, c), int(childState));
            }
            queue.push_back(size_t(child));
        }
        const size_t own = deltas.size();
        for (size_t at = deltaOf[fail].first; at < deltaOf[fail].second; ++at) {
            const std::pair<char16_t, State> edge = deltas[at]; // a copy: deltas grows
            const auto first = deltas.cbegin() + ptrdiff_t(begin);
            const auto last = deltas.cbegin() + ptrdiff_t(own);
            if (std::any_of(first, last, [&edge](const std::pair<char16_t, State> &e) {
                    return e.first == edge.first;
                }))
                continue;
            table[m_columnStart[edge.first] + state] = edge.second;
            deltas.push_back(edge);
        }
        deltaOf[state] = {begin, deltas.size()};
    }
    Q_ASSERT(bottom == top);
    m_firstReporting = top;
    m_reportStart.clear();
    m_reportIds.clear();
    for (size_t state = m_firstReporting; state < count; ++state) {
        m_reportStart.push_back(int(m_reportIds.size()));
        const std::vector<int> &ids = reportsOf(state);
        m_reportIds.insert(m_reportIds.end(), ids.cbegin(), ids.cend());
    }
    m_reportStart.push_back(int(m_reportIds.size()));
}

size_t PatternSet::asciiStep(size_t state, char16_t c) const
{
    const size_t at = m_columnStart[c] + state;
    return m_dfa16.empty() ? m_dfa32[at] : m_dfa16[at];
}

size_t PatternSet::wideGoto(size_t state, char16_t c) const
{
    for (;;) {
        const int next = m_wide.value(wideKey(state, c), -1);
        if (next >= 0)
            return size_t(next);
        if (state == m_root)
            return m_root;
        state = size_t(m_fail[state]);
    }
}

namespace {

// QChar::toLower() of the code units from U+0080 to U+04FF (Latin-1, the Latin extensions, IPA,
// Greek, Cyrillic), which most wide characters in bounces are: a call into Qt's tables cost
// about 25 instructions a character, a look-up here a few.
constexpr char16_t firstTabled = 0x80;
constexpr char16_t pastTabled = 0x500;
const std::array<char16_t, pastTabled - firstTabled> lowerTable = [] {
    std::array<char16_t, pastTabled - firstTabled> table {};
    for (char16_t c = firstTabled; c < pastTabled; ++c)
        table[c - firstTabled] = char16_t(QChar::toLower(char32_t(c)));
    return table;
}();

// The 256-code-unit blocks past the table in which every code unit is its own lower case
// (Hebrew to Tibetan, Ethiopic to Mongolian, the general punctuation, the symbols and CJK up to
// Cyrillic Extended-B, Hangul, the surrogates, private use and compatibility forms): the test
// of every code unit against Qt keeps them honest.
constexpr std::array<bool, 256> caselessBlocks = [] {
    std::array<bool, 256> blocks {};
    constexpr std::pair<int, int> ranges[] = {
            {0x06, 0x10}, {0x14, 0x1C}, {0x20, 0x21}, {0x25, 0x2C}, {0x2D, 0xA6}, {0xA8, 0xFF}};
    for (const auto &[from, to] : ranges) {
        for (int block = from; block < to; ++block)
            blocks[size_t(block)] = true;
    }
    return blocks;
}();

// QChar::toLower() of a code unit past ASCII.
char16_t lowerWide(char16_t c)
{
    if (c < pastTabled)
        return lowerTable[c - firstTabled];
    if (caselessBlocks[c >> 8])
        return c;
    return char16_t(QChar::toLower(char32_t(c)));
}

} // namespace

Q_ALWAYS_INLINE size_t PatternSet::wideStep(size_t state, char16_t c) const
{
    if (m_caseInsensitive) {
        c = lowerWide(c);
        // A lower-cased wide character may be ASCII (U+212A, the Kelvin sign, is 'k').
        if (c < asciiSize)
            return asciiStep(state, c);
    }
    if (m_wideUsed.empty() || !((m_wideUsed[c >> 6] >> (c & 63)) & 1))
        return m_root;
    return wideGoto(state, c);
}

namespace {

// The code units stepped through at a time once known to be ASCII.
constexpr qsizetype asciiRun = 16;

// Whether the asciiRun code units from `a` on and those from `b` on are all ASCII. (Or-ed, they
// are ASCII when each is; adding 0x7f80 with saturation then sets a code unit's top bit
// exactly when it is 0x80 or more.)
bool allAscii(const char16_t *a, const char16_t *b)
{
#ifdef __SSE2__
    const auto load = [](const char16_t *p) {
        return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    };
    const __m128i v =
            _mm_or_si128(_mm_or_si128(load(a), load(a + 8)), _mm_or_si128(load(b), load(b + 8)));
    return (_mm_movemask_epi8(_mm_adds_epu16(v, _mm_set1_epi16(0x7f80))) & 0xaaaa) == 0;
#else
    const auto ascii = [](char16_t c) { return c < 0x80; };
    return std::all_of(a, a + asciiRun, ascii) && std::all_of(b, b + asciiRun, ascii);
#endif
}

} // namespace

template<typename State, typename Report>
void PatternSet::scan(const std::vector<State> &dfa, std::initializer_list<QStringView> pieces,
        Report report) const
{
    // Locals: a store findAll()'s report makes (into bytes, which may alias anything) would
    // otherwise make the compiler reload each member for every character.
    const State *table = dfa.data();
    const size_t *columnStart = m_columnStart.data();
    const size_t firstReporting = m_firstReporting;
    const auto step = [&](size_t state, char16_t c) {
        return c < asciiSize ? size_t(table[columnStart[c] + state]) : wideStep(state, c);
    };
    // Most text is ASCII: a run of asciiRun characters known to be ASCII (one test for both
    // walks) is stepped through without the test for a wide one and without the loop's test
    // for the end after each, five instructions a character where there were nine. A run that
    // is not is stepped through one by one before the next is looked at, so that a text in
    // another script pays little for the look.
    const auto knownAsciiStep = [&](size_t s, char16_t c) {
        return size_t(table[columnStart[c] + s]);
    };
    size_t state = m_root;
    for (const QStringView *piece = pieces.begin(); piece != pieces.end(); ++piece) {
        const char16_t *at = piece->utf16();
        const char16_t *end = at + piece->size();
        // Each character's state waits on the table load of the one before, so one walk is
        // bound by load latency, not by work. A long text is walked as two parts at once, the
        // second starting from the root the longest pattern less one before the first ends,
        // so that it sees every pattern ending in it; a pattern found twice is found once.
        // The parts are as long as each other, the overlap shared between them.
        if (piece + 1 == pieces.end() && piece->size() >= m_splitAt) {
            const qsizetype overlap = std::max<qsizetype>(m_longest - 1, 0);
            const char16_t *firstEnd = at + (piece->size() + overlap) / 2;
            const char16_t *second = firstEnd - overlap;
            size_t secondState = m_root;
            while (at != firstEnd) {
                const qsizetype n = std::min<qsizetype>(firstEnd - at, asciiRun);
                if (n == asciiRun && allAscii(at, second)) {
#pragma GCC unroll 16
                    for (int k = 0; k < asciiRun; ++k) {
                        state = knownAsciiStep(state, at[k]);
                        secondState = knownAsciiStep(secondState, second[k]);
                        if (state >= firstReporting && report(state - firstReporting))
                            return;
                        if (secondState >= firstReporting && report(secondState - firstReporting))
                            return;
                    }
                } else {
                    for (qsizetype k = 0; k < n; ++k) {
                        state = step(state, at[k]);
                        secondState = step(secondState, second[k]);
                        if (state >= firstReporting && report(state - firstReporting))
                            return;
                        if (secondState >= firstReporting && report(secondState - firstReporting))
                            return;
                    }
                }
                at += n;
                second += n;
            }
            at = second;
            state = secondState;
        }
        while (at != end) {
            const qsizetype n = std::min<qsizetype>(end - at, asciiRun);
            if (n == asciiRun && allAscii(at, at)) {
#pragma GCC unroll 16
                for (int k = 0; k < asciiRun; ++k) {
                    state = knownAsciiStep(state, at[k]);
                    if (state >= firstReporting && report(state - firstReporting))
                        return;
                }
            } else {
                for (qsizetype k = 0; k < n; ++k) {
                    state = step(state, at[k]);
                    if (state >= firstReporting && report(state - firstReporting))
                        return;
                }
            }
            at += n;
        }
    }
}

void PatternSet::findAll(
        std::initializer_list<QStringView> pieces, std::vector<quint8> &found) const
{
    Q_ASSERT(m_built);
    found.assign(m_patterns.size(), 0);
    const auto report = [this, &found](size_t r) {
        for (int i = m_reportStart[r]; i < m_reportStart[r + 1]; ++i)
            found[size_t(m_reportIds[size_t(i)])] = 1;
        return false;
    };
    if (m_dfa16.empty())
        scan(m_dfa32, pieces, report);
    else
        scan(m_dfa16, pieces, report);
}

bool PatternSet::containsAny(QStringView text) const
{
    Q_ASSERT(m_built);
    bool any = false;
    const auto report = [&any](size_t) { return any = true; };
    if (m_dfa16.empty())
        scan(m_dfa32, {text}, report);
    else
        scan(m_dfa16, {text}, report);
    return any;
}

} // namespace bd
