// Patients who go away, over the wire: after the grace their visit leaves the
// line (logged, audited, shown to consoles); back in time, they keep their
// place, on this instance or another.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "scheduling/VisitScheduler.h"
#include "storage/DatabasePool.h"

#include <QtTest>
#include <pqxx/pqxx>

using caredesk::domain::Role;
using caredesk::test::ServerUnderTest;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {

const std::string &kPassword = caredesk::test::kTestPassword;
constexpr int kGraceSeconds = 2;
constexpr int kPatience = 20000; // ms: grace, sweep, and a loaded machine

using caredesk::test::typeOf;

json visitForm(const std::string &first) {
    return caredesk::test::visitForm("WA", first);
}

void setGrace(caredesk::server::ServerConfig &config) {
    config.patientGrace = std::chrono::seconds(kGraceSeconds);
}

struct Filed {
    std::int64_t visitId = 0;
    std::string token;
};

} // namespace

class PatientPresenceOverWireTest : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_providerId = 0;

    std::unique_ptr<WsTestClient> patient(ServerUnderTest *server = nullptr) {
        auto c = std::make_unique<WsTestClient>((server ? server : m_server.get())->wsUrl());
        if (!c->open() || !c->hello())
            qFatal("cannot connect");
        return c;
    }
    static Filed file(WsTestClient &client, const std::string &first) {
        const auto accepted = client.request("visit_request", visitForm(first));
        if (typeOf(accepted) != "visit_accepted")
            qFatal("visit not accepted: %s", accepted.dump().c_str());
        return {accepted["body"]["visit"]["visitId"], accepted["body"]["token"]};
    }
    static json resume(WsTestClient &client, const Filed &visit) {
        return client.request("visit_resume", {{"token", visit.token}})["body"]["visit"];
    }

    template <class T>
    T query(const std::string &sql, std::int64_t visitId) {
        T value{};
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            value = tx.exec_params1(sql, visitId)[0].as<T>();
        });
        return value;
    }
    std::string statusOf(std::int64_t visitId) {
        return query<std::string>("SELECT status FROM visits WHERE id = $1", visitId);
    }
    int leftEvents(std::int64_t visitId) {
        return query<int>(
            "SELECT count(*) FROM visit_events WHERE visit_id = $1 AND to_status = 'left'",
            visitId);
    }

private slots:
    void init() {
        m_server =
            std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create(), setGrace);
        m_server->addCaregiver("sam", kPassword, {Role::Support});
        m_providerId = m_server->addCaregiver("drlee", kPassword, {Role::Provider});
        caredesk::test::openAroundTheClockWith(*m_server, "WA", m_providerId);
    }
    void cleanup() { m_server.reset(); }

    void patientAwayPastTheGraceLeavesTheLine() {
        auto console = std::make_unique<WsTestClient>(m_server->wsUrl());
        QVERIFY(console->open());
        QCOMPARE(typeOf(console->login("sam", kPassword)), std::string("session"));
        QCOMPARE(typeOf(console->request("queue_subscribe")), std::string("queue_snapshot"));

        auto away = patient();
        const Filed visit = file(*away, "Ann");
        away->close();

        QTRY_COMPARE_WITH_TIMEOUT(statusOf(visit.visitId), std::string("left"), kPatience);
        pqxx::result events;
        int audits = 0;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            events =
                tx.exec_params("SELECT e.from_status, e.actor_kind, e.actor_id IS NULL, e.reason, "
                               "       extract(epoch FROM e.occurred_at - p.seen_at), "
                               "       p.seen_at > v.requested_at "
                               "FROM visit_events e JOIN visits v ON v.id = e.visit_id "
                               "JOIN patient_presence p ON p.visit_id = e.visit_id "
                               "WHERE e.visit_id = $1 AND e.to_status = 'left'",
                               visit.visitId);
            audits = tx.exec_params1("SELECT count(*) FROM audit_events "
                                     "WHERE action = 'visit.status' AND subject_type = 'visit' "
                                     "AND subject_id = $1::text AND actor_kind = 'system' "
                                     "AND detail->>'from' = 'waiting' AND detail->>'to' = 'left'",
                                     visit.visitId)[0]
                         .as<int>();
        });
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0][0].as<std::string>(), std::string("waiting"));
        QCOMPARE(events[0][1].as<std::string>(), std::string("system"));
        QVERIFY(events[0][2].as<bool>());
        QCOMPARE(events[0][3].as<std::string>(),
                 "patient disconnected for more than " + std::to_string(kGraceSeconds) + " s");
        // Not before the grace had passed since the patient was last seen,
        // which was when their connection closed (after the intake's stamp).
        QVERIFY2(events[0][4].as<double>() >= kGraceSeconds, events[0][4].c_str());
        QVERIFY(events[0][5].as<bool>());
        QCOMPARE(audits, 1);

        // The console's board drops the visit.
        bool removed = false;
        for (int i = 0; i < 20 && !removed; ++i) {
            const auto push = console->next(5000);
            if (push.is_null())
                break;
            if (typeOf(push) == "queue_delta")
                for (const auto &id : push["body"].value("removedVisitIds", json::array()))
                    removed = removed || id.get<std::int64_t>() == visit.visitId;
        }
        QVERIFY(removed);

        // Coming back too late shows how the visit ended.
        auto late = patient();
        const auto view = resume(*late, visit);
        QCOMPARE(view["status"], json("left"));
        QVERIFY(!view.value("notice", std::string()).empty());
        QCOMPARE(leftEvents(visit.visitId), 1);
    }

    void patientBackWithinTheGraceKeepsTheirPlace() {
        auto ahead = patient();
        file(*ahead, "Ada");
        auto first = patient();
        const Filed returning = file(*first, "Ben");
        auto third = patient();
        const Filed control = file(*third, "Cy");

        first->close();
        auto again = patient();
        const auto resumed = resume(*again, returning);
        QCOMPARE(resumed["status"], json("waiting"));
        QCOMPARE(resumed["position"], json(2));

        // The control goes after the returning patient came back; once it has
        // left, the sweep has looked past the grace, and the patient who came
        // back is still in line, in the same place.
        third->close();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(control.visitId), std::string("left"), kPatience);
        QCOMPARE(statusOf(returning.visitId), std::string("waiting"));
        QCOMPARE(leftEvents(returning.visitId), 0);
        auto check = patient();
        QCOMPARE(resume(*check, returning)["position"], json(2));
    }

    void visitsWithAProviderAreNotSwept() {
        auto assignedPatient = patient();
        const Filed assigned = file(*assignedPatient, "Dee");
        auto provider = std::make_unique<WsTestClient>(m_server->wsUrl());
        QVERIFY(provider->open());
        QCOMPARE(typeOf(provider->login("drlee", kPassword)), std::string("session"));
        QCOMPARE(typeOf(provider->request("take_next_visit")), std::string("visit_assigned"));
        assignedPatient->close();

        auto controlPatient = patient();
        const Filed control = file(*controlPatient, "Eve");
        controlPatient->close();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(control.visitId), std::string("left"), kPatience);
        // The provider decides about an assigned patient who is gone (no_show).
        QCOMPARE(statusOf(assigned.visitId), std::string("assigned"));
    }

    void visitsWithoutAConnectedPatientAreNotSwept() {
        std::int64_t staffFiled = 0;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            caredesk::server::NewVisit visit;
            visit.jurisdictionCode = "WA";
            visit.firstName = "Fay";
            visit.lastName = "Phone";
            visit.dateOfBirth = "1950-01-01";
            visit.reason = "Called the clinic";
            visit.contact = "555-0199";
            visit.patientTokenHash = caredesk::server::SessionToken::generate().hash;
            staffFiled = caredesk::server::VisitScheduler::createVisit(
                             tx, visit, caredesk::server::VisitActor::system())
                             .id;
            tx.exec_params0("UPDATE visits SET requested_at = now() - interval '1 hour' "
                            "WHERE id = $1",
                            staffFiled);
        });
        auto controlPatient = patient();
        const Filed control = file(*controlPatient, "Gus");
        controlPatient->close();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(control.visitId), std::string("left"), kPatience);
        QCOMPARE(statusOf(staffFiled), std::string("waiting"));
        QCOMPARE(
            query<int>("SELECT count(*) FROM patient_presence WHERE visit_id = $1", staffFiled), 0);
    }

    void instancesShareWhoIsConnected() {
        ServerUnderTest other(m_server->connectionString(), setGrace);

        // Patients of this instance who leave for good.
        std::vector<Filed> gone;
        {
            std::vector<std::unique_ptr<WsTestClient>> clients;
            for (int i = 0; i < 6; ++i) {
                clients.push_back(patient());
                gone.push_back(file(*clients.back(), "Hal" + std::to_string(i)));
            }
        }
        // A patient who moves to the other instance within the grace, and one
        // who stays connected to this one while both instances sweep.
        auto mover = patient();
        const Filed moved = file(*mover, "Ivy");
        auto stayer = patient();
        const Filed stayed = file(*stayer, "Jon");
        mover->close();
        auto elsewhere = patient(&other);
        QCOMPARE(resume(*elsewhere, moved)["status"], json("waiting"));

        for (const auto &visit : gone)
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(visit.visitId), std::string("left"), kPatience);
        // Past the grace of the last one gone, with both instances sweeping.
        auto controlPatient = patient(&other);
        const Filed control = file(*controlPatient, "Kim");
        controlPatient->close();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(control.visitId), std::string("left"), kPatience);

        for (const auto &visit : gone)
            QCOMPARE(leftEvents(visit.visitId), 1);
        QCOMPARE(statusOf(moved.visitId), std::string("waiting"));
        QCOMPARE(statusOf(stayed.visitId), std::string("waiting"));
    }
};

QTEST_GUILESS_MAIN(PatientPresenceOverWireTest)
#include "tst_PatientPresence.moc"
