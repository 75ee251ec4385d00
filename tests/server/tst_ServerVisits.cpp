// Patients and caregivers over the wire: intake with reasons, the queue board's
// snapshot and deltas, take-next, cancel, resume, and role checks.

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
using caredesk::test::applyDelta;
using caredesk::test::codeOf;
using caredesk::test::sortedById;
using caredesk::test::typeOf;
using caredesk::test::visitForm;
const std::string &kPassword = caredesk::test::kTestPassword;

} // namespace

class ServerVisitsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_providerId = 0;

    std::unique_ptr<WsTestClient> patient() { return caredesk::test::connectPatient(*m_server); }
    std::unique_ptr<WsTestClient> caregiver(const std::string &user) {
        return caredesk::test::connectCaregiver(*m_server, user);
    }
    // The next queue_delta pushed to this client (skipping nothing else).
    static json nextDelta(WsTestClient &c) {
        for (int i = 0; i < 20; ++i) {
            auto m = c.next(5000);
            if (m.is_null())
                return nullptr;
            if (typeOf(m) == "queue_delta")
                return m;
        }
        return nullptr;
    }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_server->addCaregiver("sam", kPassword, {Role::Support});
        m_providerId = m_server->addCaregiver("drlee", kPassword, {Role::Provider});
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            // WA and OR open around the clock; NY closed by staff.
            tx.exec0("UPDATE jurisdictions SET enabled = true, status = 'open' "
                     "WHERE code IN ('WA', 'OR')");
            tx.exec0(
                "UPDATE jurisdictions SET enabled = true, status = 'closed' WHERE code = 'NY'");
            tx.exec0(
                "INSERT INTO jurisdiction_hours (jurisdiction_code, weekday, opens_at, closes_at) "
                "SELECT c, d, '00:00', '00:00' FROM unnest(ARRAY['WA','OR','NY']) c, "
                "generate_series(0, 6) d");
            tx.exec_params0(
                "INSERT INTO licenses (caregiver_id, jurisdiction_code, license_number, "
                "expires_on, verified_at) VALUES ($1, 'WA', 'WA-1', current_date + 365, now())",
                m_providerId);
            tx.exec_params0("INSERT INTO provider_availability (caregiver_id, status) "
                            "VALUES ($1, 'available')",
                            m_providerId);
        });
    }
    void cleanup() { m_server.reset(); }

    void statesListShowsServedStates() {
        auto p = patient();
        const auto reply = p->request("list_states");
        QCOMPARE(typeOf(reply), std::string("state_list"));
        std::map<std::string, std::string> status;
        for (const auto &s : reply["body"]["states"])
            status[s["code"]] = s["status"];
        QCOMPARE(status.size(), std::size_t(3));
        QCOMPARE(status["WA"], std::string("open"));
        QCOMPARE(status["NY"], std::string("closed"));
    }

    void intakeOutcomesCarryReasons() {
        auto p = patient();
        const auto closed = p->request("visit_request", visitForm("NY", "Nora"));
        QCOMPARE(typeOf(closed), std::string("intake_refused"));
        QCOMPARE(closed["body"]["reason"], json("closed"));
        // OR is open but no provider is licensed there: nobody could see the patient.
        const auto noProvider = p->request("visit_request", visitForm("OR", "Olly"));
        QCOMPARE(typeOf(noProvider), std::string("intake_refused"));
        QCOMPARE(noProvider["body"]["reason"], json("at_capacity"));
        auto form = visitForm("WA", "Wes");
        form["consent"] = false;
        QCOMPARE(codeOf(p->request("visit_request", form)), std::string("out_of_range"));
        const auto accepted = p->request("visit_request", visitForm("WA", "Wes"));
        QCOMPARE(typeOf(accepted), std::string("visit_accepted"));
        QCOMPARE(accepted["body"]["visit"]["position"], json(1));
        QVERIFY(accepted["body"]["visit"].contains("estimatedWaitSeconds"));
        QVERIFY(accepted["body"]["token"].get<std::string>().size() >= 40);
    }

    void boardSnapshotThenDeltasConverge() {
        auto board = caregiver("sam");
        const auto snapshot = board->request("queue_subscribe");
        QCOMPARE(typeOf(snapshot), std::string("queue_snapshot"));
        json local = snapshot["body"];
        QCOMPARE(local["visits"].size(), std::size_t(0));
        std::int64_t seq = local["seq"];

        auto first = patient();
        const auto accepted = first->request("visit_request", visitForm("WA", "Ann"));
        QCOMPARE(typeOf(accepted), std::string("visit_accepted"));
        const std::int64_t visitId = accepted["body"]["visit"]["visitId"];
        auto delta = nextDelta(*board);
        QVERIFY(!delta.is_null());
        QCOMPARE(delta["body"]["seq"].get<std::int64_t>(), seq + 1);
        seq = delta["body"]["seq"];
        applyDelta(local, delta["body"]);
        QCOMPARE(local["visits"].size(), std::size_t(1));

        auto second = patient();
        QCOMPARE(typeOf(second->request("visit_request", visitForm("WA", "Ben"))),
                 std::string("visit_accepted"));

        // The provider takes the next patient: the first one.
        auto provider = caregiver("drlee");
        const auto taken = provider->request("take_next_visit");
        QCOMPARE(typeOf(taken), std::string("visit_assigned"));
        QCOMPARE(taken["body"]["visit"]["id"].get<std::int64_t>(), visitId);
        // The patient hears of it.
        bool told = false;
        for (int i = 0; i < 10 && !told; ++i) {
            const auto push = first->next(5000);
            told = typeOf(push) == "visit_status" && push["body"]["visit"]["status"] == "assigned";
        }
        QVERIFY(told);

        // The second patient leaves.
        QCOMPARE(second->request("visit_cancel")["body"]["visit"]["status"], json("cancelled"));

        // Apply every delta that arrives; then the board must equal a fresh snapshot.
        QTest::qWait(500);
        while (true) {
            auto more = board->next(300);
            if (more.is_null())
                break;
            if (typeOf(more) != "queue_delta")
                continue;
            QCOMPARE(more["body"]["seq"].get<std::int64_t>(), seq + 1);
            seq = more["body"]["seq"];
            applyDelta(local, more["body"]);
        }
        auto fresh = caregiver("sam");
        const auto check = fresh->request("queue_subscribe")["body"];
        QCOMPARE(sortedById(local["visits"]), sortedById(check["visits"]));
        QCOMPARE(local["visits"].size(), std::size_t(1));
        QCOMPARE(local["visits"][0]["status"], json("assigned"));
    }

    void patientsResumeWithTheirSecret() {
        std::string token;
        std::int64_t visitId = 0;
        {
            auto p = patient();
            const auto accepted = p->request("visit_request", visitForm("WA", "Cy"));
            token = accepted["body"]["token"];
            visitId = accepted["body"]["visit"]["visitId"];
        }
        auto again = patient();
        const auto resumed = again->request("visit_resume", {{"token", token}});
        QCOMPARE(typeOf(resumed), std::string("visit_status"));
        QCOMPARE(resumed["body"]["visit"]["visitId"].get<std::int64_t>(), visitId);
        QCOMPARE(resumed["body"]["visit"]["status"], json("waiting"));
        auto stranger = patient();
        QCOMPARE(codeOf(stranger->request("visit_resume", {{"token", std::string(43, 'x')}})),
                 std::string("session_expired"));
        QCOMPARE(codeOf(stranger->request("visit_cancel")), std::string("not_authenticated"));
    }

    void rolesAreEnforced() {
        auto support = caregiver("sam");
        QCOMPARE(codeOf(support->request("take_next_visit")), std::string("forbidden"));
        auto provider = caregiver("drlee");
        QCOMPARE(
            codeOf(provider->request("set_state_status", {{"state", "WA"}, {"status", "busy"}})),
            std::string("forbidden"));
        QCOMPARE(codeOf(provider->request("take_next_visit")), std::string("not_found"));
        QCOMPARE(
            typeOf(support->request("set_state_status", {{"state", "WA"}, {"status", "busy"}})),
            std::string("ok"));
        auto anonymous = patient();
        QCOMPARE(codeOf(anonymous->request("queue_subscribe")), std::string("not_authenticated"));
    }
};

QTEST_GUILESS_MAIN(ServerVisitsTest)
#include "tst_ServerVisits.moc"
