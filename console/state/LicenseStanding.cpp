#include "state/LicenseStanding.h"

#include <QCoreApplication>
#include <QStringList>

namespace caredesk::console {

namespace {
QString tr(const char *text, int n = -1) {
    return QCoreApplication::translate("caredesk::console::LicenseStanding", text, nullptr, n);
}

QString inDays(qint64 days) {
    if (days == 0)
        return tr("its last day is today");
    if (days == 1)
        return tr("tomorrow");
    return tr("in %n days", static_cast<int>(days));
}
} // namespace

qint64 LicenseStanding::daysLeft(const LicenseRow &license, const QDate &today) {
    if (!license.expiresOn.isValid() || !today.isValid())
        return 0;
    return today.daysTo(license.expiresOn);
}

bool LicenseStanding::lapsesSoon(const LicenseRow &license, const QDate &today,
                                 int warnWithinDays) {
    if (!license.inForce)
        return false;
    const qint64 left = daysLeft(license, today);
    return left >= 0 && left <= warnWithinDays;
}

int LicenseStanding::lapsingCount(const LicenseListing &listing, const QDate &today) {
    int count = 0;
    for (const LicenseRow &license : listing.licenses) {
        if (lapsesSoon(license, today, listing.warnWithinDays))
            ++count;
    }
    return count;
}

QString LicenseStanding::providerWarning(const LicenseListing &own, const QDate &today) {
    bool anyInForce = false;
    QStringList lapsing;
    for (const LicenseRow &license : own.licenses) {
        anyInForce = anyInForce || license.inForce;
        if (lapsesSoon(license, today, own.warnWithinDays))
            lapsing.append(tr("%1 %2 ends %3 (%4)")
                               .arg(license.state, license.number,
                                    license.expiresOn.toString(Qt::ISODate),
                                    inDays(daysLeft(license, today))));
    }
    if (!anyInForce)
        return tr("You hold no license in force, so no patient can be routed to you. Ask an "
                  "administrator to record and verify your state licenses.");
    if (lapsing.isEmpty())
        return {};
    return tr("Your license lapses soon: %1. Renew it and send the new expiry date to an "
              "administrator; once it lapses, patients in that state are no longer routed to "
              "you.")
        .arg(lapsing.join(QStringLiteral("; ")));
}

} // namespace caredesk::console
