// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TerminalSafeDevice.h"

#include <QTest>

using namespace bd;

namespace {

// The filter as TerminalSafeDevice's comment states it, one byte at a time.
QByteArray reference(const QByteArray &in)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const uchar c = uchar(in[i]);
        if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n')
            continue;
        if (c < 0x20 && c != '\n' && c != '\t') {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else if (c == 0xc2 && i + 1 < in.size() && uchar(in[i + 1]) >= 0x80
                && uchar(in[i + 1]) <= 0x9f) {
            const uchar next = uchar(in[++i]);
            out += "\\u00";
            out += hex[next >> 4];
            out += hex[next & 0xf];
        } else {
            out += char(c);
        }
    }
    return out;
}

} // namespace

class TstTerminalSafe : public QObject
{
    Q_OBJECT
private slots:
    // Each kind of byte that is not passed through as it is, at every place within and across
    // the sixteen- and eight-byte steps over plain runs.
    void unsafeBytesAnywhere_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QList<QByteArray> kinds {"\x1b", "\x07", QByteArray(1, '\0'), "\r", "\r\n", "\n",
                "\t", "\xc2\x9b", "\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xc2", "\xc3\xa9",
                "\xe4\xb8\xad", "\x7f"};
        const QByteArray plain = "{\"diagnostic\":\"550 5.7.1 blocked using zen.spamhaus.org\"}";
        for (const QByteArray &kind : kinds) {
            for (qsizetype at = 0; at <= 40; ++at) {
                QByteArray bytes = plain;
                bytes.insert(at, kind);
                QTest::addRow("%s at %lld", kind.toHex().constData(), qlonglong(at)) << bytes;
                QTest::addRow("%s at %lld, at the end", kind.toHex().constData(), qlonglong(at))
                        << bytes.first(at + kind.size());
            }
        }
    }
    void unsafeBytesAnywhere()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(TerminalSafeDevice::visible(bytes), reference(bytes));
    }
};

QTEST_GUILESS_MAIN(TstTerminalSafe)
#include "tst_terminalsafe.moc"
