#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace caredesk::console {

// Whether a CSV file can go to the server as one import: it travels in one
// message, so its size is capped (the protocol's kMaxImportCsvBytes, and the
// frame limit once its quotes and line breaks are escaped), and it must be
// UTF-8 text. Said before anything is sent, with what to do about it.
class ImportFile {
public:
    // Why the file cannot be sent, or nullopt when it can.
    static std::optional<QString> problemWith(const QByteArray &csv);
    // Why a file of this many bytes cannot be sent, or nullopt when its size is fine.
    static std::optional<QString> sizeProblem(qint64 bytes);
};

} // namespace caredesk::console
