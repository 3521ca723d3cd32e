// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/PasswordStore.h"

#include "AppInfo.h"

#ifdef BD_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace bd {

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{
}

bool PasswordStore::compiledIn()
{
#ifdef BD_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString PasswordStore::keyFor(const QString &user, const QString &host, int port)
{
    return QStringLiteral("relay:%1@%2:%3").arg(user.trimmed(), host.trimmed().toLower()).arg(port);
}

#ifdef BD_HAVE_KEYCHAIN

namespace {

const QString service = QString::fromLatin1(AppInfo::name);

// QtKeychain's own messages name its back ends; ours say what it means for the user.
QString describe(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return PasswordStore::tr("the keyring refused access");
    case QKeychain::NoBackendAvailable:
        return PasswordStore::tr("no keyring is available on this desktop");
    default:
        return PasswordStore::tr("no keyring answered (%1)").arg(job.errorString());
    }
}

} // namespace

// Jobs have no parent and delete themselves when done: QtKeychain's libsecret back end calls
// back into a job after the answer comes, so a job must outlive the window that asked.
void PasswordStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        emit readDone(key, job->error() == QKeychain::NoError ? job->textData() : QString(),
                describe(*job));
    });
    job->start();
}

void PasswordStore::write(const QString &key, const QString &password)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    job->setTextData(password);
    job->setInsecureFallback(false); // a plain-text file is exactly what must not happen
    connect(job, &QKeychain::Job::finished, this,
            [this, job, key] { emit writeDone(key, describe(*job)); });
    job->start();
}

void PasswordStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key] { emit removeDone(key); });
    job->start();
}

#else

void PasswordStore::read(const QString &key)
{
    emit readDone(key, {}, {});
}

void PasswordStore::write(const QString &key, const QString &)
{
    emit writeDone(key, tr("this build has no keyring support"));
}

void PasswordStore::remove(const QString &key)
{
    emit removeDone(key);
}

#endif

} // namespace bd
