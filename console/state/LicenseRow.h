#pragma once

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace caredesk::console {

// A provider's state license, in Qt types.
struct LicenseRow {
    qint64 id = 0;
    qint64 caregiverId = 0;
    QString caregiverName;
    QString state;      // "TX"
    QString number;     // as issued by the state board
    QString type;       // "MD", "NP", ...; may be empty
    QDate issuedOn;     // invalid: not recorded
    QDate expiresOn;    // valid through that day in the state
    QString status;     // "pending" | "verified" | "rejected"
    QString reviewedBy; // empty: not reviewed
    std::optional<qint64> reviewedAtMs;
    QString reviewNote;
    bool inForce = false; // verified and not expired, as the server judged it now
    qint64 version = 1;
    bool operator==(const LicenseRow &) const = default;
};

struct ProviderWithoutLicenseRow {
    qint64 id = 0;
    QString displayName;
    bool operator==(const ProviderWithoutLicenseRow &) const = default;
};

// A listing of licenses as the server sent it.
struct LicenseListing {
    QList<LicenseRow> licenses;
    // Licenses in force that lapse within this many days deserve a warning.
    int warnWithinDays = 30;
    // Active providers with no license in force anywhere (admins' full listing only).
    QList<ProviderWithoutLicenseRow> providersWithoutLicense;
    bool operator==(const LicenseListing &) const = default;
};

// A license to record (no id) or to replace (id and the version read).
struct LicenseDraft {
    std::optional<qint64> id;
    qint64 expectedVersion = 0;
    qint64 caregiverId = 0;
    QString state;
    QString number;
    QString type;
    QDate issuedOn; // invalid: not recorded
    QDate expiresOn;
    QString status = QStringLiteral("pending");
    QString reviewNote;
    bool operator==(const LicenseDraft &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::LicenseRow)
Q_DECLARE_METATYPE(caredesk::console::LicenseListing)
Q_DECLARE_METATYPE(caredesk::console::LicenseDraft)
