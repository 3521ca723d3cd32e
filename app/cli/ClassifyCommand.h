// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

#include <QStringList>

namespace bd {

// `bounce-doctor-cli classify [--json] [--lang en|zh_CN] [PATH ...]`
class ClassifyCommand : public CliCommand
{
public:
    ClassifyCommand(QTextStream &out, QTextStream &err)
        : CliCommand(out, err, "classify")
    {
    }
    int run(const QStringList &arguments);
};

} // namespace bd
