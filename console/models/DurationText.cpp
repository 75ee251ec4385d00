#include "models/DurationText.h"

#include <QCoreApplication>
#include <algorithm>

namespace caredesk::console {

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("DurationText", text);
}
} // namespace

QString clockText(qint64 seconds) {
    seconds = std::max<qint64>(seconds, 0);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = seconds / 60 % 60;
    const qint64 rest = seconds % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

QString estimateText(qint64 seconds) {
    if (seconds < 60)
        return tr("< 1 min");
    // Rounded up: an estimate that errs is better long than short.
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace caredesk::console
