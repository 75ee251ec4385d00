#include "ui/CaregiversWindow.h"

#include "models/CaregiverTableModel.h"
#include "models/LicenseTableModel.h"
#include "ui/CaregiverDialog.h"
#include "ui/CaregiverImportPage.h"
#include "ui/CaregiverPeoplePage.h"
#include "ui/InvitationDialog.h"
#include "ui/LicenseDialog.h"
#include "ui/LicensePage.h"

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {
enum Tab { PeopleTab, LicensesTab, ImportTab };
} // namespace

CaregiversWindow::CaregiversWindow(QWidget *parent)
    : QDialog(parent)
    , m_caregiverModel(new CaregiverTableModel(this))
    , m_licenseModel(new LicenseTableModel(this))
    , m_tabs(new QTabWidget(this))
    , m_people(new CaregiverPeoplePage(*m_caregiverModel, this))
    , m_licenses(new LicensePage(*m_licenseModel, this))
    , m_import(new CaregiverImportPage(this)) {
    setObjectName(QStringLiteral("caregiversWindow"));
    setWindowTitle(tr("Caregivers"));
    m_question = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };
    m_people->setQuestion(m_question);

    m_tabs->setObjectName(QStringLiteral("caregiverTabs"));
    m_tabs->addTab(m_people, tr("People"));
    m_tabs->addTab(m_licenses, tr("Licenses"));
    m_tabs->addTab(m_import, tr("Import"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *reloadButton = buttons->addButton(tr("Reload"), QDialogButtonBox::ResetRole);
    reloadButton->setObjectName(QStringLiteral("reloadCaregivers"));
    connect(reloadButton, &QPushButton::clicked, this, &CaregiversWindow::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(1120, 640);

    connect(m_people, &CaregiverPeoplePage::newRequested, this,
            &CaregiversWindow::openNewCaregiver);
    connect(m_people, &CaregiverPeoplePage::editRequested, this,
            &CaregiversWindow::openEditCaregiver);
    connect(m_people, &CaregiverPeoplePage::activeChangeRequested, this,
            &CaregiversWindow::activeChangeRequested);
    connect(m_people, &CaregiverPeoplePage::accessResetRequested, this,
            &CaregiversWindow::accessResetRequested);
    connect(m_licenses, &LicensePage::addRequested, this, &CaregiversWindow::openNewLicense);
    connect(m_licenses, &LicensePage::editRequested, this, &CaregiversWindow::openEditLicense);
    connect(m_licenses, &LicensePage::reviewRequested, this, &CaregiversWindow::reviewLicense);
    connect(m_licenses, &LicensePage::lapsingCountChanged, this,
            &CaregiversWindow::updateLicenseTab);
    connect(m_import, &CaregiverImportPage::importRequested, this,
            &CaregiversWindow::importRequested);
}

CaregiversWindow::~CaregiversWindow() = default;

void CaregiversWindow::setQuestion(Question question) {
    m_question = std::move(question);
    m_people->setQuestion(m_question);
}

void CaregiversWindow::setOwnId(qint64 id) {
    m_people->setOwnId(id);
}

void CaregiversWindow::reload() {
    m_people->showStatus(tr("Loading…"));
    m_licenses->showStatus({});
    emit caregiversRequested();
    emit licensesRequested();
}

void CaregiversWindow::clear() {
    for (QDialog *dialog :
         std::initializer_list<QDialog *>{m_caregiverDialog, m_licenseDialog, m_invitationDialog}) {
        if (dialog)
            dialog->reject();
    }
    m_caregiverModel->setRows({});
    m_licenseModel->setListing({});
    m_import->clear();
    m_people->showStatus({});
    m_licenses->showStatus({});
    m_reviewPending = false;
}

QList<CaregiverAccountRow> CaregiversWindow::providers() const {
    QList<CaregiverAccountRow> providers;
    for (const CaregiverAccountRow &row : m_caregiverModel->rows()) {
        if (row.active && row.hasRole(QStringLiteral("provider")))
            providers.append(row);
    }
    std::sort(providers.begin(), providers.end(), [](const auto &a, const auto &b) {
        return a.displayName.compare(b.displayName, Qt::CaseInsensitive) < 0;
    });
    return providers;
}

void CaregiversWindow::openNewCaregiver() {
    if (m_caregiverDialog)
        m_caregiverDialog->reject();
    auto *dialog = new CaregiverDialog(std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_caregiverDialog = dialog;
    connect(dialog, &CaregiverDialog::saveRequested, this,
            [this, dialog] { emit createRequested(dialog->username(), dialog->profile()); });
    dialog->open();
}

void CaregiversWindow::openEditCaregiver(qint64 id) {
    const CaregiverAccountRow *account = m_caregiverModel->account(id);
    if (!account)
        return;
    if (m_caregiverDialog)
        m_caregiverDialog->reject();
    auto *dialog = new CaregiverDialog(*account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_caregiverDialog = dialog;
    connect(dialog, &CaregiverDialog::saveRequested, this, [this, dialog] {
        emit updateRequested(dialog->caregiverId(), dialog->version(), dialog->profile());
    });
    dialog->open();
}

void CaregiversWindow::openNewLicense() {
    if (m_licenseDialog)
        m_licenseDialog->reject();
    auto *dialog = new LicenseDialog(providers(), m_states, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_licenseDialog = dialog;
    connect(dialog, &LicenseDialog::saveRequested, this,
            [this, dialog] { emit licenseSaveRequested(dialog->draft()); });
    dialog->open();
}

void CaregiversWindow::openEditLicense(qint64 id) {
    const LicenseRow *license = m_licenseModel->license(id);
    if (!license)
        return;
    if (m_licenseDialog)
        m_licenseDialog->reject();
    auto *dialog = new LicenseDialog(providers(), m_states, *license, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_licenseDialog = dialog;
    connect(dialog, &LicenseDialog::saveRequested, this,
            [this, dialog] { emit licenseSaveRequested(dialog->draft()); });
    dialog->open();
}

void CaregiversWindow::reviewLicense(qint64 id, const QString &status, const QString &note) {
    const LicenseRow *license = m_licenseModel->license(id);
    if (!license)
        return;
    LicenseDraft draft;
    draft.id = license->id;
    draft.expectedVersion = license->version;
    draft.caregiverId = license->caregiverId;
    draft.state = license->state;
    draft.number = license->number;
    draft.type = license->type;
    draft.issuedOn = license->issuedOn;
    draft.expiresOn = license->expiresOn;
    draft.status = status;
    draft.reviewNote = note;
    m_reviewPending = true;
    emit licenseSaveRequested(draft);
}

void CaregiversWindow::updateLicenseTab(int lapsing) {
    m_tabs->setTabText(LicensesTab,
                       lapsing == 0 ? tr("Licenses") : tr("Licenses (%1 lapsing)").arg(lapsing));
}

void CaregiversWindow::showCaregivers(const QList<CaregiverAccountRow> &caregivers) {
    const auto kept = m_people->selected();
    m_caregiverModel->setRows(caregivers);
    if (kept)
        m_people->selectAccount(kept->id);
    int deactivated = 0;
    int invited = 0;
    for (const CaregiverAccountRow &row : caregivers) {
        deactivated += row.active ? 0 : 1;
        invited += row.active && row.accountStatus == QLatin1String("invited") ? 1 : 0;
    }
    m_people->showStatus(
        tr("%n account(s)", nullptr, static_cast<int>(caregivers.size())) +
        tr(": %1 waiting for activation, %2 deactivated.").arg(invited).arg(deactivated));
}

void CaregiversWindow::showCaregiversFailed(const RequestFailure &failure) {
    m_people->showStatus(failure.code == QLatin1String("forbidden")
                             ? tr("Only admins manage caregivers.")
                             : tr("Could not load the caregivers: %1").arg(failure.message),
                         true);
}

void CaregiversWindow::showCaregiverSaved(const CaregiverAccountRow &caregiver) {
    const CaregiverAccountRow *before = m_caregiverModel->account(caregiver.id);
    const bool activeChanged = before && before->active != caregiver.active;
    const bool rolesChanged = before && before->roles != caregiver.roles;
    m_caregiverModel->upsert(caregiver);
    if (m_caregiverDialog && m_caregiverDialog->caregiverId() == caregiver.id &&
        m_caregiverDialog->isBusy())
        m_caregiverDialog->accept();
    if (activeChanged && !caregiver.active)
        m_people->showStatus(tr("Deactivated %1: their sessions have ended and they can no "
                                "longer sign in.")
                                 .arg(caregiver.displayName));
    else if (activeChanged)
        m_people->showStatus(tr("Reactivated %1.").arg(caregiver.displayName));
    else
        m_people->showStatus(rolesChanged ? tr("Saved %1. Their roles changed, so they sign in "
                                               "again to work with the new ones.")
                                                .arg(caregiver.displayName)
                                          : tr("Saved %1.").arg(caregiver.displayName));
    m_people->selectAccount(caregiver.id);
    // Who is a provider, and who is active, decides who lacks a license.
    if (activeChanged || rolesChanged)
        emit licensesRequested();
}

void CaregiversWindow::showInvitation(const CaregiverInvitation &invitation) {
    const bool created = !m_caregiverModel->account(invitation.caregiver.id);
    m_caregiverModel->upsert(invitation.caregiver);
    if (m_caregiverDialog && m_caregiverDialog->isNew() && m_caregiverDialog->isBusy())
        m_caregiverDialog->accept();
    m_tabs->setCurrentIndex(PeopleTab);
    m_people->selectAccount(invitation.caregiver.id);
    m_people->showStatus(
        created
            ? tr("Created %1. Pass the activation code on.").arg(invitation.caregiver.displayName)
            : tr("Reset the access of %1: their password no longer works. "
                 "Pass the new activation code on.")
                  .arg(invitation.caregiver.displayName));
    if (m_invitationDialog)
        m_invitationDialog->reject();
    auto *dialog = new InvitationDialog(invitation, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_invitationDialog = dialog;
    dialog->open();
    if (created && invitation.caregiver.hasRole(QStringLiteral("provider")))
        emit licensesRequested(); // a new provider without a license
}

void CaregiversWindow::showCaregiverFailed(CaregiverRequest request, qint64 id,
                                           const RequestFailure &failure) {
    const bool formRequest =
        request == CaregiverRequest::Create || request == CaregiverRequest::Update;
    if (formRequest && m_caregiverDialog && m_caregiverDialog->isBusy()) {
        m_caregiverDialog->showFailure(failure);
        const bool changedSinceRead = failure.code == QLatin1String("conflict") &&
                                      failure.field != QLatin1String("body.username");
        if (changedSinceRead &&
            m_question(tr("Changed by someone else"),
                       tr("Someone else changed this account since you opened it. Reload the "
                          "list now? What you typed in this form is discarded; open the "
                          "account again to make your change."))) {
            m_caregiverDialog->reject();
            reload();
        }
        return;
    }
    const CaregiverAccountRow *account = m_caregiverModel->account(id);
    const QString who = account ? account->displayName : tr("the caregiver");
    QString text;
    switch (request) {
    case CaregiverRequest::SetActive:
        text = tr("Could not change whether %1 is active: %2").arg(who, failure.message);
        break;
    case CaregiverRequest::ResetAccess:
        text = tr("Could not reset the access of %1: %2").arg(who, failure.message);
        break;
    default:
        text = failure.message;
        break;
    }
    m_people->showStatus(text, true);
}

void CaregiversWindow::showLicenses(const LicenseListing &listing) {
    const auto kept = m_licenses->selected();
    m_licenseModel->setListing(listing);
    if (kept)
        m_licenses->selectLicense(kept->id);
    // The status keeps the outcome of the last change, which a reload follows.
}

void CaregiversWindow::showLicensesFailed(const RequestFailure &failure) {
    m_licenses->showStatus(tr("Could not load the licenses: %1").arg(failure.message), true);
}

void CaregiversWindow::showLicenseSaved(const LicenseRow &license) {
    m_licenseModel->upsert(license);
    const bool review = std::exchange(m_reviewPending, false);
    if (m_licenseDialog && m_licenseDialog->isBusy() && !review)
        m_licenseDialog->accept();
    m_licenses->selectLicense(license.id);
    const QString what =
        tr("%1 %2 of %3").arg(license.state, license.number, license.caregiverName);
    if (review && license.status == QLatin1String("verified"))
        m_licenses->showStatus(
            license.inForce ? tr("Verified %1: it is in force.").arg(what)
                            : tr("Verified %1, but it is not in force (expired).").arg(what));
    else if (review)
        m_licenses->showStatus(tr("Rejected %1.").arg(what));
    else
        m_licenses->showStatus(tr("Saved %1.").arg(what));
    // Who holds a license in force may have changed.
    emit licensesRequested();
}

void CaregiversWindow::showLicenseSaveFailed(const RequestFailure &failure) {
    const bool review = std::exchange(m_reviewPending, false);
    const bool changedSinceRead = failure.code == QLatin1String("conflict") &&
                                  failure.field == QLatin1String("body.expectedVersion");
    if (!review && m_licenseDialog && m_licenseDialog->isBusy())
        m_licenseDialog->showFailure(failure);
    else
        m_licenses->showStatus(tr("Not saved: %1").arg(failure.message), true);
    if (changedSinceRead &&
        m_question(
            tr("Changed by someone else"),
            tr("Someone else changed this license since you read it. Reload the "
               "licenses now?%1")
                .arg(review ? QString() : tr(" What you typed in the form is discarded.")))) {
        if (m_licenseDialog)
            m_licenseDialog->reject();
        emit licensesRequested();
    }
}

void CaregiversWindow::showImportReport(const ImportOutcome &outcome) {
    m_import->showReport(outcome);
    if (outcome.applied)
        reload(); // the accounts and licenses it made
}

void CaregiversWindow::showImportFailed(const RequestFailure &failure) {
    m_import->showFailed(failure);
}

} // namespace caredesk::console
