#include "state/ImportFile.h"

#include "protocol/Messages.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace caredesk::console {

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("caredesk::console::ImportFile", text);
}

// The longest request id this console sends ("c" and a counter).
constexpr std::string_view kLongestRequestId = "c18446744073709551615";
} // namespace

std::optional<QString> ImportFile::sizeProblem(qint64 bytes) {
    const auto limit = static_cast<qlonglong>(protocol::kMaxImportCsvBytes);
    if (bytes > limit)
        return tr("This file has %L1 bytes; one import takes at most %L2. Split it into smaller "
                  "files, each starting with the header line, and import them one after another.")
            .arg(static_cast<qlonglong>(bytes))
            .arg(limit);
    return std::nullopt;
}

std::optional<QString> ImportFile::problemWith(const QByteArray &csv) {
    if (auto problem = sizeProblem(csv.size()))
        return problem;
    if (csv.trimmed().isEmpty())
        return tr("The file is empty.");
    if (csv.contains('\0'))
        return tr("The file is not text (it holds NUL bytes). Choose a CSV file.");
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString text = utf8.decode(csv);
    if (utf8.hasError())
        return tr("The file is not UTF-8 text. Save it again as \"CSV UTF-8\" and choose it "
                  "again.");
    // Escaping (\" and \r\n) makes the message longer than the file.
    const std::string frame =
        protocol::encode(protocol::ImportCaregivers{csv.toStdString(), true}, kLongestRequestId);
    if (frame.size() > protocol::kMaxMessageBytes)
        return tr("This file is too large to send in one piece once its quotes and line breaks "
                  "are encoded (%L1 bytes; at most %L2). Split it into smaller files, each "
                  "starting with the header line, and import them one after another.")
            .arg(static_cast<qlonglong>(frame.size()))
            .arg(static_cast<qlonglong>(protocol::kMaxMessageBytes));
    return std::nullopt;
}

} // namespace caredesk::console
