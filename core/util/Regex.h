// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringView>

#include <array>
#include <memory>

namespace bd {

// True when `text` holds no UTF-16 surrogate at all, and so is valid UTF-16 whatever it is.
bool surrogateFree(QStringView text);

// What \s matches in a pattern without QRegularExpression::UseUnicodePropertiesOption: ASCII
// white space, the vertical tab included. The readers written as code where a regex stood
// test white space with it.
constexpr bool isRegexSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || (u >= '\t' && u <= '\r');
}

class Regex;

// While one lives, a subject lying inside `text` skips the surrogate scan before each match when
// `text` holds no surrogate: the bounce reader matches dozens of regexes over the lines and
// blocks of one text, and scanned each piece again. One per thread at a time (the innermost
// counts); `text` must stay alive and unchanged while it lives, as a const view on the stack
// of the function that reads it does.
class ValidatedText
{
public:
    explicit ValidatedText(QStringView text);
    ~ValidatedText();
    ValidatedText(const ValidatedText &) = delete;
    ValidatedText &operator=(const ValidatedText &) = delete;

    // Whether `subject` lies inside the innermost text known to hold no surrogate.
    static bool holds(QStringView subject);

private:
    const char16_t *m_previousBegin;
    const char16_t *m_previousEnd;
};

// One match of a Regex: offsets into the subject it was matched against, which must outlive
// it. The accessors answer as QRegularExpressionMatch's do (-1 and a null view for a group
// that took no part).
class RegexMatch
{
public:
    bool hasMatch() const { return m_count > 0; }
    int lastCapturedIndex() const { return m_count - 1; }
    qsizetype capturedStart(int n = 0) const { return n < m_count ? m_offsets[size_t(n) * 2] : -1; }
    qsizetype capturedEnd(int n = 0) const
    {
        return n < m_count ? m_offsets[size_t(n) * 2 + 1] : -1;
    }
    qsizetype capturedLength(int n = 0) const
    {
        return capturedStart(n) < 0 ? 0 : capturedEnd(n) - capturedStart(n);
    }
    QStringView capturedView(int n = 0) const
    {
        return capturedStart(n) < 0 ? QStringView()
                                    : m_subject.sliced(capturedStart(n), capturedLength(n));
    }
    QString captured(int n = 0) const { return capturedView(n).toString(); }

    // Groups a pattern may have, the whole match included.
    static constexpr int maxGroups = 10;

private:
    friend class Regex;
    QStringView m_subject;
    int m_count = 0; // groups set, the whole match included; 0 for no match
    std::array<qsizetype, size_t(maxGroups) * 2> m_offsets {};
};

class RegexMatchIterator;

// A regular expression on PCRE2 (16-bit, JIT), compiled once, with QRegularExpression's
// semantics for the same pattern and options: the same compile options (PCRE2_UTF and the
// pattern options mapped as Qt maps them) and the same rules for advancing past an empty match.
// QRegularExpression allocates a match context, match data and a result object on every match,
// and copies each capture: thousands of instructions per call, more than many of the matches
// here take. This keeps one match context and match data per thread and hands out offsets.
//
// PCRE2 validates the whole subject as UTF-16 before every match, about ten instructions a
// character. A subject without surrogates cannot be invalid, which surrogateFree() tells at a
// fraction of that cost; a subject with surrogates is still checked by PCRE2, so hostile text
// never reaches the matcher unchecked (an invalid subject has no match).
class Regex
{
public:
    using PatternOptions = QRegularExpression::PatternOptions;
    static constexpr auto NoPatternOption = QRegularExpression::NoPatternOption;
    static constexpr auto CaseInsensitiveOption = QRegularExpression::CaseInsensitiveOption;
    static constexpr auto DotMatchesEverythingOption =
            QRegularExpression::DotMatchesEverythingOption;
    static constexpr auto MultilineOption = QRegularExpression::MultilineOption;

    explicit Regex(const QString &pattern, PatternOptions options = NoPatternOption);

    bool isValid() const;
    QString errorString() const;
    const QString &pattern() const { return m_pattern; }

    // The subject must outlive the match: a temporary QString is refused.
    RegexMatch match(QStringView subject) const;
    RegexMatch match(QString &&) const = delete;
    RegexMatchIterator globalMatch(QStringView subject) const;
    RegexMatchIterator globalMatch(QString &&) const = delete;
    // QString::replace(QRegularExpression, after): every match replaced by `after`, in which
    // \1 to \99 stand for a captured group the pattern has.
    QString replaced(QStringView subject, QStringView after) const;
    QString removed(QStringView subject) const { return replaced(subject, {}); }

private:
    friend class RegexMatchIterator;
    struct Compiled;

    // `extra`: PCRE2 match options on top of the UTF check decision.
    RegexMatch matchAt(QStringView subject, qsizetype offset, quint32 extra) const;
    RegexMatch next(const RegexMatch &previous) const;

    QString m_pattern;
    std::shared_ptr<const Compiled> m_compiled; // shared by copies, never changed
};

// Regex::globalMatch(): the matches one after the other, as QRegularExpressionMatchIterator
// gives them.
class RegexMatchIterator
{
public:
    bool hasNext() const { return m_next.hasMatch(); }
    RegexMatch next()
    {
        const RegexMatch current = m_next;
        m_next = m_regex->next(current);
        return current;
    }

private:
    friend class Regex;
    RegexMatchIterator(const Regex &regex, const RegexMatch &first)
        : m_regex(&regex)
        , m_next(first)
    {
    }
    const Regex *m_regex;
    RegexMatch m_next;
};

} // namespace bd
