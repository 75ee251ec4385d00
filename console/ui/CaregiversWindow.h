#pragma once

#include "state/CaregiverAccountRow.h"
#include "state/ImportOutcome.h"
#include "state/LicenseRow.h"
#include "state/RequestFailure.h"
#include "ui/CaregiverDialog.h"
#include "ui/InvitationDialog.h"
#include "ui/LicenseDialog.h"

#include <QDialog>
#include <QPointer>
#include <functional>

class QTabWidget;

namespace caredesk::console {

class CaregiverImportPage;
class CaregiverPeoplePage;
class CaregiverTableModel;
class LicensePage;
class LicenseTableModel;

// Where admins onboard caregivers: People (accounts, invitations,
// deactivation), Licenses (state licenses and their review) and Import (many
// at once from a CSV file). It only shows and asks: every change goes out as
// a signal, and the show*() calls bring the server's answers back.
class CaregiversWindow : public QDialog {
    Q_OBJECT

public:
    // Asked before something that is not quietly undone; true: go ahead.
    using Question = std::function<bool(const QString &title, const QString &text)>;

    explicit CaregiversWindow(QWidget *parent = nullptr);
    ~CaregiversWindow() override;

    CaregiverPeoplePage &people() const { return *m_people; }
    LicensePage &licenses() const { return *m_licenses; }
    CaregiverImportPage &importPage() const { return *m_import; }
    CaregiverTableModel &caregiverModel() const { return *m_caregiverModel; }
    LicenseTableModel &licenseModel() const { return *m_licenseModel; }
    QTabWidget *tabs() const { return m_tabs; }
    // The form or code on screen, if any.
    CaregiverDialog *caregiverDialog() const { return m_caregiverDialog; }
    LicenseDialog *licenseDialog() const { return m_licenseDialog; }
    InvitationDialog *invitationDialog() const { return m_invitationDialog; }

    void setQuestion(Question question);
    // The signed-in admin, whose own account is not deactivated or reset here.
    void setOwnId(qint64 id);
    // State codes offered in the license form.
    void setKnownStates(const QStringList &codes) { m_states = codes; }
    // Asks for the accounts and licenses again.
    void reload();
    // Forgets everything shown, codes included (someone else may sign in next).
    void clear();

    void openNewCaregiver();
    void openEditCaregiver(qint64 id);
    void openNewLicense();
    void openEditLicense(qint64 id);

    void showCaregivers(const QList<caredesk::console::CaregiverAccountRow> &caregivers);
    void showCaregiversFailed(const caredesk::console::RequestFailure &failure);
    void showCaregiverSaved(const caredesk::console::CaregiverAccountRow &caregiver);
    void showInvitation(const caredesk::console::CaregiverInvitation &invitation);
    void showCaregiverFailed(caredesk::console::CaregiverRequest request, qint64 id,
                             const caredesk::console::RequestFailure &failure);
    void showLicenses(const caredesk::console::LicenseListing &listing);
    void showLicensesFailed(const caredesk::console::RequestFailure &failure);
    void showLicenseSaved(const caredesk::console::LicenseRow &license);
    void showLicenseSaveFailed(const caredesk::console::RequestFailure &failure);
    void showImportReport(const caredesk::console::ImportOutcome &outcome);
    void showImportFailed(const caredesk::console::RequestFailure &failure);

signals:
    void caregiversRequested();
    void createRequested(const QString &username,
                         const caredesk::console::CaregiverProfileDraft &profile);
    void updateRequested(qint64 id, qint64 expectedVersion,
                         const caredesk::console::CaregiverProfileDraft &profile);
    void activeChangeRequested(qint64 id, bool active);
    void accessResetRequested(qint64 id);
    void licensesRequested();
    void licenseSaveRequested(const caredesk::console::LicenseDraft &license);
    void importRequested(const QByteArray &csv, bool apply);

private:
    void reviewLicense(qint64 id, const QString &status, const QString &note);
    void updateLicenseTab(int lapsing);
    QList<CaregiverAccountRow> providers() const;

    CaregiverTableModel *m_caregiverModel;
    LicenseTableModel *m_licenseModel;
    QTabWidget *m_tabs;
    CaregiverPeoplePage *m_people;
    LicensePage *m_licenses;
    CaregiverImportPage *m_import;
    QPointer<CaregiverDialog> m_caregiverDialog;
    QPointer<LicenseDialog> m_licenseDialog;
    QPointer<InvitationDialog> m_invitationDialog;
    QStringList m_states;
    Question m_question;
    bool m_reviewPending = false; // a Verify / Reject sent without a form
};

} // namespace caredesk::console
