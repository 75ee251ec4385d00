#pragma once

#include "state/CaregiverAccountRow.h"
#include "state/LicenseRow.h"

#include <QDateTime>

namespace caredesk::console::test {

// Accounts and licenses as an admin's Caregivers window would list them.
inline CaregiverAccountRow account(qint64 id, const QString &username, const QString &name,
                                   const QStringList &roles,
                                   const QString &status = QStringLiteral("active")) {
    CaregiverAccountRow row;
    row.id = id;
    row.username = username;
    row.displayName = name;
    row.roles = roles;
    row.accountStatus = status;
    row.active = status != QLatin1String("deactivated");
    row.createdAtMs = 1'700'000'000'000;
    row.version = 3;
    if (status == QLatin1String("invited"))
        row.inviteExpiresAtMs = QDateTime::currentMSecsSinceEpoch() + 72 * 3600 * 1000LL;
    else
        row.lastSignInAtMs = 1'717'000'000'000;
    return row;
}

inline QList<CaregiverAccountRow> sampleAccounts() {
    return {account(1, QStringLiteral("admin"), QStringLiteral("Alex Morgan"),
                    {QStringLiteral("support"), QStringLiteral("admin")}),
            account(2, QStringLiteral("dr.chen"), QStringLiteral("Dr. Wei Chen"),
                    {QStringLiteral("provider")}),
            account(3, QStringLiteral("dr.okafor"), QStringLiteral("Dr. Ada Okafor"),
                    {QStringLiteral("provider")}, QStringLiteral("deactivated")),
            account(4, QStringLiteral("sam"), QStringLiteral("Sam Ortiz"),
                    {QStringLiteral("support")}, QStringLiteral("invited"))};
}

inline LicenseRow license(qint64 id, qint64 caregiverId, const QString &name, const QString &state,
                          const QDate &expires,
                          const QString &status = QStringLiteral("verified")) {
    LicenseRow row;
    row.id = id;
    row.caregiverId = caregiverId;
    row.caregiverName = name;
    row.state = state;
    row.number = QStringLiteral("%1-%2").arg(state).arg(1000 + id);
    row.type = QStringLiteral("MD");
    row.issuedOn = QDate(2020, 1, 15);
    row.expiresOn = expires;
    row.status = status;
    row.inForce = status == QLatin1String("verified") && expires >= QDate::currentDate();
    if (status != QLatin1String("pending")) {
        row.reviewedBy = QStringLiteral("Alex Morgan");
        row.reviewedAtMs = 1'716'000'000'000;
    }
    row.version = 2;
    return row;
}

} // namespace caredesk::console::test
