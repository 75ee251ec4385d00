// Provider availability over the wire: the statuses a provider sets and the one
// that follows from their visits, shifts, going offline when the last console
// has been gone longer than the grace (and not before), and the coverage the
// board shows per state and per provider.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "storage/DatabasePool.h"

#include <QtTest>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

using caredesk::domain::Role;
using caredesk::test::codeOf;
using caredesk::test::connectCaregiver;
using caredesk::test::connectPatient;
using caredesk::test::countOf;
using caredesk::test::fieldOf;
using caredesk::test::ServerUnderTest;
using caredesk::test::typeOf;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {

const std::string &kPassword = caredesk::test::kTestPassword;
constexpr int kGraceSeconds = 2;
constexpr int kPatience = 20000; // ms: grace, sweep, and a loaded machine

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t inMinutes(int minutes) {
    return nowMs() + std::int64_t(minutes) * 60 * 1000;
}

json rowWithKey(const json &rows, const char *key, const json &value) {
    for (const auto &row : rows)
        if (row[key] == value)
            return row;
    return nullptr;
}

} // namespace

class ProviderAvailabilityTest : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_leeId = 0; // licensed in WA
    std::int64_t m_kimId = 0; // licensed in WA and OR

    std::string statusOf(std::int64_t providerId) {
        std::string status;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            const auto rows = tx.exec_params(
                "SELECT status FROM provider_availability WHERE caregiver_id = $1", providerId);
            status = rows.empty() ? "<none>" : rows[0][0].as<std::string>();
        });
        return status;
    }

    json board() {
        auto sam = connectCaregiver(*m_server, "sam");
        const auto snapshot = sam->request("queue_subscribe");
        if (typeOf(snapshot) != "queue_snapshot")
            qWarning("queue_subscribe: %s", snapshot.dump().c_str());
        return snapshot["body"];
    }
    json stateRow(const std::string &code) { return rowWithKey(board()["states"], "code", code); }
    json providerRow(std::int64_t id) { return rowWithKey(board()["providers"], "id", id); }

    static std::int64_t fileVisit(const ServerUnderTest &server, const std::string &state,
                                  const std::string &first) {
        auto patient = connectPatient(server);
        const auto accepted =
            patient->request("visit_request", caredesk::test::visitForm(state, first));
        if (typeOf(accepted) != "visit_accepted")
            qFatal("visit not accepted: %s", accepted.dump().c_str());
        return accepted["body"]["visit"]["visitId"];
    }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(
            caredesk::test::TestDatabase::create(), [](caredesk::server::ServerConfig &config) {
                config.providerGrace = std::chrono::seconds(kGraceSeconds);
            });
        m_server->addCaregiver("sam", kPassword, {Role::Support});
        m_server->addCaregiver("ada", kPassword, {Role::Admin});
        m_leeId = m_server->addCaregiver("drlee", kPassword, {Role::Provider});
        m_kimId = m_server->addCaregiver("drkim", kPassword, {Role::Provider});
        caredesk::test::openAroundTheClockWith(*m_server, "WA", m_leeId);
        caredesk::test::openAroundTheClockWith(*m_server, "OR", m_kimId);
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            tx.exec_params0("INSERT INTO licenses (caregiver_id, jurisdiction_code, "
                            "license_number, expires_on, verified_at) "
                            "VALUES ($1, 'WA', 'WA-K', current_date + 365, now())",
                            m_kimId);
        });
    }
    void cleanup() { m_server.reset(); }

    void onBreakOrOfflineTakesNoVisits() {
        // Intake takes visits while someone can see them: file first.
        const auto first = fileVisit(*m_server, "WA", "Ann");
        auto lee = connectCaregiver(*m_server, "drlee");
        auto sam = connectCaregiver(*m_server, "sam");
        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "offline"}})),
                 std::string("ok"));
        const auto offline = lee->request("take_next_visit");
        QCOMPARE(codeOf(offline), std::string("provider_unavailable"));
        QCOMPARE(offline["body"]["message"], json("the provider is offline"));

        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "on_break"}})),
                 std::string("ok"));
        const auto onBreak = lee->request("take_next_visit");
        QCOMPARE(codeOf(onBreak), std::string("provider_unavailable"));
        QCOMPARE(onBreak["body"]["message"], json("the provider is on a break"));
        QCOMPARE(
            codeOf(sam->request("assign_visit", {{"visitId", first}, {"providerId", m_leeId}})),
            std::string("provider_unavailable"));
        QCOMPARE(codeOf(lee->request("set_availability", {{"status", "in_visit"}})),
                 std::string("out_of_range"));

        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "available"}})),
                 std::string("ok"));
        const auto taken = lee->request("take_next_visit");
        QCOMPARE(typeOf(taken), std::string("visit_assigned"));
        QCOMPARE(taken["body"]["visit"]["id"], json(first));

        // Every change is audited, from and to.
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM audit_events "
                                    "WHERE action = 'provider.availability' AND actor_id = " +
                                        std::to_string(m_leeId) +
                                        " AND detail->>'from' = 'available' "
                                        "AND detail->>'to' = 'offline'"),
                 std::int64_t(1));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM audit_events "
                                    "WHERE action = 'provider.availability' AND detail->>'from' = "
                                    "'on_break' AND detail->>'to' = 'available'"),
                 std::int64_t(1));
    }

    void boardShowsStatusesAndCoverage() {
        fileVisit(*m_server, "WA", "Ann");
        fileVisit(*m_server, "OR", "Bea");
        auto lee = connectCaregiver(*m_server, "drlee");
        auto kim = connectCaregiver(*m_server, "drkim");
        QCOMPARE(stateRow("WA")["providersAvailable"], json(2));
        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "offline"}})),
                 std::string("ok"));
        QCOMPARE(typeOf(kim->request("set_availability", {{"status", "offline"}})),
                 std::string("ok"));

        auto wa = stateRow("WA");
        QCOMPARE(wa["providersLicensed"], json(2));
        QCOMPARE(wa["providersOnShift"], json(0));
        QCOMPARE(wa["providersAvailable"], json(0));
        QCOMPARE(wa["providersInVisit"], json(0));
        QCOMPARE(providerRow(m_leeId)["status"], json("offline"));

        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "available"}})),
                 std::string("ok"));
        QCOMPARE(typeOf(kim->request("set_availability", {{"status", "on_break"}})),
                 std::string("ok"));
        wa = stateRow("WA");
        QCOMPARE(wa["providersOnShift"], json(2));
        QCOMPARE(wa["providersAvailable"], json(1));
        auto orState = stateRow("OR");
        QCOMPARE(orState["providersLicensed"], json(1));
        QCOMPARE(orState["providersOnShift"], json(1));
        QCOMPARE(orState["providersAvailable"], json(0)); // waiting, nobody free: flagged

        // A visit makes the provider "in visit" until it ends, whatever they set.
        const auto taken = lee->request("take_next_visit");
        QCOMPARE(typeOf(taken), std::string("visit_assigned"));
        const auto visitId = taken["body"]["visit"]["id"];
        const auto row = providerRow(m_leeId);
        QCOMPARE(row["status"], json("in_visit"));
        QCOMPARE(row["states"], json::array({"WA"}));
        QCOMPARE(row["displayName"], json("Test drlee"));
        QCOMPARE(row["onShift"], json(true));
        wa = stateRow("WA");
        QCOMPARE(wa["providersInVisit"], json(1));
        QCOMPARE(wa["providersAvailable"], json(0));

        QCOMPARE(
            typeOf(lee->request("advance_visit", {{"visitId", visitId}, {"status", "in_visit"}})),
            std::string("ok"));
        QCOMPARE(
            typeOf(lee->request("advance_visit", {{"visitId", visitId}, {"status", "completed"}})),
            std::string("ok"));
        QCOMPARE(providerRow(m_leeId)["status"], json("available"));
        QCOMPARE(stateRow("WA")["providersAvailable"], json(1));

        // A deactivated provider leaves the board.
        auto ada = connectCaregiver(*m_server, "ada");
        QCOMPARE(typeOf(ada->request("set_caregiver_active", {{"id", m_kimId}, {"active", false}})),
                 std::string("caregiver_list"));
        QVERIFY(providerRow(m_kimId).is_null());
        QCOMPARE(stateRow("OR")["providersLicensed"], json(0));
    }

    void shiftEndStopsNewVisits() {
        fileVisit(*m_server, "WA", "Ann");
        auto lee = connectCaregiver(*m_server, "drlee");
        const auto endsAt = nowMs() + 1500;
        QCOMPARE(typeOf(lee->request("set_shift", {{"endsAt", endsAt}})), std::string("ok"));
        QCOMPARE(providerRow(m_leeId)["shiftEndsAt"], json(endsAt));

        // Past the end: not offered visits, shown off shift, status kept.
        std::this_thread::sleep_for(std::chrono::milliseconds(endsAt - nowMs() + 100));
        const auto refused = lee->request("take_next_visit");
        QCOMPARE(codeOf(refused), std::string("provider_unavailable"));
        QCOMPARE(refused["body"]["message"], json("the provider's shift has ended"));
        const auto row = providerRow(m_leeId);
        QCOMPARE(row["onShift"], json(false));
        QCOMPARE(row["status"], json("available"));
        // Only Kim (no shift) still counts for Washington.
        QCOMPARE(stateRow("WA")["providersOnShift"], json(1));
        QCOMPARE(stateRow("WA")["providersAvailable"], json(1));

        // A shift that has not started yet keeps them out too.
        QCOMPARE(typeOf(lee->request("set_shift",
                                     {{"startsAt", inMinutes(60)}, {"endsAt", inMinutes(600)}})),
                 std::string("ok"));
        QCOMPARE(lee->request("take_next_visit")["body"]["message"],
                 json("the provider's shift has not started yet"));

        // Going available again after the shift ended starts over without one.
        QCOMPARE(typeOf(lee->request("set_shift", {{"endsAt", nowMs() + 1000}})),
                 std::string("ok"));
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "on_break"}})),
                 std::string("ok"));
        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "available"}})),
                 std::string("ok"));
        QVERIFY(!providerRow(m_leeId).contains("shiftEndsAt"));
        QCOMPARE(typeOf(lee->request("take_next_visit")), std::string("visit_assigned"));
    }

    void shiftsAreCheckedAndAudited() {
        auto lee = connectCaregiver(*m_server, "drlee");
        const auto refusal = [&](const json &body) {
            const auto reply = lee->request("set_shift", body);
            return codeOf(reply) + " " + fieldOf(reply);
        };
        QCOMPARE(refusal({{"startsAt", inMinutes(60)}, {"endsAt", inMinutes(30)}}),
                 std::string("out_of_range endsAt"));
        QCOMPARE(refusal({{"endsAt", inMinutes(-1)}}), std::string("out_of_range endsAt"));
        QCOMPARE(refusal({{"startsAt", inMinutes(0)}, {"endsAt", inMinutes(25 * 60)}}),
                 std::string("out_of_range endsAt"));
        // A provider sets only their own shift; an admin sets anyone's.
        QCOMPARE(refusal({{"providerId", m_kimId}, {"endsAt", inMinutes(60)}}),
                 std::string("forbidden body.providerId"));
        auto ada = connectCaregiver(*m_server, "ada");
        const auto endsAt = inMinutes(480);
        QCOMPARE(typeOf(ada->request("set_shift", {{"providerId", m_kimId}, {"endsAt", endsAt}})),
                 std::string("ok"));
        const auto adaId = countOf(*m_server, "SELECT id FROM caregivers WHERE username = 'ada'");
        QCOMPARE(codeOf(ada->request("set_shift", {{"providerId", adaId}, {"endsAt", endsAt}})),
                 std::string("not_a_provider"));
        QCOMPARE(providerRow(m_kimId)["shiftEndsAt"], json(endsAt));
        QCOMPARE(
            countOf(*m_server, "SELECT count(*) FROM audit_events WHERE action = 'provider.shift' "
                               "AND actor_id = " +
                                   std::to_string(adaId) + " AND subject_id = '" +
                                   std::to_string(m_kimId) +
                                   "' AND detail->'before'->'endsAt' = 'null'::jsonb "
                                   "AND (detail->'after'->>'endsAt')::bigint = " +
                                   std::to_string(endsAt)),
            std::int64_t(1));
        // Clearing is a change too; the same shift again is not.
        QCOMPARE(typeOf(ada->request("set_shift", {{"providerId", m_kimId}})), std::string("ok"));
        QCOMPARE(typeOf(ada->request("set_shift", {{"providerId", m_kimId}})), std::string("ok"));
        QCOMPARE(
            countOf(*m_server, "SELECT count(*) FROM audit_events WHERE action = 'provider.shift'"),
            std::int64_t(2));
        QVERIFY(!providerRow(m_kimId).contains("shiftEndsAt"));
    }

    void aBlipShorterThanTheGraceChangesNothing() {
        auto lee = connectCaregiver(*m_server, "drlee");
        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "available"}})),
                 std::string("ok"));
        lee->close();
        std::this_thread::sleep_for(std::chrono::milliseconds(kGraceSeconds * 1000 / 2));
        auto back = connectCaregiver(*m_server, "drlee");
        // Several graces and sweeps later, still available: the new console is stamped.
        std::this_thread::sleep_for(std::chrono::seconds(3 * kGraceSeconds));
        QCOMPARE(statusOf(m_leeId), std::string("available"));
        QCOMPARE(
            countOf(*m_server,
                    "SELECT count(*) FROM audit_events WHERE action = 'provider.auto_offline'"),
            std::int64_t(0));
    }

    void lastConsoleGoneGoesOfflineAfterTheGrace() {
        auto watcher = connectCaregiver(*m_server, "sam");
        QCOMPARE(typeOf(watcher->request("queue_subscribe")), std::string("queue_snapshot"));
        // A visit assigned but not started goes back to the line with them.
        const auto visitId = fileVisit(*m_server, "WA", "Ann");
        auto desk = connectCaregiver(*m_server, "drlee");
        auto laptop = connectCaregiver(*m_server, "drlee");
        QCOMPARE(typeOf(desk->request("take_next_visit")), std::string("visit_assigned"));

        desk->close();
        std::this_thread::sleep_for(std::chrono::seconds(3 * kGraceSeconds));
        QCOMPARE(statusOf(m_leeId), std::string("available")); // the laptop is still there

        laptop->close();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_leeId), std::string("offline"), kPatience);
        pqxx::result audit;
        double secondsAfterLastSeen = 0;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            audit = tx.exec_params("SELECT actor_kind, actor_id IS NULL, detail->>'from', "
                                   "       (detail->>'visitsReturned')::int, "
                                   "       (detail->>'graceSeconds')::int "
                                   "FROM audit_events WHERE action = 'provider.auto_offline' "
                                   "AND subject_id = $1::text",
                                   m_leeId);
            secondsAfterLastSeen =
                tx.exec_params1("SELECT extract(epoch FROM a.changed_at - p.seen_at) "
                                "FROM provider_availability a JOIN provider_presence p "
                                "USING (caregiver_id) WHERE caregiver_id = $1",
                                m_leeId)[0]
                    .as<double>();
        });
        QCOMPARE(audit.size(), std::size_t(1));
        QCOMPARE(audit[0][0].as<std::string>(), std::string("system"));
        QVERIFY(audit[0][1].as<bool>());
        QCOMPARE(audit[0][2].as<std::string>(), std::string("available"));
        QCOMPARE(audit[0][3].as<int>(), 1);
        QCOMPARE(audit[0][4].as<int>(), kGraceSeconds);
        // Not before the grace had passed since the laptop closed.
        QVERIFY2(secondsAfterLastSeen >= kGraceSeconds,
                 std::to_string(secondsAfterLastSeen).c_str());
        QCOMPARE(
            countOf(*m_server, "SELECT count(*) FROM visits WHERE id = " + std::to_string(visitId) +
                                   " AND status = 'waiting' AND assigned_provider_id IS NULL"),
            std::int64_t(1));

        // The watching console saw the provider go offline, live.
        bool seenOffline = false;
        for (int i = 0; i < 40 && !seenOffline; ++i) {
            const auto push = watcher->next(5000);
            if (push.is_null())
                break;
            if (typeOf(push) != "queue_delta")
                continue;
            const auto row = rowWithKey(push["body"]["providers"], "id", m_leeId);
            seenOffline = !row.is_null() && row["status"] == "offline";
        }
        QVERIFY(seenOffline);

        // Once offline, nothing more happens to them.
        std::this_thread::sleep_for(std::chrono::seconds(2 * kGraceSeconds));
        QCOMPARE(
            countOf(*m_server,
                    "SELECT count(*) FROM audit_events WHERE action = 'provider.auto_offline'"),
            std::int64_t(1));
    }

    void aConsoleOnAnotherInstanceKeepsThemOn() {
        ServerUnderTest other(m_server->connectionString(), [](caredesk::server::ServerConfig &c) {
            c.providerGrace = std::chrono::seconds(kGraceSeconds);
        });
        auto desk = connectCaregiver(*m_server, "drlee");
        auto laptop = connectCaregiver(other, "drlee");
        desk->close();
        std::this_thread::sleep_for(std::chrono::seconds(3 * kGraceSeconds));
        QCOMPARE(statusOf(m_leeId), std::string("available"));
        laptop->close();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_leeId), std::string("offline"), kPatience);
        // Both instances sweep; the provider went offline once.
        std::this_thread::sleep_for(std::chrono::seconds(kGraceSeconds));
        QCOMPARE(
            countOf(*m_server,
                    "SELECT count(*) FROM audit_events WHERE action = 'provider.auto_offline'"),
            std::int64_t(1));
    }

    void providersWithoutAConsoleAreNotSwept() {
        // Never signed in to a console (made available by the fixture): never
        // stamped, so never taken offline by the sweep.
        std::this_thread::sleep_for(std::chrono::seconds(3 * kGraceSeconds));
        QCOMPARE(statusOf(m_kimId), std::string("available"));
    }

    void signingOutStartsTheGrace() {
        auto lee = connectCaregiver(*m_server, "drlee");
        QCOMPARE(typeOf(lee->request("set_availability", {{"status", "on_break"}})),
                 std::string("ok"));
        QCOMPARE(typeOf(lee->request("logout")), std::string("ok"));
        // The connection stays open, but it no longer stands for the provider.
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_leeId), std::string("offline"), kPatience);
        QVERIFY(lee->isConnected());
    }
};

QTEST_GUILESS_MAIN(ProviderAvailabilityTest)
#include "tst_ProviderAvailability.moc"
