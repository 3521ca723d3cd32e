// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileDevice>
#include <QString>

#include <optional>

namespace bd::AtomicFile {

// Writes `data` to `path` whole or not at all (QSaveFile): the old file stays as it was until
// the new one is complete, so a crash or a full disk never leaves half a file. `permissions`,
// when given, are set before the file holds anything (secrets). Returns an empty string when
// written, else the reason the system gave ("Permission denied", "No space left on device").
QString write(const QString &path, const QByteArray &data,
        std::optional<QFileDevice::Permissions> permissions = std::nullopt);

} // namespace bd::AtomicFile
