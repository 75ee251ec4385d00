// The audit trail over the wire: admins list it, newest first, filtered and
// paged; every other role is refused; the listing is itself audited; events
// show whether they are sealed yet.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "storage/DatabasePool.h"

#include <QtTest>
#include <pqxx/pqxx>

using caredesk::domain::Role;
using caredesk::test::ServerUnderTest;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {
using caredesk::test::codeOf;
using caredesk::test::fieldOf;
using caredesk::test::kTestPassword;
using caredesk::test::typeOf;

std::vector<std::string> actionsOf(const json &reply) {
    std::vector<std::string> actions;
    for (const auto &event : reply["body"]["events"])
        actions.push_back(event["action"]);
    return actions;
}
} // namespace

class AuditTrailTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_adaId = 0;
    std::int64_t m_samId = 0;

    std::unique_ptr<WsTestClient> caregiver(const std::string &user) {
        return caredesk::test::connectCaregiver(*m_server, user);
    }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_adaId = m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
        m_samId = m_server->addCaregiver("sam", kTestPassword, {Role::Support});
        m_server->addCaregiver("drlee", kTestPassword, {Role::Provider});
    }
    void cleanup() { m_server.reset(); }

    void onlyAdminsListIt() {
        for (const char *user : {"sam", "drlee"}) {
            auto client = caregiver(user);
            const auto reply = client->request("list_audit_events", {{"limit", 10}});
            QCOMPARE(codeOf(reply), std::string("forbidden"));
        }
        auto patient = caredesk::test::connectPatient(*m_server);
        QCOMPARE(codeOf(patient->request("list_audit_events", {{"limit", 10}})),
                 std::string("not_authenticated"));
        auto ada = caregiver("ada");
        const auto bad = ada->request("list_audit_events", {{"limit", 0}});
        QCOMPARE(codeOf(bad), std::string("out_of_range"));
        QCOMPARE(fieldOf(bad), std::string("body.limit"));
    }

    void newestFirstFilteredAndPaged() {
        auto sam = caregiver("sam"); // logs in: auth.login for sam
        auto ada = caregiver("ada");
        const auto all = ada->request("list_audit_events", {{"limit", 500}});
        QCOMPARE(typeOf(all), std::string("audit_events"));
        const auto &events = all["body"]["events"];
        QVERIFY(events.size() >= 2);
        for (std::size_t i = 1; i < events.size(); ++i)
            QVERIFY(events[i - 1]["id"].get<std::int64_t>() > events[i]["id"].get<std::int64_t>());
        QCOMPARE(all["body"]["more"], json(false));

        // Sam's sign-in, by actor and action prefix, with his name.
        const auto samOnly = ada->request(
            "list_audit_events", {{"actorId", m_samId}, {"action", "auth."}, {"limit", 50}});
        QVERIFY2(!samOnly["body"]["events"].empty(), samOnly.dump().c_str());
        for (const auto &event : samOnly["body"]["events"]) {
            QCOMPARE(event["actorId"], json(m_samId));
            QCOMPARE(event["actorName"], json("Test sam"));
            QVERIFY(event["action"].get<std::string>().rfind("auth.", 0) == 0);
            QVERIFY(json::parse(event["detail"].get<std::string>()).is_object());
        }

        // Pages of one, walked with beforeId, end where the full list ends.
        std::vector<std::int64_t> walked;
        json page = ada->request("list_audit_events", {{"limit", 1}});
        for (int guard = 0; guard < 100; ++guard) {
            QCOMPARE(page["body"]["events"].size(), std::size_t(1));
            walked.push_back(page["body"]["events"][0]["id"]);
            if (!page["body"]["more"].get<bool>())
                break;
            page = ada->request("list_audit_events",
                                {{"limit", 1}, {"beforeId", walked.back()}});
        }
        QVERIFY(walked.size() >= events.size()); // the listings themselves were added meanwhile
        QCOMPARE(walked.back(), events.back()["id"].get<std::int64_t>());

        // A time window that ends before everything: nothing.
        const auto none = ada->request("list_audit_events", {{"to", 1000}, {"limit", 10}});
        QCOMPARE(none["body"]["events"].size(), std::size_t(0));
        QCOMPARE(none["body"]["more"], json(false));
    }

    void listingIsAuditedAndSealsShow() {
        auto ada = caregiver("ada");
        ada->request("list_audit_events", {{"subjectType", "visit"}, {"limit", 5}});
        const auto listed = ada->request("list_audit_events",
                                         {{"action", "audit.listed"}, {"limit", 10}});
        const auto actions = actionsOf(listed);
        QVERIFY2(!actions.empty(), listed.dump().c_str());
        const json detail = json::parse(listed["body"]["events"][0]["detail"].get<std::string>());
        // The newest audit.listed is the one before this request's own.
        QVERIFY2(detail.dump().find("visit") != std::string::npos, detail.dump().c_str());

        // Sealing (in the background on the server) shows on each event.
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [](pqxx::work &tx) {
            QVERIFY(tx.exec1("SELECT count(*) FROM audit_events")[0].as<int>() > 0);
        });
        const auto sealedCount = [&] {
            const auto page = ada->request("list_audit_events", {{"limit", 500}});
            int sealed = 0;
            for (const auto &event : page["body"]["events"])
                sealed += event["sealed"].get<bool>() ? 1 : 0;
            return sealed;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sealedCount() >= 3, 15'000);
    }
};

QTEST_MAIN(AuditTrailTest)
#include "tst_AuditTrail.moc"
