// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Regex.h"

#include <QVarLengthArray>

#include <atomic>
#include <functional>
#include <mutex>
#include <utility>

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {

bool surrogateFree(QStringView text)
{
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = 0;
#ifdef __SSE2__
    // Eight code units a step, unrolled to 32 a test: this runs over every text the scanner
    // reads, so it must cost far less than the check it saves.
    const __m128i mask = _mm_set1_epi16(short(0xf800));
    const __m128i surrogate = _mm_set1_epi16(short(0xd800));
    const auto surrogatesAt = [&](qsizetype at) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + at));
        return _mm_cmpeq_epi16(_mm_and_si128(v, mask), surrogate);
    };
    for (; i + 32 <= n; i += 32) {
        const __m128i any = _mm_or_si128(_mm_or_si128(surrogatesAt(i), surrogatesAt(i + 8)),
                _mm_or_si128(surrogatesAt(i + 16), surrogatesAt(i + 24)));
        if (_mm_movemask_epi8(any))
            return false;
    }
    for (; i + 8 <= n; i += 8) {
        if (_mm_movemask_epi8(surrogatesAt(i)))
            return false;
    }
    // The rest, fewer than eight, as the text's last eight: no read past it, and no loop.
    if (i < n && n >= 8)
        return _mm_movemask_epi8(surrogatesAt(n - 8)) == 0;
#endif
    for (; i < n; ++i) {
        if ((p[i] & 0xf800) == 0xd800)
            return false;
    }
    return true;
}

namespace {

// The innermost ValidatedText of this thread that holds no surrogate; null when none.
thread_local const char16_t *validBegin = nullptr;
thread_local const char16_t *validEnd = nullptr;

} // namespace

ValidatedText::ValidatedText(QStringView text)
    : m_previousBegin(validBegin)
    , m_previousEnd(validEnd)
{
    // A text with a surrogate leaves the outer one (still alive, still valid) in force.
    if (!text.isNull() && surrogateFree(text)) {
        validBegin = text.utf16();
        validEnd = text.utf16() + text.size();
    }
}

ValidatedText::~ValidatedText()
{
    validBegin = m_previousBegin;
    validEnd = m_previousEnd;
}

bool ValidatedText::holds(QStringView subject)
{
    // std::less: a total order even for pointers into different objects.
    const std::less<const char16_t *> before;
    return validBegin && !subject.isNull() && !before(subject.utf16(), validBegin)
            && !before(validEnd, subject.utf16() + subject.size());
}

namespace {

// QRegularExpressionPrivate::compilePattern()'s options: PCRE2_UTF always, the pattern
// options one to one.
quint32 compileOptions(Regex::PatternOptions options)
{
    static constexpr std::pair<QRegularExpression::PatternOption, quint32> flags[] = {
            {QRegularExpression::CaseInsensitiveOption, PCRE2_CASELESS},
            {QRegularExpression::DotMatchesEverythingOption, PCRE2_DOTALL},
            {QRegularExpression::MultilineOption, PCRE2_MULTILINE},
            {QRegularExpression::ExtendedPatternSyntaxOption, PCRE2_EXTENDED},
            {QRegularExpression::InvertedGreedinessOption, PCRE2_UNGREEDY},
            {QRegularExpression::DontCaptureOption, PCRE2_NO_AUTO_CAPTURE},
            {QRegularExpression::UseUnicodePropertiesOption, PCRE2_UCP},
    };
    quint32 out = PCRE2_UTF;
    for (const auto &[option, flag] : flags) {
        if (options & option)
            out |= flag;
    }
    return out;
}

// What each thread matches with, made on its first match and freed when it ends. The JIT
// stack is the one Qt gives a thread once PCRE2's default 32 KiB ran out (32 KiB growing to
// 512 KiB): a match that fits the smaller stack fits this one with the same result, and one
// that needs more is retried on it by Qt too.
struct ThreadMatcher
{
    ThreadMatcher()
        : data(pcre2_match_data_create(RegexMatch::maxGroups, nullptr))
        , context(pcre2_match_context_create(nullptr))
        , stack(pcre2_jit_stack_create(size_t(32) * 1024, size_t(512) * 1024, nullptr))
    {
        pcre2_jit_stack_assign(context, nullptr, stack);
    }
    ~ThreadMatcher()
    {
        pcre2_jit_stack_free(stack);
        pcre2_match_context_free(context);
        pcre2_match_data_free(data);
    }
    ThreadMatcher(const ThreadMatcher &) = delete;
    ThreadMatcher &operator=(const ThreadMatcher &) = delete;

    pcre2_match_data *data;
    pcre2_match_context *context;
    pcre2_jit_stack *stack;
};

ThreadMatcher &threadMatcher()
{
    static thread_local ThreadMatcher matcher;
    return matcher;
}

// pcre2_match() for a compiled pattern: its checks of the arguments and of the pattern cost
// more than many of the matches here take, and a subject known to be valid UTF-16 needs none
// of them, so such a match goes to the JIT's own entry point directly. That entry point checks
// no UTF and supports fewer options; whatever it refuses (an anchored match, a pattern the JIT
// did not compile) takes pcre2_match() as before, which returns what it would then.
int run(const pcre2_code *code, PCRE2_SPTR subject, PCRE2_SIZE length, PCRE2_SIZE offset,
        quint32 options, pcre2_match_data *data, pcre2_match_context *context)
{
    static constexpr quint32 jitOptions = PCRE2_NO_UTF_CHECK | PCRE2_NOTBOL | PCRE2_NOTEOL
            | PCRE2_NOTEMPTY | PCRE2_NOTEMPTY_ATSTART;
    if ((options & PCRE2_NO_UTF_CHECK) && !(options & ~jitOptions) && offset <= length) {
        const int rc = pcre2_jit_match(code, subject, length, offset, options, data, context);
        if (rc != PCRE2_ERROR_JIT_BADOPTION)
            return rc;
    }
    return pcre2_match(code, subject, length, offset, options, data, context);
}

} // namespace

struct Regex::Compiled
{
    ~Compiled() { pcre2_code_free(code); }
    pcre2_code *code = nullptr;
    int errorCode = 0;
    bool tooManyGroups = false;
    // The newline convention, for stepping over a CRLF after an empty match as Qt does.
    bool crlfNewlines = false;
    // JIT-compiled before the first match, not when built: a few of the ~70 patterns are
    // compiled at start-up with others they share a table or a function with, and never run on
    // a given input (14 on the Sisimai corpus), and the JIT costs far more than the compile.
    // The flag spares each match call_once()'s own cost once the JIT is done.
    mutable std::once_flag jitOnce;
    mutable std::atomic<bool> jitDone {false};
};

Regex::Regex(const QString &pattern, PatternOptions options)
    : m_pattern(pattern)
{
    auto compiled = std::make_shared<Compiled>();
    PCRE2_SIZE errorOffset = 0;
    compiled->code =
            pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.utf16()), PCRE2_SIZE(pattern.size()),
                    compileOptions(options), &compiled->errorCode, &errorOffset, nullptr);
    if (compiled->code) {
        compiled->errorCode = 0;
        quint32 groups = 0;
        pcre2_pattern_info(compiled->code, PCRE2_INFO_CAPTURECOUNT, &groups);
        if (groups + 1 > quint32(RegexMatch::maxGroups)) {
            // The per-thread match data holds maxGroups pairs; more would go unreported.
            pcre2_code_free(compiled->code);
            compiled->code = nullptr;
            compiled->tooManyGroups = true;
        } else {
            quint32 newline = 0;
            if (pcre2_pattern_info(compiled->code, PCRE2_INFO_NEWLINE, &newline) != 0)
                pcre2_config(PCRE2_CONFIG_NEWLINE, &newline);
            compiled->crlfNewlines = newline == PCRE2_NEWLINE_CRLF || newline == PCRE2_NEWLINE_ANY
                    || newline == PCRE2_NEWLINE_ANYCRLF;
        }
    }
    m_compiled = std::move(compiled);
}

bool Regex::isValid() const
{
    return m_compiled->code != nullptr;
}

QString Regex::errorString() const
{
    if (m_compiled->tooManyGroups)
        return QStringLiteral("more than %1 capturing groups").arg(RegexMatch::maxGroups - 1);
    const int code = m_compiled->errorCode;
    if (code == 0)
        return QStringLiteral("no error");
    std::array<PCRE2_UCHAR, 256> buffer {};
    const int length = pcre2_get_error_message(code, buffer.data(), buffer.size());
    return length < 0
            ? QStringLiteral("error %1").arg(code)
            : QString::fromUtf16(reinterpret_cast<const char16_t *>(buffer.data()), length);
}

RegexMatch Regex::matchAt(QStringView subject, qsizetype offset, quint32 extra) const
{
    RegexMatch m;
    m.m_subject = subject;
    if (Q_UNLIKELY(!m_compiled->code)) {
        qWarning("Regex::match(): called on an invalid pattern '%s'", qPrintable(m_pattern));
        return m;
    }
    // After this, the code is only read, by any number of threads at once.
    if (Q_UNLIKELY(!m_compiled->jitDone.load(std::memory_order_acquire))) {
        std::call_once(m_compiled->jitOnce, [compiled = m_compiled.get()] {
            pcre2_jit_compile(compiled->code, PCRE2_JIT_COMPLETE);
            compiled->jitDone.store(true, std::memory_order_release);
        });
    }
    ThreadMatcher &t = threadMatcher();
    // A null view has no data pointer; PCRE2 wants one even for an empty subject.
    static const char16_t empty = 0;
    const char16_t *text = subject.isNull() ? &empty : subject.utf16();
    const int rc = run(m_compiled->code, reinterpret_cast<PCRE2_SPTR>(text),
            PCRE2_SIZE(subject.size()), PCRE2_SIZE(offset), extra, t.data, t.context);
    if (rc <= 0)
        return m; // no match, or an error such as an invalid subject: no match either way
    const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(t.data);
    m.m_count = rc;
    for (int i = 0; i < 2 * rc; ++i)
        m.m_offsets[size_t(i)] = ovector[i] == PCRE2_UNSET ? -1 : qsizetype(ovector[i]);
    return m;
}

RegexMatch Regex::match(QStringView subject) const
{
    const bool valid = ValidatedText::holds(subject) || surrogateFree(subject);
    return matchAt(subject, 0, valid ? PCRE2_NO_UTF_CHECK : 0);
}

RegexMatchIterator Regex::globalMatch(QStringView subject) const
{
    return RegexMatchIterator(*this, match(subject));
}

// QRegularExpressionPrivate::doMatch() with a previous match: the subject was checked by the
// first match. After an empty match, a non-empty one anchored where it ended, else a match from
// one character further.
RegexMatch Regex::next(const RegexMatch &previous) const
{
    qsizetype offset = previous.capturedEnd(0);
    const QStringView subject = previous.m_subject;
    if (previous.capturedStart(0) != offset)
        return matchAt(subject, offset, PCRE2_NO_UTF_CHECK);
    RegexMatch m =
            matchAt(subject, offset, PCRE2_NO_UTF_CHECK | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED);
    if (m.hasMatch())
        return m;
    ++offset;
    if (offset < subject.size()
            && ((m_compiled->crlfNewlines && subject[offset - 1] == u'\r'
                        && subject[offset] == u'\n')
                    || subject[offset].isLowSurrogate()))
        ++offset;
    if (offset > subject.size())
        return RegexMatch(); // PCRE2 refuses an offset past the end: no match
    return matchAt(subject, offset, PCRE2_NO_UTF_CHECK);
}

QString Regex::replaced(QStringView subject, QStringView after) const
{
    // QString::replace()'s back references: \N or \NN for a group the pattern has.
    quint32 groups = 0;
    if (m_compiled->code)
        pcre2_pattern_info(m_compiled->code, PCRE2_INFO_CAPTURECOUNT, &groups);
    struct Reference
    {
        qsizetype pos;
        qsizetype len;
        int group;
    };
    QVarLengthArray<Reference, 4> references;
    for (qsizetype i = 0; i + 1 < after.size(); ++i) {
        if (after[i] != u'\\')
            continue;
        int no = after[i + 1].digitValue();
        if (no <= 0 || quint32(no) > groups)
            continue;
        Reference r {i, 2, no};
        if (i + 2 < after.size()) {
            const int second = after[i + 2].digitValue();
            if (second != -1 && quint32(no * 10 + second) <= groups) {
                r.group = no * 10 + second;
                ++r.len;
            }
        }
        references.append(r);
    }
    QString out;
    qsizetype from = 0;
    for (RegexMatchIterator it = globalMatch(subject); it.hasNext();) {
        const RegexMatch m = it.next();
        out += subject.sliced(from, m.capturedStart(0) - from);
        qsizetype literal = 0;
        for (const Reference &r : references) {
            out += after.sliced(literal, r.pos - literal);
            out += m.capturedView(r.group);
            literal = r.pos + r.len;
        }
        out += after.sliced(literal);
        from = m.capturedEnd(0);
    }
    out += subject.sliced(from);
    return out;
}

} // namespace bd
