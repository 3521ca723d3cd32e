// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bd::test {

// The Latin words a Chinese reader may meet in Chinese output: product and protocol names,
// commands, parameters and the values a user types, one a line in
// tests/data/zh-latin-allowed.txt ("#" starts a comment). A line may be a hyphenated name as a
// whole ("bounce-doctor-cli", "isp-static-rdns"); its parts alone are not allowed by it.
inline QSet<QString> allowedLatinWords()
{
    QSet<QString> words;
    QFile f(QStringLiteral(BD_TEST_DATA "/zh-latin-allowed.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return words;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).section(u'#', 0, 0).trimmed();
        if (!line.isEmpty())
            words.insert(line);
    }
    return words;
}

// The English left in `text`: each Latin word that is not on the allowlist. Never counted:
// - a line with no Chinese in it that starts like a command, a setting or a transcript line
//   (a lower-case word, a digit, "[", "'", "<-", "->", "name ="): verbatim text the admin types
//   or reads in a log, which the program never translates;
// - a host name followed by Chinese ("mail.【你的域名】");
// - a verbatim quote in Chinese quotation marks with nothing but ASCII inside (“starttls”,
//   “No worthy mechs found”): a value to type or a message to look for in a log;
// - a token holding a digit or one of . @ / : _ = < > [ ] { } \ | $ * ~ (hostnames, addresses,
//   codes, paths, parameters, SPF terms), an option (-h, --lang), an all-capital acronym (PTR, SPF,
//   HELO).
// A hyphenated word counts by its parts unless it is allowed as a whole, so a slug such as
// "ip-blocklist" is caught.
inline QStringList strayLatinWords(const QString &text, const QSet<QString> &allowed)
{
    static const QRegularExpression han(
            QStringLiteral(R"([\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}])"));
    static const QRegularExpression verbatimLine(
            QStringLiteral(R"(^\s*([a-z0-9\['/]|<-|->|[A-Za-z0-9_.-]+\s*=))"));
    // A host name that goes on in Chinese: "mail.【你的域名】", "mail.域名".
    static const QRegularExpression hostBeforeChinese(
            QStringLiteral(R"([A-Za-z0-9-]+\.(?=[【\x{4e00}-\x{9fff}]))"));
    static const QRegularExpression asciiQuote(QStringLiteral("“[\\x{20}-\\x{7e}]+”"));
    static const QRegularExpression chunks(QStringLiteral(R"([!-~]+)"));
    static const QRegularExpression technical(
            QStringLiteral(R"([0-9@/_=<>\[\]{}\\|$*~]|[.:][A-Za-z0-9])"));
    static const QRegularExpression edge(QStringLiteral("^[(\"'`“‘]+|[)\"'`”’,.;:!?]+$"));
    static const QRegularExpression parts(QStringLiteral("[-'’&+,;!?()\"]+"));
    QStringList stray;
    for (const QString &line : text.split(u'\n')) {
        if (!han.match(line).hasMatch() && verbatimLine.match(line).hasMatch())
            continue;
        QString checked = line;
        checked.replace(asciiQuote, QStringLiteral(" "));
        checked.replace(hostBeforeChinese, QStringLiteral(" "));
        for (auto it = chunks.globalMatch(checked); it.hasNext();) {
            QString chunk = it.next().captured();
            chunk.remove(edge);
            if (chunk.isEmpty() || chunk.startsWith(u'-') || technical.match(chunk).hasMatch()
                    || allowed.contains(chunk))
                continue;
            for (const QString &word : chunk.split(parts, Qt::SkipEmptyParts)) {
                if (word.size() < 2 || word == word.toUpper() || allowed.contains(word))
                    continue;
                stray << word;
            }
        }
    }
    return stray;
}

} // namespace bd::test
