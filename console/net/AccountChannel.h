#pragma once

#include "state/CaregiverAccountRow.h"
#include "state/ImportOutcome.h"
#include "state/LicenseRow.h"
#include "state/RequestFailure.h"

#include <QByteArray>
#include <QList>
#include <QObject>

namespace caredesk::console {

class ServerConnection;

// The onboarding traffic of admins (caregiver accounts and their invitations,
// state licenses, bulk import from CSV) and a provider's look at their own
// licenses. Every request ends in exactly one typed signal: its result, or a
// failure carrying the protocol's error name and the body field it names, so
// a form can point at the field. Answers to an older listing are dropped once
// a newer one was asked for.
class AccountChannel : public QObject {
    Q_OBJECT

public:
    explicit AccountChannel(ServerConnection &connection, QObject *parent = nullptr);

    // Every account, deactivated ones included (the window filters).
    void listCaregivers();
    void createCaregiver(const QString &username,
                         const caredesk::console::CaregiverProfileDraft &profile);
    void updateCaregiver(qint64 id, qint64 expectedVersion,
                         const caredesk::console::CaregiverProfileDraft &profile);
    void setCaregiverActive(qint64 id, bool active);
    void resetCaregiverAccess(qint64 id);

    // Admins: everyone's licenses and the providers without one in force.
    void listLicenses();
    // The signed-in provider's own licenses. An admin's listing without a
    // caregiver is everyone's, so an admin who is also a provider names
    // themselves (ownId); a provider's listing is always their own.
    void listOwnLicenses(qint64 ownId, bool isAdmin);
    void saveLicense(const caredesk::console::LicenseDraft &license);

    // apply false: a dry run that changes nothing.
    void importCaregivers(const QByteArray &csv, bool apply);

signals:
    void caregiversListed(const QList<caredesk::console::CaregiverAccountRow> &caregivers);
    void caregiversListFailed(const caredesk::console::RequestFailure &failure);
    // An account after update or (de)activation.
    void caregiverSaved(const caredesk::console::CaregiverAccountRow &caregiver);
    // After create or reset: the one-time code, to be shown once.
    void invitationIssued(const caredesk::console::CaregiverInvitation &invitation);
    // id: the account concerned (0 for a create).
    void caregiverFailed(caredesk::console::CaregiverRequest request, qint64 id,
                         const caredesk::console::RequestFailure &failure);

    void licensesListed(const caredesk::console::LicenseListing &listing);
    void licensesListFailed(const caredesk::console::RequestFailure &failure);
    void ownLicensesListed(const caredesk::console::LicenseListing &listing);
    void licenseSaved(const caredesk::console::LicenseRow &license);
    void licenseSaveFailed(const caredesk::console::RequestFailure &failure);

    void importReported(const caredesk::console::ImportOutcome &outcome);
    void importFailed(const caredesk::console::RequestFailure &failure);

private:
    ServerConnection &m_connection;
    quint64 m_caregiverListing = 0;
    quint64 m_licenseListing = 0;
};

} // namespace caredesk::console
