// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>

#include <cstdio>

namespace bd {

// stdout/stderr for the CLI's text. Bounce diagnostics, relay banners, PTR names and registry
// answers are remote text: an ESC, BEL or CSI in them would retitle or clear the terminal, or
// move the cursor to print a fake "all good". Every C0 control but tab and newline is shown as
// \xNN, every C1 control (U+0080–U+009F) as \u00NN; a CR before LF is dropped. JSON never
// carries these raw (its serializer escapes them), and \u00NN is a valid JSON escape anyway,
// so one filter serves both. writeRaw() is for byte-exact output such as an .eml on stdout.
class TerminalSafeDevice : public QIODevice
{
public:
    explicit TerminalSafeDevice(FILE *stream);
    ~TerminalSafeDevice() override;

    // `bytes` as they are, after everything filtered so far.
    void writeRaw(const QByteArray &bytes);
    // The filter on its own, for tests and for text that leaves some other way.
    static QByteArray visible(const QByteArray &utf8);

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    QByteArray filter(const char *data, qint64 size);
    void put(const QByteArray &bytes);

    FILE *m_stream;
    // A CR or the lead byte 0xC2 of a possible C1 control at the end of the last chunk.
    char m_pending = 0;
};

} // namespace bd
