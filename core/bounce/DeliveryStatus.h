// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace bd {

// The machine-readable part of a bounce (RFC 3464 message/delivery-status).
struct DeliveryStatus
{
    struct Recipient
    {
        QString finalRecipient;
        QString originalRecipient;
        QString action; // lower case
        QString status;
        QString remoteMta;
        QString diagnosticCode; // without its "smtp;" type
        QString diagnosticType;
    };

    // Recipients past this many are counted, not read.
    static constexpr qsizetype maxRecipients = 1000;

    QString reportingMta;
    QList<Recipient> recipients;
    qsizetype recipientsNotRead = 0;

    static DeliveryStatus parse(QByteArrayView body);
};

} // namespace bd
