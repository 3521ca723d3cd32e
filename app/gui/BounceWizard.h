// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizard>

namespace bd {

class BouncesPage;

// The troubleshooting walk, one page per step.
class BounceWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { PageWelcome, PageBounces };

    explicit BounceWizard(QWidget *parent = nullptr);
    ~BounceWizard() override;

    BouncesPage *bouncesPage() const { return m_bouncesPage; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    BouncesPage *m_bouncesPage;
};

} // namespace bd
