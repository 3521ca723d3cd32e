// SPDX-License-Identifier: GPL-3.0-or-later
// bounce-doctor-pdf: the PDF of one letter, in a process of its own. A PDF needs Qt Gui (fonts,
// QPdfWriter); bounce-doctor-cli does not link it, because loading it cost every call of every
// command about 11 ms and 5 MiB (issue #20). Reads the letter as a JSON object on stdin (kind,
// lang, to, from_email, from_name, subject, body) and writes the PDF to stdout.
#include "letter/Letter.h"
#include "print/LetterPdf.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QFile in;
    if (!in.open(fileno(stdin), QIODevice::ReadOnly))
        return 1;
    const QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
    if (o.value(u"body").toString().isEmpty()) {
        std::fprintf(stderr, "bounce-doctor-pdf: expected a letter as a JSON object on stdin\n");
        return 2;
    }
    bd::Letter letter;
    letter.kind = o.value(u"kind").toString();
    letter.lang = bd::nearestLanguage(o.value(u"lang").toString());
    letter.to = o.value(u"to").toString();
    letter.fromEmail = o.value(u"from_email").toString();
    letter.fromName = o.value(u"from_name").toString();
    letter.subject = o.value(u"subject").toString();
    letter.body = o.value(u"body").toString();
    const QStringList missing = bd::LetterPdf::missingCharacters(letter);
    if (!missing.isEmpty())
        std::fprintf(stderr,
                "warning: no installed font can draw %s; they show as empty boxes in the PDF\n",
                missing.join(QStringLiteral(", ")).toUtf8().constData());
    const QByteArray pdf = bd::LetterPdf::render(letter);
    QFile out;
    if (pdf.isEmpty() || !out.open(fileno(stdout), QIODevice::WriteOnly)
            || out.write(pdf) != pdf.size() || !out.flush())
        return 1;
    return 0;
}
