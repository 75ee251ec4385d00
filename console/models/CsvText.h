#pragma once

#include <QString>
#include <QStringList>

namespace caredesk::console {

// RFC 4180 CSV for files admins open in a spreadsheet.
class CsvText {
public:
    // One field: quoted when it holds a quote, comma or line break; a field a
    // spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe.
    static QString field(QString text);
    // One record, CRLF-terminated.
    static QString record(const QStringList &fields);
};

} // namespace caredesk::console
