#include "net/StateSettingsChannel.h"

#include "FakeCareDeskServer.h"
#include "StateSettingsSamples.h"
#include "net/ServerConnection.h"
#include "protocol/Messages.h"
#include "state/StateSettingsStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::ServerConnection;
using caredesk::console::StateSettingsChannel;
using caredesk::console::StateSettingsStore;
using caredesk::console::test::FakeCareDeskServer;
using caredesk::console::test::plainState;
using caredesk::console::test::texasSettings;
using LoadStatus = StateSettingsStore::LoadStatus;

namespace {

ConnectionTimings fastTimings() {
    ConnectionTimings timings;
    timings.reconnect = {50ms, 400ms, 60s};
    timings.connectTimeout = 3s;
    timings.replyTimeout = 3s;
    timings.heartbeatInterval = 60s;
    return timings;
}

} // namespace

class StateSettingsChannelTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listFillsTheStore();
    void saveSendsTheVersionReadAndStoresTheAnswer();
    void someoneElsesSaveIsAConflict();
    void refusalsNameTheirField();
    void failedListIsReported();
    void signingOutForgetsTheSettings();

private:
    void signIn(ServerConnection &connection);
    std::unique_ptr<FakeCareDeskServer> m_server;
};

void StateSettingsChannelTest::init() {
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(QStringLiteral("alex"), QStringLiteral("correct horse"),
                         QStringLiteral("Alex Morgan"), {QStringLiteral("admin")});
    m_server->setStateSettings({plainState("AZ", "Arizona"), texasSettings()});
    QVERIFY(m_server->listen());
}

void StateSettingsChannelTest::cleanup() {
    m_server.reset();
}

void StateSettingsChannelTest::signIn(ServerConnection &connection) {
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    connection.logIn(m_server->url(), QStringLiteral("alex"), QStringLiteral("correct horse"));
    QVERIFY(started.wait(5000));
}

void StateSettingsChannelTest::listFillsTheStore() {
    ServerConnection connection(fastTimings());
    StateSettingsStore store;
    StateSettingsChannel channel(connection, store);
    signIn(connection);
    channel.list();
    QCOMPARE(store.loadStatus(), LoadStatus::Loading);
    QTRY_COMPARE(store.loadStatus(), LoadStatus::Loaded);
    QCOMPARE(store.states().size(), std::size_t(2));
    QVERIFY(*store.state(QStringLiteral("TX")) == texasSettings());
    QCOMPARE(m_server->lastBody(QStringLiteral("list_state_settings")), QStringLiteral("{}"));
}

void StateSettingsChannelTest::saveSendsTheVersionReadAndStoresTheAnswer() {
    ServerConnection connection(fastTimings());
    StateSettingsStore store;
    StateSettingsChannel channel(connection, store);
    QSignalSpy saved(&channel, &StateSettingsChannel::saved);
    signIn(connection);
    channel.list();
    QTRY_COMPARE(store.loadStatus(), LoadStatus::Loaded);

    auto schedule = texasSettings().schedule;
    schedule.weekly[0] = {{"10:00", "14:00"}};
    schedule.queueCap.reset();
    channel.save(QStringLiteral("TX"), 7, schedule);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("TX"));
    const auto body = nlohmann::json::parse(
        m_server->lastBody(QStringLiteral("update_state_settings")).toStdString());
    QVERIFY(body["state"] == "TX");
    QVERIFY(body["expectedVersion"] == 7);
    QVERIFY(body["weekly"]["sunday"][0]["opens"] == "10:00");
    QVERIFY(!body.contains("queueCap")); // no cap: left out
    QVERIFY(body["busyMaxPerHour"] == 12);
    // The store holds the server's answer: the new version, who saved.
    const auto *texas = store.state(QStringLiteral("TX"));
    QCOMPARE(texas->version, 8);
    QCOMPARE(texas->changedBy.value_or(""), std::string("Alex Morgan"));
    QVERIFY(texas->schedule == schedule);
}

void StateSettingsChannelTest::someoneElsesSaveIsAConflict() {
    ServerConnection connection(fastTimings());
    StateSettingsStore store;
    StateSettingsChannel channel(connection, store);
    QSignalSpy saved(&channel, &StateSettingsChannel::saved);
    QSignalSpy failed(&channel, &StateSettingsChannel::saveFailed);
    signIn(connection);
    channel.list();
    QTRY_COMPARE(store.loadStatus(), LoadStatus::Loaded);

    auto theirs = texasSettings();
    theirs.schedule.enabled = false;
    m_server->saveStateSettingsAs(QStringLiteral("Sam Rivera"), theirs);
    auto mine = texasSettings().schedule;
    mine.queueCap = 10;
    channel.save(QStringLiteral("TX"), 7, mine);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("TX"));
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("conflict"));
    QCOMPARE(saved.size(), 0);
    // Nothing of mine reached the server, and the store still has what was read.
    QCOMPARE(m_server->stateSettings()[1].schedule.queueCap, std::optional<std::int64_t>(40));
    QCOMPARE(store.state(QStringLiteral("TX"))->version, 7);
    // Reading again shows theirs.
    channel.list();
    QTRY_COMPARE(store.state(QStringLiteral("TX"))->version, 8);
    QCOMPARE(store.state(QStringLiteral("TX"))->changedBy.value_or(""), std::string("Sam Rivera"));
}

void StateSettingsChannelTest::refusalsNameTheirField() {
    ServerConnection connection(fastTimings());
    StateSettingsStore store;
    StateSettingsChannel channel(connection, store);
    QSignalSpy failed(&channel, &StateSettingsChannel::saveFailed);
    signIn(connection);
    m_server->setRequestFailure(QStringLiteral("update_state_settings"),
                                QStringLiteral("out_of_range"),
                                QStringLiteral("body.weekly.monday[1] overlaps monday[0]"),
                                QStringLiteral("body.weekly.monday[1]"));
    channel.save(QStringLiteral("TX"), 7, texasSettings().schedule);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("out_of_range"));
    QCOMPARE(failed.at(0).at(2).toString(),
             QStringLiteral("body.weekly.monday[1] overlaps monday[0]"));
    QCOMPARE(failed.at(0).at(3).toString(), QStringLiteral("body.weekly.monday[1]"));
}

void StateSettingsChannelTest::failedListIsReported() {
    ServerConnection connection(fastTimings());
    StateSettingsStore store;
    StateSettingsChannel channel(connection, store);
    // Not connected: refused at once.
    channel.list();
    QCOMPARE(store.loadStatus(), LoadStatus::Failed);
    signIn(connection);
    m_server->setRequestFailure(QStringLiteral("list_state_settings"), QStringLiteral("forbidden"),
                                QStringLiteral("support or admin only"));
    channel.list();
    QTRY_COMPARE(store.loadStatus(), LoadStatus::Failed);
    QCOMPARE(store.failure(), QStringLiteral("support or admin only"));
}

void StateSettingsChannelTest::signingOutForgetsTheSettings() {
    ServerConnection connection(fastTimings());
    StateSettingsStore store;
    StateSettingsChannel channel(connection, store);
    signIn(connection);
    channel.list();
    QTRY_COMPARE(store.loadStatus(), LoadStatus::Loaded);
    QSignalSpy loggedOut(&connection, &ServerConnection::loggedOut);
    connection.logOut();
    QTRY_COMPARE(loggedOut.size(), 1);
    QVERIFY(store.states().empty());
    QCOMPARE(store.loadStatus(), LoadStatus::NotLoaded);
}

QTEST_GUILESS_MAIN(StateSettingsChannelTest)
#include "StateSettingsChannelTest.moc"
