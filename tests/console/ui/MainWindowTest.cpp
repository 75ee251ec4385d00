#include "ui/MainWindow.h"

#include "IsolatedSettings.h"
#include "models/CaregiverTableModel.h"
#include "state/ChatThreadStore.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "state/StateSettingsStore.h"
#include "ui/CaregiversWindow.h"
#include "ui/ChatWorkspace.h"
#include "ui/ConnectionStatusView.h"
#include "ui/CoverageBoardView.h"
#include "ui/EmptyStateView.h"
#include "ui/QueueBoardView.h"
#include "ui/StateSettingsView.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using caredesk::console::CaregiversWindow;
using caredesk::console::ChatThreadStore;
using caredesk::console::ConnectionState;
using caredesk::console::ConnectionStatusView;
using caredesk::console::EmptyStateView;
using caredesk::console::MainWindow;
using caredesk::console::QueueBoardView;
using caredesk::console::QueueStore;
using caredesk::console::SessionInfo;
using caredesk::console::SessionState;
using caredesk::console::StateSettingsStore;
using caredesk::console::StateSettingsView;
using caredesk::console::test::IsolatedSettings;
using Phase = ConnectionState::Phase;

namespace {

SessionInfo ada() {
    SessionInfo info;
    info.userId = 7;
    info.username = QStringLiteral("ada");
    info.displayName = QStringLiteral("Ada Lovelace");
    info.roles = {QStringLiteral("support"), QStringLiteral("admin")};
    return info;
}

const char *const kPanes[] = {"queuesPane", "chatsPane", "coveragePane", "adminPane"};

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void statusTextPerState_data();
    void statusTextPerState();
    void statusBarFollowsTheState();
    void reconnectCountdownRunsByItself();
    void showsWhoIsSignedIn();
    void hasFourLabelledPanes();
    void shortcutsToggleThePanes();
    void logOutShortcutAsksToLogOut();
    void quitClosesAndAsksToQuit();
    void remembersGeometryAndPanes();
    void opensAtAComfortableSize();
    void adminPaneOpensStateSettingsForStaff();
    void caregiversAreForAdminsOnly();
    void licenseWarningStaysUntilDismissedOrSignedOut();

private:
    std::unique_ptr<IsolatedSettings> m_settings;
};

void MainWindowTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("main-window-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void MainWindowTest::init() {
    m_settings->clear();
}

void MainWindowTest::statusTextPerState_data() {
    QTest::addColumn<int>("phase");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("remainingMs");
    QTest::addColumn<QString>("text");
    QTest::newRow("disconnected") << int(Phase::Disconnected) << 0 << 0LL << "Disconnected";
    QTest::newRow("connecting") << int(Phase::Connecting) << 0 << 0LL << "Connecting…";
    QTest::newRow("handshaking") << int(Phase::Handshaking) << 0 << 0LL << "Connecting…";
    QTest::newRow("authenticating") << int(Phase::Authenticating) << 0 << 0LL << "Signing in…";
    QTest::newRow("connected") << int(Phase::Connected) << 0 << 0LL << "Connected";
    QTest::newRow("waiting 3 s") << int(Phase::Reconnecting) << 2 << 3000LL
                                 << "Reconnecting in 3 s (attempt 2)…";
    QTest::newRow("2.1 s rounds up")
        << int(Phase::Reconnecting) << 5 << 2100LL << "Reconnecting in 3 s (attempt 5)…";
    QTest::newRow("due now") << int(Phase::Reconnecting) << 1 << 0LL << "Reconnecting (attempt 1)…";
    QTest::newRow("reconnect connecting")
        << int(Phase::Connecting) << 3 << 0LL << "Reconnecting (attempt 3)…";
    QTest::newRow("resuming") << int(Phase::Authenticating) << 3 << 0LL
                              << "Resuming session (attempt 3)…";
}

void MainWindowTest::statusTextPerState() {
    QFETCH(int, phase);
    QFETCH(int, attempt);
    QFETCH(qint64, remainingMs);
    QFETCH(QString, text);
    const ConnectionState state{static_cast<Phase>(phase), attempt, remainingMs};
    QCOMPARE(ConnectionStatusView::describe(state, remainingMs), text);
}

void MainWindowTest::statusBarFollowsTheState() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    QCOMPARE(window.connectionStatusText(), QStringLiteral("Disconnected"));
    state.setConnection({Phase::Connecting, 0, 0});
    QCOMPARE(window.connectionStatusText(), QStringLiteral("Connecting…"));
    state.setConnection({Phase::Connected, 0, 0});
    QCOMPARE(window.connectionStatusText(), QStringLiteral("Connected"));
    state.setConnection({Phase::Reconnecting, 2, 3000});
    QCOMPARE(window.connectionStatusText(), QStringLiteral("Reconnecting in 3 s (attempt 2)…"));
    state.setConnection({Phase::Disconnected, 0, 0});
    QCOMPARE(window.connectionStatusText(), QStringLiteral("Disconnected"));
    // The text is in the status bar itself, not only behind an accessor.
    auto *label = window.statusBar()->findChild<QLabel *>(QStringLiteral("connectionStatusText"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Disconnected"));
}

void MainWindowTest::reconnectCountdownRunsByItself() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    state.setConnection({Phase::Reconnecting, 4, 2500});
    QCOMPARE(window.connectionStatusText(), QStringLiteral("Reconnecting in 3 s (attempt 4)…"));
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionStatusText(),
                              QStringLiteral("Reconnecting in 2 s (attempt 4)…"), 1500);
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionStatusText(),
                              QStringLiteral("Reconnecting (attempt 4)…"), 3000);
}

void MainWindowTest::showsWhoIsSignedIn() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    QCOMPARE(window.signedInText(), QStringLiteral("Not signed in"));
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("logOutAction"))->isEnabled());

    state.setCaregiver(ada());
    QCOMPARE(window.signedInText(),
             QStringLiteral("Signed in as Ada Lovelace (ada) · Support, Admin"));
    QVERIFY(window.windowTitle().contains(QLatin1String("Ada Lovelace")));
    QVERIFY(window.findChild<QAction *>(QStringLiteral("logOutAction"))->isEnabled());

    SessionInfo named = ada();
    named.displayName = QStringLiteral("Ada Lovelace (ADA)");
    named.roles.clear();
    state.setCaregiver(named);
    QCOMPARE(window.signedInText(), QStringLiteral("Signed in as Ada Lovelace (ADA) · no roles"));

    state.clearCaregiver();
    QCOMPARE(window.signedInText(), QStringLiteral("Not signed in"));
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("logOutAction"))->isEnabled());
}

void MainWindowTest::hasFourLabelledPanes() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    const QStringList titles{QStringLiteral("Queues"), QStringLiteral("Chats"),
                             QStringLiteral("Coverage"), QStringLiteral("Admin")};
    for (int i = 0; i < 4; ++i) {
        auto *dock = window.findChild<QDockWidget *>(QLatin1String(kPanes[i]));
        QVERIFY2(dock, kPanes[i]);
        QCOMPARE(dock->windowTitle(), titles[i]);
        if (i == 0) {
            // The queue board lives in the Queues pane.
            QCOMPARE(dock->widget(), &window.queueBoard());
            QVERIFY(qobject_cast<QueueBoardView *>(dock->widget()));
            continue;
        }
        if (i == 1) {
            // The chats live in the Chats pane.
            QCOMPARE(dock->widget(), &window.chatWorkspace());
            continue;
        }
        if (i == 2) {
            // Coverage, for everyone: the map and who is free where.
            QCOMPARE(dock->widget(), &window.coverageBoard());
            continue;
        }
        // The Admin pane leads to the states' hours and limits.
        auto *empty = qobject_cast<EmptyStateView *>(dock->widget());
        QVERIFY2(empty, kPanes[i]);
        QCOMPARE(empty->heading(), QStringLiteral("State hours and limits"));
        QVERIFY(empty->findChild<QPushButton *>(QStringLiteral("openStateSettings")));
        QVERIFY(!empty->explanation().isEmpty());
        QVERIFY(!empty->explanation().contains(QLatin1String("lorem"), Qt::CaseInsensitive));
    }
    QVERIFY(qobject_cast<EmptyStateView *>(window.centralWidget()));
}

void MainWindowTest::shortcutsToggleThePanes() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < 4; ++i) {
        auto *dock = window.findChild<QDockWidget *>(QLatin1String(kPanes[i]));
        QVERIFY(dock->isVisible());
        QTest::keyClick(&window, keys[i], Qt::ControlModifier);
        QTRY_VERIFY2(!dock->isVisible(), kPanes[i]);
        // The others are untouched.
        for (int j = i + 1; j < 4; ++j)
            QVERIFY(window.findChild<QDockWidget *>(QLatin1String(kPanes[j]))->isVisible());
    }
    for (int i = 0; i < 4; ++i) {
        QTest::keyClick(&window, keys[i], Qt::ControlModifier);
        QTRY_VERIFY2(window.findChild<QDockWidget *>(QLatin1String(kPanes[i]))->isVisible(),
                     kPanes[i]);
    }
    // The View menu carries the same toggles, with the shortcut shown.
    QMenu *view = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&View"))
            view = menu->menu();
    }
    QVERIFY(view);
    QCOMPARE(view->actions().at(0)->text(), QStringLiteral("Queues"));
    QCOMPARE(view->actions().at(0)->shortcut(), QKeySequence(QStringLiteral("Ctrl+1")));
    QCOMPARE(view->actions().at(3)->shortcut(), QKeySequence(QStringLiteral("Ctrl+4")));
}

void MainWindowTest::logOutShortcutAsksToLogOut() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    QSignalSpy logOut(&window, &MainWindow::logOutRequested);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(logOut.size(), 0); // nobody signed in: nothing to log out
    state.setCaregiver(ada());
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(logOut.size(), 1);
}

void MainWindowTest::quitClosesAndAsksToQuit() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(quit.size(), 1);
    QVERIFY(!window.isVisible());
}

void MainWindowTest::remembersGeometryAndPanes() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    {
        MainWindow window(state, queues, settings, chats);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1100, 700);
        window.findChild<QDockWidget *>(QStringLiteral("coveragePane"))->hide();
        window.close();
    }
    MainWindow again(state, queues, settings, chats);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(1100, 700));
    QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("coveragePane"))->isVisible());
    QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("queuesPane"))->isVisible());

    // Reset layout brings every pane back.
    again.findChild<QAction *>(QStringLiteral("resetLayoutAction"))->trigger();
    QTRY_VERIFY(again.findChild<QDockWidget *>(QStringLiteral("coveragePane"))->isVisible());
}

void MainWindowTest::opensAtAComfortableSize() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    QCOMPARE(window.size(), QSize(1280, 800));
}

void MainWindowTest::adminPaneOpensStateSettingsForStaff() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *open = window.findChild<QPushButton *>(QStringLiteral("openStateSettings"));
    QVERIFY(open);
    QVERIFY(!open->isEnabled()); // nobody signed in
    QSignalSpy reload(&window.stateSettings(), &StateSettingsView::reloadRequested);

    SessionInfo provider = ada();
    provider.roles = {QStringLiteral("provider")};
    state.setCaregiver(provider);
    QVERIFY(!open->isEnabled());
    window.openStateSettings(QStringLiteral("TX"));
    QVERIFY(!window.stateSettings().isVisible()); // providers cannot list them

    state.setCaregiver(ada());
    QVERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_VERIFY(window.stateSettings().isVisible());
    QVERIFY(window.stateSettings().isWindow());
    QCOMPARE(reload.size(), 1); // settings are read afresh when the window opens
    window.stateSettings().close();
    QTRY_VERIFY(!window.stateSettings().isVisible());

    // From the board too, with the shortcut.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(window.stateSettings().isVisible());
    QCOMPARE(reload.size(), 2);
}

void MainWindowTest::caregiversAreForAdminsOnly() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *open = window.findChild<QPushButton *>(QStringLiteral("openCaregivers"));
    QVERIFY(open);
    QVERIFY(!open->isVisible()); // nobody signed in
    QSignalSpy reload(&window.caregivers(), &CaregiversWindow::caregiversRequested);
    SessionInfo provider = ada();
    provider.roles = {QStringLiteral("provider")};
    state.setCaregiver(provider);
    QVERIFY(!open->isVisible());
    window.openCaregivers();
    QVERIFY(!window.caregivers().isVisible());
    QCOMPARE(reload.size(), 0);

    state.setCaregiver(ada());
    QVERIFY(open->isVisible());
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_VERIFY(window.caregivers().isVisible());
    QCOMPARE(reload.size(), 1); // accounts are read afresh when the window opens
    caredesk::console::CaregiverAccountRow self;
    self.id = 7;
    self.username = QStringLiteral("ada");
    self.displayName = QStringLiteral("Ada Lovelace");
    self.roles = {QStringLiteral("admin")};
    window.caregivers().showCaregivers({self});
    QCOMPARE(window.caregivers().caregiverModel().rowCount(), 1);

    // Signed out: closed, and nothing of it stays for the next person.
    state.clearCaregiver();
    QVERIFY(!window.caregivers().isVisible());
    QCOMPARE(window.caregivers().caregiverModel().rowCount(), 0);
}

void MainWindowTest::licenseWarningStaysUntilDismissedOrSignedOut() {
    SessionState state;
    QueueStore queues;
    StateSettingsStore settings;
    ChatThreadStore chats;
    MainWindow window(state, queues, settings, chats);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    state.setCaregiver(ada());
    QCOMPARE(window.licenseWarningText(), QString());
    const QString warning = QStringLiteral("Your license lapses soon: TX TX-1 ends 2030-01-01.");
    window.showLicenseWarning(warning);
    QCOMPARE(window.licenseWarningText(), warning);
    auto *bar = window.findChild<QWidget *>(QStringLiteral("noticeBar"));
    QVERIFY(bar->isVisible());
    QTest::qWait(100);
    QCOMPARE(window.licenseWarningText(), warning); // no timer takes a warning away
    // Resumed after a reconnect: still the same person, still warned.
    state.setCaregiver(ada());
    QCOMPARE(window.licenseWarningText(), warning);
    QTest::mouseClick(window.findChild<QWidget *>(QStringLiteral("licenseBanner"))
                          ->findChild<QWidget *>(QStringLiteral("bannerClose")),
                      Qt::LeftButton);
    QCOMPARE(window.licenseWarningText(), QString());
    QVERIFY(!bar->isVisible());

    window.showLicenseWarning(warning);
    state.clearCaregiver();
    QCOMPARE(window.licenseWarningText(), QString());
    QVERIFY(!bar->isVisible());
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
