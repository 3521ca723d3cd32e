// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/AtomicFile.h"

#include <QSaveFile>

namespace bd::AtomicFile {

QString write(const QString &path, const QByteArray &data,
        std::optional<QFileDevice::Permissions> permissions)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return f.errorString();
    if (permissions)
        f.setPermissions(*permissions);
    if (f.write(data) != data.size()) {
        QString error = f.errorString();
        f.cancelWriting();
        return error;
    }
    if (!f.commit())
        return f.errorString();
    return {};
}

} // namespace bd::AtomicFile
