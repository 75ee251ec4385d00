#include "models/CsvText.h"

namespace caredesk::console {

QString CsvText::field(QString text) {
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char('"')) || text.contains(QLatin1Char(',')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))) {
        text.replace(QLatin1String("\""), QLatin1String("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

QString CsvText::record(const QStringList &fields) {
    QStringList escaped;
    escaped.reserve(fields.size());
    for (const QString &text : fields)
        escaped.append(field(text));
    return escaped.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

} // namespace caredesk::console
