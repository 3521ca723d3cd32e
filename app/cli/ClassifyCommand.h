// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace bd {

// `bounce-doctor-cli classify [--json] [--lang en|zh_CN] [PATH ...]`
class ClassifyCommand
{
public:
    ClassifyCommand(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace bd
