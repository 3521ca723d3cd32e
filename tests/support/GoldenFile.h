// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>

// The expected text of a golden-file test. With BD_UPDATE_GOLDEN=1 in the environment the file
// is first rewritten with `actual`; read the diff like a user before committing it. A missing
// file reads as a line saying so, which no real output equals.
inline QString goldenText(const QString &path, const QString &actual)
{
    if (qEnvironmentVariableIsSet("BD_UPDATE_GOLDEN")) {
        QFile out(path);
        if (out.open(QIODevice::WriteOnly))
            out.write(actual.toUtf8());
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("(no golden file %1)").arg(path);
    return QString::fromUtf8(f.readAll());
}
