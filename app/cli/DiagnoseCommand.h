// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace bd {

// `bounce-doctor-cli diagnose [check-ip options] [--format md|html|json] [--output FILE]
//  [--ip IP ...] [--from EMAIL] [--name NAME] [--org ORG] [--ptr-wanted NAME] PATH ...`
class DiagnoseCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::DiagnoseCommand)
public:
    DiagnoseCommand(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

private:
    int usage(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace bd
