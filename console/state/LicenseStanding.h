#pragma once

#include "state/LicenseRow.h"

#include <QDate>
#include <QString>

namespace caredesk::console {

// How a license stands against the calendar: how many days it has left and
// whether it lapses soon enough to warn about. The server says whether a
// license is in force; this only counts days, for highlighting and banners.
class LicenseStanding {
public:
    // Days from today to its last valid day: 0 when it ends today, negative
    // once it has ended.
    static qint64 daysLeft(const LicenseRow &license, const QDate &today);
    // In force, and its last day falls within warnWithinDays of today.
    static bool lapsesSoon(const LicenseRow &license, const QDate &today, int warnWithinDays);
    static int lapsingCount(const LicenseListing &listing, const QDate &today);
    // For a provider's own licenses: what they should be told after signing
    // in (none in force, or some lapsing soon), or an empty string.
    static QString providerWarning(const LicenseListing &own, const QDate &today);
};

} // namespace caredesk::console
