// SPDX-License-Identifier: GPL-3.0-or-later
// The generated configuration as files on disk, and masked for the screen.
#include "relay/RelayConfig.h"

#include "relay/RelayReport.h"
#include "util/AtomicFile.h"

#include <QDir>
#include <QFileInfo>

namespace bd {

RelayConfig RelayConfig::masked() const
{
    RelayConfig copy = *this;
    copy.secret.clear();
    if (secret.isEmpty())
        return copy;
    const QString dots = QStringLiteral("••••••••");
    for (ConfigFile &f : copy.files) {
        if (!f.holdsSecret)
            continue;
        f.content.replace(secret, dots);
        f.content.replace(QString::fromLatin1(secret.toUtf8().toBase64()), dots);
    }
    return copy;
}

bool RelayConfig::saveTo(
        const QString &dir, Language lang, QStringList *written, QString *error) const
{
    const auto write = [&](const QString &name, const QByteArray &data, bool secretFile) {
        const QString path = QDir(dir).filePath(name);
        const QString problem = AtomicFile::write(path, data,
                secretFile ? std::optional(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                           : std::nullopt);
        if (!problem.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(path, problem);
            return false;
        }
        if (written)
            *written << path;
        return true;
    };
    for (const ConfigFile &f : files) {
        QString name = QFileInfo(f.path).fileName();
        QString data = f.content;
        if (f.mode == ConfigFile::Mode::Merge) {
            name += QStringLiteral(".smarthost");
            for (const ConfigSetting &s : f.settings)
                data += f.line(s) + u'\n';
        } else if (f.mode == ConfigFile::Mode::Append) {
            name += QStringLiteral(".append");
        }
        if (!write(name, data.toUtf8(), f.holdsSecret))
            return false;
    }
    return write(
            QStringLiteral("README.txt"), RelayReport::configText(masked(), lang).toUtf8(), false);
}

} // namespace bd