// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/JsonDocument.h"

#include "AppInfo.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bd::JsonDocument {

QJsonObject envelope(const QJsonObject &body)
{
    QJsonObject doc = body;
    doc.insert(u"schema", AppInfo::jsonSchema);
    doc.insert(u"tool", QStringLiteral("bounce-doctor"));
    doc.insert(u"version", QString::fromLatin1(AppInfo::version));
    return doc;
}

QByteArray serialize(const QJsonObject &document)
{
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

void appendString(QByteArray &out, QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    // reserve() allocates exactly what it is asked for: asked for at least half as much again,
    // a document built of many strings is not reallocated for every one of them.
    if (const qsizetype needed = out.size() + s.size() + 2; needed > out.capacity())
        out.reserve(qMax(needed, out.capacity() + out.capacity() / 2));
    out.append('"');
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    while (p != end) {
        // Runs of plain ASCII are the common case: append them in one go.
        const char16_t *run = p;
        while (p != end && *p >= 0x20 && *p < 0x80 && *p != u'"' && *p != u'\\')
            ++p;
        if (p != run) {
            const qsizetype n = p - run;
            const qsizetype at = out.size();
            out.resize(at + n);
            char *dst = out.data() + at;
            for (qsizetype i = 0; i < n; ++i)
                dst[i] = char(run[i]);
            continue;
        }
        const char16_t u = *p++;
        if (u < 0x80) {
            out.append('\\');
            switch (u) {
            case u'"':
                out.append('"');
                break;
            case u'\\':
                out.append('\\');
                break;
            case 0x8:
                out.append('b');
                break;
            case 0xc:
                out.append('f');
                break;
            case 0xa:
                out.append('n');
                break;
            case 0xd:
                out.append('r');
                break;
            case 0x9:
                out.append('t');
                break;
            default:
                out.append("u00", 3);
                out.append(hex[u >> 4]);
                out.append(hex[u & 0xf]);
            }
        } else if (u < 0x800) {
            out.append(char(0xc0 | (u >> 6)));
            out.append(char(0x80 | (u & 0x3f)));
        } else if (!QChar::isSurrogate(u)) {
            out.append(char(0xe0 | (u >> 12)));
            out.append(char(0x80 | ((u >> 6) & 0x3f)));
            out.append(char(0x80 | (u & 0x3f)));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            out.append(char(0xf0 | (c >> 18)));
            out.append(char(0x80 | ((c >> 12) & 0x3f)));
            out.append(char(0x80 | ((c >> 6) & 0x3f)));
            out.append(char(0x80 | (c & 0x3f)));
        } else {
            out.append("\\u", 2);
            out.append(hex[(u >> 12) & 0xf]);
            out.append(hex[(u >> 8) & 0xf]);
            out.append(hex[(u >> 4) & 0xf]);
            out.append(hex[u & 0xf]);
        }
    }
    out.append('"');
}

void appendStringOrNull(QByteArray &out, QStringView s)
{
    if (s.isEmpty())
        out.append("null", 4);
    else
        appendString(out, s);
}

void appendStringArray(QByteArray &out, const QStringList &list)
{
    out.append('[');
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendString(out, list[i]);
    }
    out.append(']');
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

} // namespace bd::JsonDocument
