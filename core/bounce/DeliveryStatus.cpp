// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/DeliveryStatus.h"

#include "mail/MimeParser.h"
#include "util/TextDecoder.h"

namespace bd {
namespace {

// Where the ';' after a type ("rfc822;") is: within the first 16 characters, after at least
// one, and with no space before it. Else 0: there is no type.
qsizetype typeEnd(QStringView value)
{
    const qsizetype limit = qMin<qsizetype>(value.size(), 16);
    for (qsizetype i = 0; i < limit; ++i) {
        if (value[i] == u';')
            return i;
        if (value[i] == u' ')
            return 0;
    }
    return 0;
}

// "rfc822; user@example.org" -> "user@example.org"; the type is optional in the wild.
QString valueAfterType(QByteArrayView raw, QString *type = nullptr)
{
    QString v = TextDecoder::decodeHeader(raw).trimmed();
    // A type is a short word: only the first characters are looked at, not a long diagnostic.
    const qsizetype semi = typeEnd(v);
    if (semi > 0) {
        if (type)
            *type = QStringView(v).first(semi).trimmed().toString().toLower();
        // Taken off the front of the string itself, which moves its start, not its text.
        v.remove(0, semi + 1);
        return std::move(v).trimmed();
    }
    return v;
}

QString stripAngles(QString address)
{
    address = address.trimmed();
    if (address.startsWith(u'<') && address.endsWith(u'>'))
        address = address.sliced(1, address.size() - 2);
    return address.trimmed();
}

// How many recipient groups a part of the body holds, counted by their first fields only:
// cheap enough for a body of any size.
qsizetype recipientGroupsIn(QByteArrayView text)
{
    qsizetype finals = 0;
    qsizetype actions = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype nl = text.indexOf('\n', pos);
        if (nl < 0)
            nl = text.size();
        const QByteArrayView line = text.sliced(pos, nl - pos);
        if (line.size() > 16 && qstrnicmp(line.data(), "final-recipient:", 16) == 0)
            ++finals;
        else if (line.size() > 7 && qstrnicmp(line.data(), "action:", 7) == 0)
            ++actions;
        pos = nl + 1;
    }
    return qMax(finals, actions);
}

} // namespace

DeliveryStatus DeliveryStatus::parse(QByteArrayView body)
{
    DeliveryStatus dsn;
    qsizetype pos = 0;
    // Copied only when there is a CR to take out; most delivery-status parts have none.
    QByteArray normalized;
    QByteArrayView text = body;
    if (text.contains('\r')) {
        normalized = MimeParser::normalizeLineEndings(body.toByteArray());
        text = normalized;
    }
    // The fields of each group, on the stack: a list per group was an allocation each.
    MimeParser::FieldList fields;
    while (pos < text.size()) {
        if (dsn.recipients.size() >= maxRecipients) {
            dsn.recipientsNotRead = recipientGroupsIn(text.sliced(pos));
            break;
        }
        // Skip blank lines between groups.
        while (pos < text.size() && (text[pos] == '\n' || text[pos] == ' ' || text[pos] == '\t')) {
            const qsizetype nl = text.indexOf('\n', pos);
            const QByteArrayView line = text.sliced(pos, (nl < 0 ? text.size() : nl) - pos);
            if (!line.trimmed().isEmpty())
                break;
            pos = nl < 0 ? text.size() : nl + 1;
        }
        if (pos >= text.size())
            break;
        const qsizetype consumed = MimeParser::parseHeaderBlock(text.sliced(pos), fields);
        if (consumed == 0) {
            const qsizetype nl = text.indexOf('\n', pos);
            pos = nl < 0 ? text.size() : nl + 1;
            continue;
        }
        pos += consumed;
        Recipient r;
        bool isRecipient = false;
        bool perMessage = false;
        QByteArray scratch;
        for (const MimeHeader &f : fields) {
            if (f.is("reporting-mta")) {
                dsn.reportingMta = valueAfterType(f.value(scratch));
                perMessage = true;
            } else if (f.is("final-recipient")) {
                r.finalRecipient = stripAngles(valueAfterType(f.value(scratch)));
                isRecipient = true;
            } else if (f.is("original-recipient")) {
                r.originalRecipient = stripAngles(valueAfterType(f.value(scratch)));
                isRecipient = true;
            } else if (f.is("action")) {
                r.action = TextDecoder::decodeHeader(f.value(scratch)).trimmed().toLower();
                if (const qsizetype sp = r.action.indexOf(u' '); sp > 0)
                    r.action.truncate(sp);
                isRecipient = true;
            } else if (f.is("status")) {
                r.status = TextDecoder::decodeHeader(f.value(scratch)).trimmed();
                if (const qsizetype sp = r.status.indexOf(u' '); sp > 0)
                    r.status.truncate(sp);
            } else if (f.is("remote-mta")) {
                r.remoteMta = valueAfterType(f.value(scratch));
            } else if (f.is("diagnostic-code")) {
                r.diagnosticCode = valueAfterType(f.value(scratch), &r.diagnosticType);
            }
        }
        // Reporting-MTA opens the per-message fields (RFC 3464 2.2); an Action put there by a
        // careless MTA names no recipient.
        if (isRecipient
                && !(perMessage && r.finalRecipient.isEmpty() && r.originalRecipient.isEmpty()))
            dsn.recipients << std::move(r);
    }
    return dsn;
}

} // namespace bd
