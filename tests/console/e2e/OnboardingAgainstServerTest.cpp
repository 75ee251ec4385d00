#include "IsolatedSettings.h"
#include "RawProtocolClient.h"
#include "ServerProcess.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"
#include "models/CaregiverTableModel.h"
#include "models/ImportLineModel.h"
#include "models/LicenseTableModel.h"
#include "net/ServerAddress.h"
#include "ui/ActivationDialog.h"
#include "ui/CaregiverDialog.h"
#include "ui/CaregiverImportPage.h"
#include "ui/CaregiverPeoplePage.h"
#include "ui/CaregiversWindow.h"
#include "ui/InvitationDialog.h"
#include "ui/LicenseDialog.h"
#include "ui/LicensePage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#ifndef CAREDESK_SERVER_BINARY
#error "CAREDESK_SERVER_BINARY must name the caredesk-server executable"
#endif

using namespace std::chrono_literals;
using namespace caredesk::console;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::RawProtocolClient;
using caredesk::console::test::ServerProcess;

namespace {

constexpr int kSignInMs = 30'000;
constexpr int kReplyMs = 15'000;
// Revoked sessions end as soon as the revoking transaction commits, and the
// console's resume after the close is refused at once.
constexpr int kSignedOutMs = 30'000;

const QString kUsername = QStringLiteral("nia.brooks");
const QString kPassword = QStringLiteral("copper kettle lantern 42");

ConnectionTimings e2eTimings() {
    ConnectionTimings timings;
    timings.reconnect = {250ms, 2s, 10s};
    return timings;
}

void typeInto(QLineEdit *edit, const QString &text) {
    edit->clear();
    QTest::keyClicks(edit, text);
}

bool writeFile(const QString &path, const QByteArray &content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

void saveShot(QWidget &widget, const QTemporaryDir &folder, const QString &name) {
    QTest::qWait(300); // one full layout and paint pass
    const QString path = ServerProcess::screenshotPath(folder, name);
    QVERIFY2(widget.grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

const CaregiverAccountRow *accountNamed(const CaregiverTableModel &model, const QString &username) {
    for (const CaregiverAccountRow &row : model.rows()) {
        if (row.username == username)
            return &row;
    }
    return nullptr;
}

const LicenseRow *licenseNumbered(const LicenseTableModel &model, const QString &number) {
    for (const LicenseRow &row : model.listing().licenses) {
        if (row.number == number)
            return &row;
    }
    return nullptr;
}

// Two lines in error (an unknown role, a date that does not exist), the rest fine.
const QByteArray kImportWithErrors =
    "username,display_name,roles,email,state,license_number,expires_on,license_type,"
    "license_status\n"
    "lee.park,Dr. Lee Park,provider,lee.park@example.org,WA,WA-LP-3001,2028-05-31,MD,verified\n"
    "lee.park,Dr. Lee Park,provider,lee.park@example.org,OR,OR-LP-3002,2028-06-30,MD,pending\n"
    "rosa.diaz,Rosa Diaz,support,rosa.diaz@example.org,,,,,\n"
    "omar.haddad,Omar Haddad,support;sleeper,,,,,,\n"
    "june.ito,Dr. June Ito,provider,,CA,CA-JI-7710,2028-02-30,DO,pending\n";
const QByteArray kImportClean =
    "username,display_name,roles,email,state,license_number,expires_on,license_type,"
    "license_status\n"
    "lee.park,Dr. Lee Park,provider,lee.park@example.org,WA,WA-LP-3001,2028-05-31,MD,verified\n"
    "lee.park,Dr. Lee Park,provider,lee.park@example.org,OR,OR-LP-3002,2028-06-30,MD,pending\n"
    "rosa.diaz,Rosa Diaz,support,rosa.diaz@example.org,,,,,\n"
    "omar.haddad,Omar Haddad,support,,,,,,\n"
    "june.ito,Dr. June Ito,provider,,CA,CA-JI-7710,2028-02-28,DO,pending\n";

} // namespace

// Onboarding through the console against the real server: the demo admin
// creates a provider, who activates the account from a second console with
// the code and is signed in; the admin records and verifies their license,
// imports more caregivers from a file, and finally deactivates the provider,
// whose console is signed out at once.
class OnboardingAgainstServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void adminCreatesAProviderAndGetsTheCode();
    void newProviderActivatesFromASecondConsole();
    void adminRecordsAndVerifiesTheLicense();
    void importIsPreviewedThenApplied();
    void deactivationSignsTheProviderOut();

private:
    QUrl webSocketUrl() const;
    CaregiversWindow &caregivers() { return m_admin->mainWindow().caregivers(); }

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ServerProcess> m_server;
    QString m_baseUrl;
    QString m_adminPassword;
    std::unique_ptr<ConsoleApplication> m_admin;
    std::unique_ptr<ConsoleApplication> m_provider;
    QString m_code; // the one the admin passed on
    qint64 m_providerId = 0;
};

void OnboardingAgainstServerTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("onboarding-e2e-test"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
    m_folder = ServerProcess::makeFolder(QStringLiteral("caredesk-onboarding-e2e"));
    QVERIFY(m_folder);
    m_server = ServerProcess::inFolder(QStringLiteral(CAREDESK_SERVER_BINARY), *m_folder);
    m_baseUrl = m_server->start();
    QVERIFY2(!m_baseUrl.isEmpty(), m_server->output().right(4000).constData());
    m_adminPassword = m_server->demoPassword();
    QVERIFY2(!m_adminPassword.isEmpty(), "the demo admin password file is missing or empty");

    m_admin = std::make_unique<ConsoleApplication>(e2eTimings());
    LaunchOptions options;
    options.server = m_baseUrl;
    options.username = QStringLiteral("admin");
    options.password = m_adminPassword;
    m_admin->start(options);
    QTRY_COMPARE_WITH_TIMEOUT(m_admin->queueStore().syncStatus(), QueueStore::SyncStatus::Live,
                              kSignInMs);
    QVERIFY(QTest::qWaitForWindowExposed(&m_admin->mainWindow()));
    // Every confirmation is answered yes; what was asked is checked in the gui tests.
    caregivers().setQuestion([](const QString &, const QString &) { return true; });
}

void OnboardingAgainstServerTest::cleanupTestCase() {
    m_provider.reset();
    m_admin.reset();
    if (m_server)
        m_server->stop();
}

void OnboardingAgainstServerTest::cleanup() {
    if (QTest::currentTestFailed() && m_server)
        qWarning("server output (tail):\n%s", m_server->output().right(6000).constData());
}

QUrl OnboardingAgainstServerTest::webSocketUrl() const {
    return ServerAddress::fromUserInput(m_baseUrl)->webSocketUrl();
}

void OnboardingAgainstServerTest::adminCreatesAProviderAndGetsTheCode() {
    MainWindow &main = m_admin->mainWindow();
    auto *open = main.findChild<QPushButton *>(QStringLiteral("openCaregivers"));
    QVERIFY(open);
    QVERIFY(open->isVisible()); // the demo admin is an admin
    QTest::mouseClick(open, Qt::LeftButton);
    CaregiversWindow &window = caregivers();
    QTRY_VERIFY(window.isVisible());
    // The demo accounts, listed by the server.
    QTRY_VERIFY_WITH_TIMEOUT(accountNamed(window.caregiverModel(), QStringLiteral("dr.chen")),
                             kReplyMs);
    QVERIFY(accountNamed(window.caregiverModel(), QStringLiteral("admin")));

    QTest::mouseClick(window.people().newButton(), Qt::LeftButton);
    QPointer<CaregiverDialog> form = window.caregiverDialog();
    QVERIFY(form);
    typeInto(form->usernameEdit(), kUsername);
    typeInto(form->nameEdit(), QStringLiteral("Dr. Nia Brooks"));
    typeInto(form->emailEdit(), QStringLiteral("nia.brooks@example.org"));
    typeInto(form->phoneEdit(), QStringLiteral("+1 512 555 0142"));
    form->roleBox(QStringLiteral("provider"))->setChecked(true);
    QVERIFY(form->saveButton()->isEnabled());
    QTest::mouseClick(form->saveButton(), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(window.invitationDialog(), kReplyMs);
    QTRY_VERIFY(!form); // closed once created
    InvitationDialog &invitation = *window.invitationDialog();
    QVERIFY(invitation.isVisible());
    m_code = invitation.codeText();
    QVERIFY2(m_code.size() >= 16, qPrintable(m_code));
    QVERIFY(invitation.expiryText().startsWith(QLatin1String("Valid until ")));
    QVERIFY(invitation.findChild<QLabel *>(QStringLiteral("invitationOnce"))
                ->text()
                .contains(QLatin1String("will not be shown again")));
    saveShot(invitation, *m_folder, QStringLiteral("console-invitation.png"));
    invitation.reject();
    QTRY_VERIFY(!window.invitationDialog());

    const CaregiverAccountRow *created = accountNamed(window.caregiverModel(), kUsername);
    QVERIFY(created);
    m_providerId = created->id;
    QCOMPARE(created->accountStatus, QStringLiteral("invited"));
    QVERIFY(created->inviteExpiresAtMs);
    QCOMPARE(window.people().selected()->username, kUsername);
    QVERIFY(window.people().statusText().startsWith(QLatin1String("Created Dr. Nia Brooks")));
}

void OnboardingAgainstServerTest::newProviderActivatesFromASecondConsole() {
    QVERIFY2(!m_code.isEmpty(), "needs the code of adminCreatesAProviderAndGetsTheCode");
    m_provider = std::make_unique<ConsoleApplication>(e2eTimings());
    ConsoleApplication &provider = *m_provider;
    QSignalSpy started(&provider.connection(), &ServerConnection::sessionStarted);
    LaunchOptions options;
    options.server = m_baseUrl;
    provider.start(options);
    LoginDialog *login = provider.signInFlow().loginDialog();
    QVERIFY(login);
    QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("haveActivationCode")),
                      Qt::LeftButton);
    ActivationDialog *activation = provider.signInFlow().activationDialog();
    QVERIFY(activation);
    QVERIFY(QTest::qWaitForWindowExposed(activation));
    QCOMPARE(activation->serverText(), m_baseUrl);
    typeInto(activation->codeEdit(), m_code);
    typeInto(activation->passwordEdit(), kPassword);
    typeInto(activation->repeatEdit(), kPassword);
    QCOMPARE(activation->policyCheckText(), QStringLiteral("✓ Meets the rules."));
    QVERIFY(activation->activateButton()->isEnabled());
    saveShot(*activation, *m_folder, QStringLiteral("console-activation.png"));
    QTest::mouseClick(activation->activateButton(), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(provider.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), kSignInMs);
    QCOMPARE(started.size(), 1);
    const auto session = started.front().at(0).value<SessionInfo>();
    QCOMPARE(session.username, kUsername);
    QCOMPARE(session.userId, m_providerId);
    QCOMPARE(session.roles, QStringList{QStringLiteral("provider")});
    QVERIFY(provider.mainWindow().isVisible());
    QTRY_VERIFY(!provider.signInFlow().activationDialog());
    QVERIFY(provider.mainWindow().signedInText().contains(QLatin1String("Dr. Nia Brooks")));
    // No license yet: nobody can be routed to them, and they are told so.
    QTRY_VERIFY_WITH_TIMEOUT(provider.mainWindow().licenseWarningText().startsWith(
                                 QLatin1String("You hold no license in force")),
                             kReplyMs);
    // An admin-only window is not theirs.
    QVERIFY(!provider.mainWindow()
                 .findChild<QPushButton *>(QStringLiteral("openCaregivers"))
                 ->isVisible());

    // The code was spent: it cannot sign anyone in again.
    RawProtocolClient other;
    QVERIFY(other.open(webSocketUrl(), "console"));
    const auto again = other.request("activate_account", {{"inviteToken", m_code.toStdString()},
                                                          {"password", "another long passphrase"}});
    QCOMPARE(RawProtocolClient::typeOf(again), std::string("error"));
    QCOMPARE(again["body"]["code"].get<std::string>(), std::string("invalid_credentials"));

    // The admin sees the account active now.
    CaregiversWindow &window = caregivers();
    window.reload();
    QTRY_VERIFY_WITH_TIMEOUT(accountNamed(window.caregiverModel(), kUsername)->accountStatus ==
                                 QLatin1String("active"),
                             kReplyMs);
    QVERIFY(accountNamed(window.caregiverModel(), kUsername)->lastSignInAtMs);
}

void OnboardingAgainstServerTest::adminRecordsAndVerifiesTheLicense() {
    QVERIFY2(m_provider, "needs the provider of newProviderActivatesFromASecondConsole");
    CaregiversWindow &window = caregivers();
    window.tabs()->setCurrentIndex(1);
    LicensePage &page = window.licenses();
    window.reload();
    QTRY_VERIFY_WITH_TIMEOUT(
        page.providersWithoutLicense().contains(QStringLiteral("Dr. Nia Brooks")), kReplyMs);

    // Recorded pending, lapsing in 20 days.
    const QDate expires = QDate::currentDate().addDays(20);
    QTest::mouseClick(page.addButton(), Qt::LeftButton);
    QPointer<LicenseDialog> form = window.licenseDialog();
    QVERIFY(form);
    const int nia = form->providerBox()->findData(m_providerId);
    QVERIFY(nia >= 0);
    form->providerBox()->setCurrentIndex(nia);
    form->stateBox()->setEditText(QStringLiteral("TX"));
    typeInto(form->numberEdit(), QStringLiteral("TX-NB-2041"));
    form->typeBox()->setEditText(QStringLiteral("MD"));
    form->issuedKnown()->setChecked(true);
    form->issuedEdit()->setDate(QDate::currentDate().addYears(-2));
    form->expiresEdit()->setDate(expires);
    QVERIFY(form->saveButton()->isEnabled());
    QTest::mouseClick(form->saveButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(!form || !form->isBusy(), "no answer to save_license", kReplyMs);
    if (form) {
        for (const char *field :
             {"", "caregiverId", "state", "number", "type", "issuedOn", "expiresOn", "status"})
            qWarning("%s: %s", field, qPrintable(form->errorText(QLatin1String(field))));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!form, kReplyMs);
    QTRY_VERIFY_WITH_TIMEOUT(licenseNumbered(window.licenseModel(), QStringLiteral("TX-NB-2041")),
                             kReplyMs);
    const LicenseRow recorded =
        *licenseNumbered(window.licenseModel(), QStringLiteral("TX-NB-2041"));
    QCOMPARE(recorded.status, QStringLiteral("pending"));
    QVERIFY(!recorded.inForce);
    const qint64 licenseId = recorded.id;

    // The same number again for the same provider and state: refused at the number.
    QTest::mouseClick(page.addButton(), Qt::LeftButton);
    form = window.licenseDialog();
    form->providerBox()->setCurrentIndex(form->providerBox()->findData(m_providerId));
    form->stateBox()->setEditText(QStringLiteral("TX"));
    typeInto(form->numberEdit(), QStringLiteral("TX-NB-2041"));
    form->expiresEdit()->setDate(expires);
    QTest::mouseClick(form->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!form->errorText(QStringLiteral("number")).isEmpty(), kReplyMs);
    qInfo("duplicate refused: %s", qPrintable(form->errorText(QStringLiteral("number"))));
    form->reject();
    QTRY_VERIFY(!window.licenseDialog());

    // Verified with the quick action: in force, lapsing soon, highlighted and counted.
    QVERIFY(page.selectLicense(licenseId));
    QTest::mouseClick(page.verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.statusText().startsWith(QLatin1String("Verified TX TX-NB-2041")),
                             kReplyMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        licenseNumbered(window.licenseModel(), QStringLiteral("TX-NB-2041"))->inForce, kReplyMs);
    const LicenseRow verified =
        *licenseNumbered(window.licenseModel(), QStringLiteral("TX-NB-2041"));
    QCOMPARE(verified.reviewedBy, QStringLiteral("Alex Morgan"));
    QVERIFY(verified.reviewedAtMs);
    QVERIFY(window.licenseModel().lapsesSoon(verified));
    QVERIFY(window.licenseModel().lapsingCount() >= 1);
    QVERIFY(page.lapsingText().contains(QLatin1String("lapse within")));
    QVERIFY(window.tabs()->tabText(1).startsWith(QLatin1String("Licenses (")));
    QTRY_VERIFY_WITH_TIMEOUT(
        !page.providersWithoutLicense().contains(QStringLiteral("Dr. Nia Brooks")), kReplyMs);
    // Nothing selected, so the highlight of the lapsing license shows.
    page.table()->clearSelection();
    window.activateWindow();
    saveShot(window, *m_folder, QStringLiteral("console-licenses.png"));

    // Another admin changes it meanwhile: this console's next change is
    // refused as a conflict and the list is offered again.
    RawProtocolClient colleague;
    QVERIFY(colleague.open(webSocketUrl(), "console"));
    QVERIFY(colleague.logIn("admin", m_adminPassword.toStdString()));
    const auto changed = colleague.request(
        "save_license", {{"id", licenseId},
                         {"expectedVersion", verified.version},
                         {"caregiverId", m_providerId},
                         {"state", "TX"},
                         {"number", "TX-NB-2041"},
                         {"type", "MD"},
                         {"expiresOn", expires.toString(Qt::ISODate).toStdString()},
                         {"status", "verified"},
                         {"reviewNote", "Confirmed with the Texas board by phone"}});
    QCOMPARE(RawProtocolClient::typeOf(changed), std::string("license_list"));
    QStringList asked;
    window.setQuestion([&asked](const QString &, const QString &text) {
        asked.append(text);
        return true;
    });
    page.setNoteQuestion(
        [](const QString &) { return std::optional<QString>(QStringLiteral("x")); });
    const qint64 staleVersion = verified.version;
    QVERIFY(page.selectLicense(licenseId));
    QTest::mouseClick(page.rejectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty(), kReplyMs);
    QVERIFY2(asked.front().startsWith(QLatin1String("Someone else changed this license")),
             qPrintable(asked.front()));
    QTRY_VERIFY_WITH_TIMEOUT(
        licenseNumbered(window.licenseModel(), QStringLiteral("TX-NB-2041"))->version >
            staleVersion,
        kReplyMs);
    QCOMPARE(licenseNumbered(window.licenseModel(), QStringLiteral("TX-NB-2041"))->status,
             QStringLiteral("verified")); // the reject was not applied
    window.setQuestion([](const QString &, const QString &) { return true; });

    // The provider signs in again with their password: the lapsing license is said.
    ConsoleApplication &provider = *m_provider;
    provider.connection().logOut();
    QTRY_VERIFY_WITH_TIMEOUT(provider.signInFlow().loginDialog(), kReplyMs);
    LoginDialog *login = provider.signInFlow().loginDialog();
    QCOMPARE(login->username(), kUsername); // remembered from the activation
    typeInto(login->findChild<QLineEdit *>(QStringLiteral("password")), kPassword);
    QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(provider.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), kSignInMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        provider.mainWindow().licenseWarningText().contains(QLatin1String("TX TX-NB-2041 ends")),
        kReplyMs);
    qInfo("provider warning: %s", qPrintable(provider.mainWindow().licenseWarningText()));
}

void OnboardingAgainstServerTest::importIsPreviewedThenApplied() {
    CaregiversWindow &window = caregivers();
    window.tabs()->setCurrentIndex(2);
    CaregiverImportPage &page = window.importPage();
    const QString path = m_folder->filePath(QStringLiteral("new-caregivers.csv"));
    QVERIFY(writeFile(path, kImportWithErrors));
    page.setOpenPathQuestion([path] { return path; });
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("chooseImportFile")),
                      Qt::LeftButton);

    // Preview: every line, errors with their line numbers, nothing applied.
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page.lineModel().rowCount(), 5, kReplyMs);
    QMap<int, QString> errors;
    for (const ImportLineRow &line : page.lineModel().lines()) {
        if (!line.error.isEmpty())
            errors.insert(line.line, line.error);
    }
    QCOMPARE(errors.keys(), (QList<int>{5, 6}));
    qInfo("line 5: %s", qPrintable(errors[5]));
    qInfo("line 6: %s", qPrintable(errors[6]));
    QVERIFY2(errors[5].contains(QLatin1String("roles")), qPrintable(errors[5]));
    QVERIFY2(errors[6].contains(QLatin1String("expires_on")), qPrintable(errors[6]));
    QVERIFY2(page.summaryText().startsWith(QLatin1String("2 line(s) cannot be applied")),
             qPrintable(page.summaryText()));
    QVERIFY(!page.applyButton()->isEnabled());
    window.activateWindow();
    saveShot(window, *m_folder, QStringLiteral("console-import-preview.png"));
    QVERIFY(!accountNamed(window.caregiverModel(), QStringLiteral("lee.park")));

    // Corrected: a clean preview, then applied.
    QVERIFY(writeFile(path, kImportClean));
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.applyButton()->isEnabled(), kReplyMs);
    QVERIFY2(page.summaryText().startsWith(QLatin1String("Preview of 5 line(s), nothing changed")),
             qPrintable(page.summaryText()));
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.summaryText().startsWith(QLatin1String("Applied 5 line(s)")),
                             kReplyMs);
    qInfo("applied: %s", qPrintable(page.summaryText()));
    QVERIFY2(page.summaryText().contains(QLatin1String("4 account(s) new")),
             qPrintable(page.summaryText()));
    QTableWidget *invitations = page.invitationTable();
    QCOMPARE(invitations->rowCount(), 4);
    QStringList invited;
    for (int row = 0; row < invitations->rowCount(); ++row) {
        invited.append(invitations->item(row, 0)->text());
        QVERIFY(invitations->item(row, 2)->text().size() >= 16);
    }
    invited.sort();
    QCOMPARE(invited, (QStringList{QStringLiteral("june.ito"), QStringLiteral("lee.park"),
                                   QStringLiteral("omar.haddad"), QStringLiteral("rosa.diaz")}));
    QVERIFY(!page.applyButton()->isEnabled());
    // The window lists them now.
    QTRY_VERIFY_WITH_TIMEOUT(accountNamed(window.caregiverModel(), QStringLiteral("lee.park")),
                             kReplyMs);
    QTRY_VERIFY_WITH_TIMEOUT(licenseNumbered(window.licenseModel(), QStringLiteral("WA-LP-3001")),
                             kReplyMs);

    // The same file again: everything unchanged, and no new invitations.
    QTest::mouseClick(page.previewButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.summaryText().contains(QLatin1String("everything is unchanged")),
                             kReplyMs);
    for (const ImportLineRow &line : page.lineModel().lines()) {
        QCOMPARE(line.caregiver, QStringLiteral("unchanged"));
        QVERIFY2(line.license == QLatin1String("unchanged") ||
                     line.license == QLatin1String("none"),
                 qPrintable(line.license));
    }
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.summaryText().startsWith(QLatin1String("Applied 5 line(s)")),
                             kReplyMs);
    QVERIFY2(page.summaryText().contains(QLatin1String("0 account(s) new, 0 changed; 0 license(s) "
                                                       "new, 0 changed; 5 line(s) unchanged")),
             qPrintable(page.summaryText()));
    QCOMPARE(page.invitationTable()->rowCount(), 0);
}

void OnboardingAgainstServerTest::deactivationSignsTheProviderOut() {
    QVERIFY2(m_provider, "needs the provider of newProviderActivatesFromASecondConsole");
    ConsoleApplication &provider = *m_provider;
    QTRY_COMPARE_WITH_TIMEOUT(provider.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), kSignInMs);
    QSignalSpy expired(&provider.connection(), &ServerConnection::sessionExpired);

    CaregiversWindow &window = caregivers();
    window.tabs()->setCurrentIndex(0);
    window.people().showDeactivatedBox()->setChecked(false);
    QVERIFY(window.people().selectAccount(m_providerId));
    QCOMPARE(window.people().activeButton()->text(), QStringLiteral("Deactivate…"));
    QTest::mouseClick(window.people().activeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.people().statusText().startsWith(QLatin1String("Deactivated Dr. Nia Brooks")),
        kReplyMs);
    QVERIFY(!accountNamed(window.caregiverModel(), kUsername)->active);
    QVERIFY(!window.people().selectAccount(m_providerId)); // hidden with the deactivated

    // Their console: the server closed the link (4001) and the resume is refused.
    QTRY_COMPARE_WITH_TIMEOUT(expired.size(), 1, kSignedOutMs);
    QTRY_VERIFY(provider.signInFlow().loginDialog());
    LoginDialog *login = provider.signInFlow().loginDialog();
    QVERIFY(login->isVisible());
    QCOMPARE(provider.mainWindow().connectionStatusText(), QStringLiteral("Disconnected"));
    QVERIFY(!provider.state().isSignedIn());
    QVERIFY(provider.mainWindow().licenseWarningText().isEmpty());
    // And the password no longer signs them in.
    typeInto(login->findChild<QLineEdit *>(QStringLiteral("password")), kPassword);
    QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!login->errorText().isEmpty(), kSignInMs);
    qInfo("sign-in after deactivation: %s", qPrintable(login->errorText()));
    QVERIFY(!provider.state().isSignedIn());

    // Everyone, deactivated too: the demo staff, the imported invitations, Dr. Brooks.
    window.people().showDeactivatedBox()->setChecked(true);
    QVERIFY(window.people().selectAccount(m_providerId));
    QCOMPARE(window.people().activeButton()->text(), QStringLiteral("Reactivate…"));
    window.activateWindow();
    saveShot(window, *m_folder, QStringLiteral("console-caregivers.png"));
}

QTEST_MAIN(OnboardingAgainstServerTest)
#include "OnboardingAgainstServerTest.moc"
