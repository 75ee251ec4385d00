#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace caredesk::console {

// A caregiver's account as admins see it, in Qt types.
struct CaregiverAccountRow {
    qint64 id = 0;
    QString username;
    QString displayName;
    QStringList roles; // wire names in the order support, provider, admin
    bool active = true;
    QString email;
    QString phone;
    // "invited" (no password yet), "active" (can sign in) or "deactivated".
    QString accountStatus;
    std::optional<qint64> inviteExpiresAtMs; // the open invitation, if any
    qint64 createdAtMs = 0;
    std::optional<qint64> lastSignInAtMs;
    qint64 version = 1; // what a change must name, so a colleague's edit is not overwritten

    bool hasRole(const QString &role) const { return roles.contains(role); }
    bool operator==(const CaregiverAccountRow &) const = default;
};

// What an admin sets on an account, as typed (the channel sends it as it is;
// the form trims and checks it first).
struct CaregiverProfileDraft {
    QString displayName;
    QStringList roles;
    QString email;
    QString phone;
    bool operator==(const CaregiverProfileDraft &) const = default;
};

// A one-time activation code for an account, just issued (created or reset).
// It exists only here: the server keeps its hash, and the console shows it once.
struct CaregiverInvitation {
    CaregiverAccountRow caregiver;
    QString code;
    qint64 expiresAtMs = 0;
    bool operator==(const CaregiverInvitation &) const = default;
};

// The admin requests on one account, to say which one failed.
enum class CaregiverRequest { Create, Update, SetActive, ResetAccess };

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::CaregiverAccountRow)
Q_DECLARE_METATYPE(caredesk::console::CaregiverProfileDraft)
Q_DECLARE_METATYPE(caredesk::console::CaregiverInvitation)
Q_DECLARE_METATYPE(caredesk::console::CaregiverRequest)
