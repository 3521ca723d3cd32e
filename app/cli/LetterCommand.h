// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include <QCoreApplication>

#include <QStringList>

namespace bd {

// `bounce-doctor-cli letter --kind isp-static-rdns|isp-dul-delist|recipient-allowlist --ip IP
//  [--ptr-wanted NAME] [--domain DOMAIN] [--to EMAIL] [--from EMAIL] [--name NAME] [--org ORG]
//  [--lang en|zh_CN] [--format txt|eml|pdf] [--output FILE] [--json]`, plus the facts the
// wizard would have found: [--ptr-current NAME] [--isp NAME] [--range CIDR] [--asn ASN]
// [--listing NAME] [--recipient-domain DOMAIN].
class LetterCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::LetterCommand)
public:
    LetterCommand(QTextStream &out, QTextStream &err)
        : CliCommand(out, err, "letter")
    {
    }
    int run(const QStringList &arguments);

    // Whether these arguments need a QGuiApplication (PDF output).
};

} // namespace bd
