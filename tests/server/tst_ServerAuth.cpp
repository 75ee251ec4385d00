// Login, sessions, throttling, expiry and role checks over a real WebSocket
// against an in-process server on a real PostgreSQL.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WsTestClient.h"

#include "security/PasswordHasher.h"
#include "storage/DatabasePool.h"

#include <QtTest>

#include <pqxx/pqxx>

using caredesk::domain::Role;
using caredesk::test::ServerUnderTest;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {
const std::string kAdminPassword = "correct horse battery";
const std::string kSupportPassword = "support staple 2024";

std::string errorCode(const json &reply) {
    if (!reply.is_object() || reply.value("type", "") != "error")
        return "<not an error: " + reply.dump() + ">";
    return reply["body"].value("code", "");
}

long long count(const std::string &connection, const std::string &sql) {
    long long n = 0;
    caredesk::server::DatabasePool::runOnce(connection, [&](pqxx::work &tx) {
        n = tx.exec1(sql)[0].as<long long>();
    });
    return n;
}
} // namespace

class ServerAuthTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_adminId = 0;

    std::unique_ptr<WsTestClient> client() {
        auto c = std::make_unique<WsTestClient>(m_server->wsUrl());
        if (!c->open())
            qFatal("could not connect to the test server");
        return c;
    }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(
            caredesk::test::TestDatabase::create(),
            [](caredesk::server::ServerConfig &c) { c.loginThrottle.maxFailuresPerAccount = 3; });
        m_adminId = m_server->addCaregiver("Admin", kAdminPassword, {Role::Admin, Role::Support});
        m_server->addCaregiver("sam", kSupportPassword, {Role::Support});
    }
    void cleanup() { m_server.reset(); }

    void messagesBeforeHelloAreRefused() {
        auto c = client();
        const auto reply = c->request("login", {{"username", "Admin"}, {"password", "x"}});
        QCOMPARE(errorCode(reply), std::string("handshake_required"));
        QVERIFY(c->hello());
    }

    void unsupportedVersionGetsErrorAndClose() {
        auto c = client();
        const auto reply = c->request("hello", {{"minProtocol", 7},
                                               {"maxProtocol", 9},
                                               {"client", "tool"},
                                               {"clientVersion", "future"}});
        QCOMPARE(errorCode(reply), std::string("unsupported_version"));
        QVERIFY(c->waitForDisconnect());
        QCOMPARE(c->closeCode(), 4000);
    }

    void loginSucceedsCaseInsensitively() {
        auto c = client();
        const auto reply = c->login("admin", kAdminPassword);
        QCOMPARE(reply.value("type", ""), std::string("session"));
        const auto &body = reply["body"];
        QCOMPARE(body["token"].get<std::string>().size(), std::size_t(43));
        QCOMPARE(body["user"]["id"].get<std::int64_t>(), m_adminId);
        QCOMPARE(body["user"]["roles"], json({"support", "admin"}));
        QVERIFY(body["absoluteExpiresAt"].get<std::int64_t>() >=
                body["idleExpiresAt"].get<std::int64_t>());
        // The token is stored only as its hash.
        const auto token = body["token"].get<std::string>();
        QCOMPARE(count(m_server->connectionString(),
                       "SELECT count(*) FROM sessions WHERE position('" + token +
                           "' in encode(token_hash, 'escape')) > 0"),
                 0LL);
        QCOMPARE(count(m_server->connectionString(),
                       "SELECT count(*) FROM audit_events WHERE action = 'auth.login'"),
                 1LL);
    }

    void wrongPasswordAndUnknownUserLookTheSame() {
        auto c = client();
        const auto wrong = c->login("admin", "not the password");
        const auto unknown = c->request("login", {{"username", "nobody"}, {"password", "x"}});
        QCOMPARE(errorCode(wrong), std::string("invalid_credentials"));
        QCOMPARE(errorCode(unknown), std::string("invalid_credentials"));
        QCOMPARE(wrong["body"]["message"], unknown["body"]["message"]);
    }

    void repeatedFailuresAreThrottledPerAccount() {
        auto c = client();
        QVERIFY(c->hello());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(errorCode(c->request("login", {{"username", "sam"}, {"password", "bad"}})),
                     std::string("invalid_credentials"));
        // Now even the right password is refused, with a time to wait.
        const auto throttled =
            c->request("login", {{"username", "sam"}, {"password", kSupportPassword}});
        QCOMPARE(errorCode(throttled), std::string("throttled"));
        const auto wait = throttled["body"]["retryAfterSeconds"].get<std::int64_t>();
        QVERIFY2(wait > 0 && wait <= 900, std::to_string(wait).c_str());
        // Another account from the same address is not affected yet.
        QCOMPARE(c->request("login", {{"username", "admin"}, {"password", kAdminPassword}})
                     .value("type", ""),
                 std::string("session"));
    }

    void repeatedFailuresAreThrottledPerAddress() {
        m_server.reset();
        m_server = std::make_unique<ServerUnderTest>(
            caredesk::test::TestDatabase::create(), [](caredesk::server::ServerConfig &c) {
                c.loginThrottle.maxFailuresPerAddress = 4;
            });
        m_server->addCaregiver("admin", kAdminPassword, {Role::Admin});
        auto c = client();
        QVERIFY(c->hello());
        for (int i = 0; i < 4; ++i)
            c->request("login", {{"username", "user" + std::to_string(i)}, {"password", "x"}});
        QCOMPARE(errorCode(c->request("login",
                                      {{"username", "admin"}, {"password", kAdminPassword}})),
                 std::string("throttled"));
    }

    void inactiveCaregiverCannotLogIn() {
        m_server->addCaregiver("gone", "former employee 1", {Role::Support}, false);
        auto c = client();
        QCOMPARE(errorCode(c->login("gone", "former employee 1")),
                 std::string("invalid_credentials"));
    }

    void resumeOnANewConnectionKeepsTheSession() {
        std::string token;
        {
            auto first = client();
            token = first->login("admin", kAdminPassword)["body"]["token"];
        }
        auto second = client();
        QVERIFY(second->hello());
        const auto resumed = second->request("resume", {{"token", token}});
        QCOMPARE(resumed.value("type", ""), std::string("session"));
        QVERIFY(!resumed["body"].contains("token"));
        QCOMPARE(resumed["body"]["user"]["username"], json("Admin"));
        QCOMPARE(second->request("list_caregivers", {{"includeInactive", false}}).value("type", ""),
                 std::string("caregiver_list"));

        auto third = client();
        QVERIFY(third->hello());
        QCOMPARE(errorCode(third->request("resume", {{"token", std::string(43, 'A')}})),
                 std::string("session_expired"));
    }

    void idleSessionsExpire() {
        m_server.reset();
        m_server = std::make_unique<ServerUnderTest>(
            caredesk::test::TestDatabase::create(),
            [](caredesk::server::ServerConfig &c) { c.sessionTimeouts.idle = std::chrono::seconds(2); });
        m_server->addCaregiver("admin", kAdminPassword, {Role::Admin});
        auto c = client();
        const std::string token = c->login("admin", kAdminPassword)["body"]["token"];
        QCOMPARE(c->request("list_caregivers", {{"includeInactive", false}}).value("type", ""), std::string("caregiver_list"));
        QTest::qWait(2600);
        QCOMPARE(errorCode(c->request("list_caregivers", {{"includeInactive", false}})), std::string("session_expired"));
        // The connection forgot the session: the next request is unauthenticated.
        QCOMPARE(errorCode(c->request("list_caregivers", {{"includeInactive", false}})), std::string("not_authenticated"));
        auto other = client();
        QVERIFY(other->hello());
        QCOMPARE(errorCode(other->request("resume", {{"token", token}})),
                 std::string("session_expired"));
    }

    void absoluteLifetimeIsNotExtendedByActivity() {
        m_server.reset();
        m_server = std::make_unique<ServerUnderTest>(
            caredesk::test::TestDatabase::create(), [](caredesk::server::ServerConfig &c) {
                c.sessionTimeouts.absolute = std::chrono::seconds(3);
            });
        m_server->addCaregiver("admin", kAdminPassword, {Role::Admin});
        auto c = client();
        QCOMPARE(c->login("admin", kAdminPassword).value("type", ""), std::string("session"));
        for (int i = 0; i < 3; ++i) {
            QTest::qWait(800);
            QCOMPARE(c->request("list_caregivers", {{"includeInactive", false}}).value("type", ""),
                     std::string("caregiver_list"));
        }
        QTest::qWait(1000);
        QCOMPARE(errorCode(c->request("list_caregivers", {{"includeInactive", false}})), std::string("session_expired"));
    }

    void logoutRevokesTheSession() {
        auto c = client();
        const std::string token = c->login("admin", kAdminPassword)["body"]["token"];
        QCOMPARE(c->request("logout").value("type", ""), std::string("ok"));
        QCOMPARE(errorCode(c->request("list_caregivers", {{"includeInactive", false}})), std::string("not_authenticated"));
        auto other = client();
        QVERIFY(other->hello());
        QCOMPARE(errorCode(other->request("resume", {{"token", token}})),
                 std::string("session_expired"));
    }

    void changePasswordRevokesOtherSessions() {
        auto laptop = client();
        auto desktop = client();
        QCOMPARE(laptop->login("sam", kSupportPassword).value("type", ""), std::string("session"));
        const auto desktopSession = desktop->login("sam", kSupportPassword);
        QCOMPARE(desktopSession.value("type", ""), std::string("session"));

        QCOMPARE(errorCode(laptop->request("change_password",
                                           {{"currentPassword", "wrong"},
                                            {"newPassword", "a much better password"}})),
                 std::string("invalid_credentials"));
        const auto weak = laptop->request(
            "change_password", {{"currentPassword", kSupportPassword}, {"newPassword", "short"}});
        QCOMPARE(errorCode(weak), std::string("password_rejected"));
        QCOMPARE(weak["body"]["field"], json("body.newPassword"));

        QCOMPARE(laptop
                     ->request("change_password", {{"currentPassword", kSupportPassword},
                                                   {"newPassword", "a much better password"}})
                     .value("type", ""),
                 std::string("ok"));
        // The other device's session is gone, and the server closed its
        // connection at once; this one continues.
        QVERIFY(desktop->waitForDisconnect(5000));
        QCOMPARE(desktop->closeCode(), 4001);
        auto desktopAgain = client();
        QVERIFY(desktopAgain->hello());
        QCOMPARE(errorCode(desktopAgain->request(
                     "resume", {{"token", desktopSession["body"]["token"]}})),
                 std::string("session_expired"));
        QCOMPARE(laptop->request("logout").value("type", ""), std::string("ok"));

        auto fresh = client();
        QCOMPARE(errorCode(fresh->login("sam", kSupportPassword)),
                 std::string("invalid_credentials"));
        QCOMPARE(fresh->request("login", {{"username", "sam"},
                                          {"password", "a much better password"}})
                     .value("type", ""),
                 std::string("session"));
    }

    void rolesAreCheckedOnTheServer() {
        auto support = client();
        QCOMPARE(support->login("sam", kSupportPassword).value("type", ""),
                 std::string("session"));
        const auto denied = support->request("list_caregivers", {{"includeInactive", false}});
        QCOMPARE(errorCode(denied), std::string("forbidden"));
        QVERIFY(denied["body"]["message"].get<std::string>().find("admin") != std::string::npos);

        auto admin = client();
        QCOMPARE(admin->login("admin", kAdminPassword).value("type", ""), std::string("session"));
        const auto list = admin->request("list_caregivers", {{"includeInactive", false}});
        QCOMPARE(list.value("type", ""), std::string("caregiver_list"));
        QCOMPARE(list["body"]["caregivers"].size(), std::size_t(2));

        // A role removed in the database takes effect on the next request.
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [](pqxx::work &tx) {
            tx.exec0("UPDATE caregivers SET roles = '{support}' WHERE lower(username) = 'admin'");
        });
        QCOMPARE(errorCode(admin->request("list_caregivers", {{"includeInactive", false}})), std::string("forbidden"));
    }

    void unauthenticatedRequestsAreRefused() {
        auto c = client();
        QVERIFY(c->hello());
        QCOMPARE(errorCode(c->request("list_caregivers", {{"includeInactive", false}})), std::string("not_authenticated"));
        QCOMPARE(errorCode(c->request("logout")), std::string("not_authenticated"));
    }

    void weakerStoredHashesAreUpgradedAtLogin() {
        // Stored with the minimum cost; this server hashes with a higher one.
        m_server.reset();
        const auto connection = caredesk::test::TestDatabase::create();
        m_server = std::make_unique<ServerUnderTest>(
            connection, [](caredesk::server::ServerConfig &c) { c.passwordCost = "interactive"; });
        const caredesk::server::PasswordHasher weak(
            caredesk::server::PasswordHasher::minimumCost());
        caredesk::server::DatabasePool::runOnce(connection, [&](pqxx::work &tx) {
            tx.exec_params0("INSERT INTO caregivers (username, display_name, password_hash, roles) "
                            "VALUES ('old', 'Old Hash', $1, '{support}')",
                            weak.hash("an old but fine password"));
        });
        const caredesk::server::PasswordHasher current(
            caredesk::server::PasswordHasher::interactiveCost());
        auto storedHash = [&] {
            std::string hash;
            caredesk::server::DatabasePool::runOnce(connection, [&](pqxx::work &tx) {
                hash = tx.exec1("SELECT password_hash FROM caregivers WHERE username = 'old'")[0]
                           .as<std::string>();
            });
            return hash;
        };
        QVERIFY(current.needsRehash(storedHash()));
        auto c = client();
        QCOMPARE(c->login("old", "an old but fine password").value("type", ""),
                 std::string("session"));
        QVERIFY(!current.needsRehash(storedHash()));
        QVERIFY(current.verify(storedHash(), "an old but fine password"));
    }
};

QTEST_GUILESS_MAIN(ServerAuthTest)
#include "tst_ServerAuth.moc"
