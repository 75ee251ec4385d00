// Chat through crashes: patients and caregivers chat in eight threads while
// the patients' connections drop, the caredesk-server process is SIGKILLed
// and started again on the same database and port, and PostgreSQL itself is
// stopped immediately (crash recovery) and started again. Clients written as
// a real one must be (an outbox resent with the same ids, reconnect with
// backoff, catch up by seq) must end with every message acknowledged, stored
// once, at the seq it was acknowledged with, and seen by everyone in one
// order.

#include "ChatCrashChecker.h"
#include "ChatCrashClient.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "app/ServerConfig.h"
#include "security/PasswordHasher.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <filesystem>
#include <future>
#include <iostream>
#include <pqxx/pqxx>
#include <sys/stat.h>

using caredesk::domain::Role;
using caredesk::test::ChatCrashClient;
using caredesk::test::ChatFinalHistory;
using caredesk::test::ChatSeen;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {

constexpr int kPatients = 8;
constexpr int kCaregivers = 3;
constexpr int kTickMs = 100;
constexpr int kTypingTicks = 120;        // 12 s of conversation
constexpr int kNetworkDropTick = 20;     // patients lose their connection here
constexpr int kServerKillTick = 40;      // SIGKILL the server here
constexpr int kPostgresRestartTick = 80; // and stop PostgreSQL immediately here
// The kill comes this long after the first ack of a burst, while the rest of
// the burst is being committed.
constexpr int kCrashAfterFirstAckMs = 4;

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A whole thread read page by page (afterSeq), as a client that just
// reconnected would; empty on failure.
std::vector<ChatSeen> fetchThread(WsTestClient &client, std::int64_t visitId) {
    std::vector<ChatSeen> thread;
    for (int page = 0; page < 100; ++page) {
        const std::int64_t after = thread.empty() ? 0 : thread.back().seq;
        const auto reply = client.request(
            "chat_page", {{"visitId", visitId}, {"afterSeq", after}, {"limit", 200}});
        if (caredesk::test::typeOf(reply) != "chat_history")
            return {};
        for (const auto &entry : reply["body"]["messages"])
            thread.push_back({entry.value("seq", std::int64_t{0}),
                              entry.value("clientMessageId", ""), entry.value("sender", ""),
                              entry.value("body", "")});
        if (!reply["body"].value("more", false))
            return thread;
    }
    return {};
}

} // namespace

class ChatCrashTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir{QDir::tempPath() + "/caredesk-chatcrash-XXXXXX"};
    quint16 m_port = 0;
    std::string m_databaseName;
    // The server reaches PostgreSQL through this link to the cluster's socket
    // folder, which is a new one after each PostgreSQL start.
    std::filesystem::path m_socketLink;
    std::string m_serverDatabaseUrl;
    std::unique_ptr<QProcess> m_server;

    QString readyFile() const { return m_dir.filePath("ready"); }
    QUrl wsUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port)); }
    caredesk::server::EmbeddedPostgres &postgres() {
        return caredesk::test::TestCluster::instance().server();
    }
    std::string directUrl() { return postgres().connectionString(m_databaseName); }

    void pointSocketLink() {
        const auto fresh = m_socketLink.string() + ".new";
        std::filesystem::remove(fresh);
        std::filesystem::create_directory_symlink(postgres().socketDir(), fresh);
        std::filesystem::rename(fresh, m_socketLink); // atomic: never a missing link
    }

    bool startServer() {
        QFile::remove(readyFile());
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server->start(CAREDESK_SERVER_BINARY,
                        {"--database-url", QString::fromStdString(m_serverDatabaseUrl),
                         "--data-dir", m_dir.filePath("data"), "--port", QString::number(m_port),
                         "--password-cost", "minimum", "--ready-file", readyFile(), "--log-level",
                         "warn"});
        if (!m_server->waitForStarted())
            return false;
        QElapsedTimer timer;
        timer.start();
        // The clients keep running (and reconnecting) meanwhile.
        while (!QFile::exists(readyFile()) && timer.elapsed() < 30000 &&
               m_server->state() == QProcess::Running)
            QTest::qWait(20);
        return QFile::exists(readyFile());
    }

    std::int64_t addCaregiver(const std::string &username, Role role) {
        const caredesk::server::PasswordHasher hasher(caredesk::server::passwordCost("minimum"));
        std::int64_t id = 0;
        caredesk::server::DatabasePool::runOnce(directUrl(), [&](pqxx::work &tx) {
            id = caredesk::server::CaregiverRepository::create(
                tx, username, "Test " + username, hasher.hash(caredesk::test::kTestPassword),
                {role});
        });
        return id;
    }

    void openAroundTheClock(const std::string &state, std::int64_t providerId) {
        caredesk::server::DatabasePool::runOnce(directUrl(), [&](pqxx::work &tx) {
            tx.exec_params0("UPDATE jurisdictions SET enabled = true, status = 'open' "
                            "WHERE code = $1",
                            state);
            tx.exec_params0("INSERT INTO jurisdiction_hours (jurisdiction_code, weekday, "
                            "opens_at, closes_at) SELECT $1, d, '00:00', '00:00' "
                            "FROM generate_series(0, 6) d",
                            state);
            tx.exec_params0("INSERT INTO licenses (caregiver_id, jurisdiction_code, "
                            "license_number, expires_on, verified_at) "
                            "VALUES ($1, $2, 'L-1', current_date + 365, now())",
                            providerId, state);
            tx.exec_params0("INSERT INTO provider_availability (caregiver_id, status) "
                            "VALUES ($1, 'available')",
                            providerId);
        });
    }

    // Stops PostgreSQL the way a crash would (immediate shutdown: recovery at
    // the next start), away from the event loop so the clients keep running.
    void crashAndRestartPostgres() {
        ::kill(postgres().postmasterPid(), SIGQUIT);
        auto restart = std::async(std::launch::async, [this] {
            postgres().stop();
            postgres().start();
            pointSocketLink();
        });
        while (restart.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
            QTest::qWait(20);
        restart.get();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        ::chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        m_port = freePort();
        const std::string created = caredesk::test::TestDatabase::create();
        m_databaseName = created.substr(created.rfind("dbname=") + 7);
        if (m_databaseName.size() > 1 && m_databaseName.front() == '\'')
            m_databaseName = m_databaseName.substr(1, m_databaseName.size() - 2);
        m_socketLink = m_dir.filePath("pg").toStdString();
        pointSocketLink();
        m_serverDatabaseUrl = directUrl();
        const auto socketDir = postgres().socketDir().string();
        m_serverDatabaseUrl.replace(m_serverDatabaseUrl.find(socketDir), socketDir.size(),
                                    m_socketLink.string());
    }

    void cleanupTestCase() {
        if (m_server && m_server->state() == QProcess::Running) {
            m_server->terminate();
            m_server->waitForFinished(10000);
        }
    }

    void noMessageLostDuplicatedOrReordered() {
        QVERIFY2(startServer(), "caredesk-server never became ready"); // migrates the database
        const auto providerId = addCaregiver("drlee", Role::Provider);
        openAroundTheClock("WA", providerId);
        for (int c = 0; c < kCaregivers; ++c)
            addCaregiver("staff" + std::to_string(c), Role::Support);

        std::vector<std::int64_t> visits;
        std::vector<std::string> tokens; // by client, patients first
        std::vector<std::unique_ptr<ChatCrashClient>> patients;
        for (int i = 0; i < kPatients; ++i) {
            WsTestClient intake(wsUrl());
            QVERIFY(intake.open() && intake.hello());
            const auto accepted = intake.request(
                "visit_request", caredesk::test::visitForm("WA", "Pat" + std::to_string(i)));
            QCOMPARE(caredesk::test::typeOf(accepted), std::string("visit_accepted"));
            visits.push_back(accepted["body"]["visit"]["visitId"]);
            auto client = std::make_unique<ChatCrashClient>(wsUrl(), "patient" + std::to_string(i));
            tokens.push_back(accepted["body"]["token"]);
            client->beAPatient(tokens.back(), visits.back());
            patients.push_back(std::move(client));
        }
        // Each thread has two caregivers following it; each caregiver five or six threads.
        std::vector<std::unique_ptr<ChatCrashClient>> caregivers;
        for (int c = 0; c < kCaregivers; ++c) {
            std::vector<std::int64_t> followed;
            for (int i = 0; i < kPatients; ++i)
                if (i % kCaregivers == c || (i + 1) % kCaregivers == c)
                    followed.push_back(visits[static_cast<std::size_t>(i)]);
            auto client = std::make_unique<ChatCrashClient>(wsUrl(), "staff" + std::to_string(c));
            client->beACaregiver("staff" + std::to_string(c), caredesk::test::kTestPassword,
                                 followed);
            caregivers.push_back(std::move(client));
        }
        std::vector<ChatCrashClient *> everyone;
        for (auto &client : patients)
            everyone.push_back(client.get());
        for (auto &client : caregivers)
            everyone.push_back(client.get());
        for (auto *client : everyone)
            client->start();
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(everyone.begin(), everyone.end(),
                                             [](auto *c) { return c->synchronized(); }),
                                 15000);

        bool serverKilled = false;
        bool postgresRestarted = false;
        for (int tick = 0; tick < kTypingTicks; ++tick) {
            // Patients type about once a second (within their burst and rate),
            // caregivers in turn across their threads.
            for (int i = 0; i < kPatients; ++i)
                if ((tick + i * 3) % 9 == 0)
                    patients[static_cast<std::size_t>(i)]->type(
                        visits[static_cast<std::size_t>(i)],
                        "patient " + std::to_string(i) + " at tick " + std::to_string(tick));
            for (int c = 0; c < kCaregivers; ++c) {
                if ((tick + c) % 3 != 0)
                    continue;
                auto &staff = *caregivers[static_cast<std::size_t>(c)];
                const auto &followed = staff.threads();
                staff.type(followed[static_cast<std::size_t>(tick / 3) % followed.size()],
                           staff.name() + " at tick " + std::to_string(tick));
            }
            if (tick == kNetworkDropTick) {
                // Each patient's message reaches the server, its ack does not:
                // the resend after reconnecting must get the first ack back.
                for (int i = 0; i < kPatients; ++i) {
                    auto &patient = *patients[static_cast<std::size_t>(i)];
                    patient.type(visits[static_cast<std::size_t>(i)], "as the network drops");
                    patient.dropConnection();
                }
            }
            if (tick == kServerKillTick) {
                // Everyone has a message on the wire as the server dies, so
                // some are committed without their ack reaching the sender.
                std::vector<std::pair<ChatCrashClient *, std::string>> burst;
                for (int i = 0; i < kPatients; ++i) {
                    auto &patient = *patients[static_cast<std::size_t>(i)];
                    burst.emplace_back(&patient, patient.type(visits[static_cast<std::size_t>(i)],
                                                              "just before the crash"));
                }
                for (auto &staff : caregivers)
                    for (const auto visitId : staff->threads())
                        burst.emplace_back(
                            staff.get(),
                            staff->type(visitId, staff->name() + " just before the crash"));
                // Killed as the first of them is acknowledged: others are
                // then committed or being committed, their acks not yet out.
                const auto anyAcked = [&] {
                    return std::any_of(burst.begin(), burst.end(), [](const auto &sent) {
                        return sent.first->acks().count(sent.second) > 0;
                    });
                };
                QElapsedTimer waited;
                waited.start();
                while (!anyAcked() && waited.elapsed() < 5000)
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
                QThread::msleep(kCrashAfterFirstAckMs);
                serverKilled = true;
                ::kill(static_cast<pid_t>(m_server->processId()), SIGKILL);
                QVERIFY(m_server->waitForFinished(10000));
                QTest::qWait(300); // clients notice and start backing off
                QVERIFY2(startServer(), "caredesk-server did not restart");
            }
            if (tick == kPostgresRestartTick) {
                crashAndRestartPostgres();
                postgresRestarted = true;
            }
            QTest::qWait(kTickMs);
        }
        QVERIFY(serverKilled && postgresRestarted);

        // Every typed message is eventually acknowledged; what is not after
        // half a minute, the checker counts.
        QElapsedTimer settling;
        settling.start();
        while (settling.elapsed() < 30000 &&
               !std::all_of(everyone.begin(), everyone.end(),
                            [](auto *c) { return c->synchronized() && c->pending() == 0; }))
            QTest::qWait(50);
        QTest::qWait(500); // the last pushes arrive

        // Each client reads its threads whole on a fresh connection.
        std::vector<ChatFinalHistory> finals;
        for (std::size_t k = 0; k < everyone.size(); ++k) {
            auto *client = everyone[k];
            WsTestClient reader(wsUrl());
            QVERIFY(reader.open());
            if (client->isPatient()) {
                QVERIFY(reader.hello());
                const auto resumed = reader.request("visit_resume", {{"token", tokens[k]}});
                QVERIFY2(caredesk::test::typeOf(resumed) != "error", resumed.dump().c_str());
            } else {
                QCOMPARE(caredesk::test::typeOf(
                             reader.login(client->name(), caredesk::test::kTestPassword)),
                         std::string("session"));
            }
            ChatFinalHistory final{client, {}};
            for (const auto visitId : client->threads()) {
                final.threads[visitId] = fetchThread(reader, visitId);
                QVERIFY(!final.threads[visitId].empty());
            }
            finals.push_back(std::move(final));
        }

        const std::vector<const ChatCrashClient *> judged(everyone.begin(), everyone.end());
        const auto verdict = caredesk::test::checkChatLogs(judged, finals);
        std::cout << "chat crash: " << verdict.summary() << std::endl;
        QVERIFY2(verdict.clean(), verdict.summary().c_str());
        QCOMPARE(verdict.acked, verdict.typed);
        QCOMPARE(verdict.stored, verdict.acked);
        // The drops really interrupted the conversation, and idempotent
        // resends were exercised.
        QVERIFY(verdict.resent > 0);
        QVERIFY(verdict.ackedFromFirstCopy > 0);
    }
};

QTEST_GUILESS_MAIN(ChatCrashTest)
#include "tst_ChatCrash.moc"
