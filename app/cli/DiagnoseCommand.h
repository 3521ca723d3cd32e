// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include <QCoreApplication>

#include <QStringList>

namespace bd {

// `bounce-doctor-cli diagnose [check-ip options] [--format md|html|json] [--output FILE]
//  [--ip IP ...] [--from EMAIL] [--name NAME] [--org ORG] [--ptr-wanted NAME] PATH ...`
class DiagnoseCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::DiagnoseCommand)
public:
    DiagnoseCommand(QTextStream &out, QTextStream &err)
        : CliCommand(out, err, "diagnose")
    {
    }
    int run(const QStringList &arguments);
};

} // namespace bd
