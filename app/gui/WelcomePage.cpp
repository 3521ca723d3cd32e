// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/WelcomePage.h"

#include "gui/BounceWizard.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bd {

WelcomePage::WelcomePage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Why does my mail bounce?"));
    setSubTitle(tr("Bounce Doctor reads the bounces, checks your server's IP as receivers see it, "
                   "and walks you to the fix."));

    auto *what =
            new QLabel(tr("<p>Paste or drop the bounce messages your server got back. Bounce "
                          "Doctor tells you, for each "
                          "recipient, what the receiving server objected to, which blocklist or "
                          "provider refused your IP, "
                          "whether it is temporary, and what to do next: send through a relay "
                          "server, have the ISP fix "
                          "the reverse DNS, or ask for delisting.</p>"
                          "<p><b>What leaves this computer:</b> nothing while you read bounces. "
                          "Later steps, when you start "
                          "them, send DNS queries (PTR, blocklists, SPF), WHOIS/RDAP queries about "
                          "your IP, a test "
                          "connection to the relay you name, and, if you ask for it, one "
                          "connection to a public mail server's port 25. Nothing else is sent "
                          "anywhere.</p>"),
                    this);
    what->setObjectName(QStringLiteral("welcomeText"));
    what->setWordWrap(true);
    what->setTextFormat(Qt::RichText);

    auto *sample = new QPushButton(tr("Try it with a sample bounce"), this);
    sample->setObjectName(QStringLiteral("sampleButton"));
    sample->setAccessibleName(tr("Try it with a sample bounce"));
    connect(sample, &QPushButton::clicked, this, &WelcomePage::sampleRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addSpacing(12);
    layout->addWidget(sample, 0, Qt::AlignLeft);
    layout->addStretch(1);
}

int WelcomePage::nextId() const
{
    return BounceWizard::PageBounces;
}

} // namespace bd
