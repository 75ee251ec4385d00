#include "models/ProviderStatusText.h"

#include "state/ProviderStatusRow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace caredesk::console {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("ProviderStatusText", text);
}

// A week ahead or back the weekday is enough; further, the date.
constexpr qint64 kDaysNamedByWeekday = 6;

} // namespace

ProviderStanding standingOf(const ProviderStatusRow &provider) {
    using domain::AvailabilityStatus;
    switch (provider.status) {
    case AvailabilityStatus::InVisit:
        return ProviderStanding::InVisit;
    case AvailabilityStatus::Offline:
        return ProviderStanding::Offline;
    case AvailabilityStatus::OnBreak:
        return provider.onShift ? ProviderStanding::OnBreak : ProviderStanding::OffShift;
    case AvailabilityStatus::Available:
        return provider.onShift ? ProviderStanding::Available : ProviderStanding::OffShift;
    }
    return ProviderStanding::Offline;
}

QString providerStatusText(const ProviderStatusRow &provider, qint64 nowMs) {
    switch (standingOf(provider)) {
    case ProviderStanding::Available:
        return tr("Available");
    case ProviderStanding::InVisit:
        return tr("In visit");
    case ProviderStanding::OnBreak:
        return tr("On break");
    case ProviderStanding::Offline:
        return tr("Offline");
    case ProviderStanding::OffShift:
        if (provider.shiftEndsAtMs && *provider.shiftEndsAtMs <= nowMs)
            return tr("Off shift — shift ended %1")
                .arg(timeOfDayText(*provider.shiftEndsAtMs, nowMs));
        if (provider.shiftStartsAtMs && *provider.shiftStartsAtMs > nowMs)
            return tr("Off shift — starts %1").arg(timeOfDayText(*provider.shiftStartsAtMs, nowMs));
        return tr("Off shift");
    }
    return {};
}

QColor standingColour(ProviderStanding standing) {
    switch (standing) {
    case ProviderStanding::Available:
        return {0x2e, 0x7d, 0x4f};
    case ProviderStanding::InVisit:
        return {0x1f, 0x5f, 0xa8};
    case ProviderStanding::OnBreak:
        return {0xd9, 0x8e, 0x00};
    case ProviderStanding::Offline:
    case ProviderStanding::OffShift:
        return {0x8a, 0x91, 0x99};
    }
    return {};
}

QString shiftText(const ProviderStatusRow &provider, qint64 nowMs) {
    const auto &starts = provider.shiftStartsAtMs;
    const auto &ends = provider.shiftEndsAtMs;
    if (starts && ends)
        return tr("%1–%2").arg(timeOfDayText(*starts, nowMs), timeOfDayText(*ends, nowMs));
    if (ends)
        return tr("until %1").arg(timeOfDayText(*ends, nowMs));
    if (starts)
        return tr("from %1").arg(timeOfDayText(*starts, nowMs));
    return {};
}

QString timeOfDayText(qint64 atMs, qint64 nowMs) {
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs).toLocalTime();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime().date();
    const QLocale locale;
    const QString time = locale.toString(at.time(), hourMinuteFormat());
    const qint64 days = today.daysTo(at.date());
    if (days == 0)
        return time;
    const QString day = std::abs(days) <= kDaysNamedByWeekday
                            ? locale.dayName(at.date().dayOfWeek(), QLocale::ShortFormat)
                            : locale.toString(at.date(), QLocale::ShortFormat);
    return tr("%1 %2").arg(day, time);
}

QString hourMinuteFormat() {
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    static const QRegularExpression seconds(QStringLiteral("[:.]ss?"));
    format.remove(seconds);
    return format;
}

} // namespace caredesk::console
