#include "ui/CaregiversWindow.h"

#include "OnboardingSamples.h"
#include "models/CaregiverTableModel.h"
#include "models/ImportLineModel.h"
#include "models/LicenseTableModel.h"
#include "ui/CaregiverDialog.h"
#include "ui/CaregiverImportPage.h"
#include "ui/CaregiverPeoplePage.h"
#include "ui/InvitationDialog.h"
#include "ui/LicenseDialog.h"
#include "ui/LicensePage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace caredesk::console;
using caredesk::console::test::account;
using caredesk::console::test::license;
using caredesk::console::test::sampleAccounts;

namespace {

QStringList shownUsernames(const CaregiverPeoplePage &page) {
    QStringList names;
    const QAbstractItemModel &model = *page.table()->model();
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.index(row, CaregiverTableModel::UsernameColumn).data().toString());
    return names;
}

void typeInto(QLineEdit *edit, const QString &text) {
    edit->clear();
    QTest::keyClicks(edit, text);
}

bool writeFile(const QString &path, const QByteArray &content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

ImportOutcome preview(const QList<ImportLineRow> &lines, bool apply = false) {
    ImportOutcome outcome;
    outcome.applyRequested = apply;
    outcome.lines = lines;
    for (const ImportLineRow &line : lines) {
        outcome.errors += line.error.isEmpty() ? 0 : 1;
        outcome.caregiversCreated += line.caregiver == QLatin1String("create") ? 1 : 0;
        outcome.licensesCreated += line.license == QLatin1String("create") ? 1 : 0;
        outcome.unchanged += line.caregiver == QLatin1String("unchanged") ? 1 : 0;
    }
    outcome.applied = apply && outcome.errors == 0;
    return outcome;
}

const QByteArray kCsv = "username,display_name,roles,state,license_number,expires_on\n"
                        "nia.brooks,Dr. Nia Brooks,provider,TX,TX-77,2027-01-31\n"
                        "sam,Sam Ortiz,support,,,\n";

} // namespace

// The admins' Caregivers window without a server: what is asked, what is
// checked before sending, and how answers and refusals are shown.
class CaregiversWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // Dates and numbers as an American admin reads them, whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    void peopleHideDeactivatedUnlessAsked();
    void newCaregiverIsCheckedBeforeSending();
    void serverRefusalsAreShownAtTheirField();
    void invitationIsShownOnceWithItsExpiry();
    void deactivationSaysSessionsEndAndRouting();
    void licensesShowLapsingAndProvidersWithout();
    void licenseFormOffersProvidersAndChecksDates();
    void verifyRejectAndConflictReload();
    void importAppliesOnlyAPreviewedCleanFile();
    void importRefusesLargeFilesLocally();
    void appliedImportHandsOutInvitations();
};

void CaregiversWindowTest::peopleHideDeactivatedUnlessAsked() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy reload(&window, &CaregiversWindow::caregiversRequested);
    QSignalSpy licenses(&window, &CaregiversWindow::licensesRequested);
    window.reload();
    QCOMPARE(reload.size(), 1);
    QCOMPARE(licenses.size(), 1);
    window.showCaregivers(sampleAccounts());
    CaregiverPeoplePage &people = window.people();
    // Sorted by name; the deactivated Dr. Okafor hidden.
    QCOMPARE(
        shownUsernames(people),
        (QStringList{QStringLiteral("admin"), QStringLiteral("dr.chen"), QStringLiteral("sam")}));
    QVERIFY2(people.statusText().contains(QLatin1String("1 waiting for activation, 1 deactivated")),
             qPrintable(people.statusText()));
    people.showDeactivatedBox()->setChecked(true);
    QCOMPARE(shownUsernames(people).size(), 4);
    QVERIFY(people.selectAccount(3));
    QCOMPARE(people.activeButton()->text(), QStringLiteral("Reactivate…"));
    QVERIFY(!people.resetButton()->isEnabled()); // reactivate first
    people.showDeactivatedBox()->setChecked(false);
    QCOMPARE(shownUsernames(people).size(), 3);

    // One's own account cannot be deactivated or reset from here.
    window.setOwnId(1);
    QVERIFY(people.selectAccount(1));
    QVERIFY(people.editButton()->isEnabled());
    QVERIFY(!people.activeButton()->isEnabled());
    QVERIFY(!people.resetButton()->isEnabled());
    QVERIFY(people.selectAccount(2));
    QVERIFY(people.activeButton()->isEnabled());
    QCOMPARE(people.activeButton()->text(), QStringLiteral("Deactivate…"));
}

void CaregiversWindowTest::newCaregiverIsCheckedBeforeSending() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCaregivers(sampleAccounts());
    QSignalSpy create(&window, &CaregiversWindow::createRequested);
    QTest::mouseClick(window.people().newButton(), Qt::LeftButton);
    CaregiverDialog *dialog = window.caregiverDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->isNew());
    QVERIFY(!dialog->saveButton()->isEnabled());                        // nothing typed yet
    QCOMPARE(dialog->errorText(QStringLiteral("username")), QString()); // nor said yet

    typeInto(dialog->usernameEdit(), QStringLiteral("nia brooks"));
    QCOMPARE(dialog->errorText(QStringLiteral("username")),
             QStringLiteral("A username uses only letters, digits and . _ - @."));
    typeInto(dialog->usernameEdit(), QStringLiteral("nia.brooks"));
    QCOMPARE(dialog->errorText(QStringLiteral("username")), QString());
    typeInto(dialog->nameEdit(), QStringLiteral("  Dr. Nia Brooks "));
    typeInto(dialog->emailEdit(), QStringLiteral("nia@"));
    QCOMPARE(dialog->errorText(QStringLiteral("email")),
             QStringLiteral("Not an email address (expected name@example.org)."));
    typeInto(dialog->emailEdit(), QStringLiteral("nia.brooks@example.org"));
    typeInto(dialog->phoneEdit(), QStringLiteral("12-34"));
    QVERIFY(dialog->errorText(QStringLiteral("phone")).startsWith(QLatin1String("Not a phone")));
    typeInto(dialog->phoneEdit(), QStringLiteral("+1 (555) 010-2030"));
    QVERIFY(!dialog->saveButton()->isEnabled()); // no role yet
    // Trying anyway says every problem left.
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(create.size(), 0);
    dialog->roleBox(QStringLiteral("provider"))->setChecked(true);
    dialog->roleBox(QStringLiteral("provider"))->setChecked(false);
    QCOMPARE(dialog->errorText(QStringLiteral("roles")),
             QStringLiteral("Choose at least one role."));
    dialog->roleBox(QStringLiteral("provider"))->setChecked(true);
    QVERIFY(dialog->saveButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(create.size(), 1);
    QCOMPARE(create.front().at(0).toString(), QStringLiteral("nia.brooks"));
    const auto profile = create.front().at(1).value<CaregiverProfileDraft>();
    QCOMPARE(profile.displayName, QStringLiteral("Dr. Nia Brooks")); // trimmed
    QCOMPARE(profile.roles, QStringList{QStringLiteral("provider")});
    QCOMPARE(profile.email, QStringLiteral("nia.brooks@example.org"));
    QCOMPARE(profile.phone, QStringLiteral("+1 (555) 010-2030"));
    QVERIFY(dialog->isBusy());
    QVERIFY(!dialog->saveButton()->isEnabled()); // until the server answers
}

void CaregiversWindowTest::serverRefusalsAreShownAtTheirField() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCaregivers(sampleAccounts());
    QSignalSpy create(&window, &CaregiversWindow::createRequested);
    window.openNewCaregiver();
    QPointer<CaregiverDialog> dialog = window.caregiverDialog();
    typeInto(dialog->usernameEdit(), QStringLiteral("dr.chen"));
    typeInto(dialog->nameEdit(), QStringLiteral("Dr. Wei Chen"));
    dialog->roleBox(QStringLiteral("provider"))->setChecked(true);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(create.size(), 1);
    window.showCaregiverFailed(CaregiverRequest::Create, 0,
                               {QStringLiteral("conflict"),
                                QStringLiteral("the username \"dr.chen\" is taken"),
                                QStringLiteral("body.username"), 0});
    QCOMPARE(window.caregiverDialog(), dialog); // still open, nothing typed lost
    QCOMPARE(dialog->errorText(QStringLiteral("username")),
             QStringLiteral("The username dr.chen is taken; choose another."));
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Dr. Wei Chen"));
    QVERIFY(dialog->saveButton()->isEnabled());
    QCOMPARE(dialog->focusWidget(), dialog->usernameEdit());
    typeInto(dialog->usernameEdit(), QStringLiteral("wei.chen"));
    QCOMPARE(dialog->errorText(QStringLiteral("username")), QString());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    window.showCaregiverFailed(CaregiverRequest::Create, 0,
                               {QStringLiteral("out_of_range"),
                                QStringLiteral("not a phone number"), QStringLiteral("body.phone"),
                                0});
    QCOMPARE(dialog->errorText(QStringLiteral("phone")), QStringLiteral("not a phone number"));

    // Editing: a colleague's change since it was read asks to reload.
    QStringList asked;
    bool answer = true;
    window.setQuestion([&](const QString &title, const QString &) {
        asked.append(title);
        return answer;
    });
    QSignalSpy reload(&window, &CaregiversWindow::caregiversRequested);
    QSignalSpy update(&window, &CaregiversWindow::updateRequested);
    window.openEditCaregiver(2);
    QTRY_VERIFY(!dialog); // the earlier form made way
    dialog = window.caregiverDialog();
    QVERIFY(!dialog->isNew());
    QVERIFY(dialog->usernameEdit()->isReadOnly());
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Dr. Wei Chen"));
    QVERIFY(dialog->roleBox(QStringLiteral("provider"))->isChecked());
    dialog->roleBox(QStringLiteral("support"))->setChecked(true);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(update.size(), 1);
    QCOMPARE(update.front().at(0).toLongLong(), 2);
    QCOMPARE(update.front().at(1).toLongLong(), 3); // the version read
    window.showCaregiverFailed(CaregiverRequest::Update, 2,
                               {QStringLiteral("conflict"), QStringLiteral("changed"),
                                QStringLiteral("body.expectedVersion"), 0});
    QCOMPARE(asked, QStringList{QStringLiteral("Changed by someone else")});
    QCOMPARE(reload.size(), 1);
    QTRY_VERIFY(!window.caregiverDialog());

    // Refusals of a button's action go to the page.
    window.showCaregiverFailed(CaregiverRequest::SetActive, 1,
                               {QStringLiteral("forbidden"),
                                QStringLiteral("you cannot deactivate the last admin"),
                                {},
                                0});
    QCOMPARE(window.people().statusText(),
             QStringLiteral("Could not change whether Alex Morgan is active: you cannot "
                            "deactivate the last admin"));
}

void CaregiversWindowTest::invitationIsShownOnceWithItsExpiry() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCaregivers(sampleAccounts());
    QSignalSpy licenses(&window, &CaregiversWindow::licensesRequested);
    window.openNewCaregiver();
    QPointer<CaregiverDialog> form = window.caregiverDialog();
    typeInto(form->usernameEdit(), QStringLiteral("nia.brooks"));
    typeInto(form->nameEdit(), QStringLiteral("Dr. Nia Brooks"));
    form->roleBox(QStringLiteral("provider"))->setChecked(true);
    QTest::mouseClick(form->saveButton(), Qt::LeftButton);

    CaregiverInvitation invitation;
    invitation.caregiver =
        account(7, QStringLiteral("nia.brooks"), QStringLiteral("Dr. Nia Brooks"),
                {QStringLiteral("provider")}, QStringLiteral("invited"));
    invitation.code = QStringLiteral("Zk3v0Qw-9mB2xYt7LpN4sR8uEa1cHd6f");
    invitation.expiresAtMs = QDateTime(QDate(2031, 3, 4), QTime(14, 5)).toMSecsSinceEpoch();
    window.showInvitation(invitation);
    QTRY_VERIFY(!form);           // the form closed once the server agreed
    QCOMPARE(licenses.size(), 1); // a new provider: who lacks a license changed
    QPointer<InvitationDialog> shown = window.invitationDialog();
    QVERIFY(shown);
    QVERIFY(shown->isVisible());
    QCOMPARE(shown->codeText(), invitation.code);
    QVERIFY(shown->codeEdit()->isReadOnly());
    QVERIFY2(shown->expiryText().startsWith(QLatin1String("Valid until Tue 4 Mar 2031 14:05")),
             qPrintable(shown->expiryText()));
    QVERIFY(shown->expiryText().contains(QLatin1String("local time")));
    const QString once = shown->findChild<QLabel *>(QStringLiteral("invitationOnce"))->text();
    QVERIFY(once.contains(QLatin1String("will not be shown again")));
    QTest::mouseClick(shown->copyButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), invitation.code);
    // The new account is in the list, selected.
    QCOMPARE(window.people().selected()->username, QStringLiteral("nia.brooks"));
    QVERIFY(window.people().statusText().startsWith(QLatin1String("Created Dr. Nia Brooks")));

    // Closed: gone for good.
    shown->reject();
    QTRY_VERIFY(!window.invitationDialog());
    QCOMPARE(window.findChildren<InvitationDialog *>().size(), 0);
}

void CaregiversWindowTest::deactivationSaysSessionsEndAndRouting() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCaregivers(sampleAccounts());
    QString question;
    bool answer = false;
    window.setQuestion([&](const QString &, const QString &text) {
        question = text;
        return answer;
    });
    QSignalSpy active(&window, &CaregiversWindow::activeChangeRequested);
    QSignalSpy reset(&window, &CaregiversWindow::accessResetRequested);
    QSignalSpy licenses(&window, &CaregiversWindow::licensesRequested);
    CaregiverPeoplePage &people = window.people();
    QVERIFY(people.selectAccount(2));
    QTest::mouseClick(people.activeButton(), Qt::LeftButton);
    QVERIFY2(question.contains(QLatin1String("Every session of theirs ends at once")),
             qPrintable(question));
    QVERIFY(question.contains(QLatin1String("they leave routing")));
    QCOMPARE(active.size(), 0); // not confirmed
    answer = true;
    QTest::mouseClick(people.activeButton(), Qt::LeftButton);
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.front().at(0).toLongLong(), 2);
    QCOMPARE(active.front().at(1).toBool(), false);

    CaregiverAccountRow chen = *window.caregiverModel().account(2);
    chen.active = false;
    chen.accountStatus = QStringLiteral("deactivated");
    window.showCaregiverSaved(chen);
    QVERIFY(people.statusText().startsWith(QLatin1String("Deactivated Dr. Wei Chen")));
    QVERIFY(!shownUsernames(people).contains(QStringLiteral("dr.chen")));
    QCOMPARE(licenses.size(), 1);

    // A support person's deactivation says nothing of routing; reset confirms too.
    QVERIFY(people.selectAccount(4));
    QTest::mouseClick(people.activeButton(), Qt::LeftButton);
    QVERIFY(!question.contains(QLatin1String("routing")));
    QVERIFY(people.selectAccount(4));
    QTest::mouseClick(people.resetButton(), Qt::LeftButton);
    QVERIFY(question.contains(QLatin1String("Their password stops working")));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(reset.front().at(0).toLongLong(), 4);
}

void CaregiversWindowTest::licensesShowLapsingAndProvidersWithout() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.licenseModel().setToday(QDate(2024, 6, 1));
    LicenseListing listing;
    listing.warnWithinDays = 30;
    listing.licenses = {
        license(1, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("TX"), QDate(2024, 6, 20)),
        license(2, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("CA"), QDate(2026, 1, 1))};
    listing.licenses[0].inForce = listing.licenses[1].inForce = true;
    listing.providersWithoutLicense = {{5, QStringLiteral("Dr. Nia Brooks")}};
    window.showLicenses(listing);
    LicensePage &page = window.licenses();
    QCOMPARE(page.lapsingText(), QStringLiteral("1 license(s) lapse within 30 days"));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("Licenses (1 lapsing)"));
    QCOMPARE(page.providersWithoutLicense(), QStringList{QStringLiteral("Dr. Nia Brooks")});
    auto *heading = page.findChild<QLabel *>(QStringLiteral("withoutLicenseHeading"));
    QCOMPARE(heading->text(), QStringLiteral("Providers without a usable license (1)"));

    LicenseRow renewed = listing.licenses[0];
    renewed.expiresOn = QDate(2026, 6, 20);
    ++renewed.version;
    window.showLicenseSaved(renewed);
    QCOMPARE(page.lapsingText(), QString());
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("Licenses"));
}

void CaregiversWindowTest::licenseFormOffersProvidersAndChecksDates() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCaregivers(sampleAccounts());
    window.setKnownStates({QStringLiteral("CA"), QStringLiteral("TX")});
    QSignalSpy save(&window, &CaregiversWindow::licenseSaveRequested);
    QTest::mouseClick(window.licenses().addButton(), Qt::LeftButton);
    LicenseDialog *dialog = window.licenseDialog();
    QVERIFY(dialog);
    // Only active providers: not the deactivated Dr. Okafor, not support staff.
    QCOMPARE(dialog->providerBox()->count(), 1);
    QCOMPARE(dialog->providerBox()->itemText(0), QStringLiteral("Dr. Wei Chen (dr.chen)"));
    QCOMPARE(dialog->stateBox()->count(), 2);
    QVERIFY(!dialog->saveButton()->isEnabled());
    dialog->providerBox()->setCurrentIndex(0);
    dialog->stateBox()->setCurrentIndex(1);
    typeInto(dialog->numberEdit(), QStringLiteral("TX-42;"));
    QVERIFY(dialog->errorText(QStringLiteral("number"))
                .startsWith(QLatin1String("A license number uses only")));
    typeInto(dialog->numberEdit(), QStringLiteral("TX-42"));
    dialog->issuedKnown()->setChecked(true);
    dialog->issuedEdit()->setDate(QDate(2024, 2, 1));
    dialog->expiresEdit()->setDate(QDate(2023, 12, 31));
    QCOMPARE(dialog->errorText(QStringLiteral("expiresOn")),
             QStringLiteral("A license cannot expire before it was issued."));
    QVERIFY(!dialog->saveButton()->isEnabled());
    dialog->expiresEdit()->setDate(QDate(2026, 1, 31));
    dialog->statusBox()->setCurrentIndex(1);
    QVERIFY(dialog->saveButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(save.size(), 1);
    const auto draft = save.front().front().value<LicenseDraft>();
    QVERIFY(!draft.id);
    QCOMPARE(draft.caregiverId, 2);
    QCOMPARE(draft.state, QStringLiteral("TX"));
    QCOMPARE(draft.number, QStringLiteral("TX-42"));
    QCOMPARE(draft.issuedOn, QDate(2024, 2, 1));
    QCOMPARE(draft.expiresOn, QDate(2026, 1, 31));
    QCOMPARE(draft.status, QStringLiteral("verified"));
    // Refused for a non-provider: said at the provider.
    window.showLicenseSaveFailed({QStringLiteral("not_a_provider"),
                                  QStringLiteral("Dr. Wei Chen is not a provider"),
                                  QStringLiteral("body.caregiverId"), 0});
    QCOMPARE(dialog->errorText(QStringLiteral("caregiverId")),
             QStringLiteral("Dr. Wei Chen is not a provider"));
    QVERIFY(dialog->isVisible());
}

void CaregiversWindowTest::verifyRejectAndConflictReload() {
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LicenseListing listing;
    listing.licenses = {license(1, 2, QStringLiteral("Dr. Wei Chen"), QStringLiteral("TX"),
                                QDate(2027, 6, 20), QStringLiteral("pending"))};
    window.showLicenses(listing);
    LicensePage &page = window.licenses();
    QSignalSpy save(&window, &CaregiversWindow::licenseSaveRequested);
    QSignalSpy reload(&window, &CaregiversWindow::licensesRequested);
    QVERIFY(!page.verifyButton()->isEnabled()); // nothing chosen
    QVERIFY(page.selectLicense(1));
    QVERIFY(page.verifyButton()->isEnabled());
    QTest::mouseClick(page.verifyButton(), Qt::LeftButton);
    QCOMPARE(save.size(), 1);
    auto draft = save.front().front().value<LicenseDraft>();
    QCOMPARE(draft.id, std::optional<qint64>(1));
    QCOMPARE(draft.expectedVersion, 2);
    QCOMPARE(draft.status, QStringLiteral("verified"));
    QCOMPARE(draft.number, QStringLiteral("TX-1001"));

    LicenseRow verified = listing.licenses[0];
    verified.status = QStringLiteral("verified");
    verified.inForce = true;
    verified.version = 3;
    window.showLicenseSaved(verified);
    QCOMPARE(page.statusText(),
             QStringLiteral("Verified TX TX-1001 of Dr. Wei Chen: it is in force."));
    QCOMPARE(reload.size(), 1); // who lacks a license may have changed
    QVERIFY(!page.verifyButton()->isEnabled());

    // Reject asks why; cancelling sends nothing.
    std::optional<QString> note;
    page.setNoteQuestion([&](const QString &) { return note; });
    QTest::mouseClick(page.rejectButton(), Qt::LeftButton);
    QCOMPARE(save.size(), 1);
    note = QStringLiteral("  Number unknown to the Texas board ");
    QTest::mouseClick(page.rejectButton(), Qt::LeftButton);
    QCOMPARE(save.size(), 2);
    draft = save.back().front().value<LicenseDraft>();
    QCOMPARE(draft.status, QStringLiteral("rejected"));
    QCOMPARE(draft.reviewNote, QStringLiteral("Number unknown to the Texas board"));
    QCOMPARE(draft.expectedVersion, 3);

    // Someone else got there first: offer to reload.
    QString asked;
    window.setQuestion([&](const QString &, const QString &text) {
        asked = text;
        return true;
    });
    window.showLicenseSaveFailed({QStringLiteral("conflict"), QStringLiteral("changed"),
                                  QStringLiteral("body.expectedVersion"), 0});
    QVERIFY(asked.startsWith(QLatin1String("Someone else changed this license")));
    QCOMPARE(reload.size(), 2);
    QVERIFY(page.statusText().startsWith(QLatin1String("Not saved")));
}

void CaregiversWindowTest::importAppliesOnlyAPreviewedCleanFile() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("caregivers.csv"));
    QVERIFY(writeFile(path, kCsv));
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CaregiverImportPage &page = window.importPage();
    QSignalSpy imports(&window, &CaregiversWindow::importRequested);
    QVERIFY(!page.previewButton()->isEnabled());
    QVERIFY(!page.applyButton()->isEnabled());
    page.setOpenPathQuestion([path] { return path; });
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("chooseImportFile")),
                      Qt::LeftButton);
    QCOMPARE(page.fileText(), QStringLiteral("caregivers.csv"));
    QVERIFY(page.previewButton()->isEnabled());
    QVERIFY(!page.applyButton()->isEnabled());

    // A preview with an error: Apply stays off.
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    QCOMPARE(imports.size(), 1);
    QCOMPARE(imports.back().at(0).toByteArray(), kCsv);
    QCOMPARE(imports.back().at(1).toBool(), false);
    QVERIFY(!page.previewButton()->isEnabled()); // one at a time
    window.showImportReport(preview(
        {{2, QStringLiteral("nia.brooks"), QStringLiteral("create"), QStringLiteral("create"), {}},
         {3,
          QStringLiteral("sam"),
          {},
          {},
          QStringLiteral("a role is support, provider or admin")}}));
    QCOMPARE(page.lineModel().rowCount(), 2);
    QVERIFY(page.lineModel().index(1, 0).data(ImportLineModel::HasErrorRole).toBool());
    QVERIFY2(page.summaryText().startsWith(QLatin1String("1 line(s) cannot be applied")),
             qPrintable(page.summaryText()));
    QVERIFY(!page.applyButton()->isEnabled());

    // Corrected and previewed clean: Apply is offered.
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    window.showImportReport(preview(
        {{2, QStringLiteral("nia.brooks"), QStringLiteral("create"), QStringLiteral("create"), {}},
         {3, QStringLiteral("sam"), QStringLiteral("unchanged"), QStringLiteral("none"), {}}}));
    QVERIFY2(
        page.summaryText().startsWith(QLatin1String("Preview of 2 line(s), nothing changed yet")),
        qPrintable(page.summaryText()));
    QVERIFY(page.applyButton()->isEnabled());

    // The file changed on disk since: Apply refuses and asks for a new preview.
    QVERIFY(writeFile(path, kCsv + "lee,Lee Park,support,,,\n"));
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(imports.size(), 2);
    QVERIFY(page.summaryText().startsWith(QLatin1String("The file changed since the preview")));
    QVERIFY(!page.applyButton()->isEnabled());

    // Back as previewed: preview again, then apply exactly that content.
    QVERIFY(writeFile(path, kCsv));
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    window.showImportReport(preview({{2,
                                      QStringLiteral("nia.brooks"),
                                      QStringLiteral("create"),
                                      QStringLiteral("create"),
                                      {}}}));
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(imports.size(), 4);
    QCOMPARE(imports.back().at(0).toByteArray(), kCsv);
    QCOMPARE(imports.back().at(1).toBool(), true);
    // A failure of the whole file says so and offers no Apply.
    window.showImportFailed({QStringLiteral("out_of_range"),
                             QStringLiteral("line 1: the column roles is missing"),
                             QStringLiteral("body.csv"), 0});
    QCOMPARE(page.summaryText(),
             QStringLiteral("Not applied: line 1: the column roles is missing"));
    QVERIFY(!page.applyButton()->isEnabled());
}

void CaregiversWindowTest::importRefusesLargeFilesLocally() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("everyone.csv"));
    QByteArray large = "username,display_name,roles\n";
    for (int i = 0; large.size() <= 60'000; ++i)
        large += QStringLiteral("user%1,Person %1,support\n").arg(i).toUtf8();
    QVERIFY(writeFile(path, large));
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CaregiverImportPage &page = window.importPage();
    QSignalSpy imports(&window, &CaregiversWindow::importRequested);
    page.chooseFile(path);
    QVERIFY2(page.summaryText().contains(QLatin1String("Split it into smaller files")),
             qPrintable(page.summaryText()));
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    QCOMPARE(imports.size(), 0); // never sent
    QVERIFY(page.summaryText().contains(QLatin1String("at most 60,000")));
}

void CaregiversWindowTest::appliedImportHandsOutInvitations() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("caregivers.csv"));
    QVERIFY(writeFile(path, kCsv));
    CaregiversWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CaregiverImportPage &page = window.importPage();
    QSignalSpy reload(&window, &CaregiversWindow::caregiversRequested);
    page.chooseFile(path);
    page.preview();
    window.showImportReport(preview(
        {{2, QStringLiteral("nia.brooks"), QStringLiteral("create"), QStringLiteral("create"), {}},
         {3, QStringLiteral("sam"), QStringLiteral("create"), QStringLiteral("none"), {}}}));
    page.apply();
    ImportOutcome applied = preview(
        {{2, QStringLiteral("nia.brooks"), QStringLiteral("create"), QStringLiteral("create"), {}},
         {3, QStringLiteral("sam"), QStringLiteral("create"), QStringLiteral("none"), {}}},
        true);
    const qint64 expires = QDateTime(QDate(2031, 3, 4), QTime(14, 5)).toMSecsSinceEpoch();
    applied.invitations = {{QStringLiteral("nia.brooks"), QStringLiteral("Dr. Nia Brooks"),
                            QStringLiteral("code-nia-0123456789abcdef"), expires},
                           {QStringLiteral("sam"), QStringLiteral("Sam, \"the\" Ortiz"),
                            QStringLiteral("code-sam-0123456789abcdef"), expires}};
    window.showImportReport(applied);
    QVERIFY2(page.summaryText().startsWith(QLatin1String("Applied 2 line(s): 2 account(s) new")),
             qPrintable(page.summaryText()));
    QCOMPARE(reload.size(), 1); // the accounts it made
    QVERIFY(!page.applyButton()->isEnabled());
    QTableWidget *invitations = page.invitationTable();
    QVERIFY(invitations->isVisibleTo(&page));
    QCOMPARE(invitations->rowCount(), 2);
    QCOMPARE(invitations->item(1, 2)->text(), QStringLiteral("code-sam-0123456789abcdef"));

    QTest::mouseClick(page.copyAllButton(), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(
        copied.startsWith(QLatin1String("nia.brooks\tDr. Nia Brooks\tcode-nia-0123456789abcdef\t"
                                        "valid until Tue 4 Mar 2031 14:05")),
        qPrintable(copied));
    QCOMPARE(copied.count(QLatin1Char('\n')), 2);

    const QString saved = folder.filePath(QStringLiteral("invitations.csv"));
    page.setSavePathQuestion([saved] { return saved; });
    QTest::mouseClick(page.saveInvitationsButton(), Qt::LeftButton);
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("username,display_name,activation_code,valid_until"));
    QVERIFY2(lines[2].startsWith(QLatin1String(
                 "sam,\"Sam, \"\"the\"\" Ortiz\",code-sam-0123456789abcdef,2031-03-04T14:05:00")),
             qPrintable(lines[2]));

    // Signing out forgets every code.
    window.clear();
    QCOMPARE(page.invitationTable()->rowCount(), 0);
    QVERIFY(page.invitationsText().isEmpty());
}

QTEST_MAIN(CaregiversWindowTest)
#include "CaregiversWindowTest.moc"
