#include "CoverageBoardControls.h"
#include "DemoIntake.h"
#include "IsolatedSettings.h"
#include "RawProtocolClient.h"
#include "ScriptedConsole.h"
#include "ServerProcess.h"
#include "app/ConsoleApplication.h"
#include "models/CoverageTableModel.h"
#include "models/VisitFilterProxyModel.h"
#include "net/ServerAddress.h"
#include "state/StateCoverage.h"
#include "ui/CoverageBoardView.h"
#include "ui/ProviderStatusButton.h"
#include "ui/QueueBoardView.h"
#include "ui/ShiftDialog.h"
#include "ui/StateTileMap.h"

#include <QAction>
#include <QDateTimeEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#ifndef CAREDESK_SERVER_BINARY
#error "CAREDESK_SERVER_BINARY must name the caredesk-server executable"
#endif

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::CoverageBoardView;
using caredesk::console::CoverageTableModel;
using caredesk::console::ProviderStatusButton;
using caredesk::console::ProviderStatusRow;
using caredesk::console::QueueStore;
using caredesk::console::ServerAddress;
using caredesk::console::ShiftDialog;
using caredesk::console::StateCoverage;
using caredesk::console::StateTileMap;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::openAroundTheClock;
using caredesk::console::test::RawProtocolClient;
using caredesk::console::test::selectProvider;
using caredesk::console::test::ServerProcess;
using caredesk::console::test::startSignedInConsole;
using caredesk::domain::AvailabilityStatus;

namespace {

constexpr int kSignInMs = 30'000;
// A change reaches every console as a pushed delta, within a moment.
constexpr int kLiveUpdateMs = 15'000;
// The server runs with a short grace so the test waits seconds, not a minute;
// a provider is moved between the grace and the grace plus a sweep interval.
constexpr int kGraceSeconds = 2;
constexpr int kAutoOfflineMs = 30'000;

ConnectionTimings e2eTimings() {
    ConnectionTimings timings;
    timings.reconnect = {250ms, 2s, 10s};
    return timings;
}

const ProviderStatusRow *providerNamed(const QueueStore &store, const QString &name) {
    for (const ProviderStatusRow &row : store.providers()) {
        if (row.displayName == name)
            return &row;
    }
    return nullptr;
}

} // namespace

// The coverage board of a real console against the real server: a provider's
// own console sets their status, every other console's board and map follow
// live; a state with a waiting patient and nobody free is flagged; the map
// narrows the queue board; an admin sets a provider's shift; and a provider
// whose console goes away is taken offline after the grace period.
class CoverageAgainstServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void providerStatusReachesTheAdminsBoard();
    void waitingPatientWithNobodyFreeIsFlagged();
    void mapNarrowsTheQueueBoard();
    void adminSetsTheProvidersShift();
    void closedConsoleTakesTheProviderOfflineAfterTheGrace();

private:
    QUrl webSocketUrl() const;
    CoverageBoardView &adminCoverage() const { return m_admin->mainWindow().coverageBoard(); }
    const ProviderStatusRow *mei() const {
        return providerNamed(m_admin->queueStore(), QStringLiteral("Dr. Mei Chen"));
    }
    QVariant washington(int role) const;

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ServerProcess> m_server;
    QString m_baseUrl;
    QString m_password;
    std::unique_ptr<ConsoleApplication> m_admin;
    std::unique_ptr<ConsoleApplication> m_provider; // Dr. Mei Chen's own console
};

void CoverageAgainstServerTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("coverage-e2e-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
    m_folder = ServerProcess::makeFolder(QStringLiteral("caredesk-coverage-e2e"));
    QVERIFY(m_folder);
    // Options come from the environment as well as the command line.
    qputenv("CAREDESK_PROVIDER_GRACE", QByteArray::number(kGraceSeconds));
    m_server = ServerProcess::inFolder(QStringLiteral(CAREDESK_SERVER_BINARY), *m_folder);
    m_baseUrl = m_server->start();
    qunsetenv("CAREDESK_PROVIDER_GRACE");
    QVERIFY2(!m_baseUrl.isEmpty(), m_server->output().right(4000).constData());
    m_password = m_server->demoPassword();
    QVERIFY2(!m_password.isEmpty(), "the demo admin password file is missing or empty");

    // Washington takes patients whatever the hour the test runs at.
    RawProtocolClient admin;
    QVERIFY(admin.open(webSocketUrl(), "console"));
    QVERIFY(admin.logIn("admin", m_password.toStdString()));
    QVERIFY(openAroundTheClock(admin, "WA"));

    m_admin = startSignedInConsole(m_baseUrl, QStringLiteral("admin"), m_password, e2eTimings(),
                                   kSignInMs);
    QVERIFY(m_admin);
}

void CoverageAgainstServerTest::cleanupTestCase() {
    m_provider.reset();
    m_admin.reset();
    if (m_server)
        m_server->stop();
}

void CoverageAgainstServerTest::cleanup() {
    if (QTest::currentTestFailed() && m_server)
        qWarning("server output (tail):\n%s", m_server->output().right(6000).constData());
}

QUrl CoverageAgainstServerTest::webSocketUrl() const {
    return ServerAddress::fromUserInput(m_baseUrl)->webSocketUrl();
}

QVariant CoverageAgainstServerTest::washington(int role) const {
    const CoverageTableModel &model = adminCoverage().coverageModel();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(CoverageTableModel::StateCodeRole).toString() == QLatin1String("WA"))
            return index.data(role);
    }
    return {};
}

void CoverageAgainstServerTest::providerStatusReachesTheAdminsBoard() {
    const QueueStore &board = m_admin->queueStore();
    // The demo providers start signed off.
    QVERIFY(mei());
    QCOMPARE(mei()->status, AvailabilityStatus::Offline);
    QVERIFY(mei()->states.contains(QStringLiteral("WA")));
    QCOMPARE(board.state(QStringLiteral("WA"))->providersAvailable, qint64{0});
    QVERIFY(board.state(QStringLiteral("WA"))->providersLicensed >= 1);
    // The admin is no provider: no status of their own to set.
    QVERIFY(!m_admin->mainWindow().queueBoard().statusButton().isVisible());

    m_provider = startSignedInConsole(m_baseUrl, QStringLiteral("dr.chen"), m_password,
                                      e2eTimings(), kSignInMs);
    QVERIFY(m_provider);
    ProviderStatusButton &button = m_provider->mainWindow().queueBoard().statusButton();
    QVERIFY(button.isVisible());
    QCOMPARE(button.text(), QStringLiteral("Offline"));

    button.findChild<QAction *>(QStringLiteral("setAvailableAction"))->trigger();
    // Her own console and the admin's both hear it from the server.
    QTRY_COMPARE_WITH_TIMEOUT(button.text(), QStringLiteral("Available"), kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(mei()->status, AvailabilityStatus::Available, kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(board.state(QStringLiteral("WA"))->providersAvailable, qint64{1},
                              kLiveUpdateMs);
    QCOMPARE(board.state(QStringLiteral("WA"))->providersOnShift, qint64{1});
    QCOMPARE(static_cast<StateCoverage>(washington(CoverageTableModel::CoverageRole).toInt()),
             StateCoverage::Covered);
    QVERIFY(adminCoverage().tileMap().describe(QStringLiteral("WA")).contains(QLatin1String("1")));
}

void CoverageAgainstServerTest::waitingPatientWithNobodyFreeIsFlagged() {
    QVERIFY2(m_provider, "needs Dr. Chen's console from providerStatusReachesTheAdminsBoard");
    const QueueStore &board = m_admin->queueStore();
    const qint64 waiting = board.state(QStringLiteral("WA"))->waiting;
    RawProtocolClient patient;
    QVERIFY(patient.open(webSocketUrl(), "web"));
    const auto reply = patient.request("visit_request", {{"state", "WA"},
                                                         {"firstName", "Ximena"},
                                                         {"lastName", "Quartermain"},
                                                         {"dateOfBirth", "1987-07-14"},
                                                         {"reason", "Ear pain since yesterday"},
                                                         {"contact", "+1 555 0134"},
                                                         {"consent", true}});
    QCOMPARE(RawProtocolClient::typeOf(reply), std::string("visit_accepted"));
    QTRY_COMPARE_WITH_TIMEOUT(board.state(QStringLiteral("WA"))->waiting, waiting + 1,
                              kLiveUpdateMs);
    QVERIFY(!washington(CoverageTableModel::FlaggedRole).toBool());

    // She takes a break: on shift, licensed, not free; the patient still waits.
    ProviderStatusButton &button = m_provider->mainWindow().queueBoard().statusButton();
    button.findChild<QAction *>(QStringLiteral("setOnBreakAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(mei()->status, AvailabilityStatus::OnBreak, kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(board.state(QStringLiteral("WA"))->providersAvailable, qint64{0},
                              kLiveUpdateMs);
    QCOMPARE(static_cast<StateCoverage>(washington(CoverageTableModel::CoverageRole).toInt()),
             StateCoverage::NoProviderFree);
    QVERIFY(washington(CoverageTableModel::FlaggedRole).toBool());
    QVERIFY2(adminCoverage().summaryText().contains(QLatin1String("need")),
             qPrintable(adminCoverage().summaryText()));
    QTRY_COMPARE_WITH_TIMEOUT(button.text(), QStringLiteral("On break"), kLiveUpdateMs);

    // Back: Washington is covered again.
    button.findChild<QAction *>(QStringLiteral("setAvailableAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(board.state(QStringLiteral("WA"))->providersAvailable, qint64{1},
                              kLiveUpdateMs);
    QVERIFY(!washington(CoverageTableModel::FlaggedRole).toBool());
}

void CoverageAgainstServerTest::mapNarrowsTheQueueBoard() {
    StateTileMap &map = adminCoverage().tileMap();
    auto &proxy = m_admin->mainWindow().queueBoard().visitProxy();
    QVERIFY(proxy.states().isEmpty());
    QTRY_VERIFY(!map.tileRect(QStringLiteral("WA")).isEmpty());
    const QPoint washingtonTile = map.tileRect(QStringLiteral("WA")).center().toPoint();
    QTest::mouseClick(&map, Qt::LeftButton, {}, washingtonTile);
    QTRY_COMPARE(proxy.states(), QSet<QString>{QStringLiteral("WA")});
    QCOMPARE(map.selectedStates(), QSet<QString>{QStringLiteral("WA")});
    // Every visit the board still shows is Washington's.
    const QAbstractItemModel &visits = proxy;
    QVERIFY(visits.rowCount() >= 1);

    // The same tile again: every state.
    QTest::mouseClick(&map, Qt::LeftButton, {}, washingtonTile);
    QTRY_VERIFY(proxy.states().isEmpty());
    QVERIFY(map.selectedStates().isEmpty());
}

void CoverageAgainstServerTest::adminSetsTheProvidersShift() {
    CoverageBoardView &coverage = adminCoverage();
    QTableView *providers = coverage.providerTable();
    const qint64 meiId = mei()->id;
    QVERIFY(selectProvider(*providers, meiId));
    coverage.findChild<QAction *>(QStringLiteral("setProviderShiftAction"))->trigger();
    ShiftDialog *dialog = coverage.shiftDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Shift of Dr. Mei Chen"));
    // Over a day: the server refuses it, and says why at the field.
    dialog->endsEdit()->setDateTime(QDateTime::currentDateTime().addSecs(30 * 3600));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText(QStringLiteral("endsAt")).isEmpty(), kLiveUpdateMs);
    QVERIFY(dialog->isVisible());
    QVERIFY(!mei()->shiftEndsAtMs);

    const QDateTime end = QDateTime::currentDateTime().addSecs(4 * 3600);
    dialog->endsEdit()->setDateTime(end);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!coverage.shiftDialog(), kLiveUpdateMs);
    QTRY_VERIFY_WITH_TIMEOUT(mei()->shiftEndsAtMs.has_value(), kLiveUpdateMs);
    const qint64 endMinute =
        QDateTime(end.date(), QTime(end.time().hour(), end.time().minute())).toMSecsSinceEpoch();
    QCOMPARE(*mei()->shiftEndsAtMs, endMinute);
    QVERIFY(mei()->onShift);
    // Her own console shows the shift the admin set.
    ProviderStatusButton &button = m_provider->mainWindow().queueBoard().statusButton();
    QTRY_VERIFY_WITH_TIMEOUT(button.findChild<QAction *>(QStringLiteral("shiftAction"))
                                 ->text()
                                 .startsWith(QLatin1String("Your &shift (until ")),
                             kLiveUpdateMs);
}

void CoverageAgainstServerTest::closedConsoleTakesTheProviderOfflineAfterTheGrace() {
    QVERIFY2(m_provider, "needs Dr. Chen's console from providerStatusReachesTheAdminsBoard");
    const QueueStore &board = m_admin->queueStore();
    QCOMPARE(mei()->status, AvailabilityStatus::Available);
    // Her console goes away without signing out, as on a lost network.
    m_provider.reset();
    // Still available within the grace: a blip changes nothing.
    QTest::qWait(kGraceSeconds * 1000 / 2);
    QCOMPARE(mei()->status, AvailabilityStatus::Available);
    QTRY_COMPARE_WITH_TIMEOUT(mei()->status, AvailabilityStatus::Offline, kAutoOfflineMs);
    QTRY_COMPARE_WITH_TIMEOUT(board.state(QStringLiteral("WA"))->providersAvailable, qint64{0},
                              kLiveUpdateMs);
    // The patient who waits is flagged: nobody licensed on duty now.
    QVERIFY(washington(CoverageTableModel::FlaggedRole).toBool());
}

QTEST_MAIN(CoverageAgainstServerTest)
#include "CoverageAgainstServerTest.moc"
