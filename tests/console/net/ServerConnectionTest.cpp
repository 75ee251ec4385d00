#include "net/ServerConnection.h"

#include "FakeCareDeskServer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace std::chrono_literals;
using caredesk::console::ConnectionState;
using caredesk::console::ConnectionTimings;
using caredesk::console::ServerConnection;
using caredesk::console::SessionInfo;
using caredesk::console::test::FakeCareDeskServer;
using Phase = ConnectionState::Phase;

namespace {

// Short enough for a quick test run, long enough for a loaded build machine.
ConnectionTimings fastTimings() {
    ConnectionTimings timings;
    timings.reconnect = {50ms, 400ms, 60s};
    timings.connectTimeout = 3s;
    timings.replyTimeout = 1500ms;
    timings.heartbeatInterval = 60s;
    return timings;
}

QList<Phase> phasesOf(const QSignalSpy &spy) {
    QList<Phase> phases;
    for (const auto &arguments : spy)
        phases.append(arguments.at(0).value<ConnectionState>().phase);
    return phases;
}

// The attempt numbers of the Reconnecting states recorded by spy.
QList<int> reconnectAttempts(const QSignalSpy &spy) {
    QList<int> attempts;
    for (const auto &arguments : spy) {
        const auto state = arguments.at(0).value<ConnectionState>();
        if (state.phase == Phase::Reconnecting)
            attempts.append(state.attempt);
    }
    return attempts;
}

// A port on which nothing listens.
quint16 closedPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class ServerConnectionTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void signsInStepByStep();
    void wrongPasswordIsReportedWithoutRetrying();
    void throttlingCarriesTheWait();
    void refusedVersionIsReportedAndNotRetried();
    void unreachableServerIsReported();
    void silentServerTimesOut();
    void lostLinkDuringSignInFailsTheSignIn();
    void resumesAfterServerRestartWithoutPassword();
    void backsOffWhileTheServerIsDown();
    void stableConnectionResetsTheBackoff();
    void endedSessionAsksForPasswordAndStopsRetrying();
    void transientResumeFailureKeepsRetrying();
    void logOutEndsTheSessionAndStaysDisconnected();
    void logOutWhileReconnectingNeedsNoServer();
    void signingInAgainReplacesTheSession();

private:
    // Signs in as ada and waits until connected.
    void signIn(ServerConnection &connection);

    std::unique_ptr<FakeCareDeskServer> m_server;
};

void ServerConnectionTest::init() {
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(QStringLiteral("ada"), QStringLiteral("correct horse"),
                         QStringLiteral("Ada Lovelace"),
                         {QStringLiteral("support"), QStringLiteral("admin")});
    QVERIFY(m_server->listen());
}

void ServerConnectionTest::cleanup() {
    m_server.reset();
}

void ServerConnectionTest::signIn(ServerConnection &connection) {
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(started.wait(5000));
    QCOMPARE(connection.state().phase, Phase::Connected);
}

void ServerConnectionTest::signsInStepByStep() {
    ServerConnection connection(fastTimings());
    QSignalSpy states(&connection, &ServerConnection::stateChanged);
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(started.wait(5000));

    QCOMPARE(phasesOf(states), (QList<Phase>{Phase::Connecting, Phase::Handshaking,
                                             Phase::Authenticating, Phase::Connected}));
    const auto session = started.at(0).at(0).value<SessionInfo>();
    QCOMPARE(started.at(0).at(1).toBool(), false); // a fresh login, not a resume
    QCOMPARE(session.username, QStringLiteral("ada"));
    QCOMPARE(session.displayName, QStringLiteral("Ada Lovelace"));
    QCOMPARE(session.roles, (QStringList{QStringLiteral("support"), QStringLiteral("admin")}));
    QVERIFY(session.absoluteExpiresAt > QDateTime::currentDateTimeUtc());
    QVERIFY(connection.session().has_value());

    QCOMPARE(m_server->receivedTypes(),
             (QStringList{QStringLiteral("hello"), QStringLiteral("login")}));
    QVERIFY(m_server->lastClientVersion().startsWith(QLatin1String("caredesk-console ")));
    const QStringList ids = m_server->requestIds();
    QVERIFY(!ids.at(0).isEmpty());
    QVERIFY(ids.at(0) != ids.at(1));
}

void ServerConnectionTest::wrongPasswordIsReportedWithoutRetrying() {
    ServerConnection connection(fastTimings());
    QSignalSpy failed(&connection, &ServerConnection::authenticationFailed);
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("wrong"));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("invalid_credentials"));
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    QVERIFY(!connection.session());

    QTest::qWait(300); // several backoff periods: nothing may happen
    QCOMPARE(m_server->count(QStringLiteral("hello")), 1);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    QCOMPARE(started.size(), 0);
}

void ServerConnectionTest::throttlingCarriesTheWait() {
    m_server->setThrottled(37);
    ServerConnection connection(fastTimings());
    QSignalSpy failed(&connection, &ServerConnection::authenticationFailed);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("throttled"));
    QCOMPARE(failed.at(0).at(2).toInt(), 37);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
}

void ServerConnectionTest::refusedVersionIsReportedAndNotRetried() {
    m_server->setRefuseVersion(true);
    ServerConnection connection(fastTimings());
    QSignalSpy failed(&connection, &ServerConnection::authenticationFailed);
    QSignalSpy protocolErrors(&connection, &ServerConnection::protocolError);
    QSignalSpy unreachable(&connection, &ServerConnection::serverUnreachable);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("unsupported_version"));
    QCOMPARE(protocolErrors.size(), 1);
    QTest::qWait(300);
    QCOMPARE(unreachable.size(), 0);
    QCOMPARE(m_server->count(QStringLiteral("hello")), 1);
    QCOMPARE(m_server->count(QStringLiteral("login")), 0);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
}

void ServerConnectionTest::unreachableServerIsReported() {
    ServerConnection connection(fastTimings());
    QSignalSpy unreachable(&connection, &ServerConnection::serverUnreachable);
    QSignalSpy states(&connection, &ServerConnection::stateChanged);
    connection.logIn(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(closedPort())),
                     QStringLiteral("ada"), QStringLiteral("correct horse"));
    // Refused at once; well before the connect timeout.
    QVERIFY(unreachable.wait(2500));
    QVERIFY(!unreachable.at(0).at(0).toString().isEmpty());
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    QTest::qWait(300);
    QCOMPARE(phasesOf(states), (QList<Phase>{Phase::Connecting, Phase::Disconnected}));
}

void ServerConnectionTest::silentServerTimesOut() {
    m_server->setSilent(true);
    ServerConnection connection(fastTimings());
    QSignalSpy unreachable(&connection, &ServerConnection::serverUnreachable);
    QElapsedTimer clock;
    clock.start();
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(unreachable.wait(5000));
    QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    QCOMPARE(m_server->count(QStringLiteral("hello")), 1);
}

void ServerConnectionTest::lostLinkDuringSignInFailsTheSignIn() {
    // The login request is in flight when the link dies: it must end now, not
    // at its timeout, and the person must hear about it.
    m_server->setSilent(true);
    ServerConnection connection(fastTimings());
    QSignalSpy unreachable(&connection, &ServerConnection::serverUnreachable);
    QSignalSpy frames(m_server.get(), &FakeCareDeskServer::frameReceived);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(frames.wait(3000));
    QElapsedTimer clock;
    clock.start();
    m_server->abortClients();
    QVERIFY(unreachable.wait(1000));
    QVERIFY(clock.elapsed() < 1000);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
}

void ServerConnectionTest::resumesAfterServerRestartWithoutPassword() {
    ServerConnection connection(fastTimings());
    signIn(connection);
    const quint16 port = m_server->port();

    QSignalSpy states(&connection, &ServerConnection::stateChanged);
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    QSignalSpy expired(&connection, &ServerConnection::sessionExpired);
    m_server->stop(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
    QTRY_VERIFY_WITH_TIMEOUT(!reconnectAttempts(states).isEmpty(), 3000);
    const auto firstWait = states.at(0).at(0).value<ConnectionState>();
    QCOMPARE(firstWait.phase, Phase::Reconnecting);
    QCOMPARE(firstWait.attempt, 1);
    QVERIFY(firstWait.retryInMs <= 50);

    QTest::qWait(500); // a few failed attempts while the server is away
    QVERIFY(m_server->listen(port));
    QVERIFY(started.wait(5000));
    QCOMPARE(started.at(0).at(1).toBool(), true);
    QCOMPARE(started.at(0).at(0).value<SessionInfo>().username, QStringLiteral("ada"));
    QCOMPARE(connection.state().phase, Phase::Connected);
    QCOMPARE(m_server->count(QStringLiteral("login")), 1);
    QCOMPARE(m_server->count(QStringLiteral("resume")), 1);
    QCOMPARE(expired.size(), 0);

    const QList<Phase> phases = phasesOf(states);
    QVERIFY(phases.count(Phase::Reconnecting) >= 2);
    QCOMPARE(phases.last(), Phase::Connected);
    QVERIFY(!phases.contains(Phase::Disconnected));
}

void ServerConnectionTest::backsOffWhileTheServerIsDown() {
    ServerConnection connection(fastTimings());
    signIn(connection);
    QSignalSpy states(&connection, &ServerConnection::stateChanged);
    m_server->stop();

    QTest::qWait(2500);
    QList<ConnectionState> waits;
    for (const auto &arguments : states) {
        const auto state = arguments.at(0).value<ConnectionState>();
        if (state.phase == Phase::Reconnecting)
            waits.append(state);
    }
    QVERIFY2(waits.size() >= 5, qPrintable(QString::number(waits.size())));
    for (qsizetype i = 0; i < waits.size(); ++i) {
        QCOMPARE(waits[i].attempt, static_cast<int>(i + 1));
        const qint64 ceiling = std::min<qint64>(50LL << i, 400);
        QVERIFY2(waits[i].retryInMs >= 0 && waits[i].retryInMs <= ceiling,
                 qPrintable(QStringLiteral("attempt %1 waited %2 ms")
                                .arg(waits[i].attempt)
                                .arg(waits[i].retryInMs)));
    }
    // Every Connecting in between says which attempt it is.
    for (const auto &arguments : states) {
        const auto state = arguments.at(0).value<ConnectionState>();
        if (state.phase == Phase::Connecting)
            QVERIFY(state.attempt >= 1);
    }
}

void ServerConnectionTest::stableConnectionResetsTheBackoff() {
    ConnectionTimings timings = fastTimings();
    timings.reconnect.stableAfter = 300ms;
    ServerConnection connection(timings);
    signIn(connection);
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    QSignalSpy states(&connection, &ServerConnection::stateChanged);

    m_server->abortClients();
    QVERIFY(started.wait(3000));
    QCOMPARE(reconnectAttempts(states), QList<int>{1});

    // Dropped right after coming back: the count goes on.
    states.clear();
    m_server->abortClients();
    QVERIFY(started.wait(3000));
    QCOMPARE(reconnectAttempts(states), QList<int>{2});

    // Up for longer than stableAfter: the next outage starts from attempt 1.
    states.clear();
    QTest::qWait(500);
    m_server->abortClients();
    QVERIFY(started.wait(3000));
    QCOMPARE(reconnectAttempts(states), QList<int>{1});
}

void ServerConnectionTest::endedSessionAsksForPasswordAndStopsRetrying() {
    ServerConnection connection(fastTimings());
    signIn(connection);
    QSignalSpy expired(&connection, &ServerConnection::sessionExpired);
    m_server->expireAllSessions();
    m_server->abortClients();
    QVERIFY(expired.wait(3000));
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    QVERIFY(!connection.session());
    QTest::qWait(500);
    QCOMPARE(m_server->count(QStringLiteral("resume")), 1);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
}

void ServerConnectionTest::transientResumeFailureKeepsRetrying() {
    ServerConnection connection(fastTimings());
    signIn(connection);
    QSignalSpy expired(&connection, &ServerConnection::sessionExpired);
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    m_server->setResumeFailure(QStringLiteral("unavailable"));
    m_server->abortClients();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->count(QStringLiteral("resume")) >= 3, 5000);
    QCOMPARE(started.size(), 0);
    QCOMPARE(expired.size(), 0);

    m_server->setResumeFailure({});
    QVERIFY(started.wait(3000));
    QCOMPARE(started.at(0).at(1).toBool(), true);
    QCOMPARE(connection.state().phase, Phase::Connected);
}

void ServerConnectionTest::logOutEndsTheSessionAndStaysDisconnected() {
    ServerConnection connection(fastTimings());
    signIn(connection);
    QSignalSpy loggedOut(&connection, &ServerConnection::loggedOut);
    connection.logOut();
    QVERIFY(loggedOut.wait(3000));
    QCOMPARE(m_server->count(QStringLiteral("logout")), 1);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    QVERIFY(!connection.session());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 0, 3000);
    QTest::qWait(300);
    QCOMPARE(m_server->count(QStringLiteral("hello")), 1);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
}

void ServerConnectionTest::logOutWhileReconnectingNeedsNoServer() {
    ServerConnection connection(fastTimings());
    signIn(connection);
    m_server->stop();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state().phase, Phase::Reconnecting, 3000);
    QSignalSpy loggedOut(&connection, &ServerConnection::loggedOut);
    connection.logOut();
    QCOMPARE(loggedOut.size(), 1);
    QCOMPARE(connection.state().phase, Phase::Disconnected);
    const int hellos = m_server->count(QStringLiteral("hello"));
    QVERIFY(m_server->listen(m_server->port()));
    QTest::qWait(600);
    QCOMPARE(m_server->count(QStringLiteral("hello")), hellos);
}

void ServerConnectionTest::signingInAgainReplacesTheSession() {
    m_server->addAccount(QStringLiteral("grace"), QStringLiteral("hopper hopper"),
                         QStringLiteral("Grace Hopper"), {QStringLiteral("provider")});
    ServerConnection connection(fastTimings());
    signIn(connection);
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    connection.logIn(m_server->url(), QStringLiteral("grace"), QStringLiteral("hopper hopper"));
    QVERIFY(started.wait(3000));
    QCOMPARE(connection.session()->username, QStringLiteral("grace"));
    QCOMPARE(connection.session()->roles, QStringList{QStringLiteral("provider")});
    QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 1, 3000);
}

QTEST_GUILESS_MAIN(ServerConnectionTest)
#include "ServerConnectionTest.moc"
