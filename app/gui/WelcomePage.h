// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

namespace bd {

// What the tool does and what it sends where, before anything leaves the machine.
class WelcomePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    int nextId() const override;

signals:
    void sampleRequested();
};

} // namespace bd
