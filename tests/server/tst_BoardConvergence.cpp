// The queue board's promise, for every kind of change a board can see:
// applying the deltas in seq order to the snapshot gives exactly what a fresh
// snapshot gives. Each step makes one kind of change; after each, a console
// that kept applying deltas is compared with one that just subscribed.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"

#include <QtTest>

using caredesk::domain::Role;
using caredesk::test::applyDelta;
using caredesk::test::connectCaregiver;
using caredesk::test::connectPatient;
using caredesk::test::kTestPassword;
using caredesk::test::ServerUnderTest;
using caredesk::test::sortedBy;
using caredesk::test::typeOf;
using caredesk::test::visitForm;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {

constexpr int kQuietMs = 400; // no delta for this long: the board has settled

// The board without what moves with the clock alone (waits so far, and the
// estimates that count a visit in progress's elapsed time): the periodic
// refresh sends those too, but a fresh snapshot is taken a moment later.
json comparable(json board) {
    for (auto &state : board["states"]) {
        state.erase("longestWaitSeconds");
        state.erase("estimatedWaitSeconds");
    }
    for (auto &visit : board["visits"])
        visit.erase("estimatedWaitSeconds");
    return json{{"states", sortedBy(board["states"], "code")},
                {"visits", sortedBy(board["visits"], "id")},
                {"providers", sortedBy(board["providers"], "id")}};
}

} // namespace

class BoardConvergenceTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::unique_ptr<WsTestClient> m_board; // subscribed once, applies every delta
    json m_local;
    std::int64_t m_seq = 0;
    int m_deltas = 0;

    // Applies every delta until the stream is quiet, checking seq, then
    // compares with a fresh snapshot taken by another console.
    void expectConverged(const char *step) {
        for (;;) {
            const auto message = m_board->next(kQuietMs);
            if (message.is_null())
                break;
            if (typeOf(message) != "queue_delta")
                continue;
            const std::int64_t seq = message["body"]["seq"];
            QVERIFY2(seq == m_seq + 1, step);
            m_seq = seq;
            applyDelta(m_local, message["body"]);
            ++m_deltas;
        }
        auto fresh = connectCaregiver(*m_server, "sam");
        const auto snapshot = fresh->request("queue_subscribe");
        QCOMPARE(typeOf(snapshot), std::string("queue_snapshot"));
        const auto expected = comparable(snapshot["body"]);
        const auto actual = comparable(m_local);
        QVERIFY2(actual == expected, (std::string(step) + "\nfrom deltas: " + actual.dump() +
                                      "\nfresh:       " + expected.dump())
                                         .c_str());
    }

    // Eight hours from now, in the protocol's milliseconds.
    static std::int64_t shiftEnd() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   (std::chrono::system_clock::now() + std::chrono::hours(8)).time_since_epoch())
            .count();
    }

    json settingsOf(WsTestClient &admin, const std::string &code) {
        const auto list = admin.request("list_state_settings");
        if (typeOf(list) != "state_settings_list")
            qWarning("list_state_settings: %s", list.dump().c_str());
        for (const auto &state : list["body"]["states"])
            if (state["code"] == code)
                return state;
        return nullptr;
    }

    // Saves `code` with every day open around the clock, or not offered.
    void offer(WsTestClient &admin, const std::string &code, bool enabled) {
        const auto current = settingsOf(admin, code);
        json weekly = json::object();
        for (const char *day :
             {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"})
            weekly[day] = json::array({{{"opens", "00:00"}, {"closes", "00:00"}}});
        const json edit{{"state", code},
                        {"expectedVersion", current["version"]},
                        {"timeZone", current["timeZone"]},
                        {"enabled", enabled},
                        {"weekly", weekly},
                        {"closures", json::array()},
                        {"specialHours", json::array()}};
        QCOMPARE(typeOf(admin.request("update_state_settings", edit)),
                 std::string("state_settings_list"));
    }

private slots:
    void everyKindOfChangeConverges() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_server->addCaregiver("sam", kTestPassword, {Role::Support});
        m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
        const auto drlee = m_server->addCaregiver("drlee", kTestPassword, {Role::Provider});
        caredesk::test::openAroundTheClockWith(*m_server, "WA", drlee);

        m_board = connectCaregiver(*m_server, "sam");
        const auto snapshot = m_board->request("queue_subscribe");
        QCOMPARE(typeOf(snapshot), std::string("queue_snapshot"));
        m_local = snapshot["body"];
        m_seq = m_local["seq"];
        auto ada = connectCaregiver(*m_server, "ada");
        auto provider = connectCaregiver(*m_server, "drlee");

        auto ann = connectPatient(*m_server);
        const auto first = ann->request("visit_request", visitForm("WA", "Ann"));
        QCOMPARE(typeOf(first), std::string("visit_accepted"));
        const std::int64_t annVisit = first["body"]["visit"]["visitId"];
        expectConverged("a patient files a visit");

        auto ben = connectPatient(*m_server);
        const auto second = ben->request("visit_request", visitForm("WA", "Ben"));
        const std::int64_t benVisit = second["body"]["visit"]["visitId"];
        expectConverged("a second patient files a visit");

        QCOMPARE(
            typeOf(ada->request("set_visit_priority", {{"visitId", benVisit}, {"priority", 5}})),
            std::string("ok"));
        expectConverged("staff raise a visit's priority");

        QCOMPARE(
            typeOf(ada->request("assign_visit", {{"visitId", annVisit}, {"providerId", drlee}})),
            std::string("ok"));
        expectConverged("staff assign a visit");

        QCOMPARE(typeOf(provider->request("advance_visit",
                                          {{"visitId", annVisit}, {"status", "in_visit"}})),
                 std::string("ok"));
        expectConverged("the provider starts the visit");

        QCOMPARE(typeOf(provider->request("advance_visit",
                                          {{"visitId", annVisit}, {"status", "completed"}})),
                 std::string("ok"));
        expectConverged("the provider completes the visit");

        QCOMPARE(typeOf(provider->request("take_next_visit")), std::string("visit_assigned"));
        expectConverged("the provider takes the next visit");

        QCOMPARE(typeOf(provider->request("advance_visit",
                                          {{"visitId", benVisit}, {"status", "waiting"}})),
                 std::string("ok"));
        expectConverged("the provider hands the visit back");

        QCOMPARE(typeOf(ada->request("remove_visit",
                                     {{"visitId", benVisit}, {"reason", "duplicate request"}})),
                 std::string("ok"));
        expectConverged("staff remove a visit");

        auto cy = connectPatient(*m_server);
        QCOMPARE(typeOf(cy->request("visit_request", visitForm("WA", "Cy"))),
                 std::string("visit_accepted"));
        QCOMPARE(cy->request("visit_cancel")["body"]["visit"]["status"], json("cancelled"));
        expectConverged("a patient files and cancels");

        QCOMPARE(typeOf(ada->request("set_state_status", {{"state", "WA"}, {"status", "busy"}})),
                 std::string("ok"));
        expectConverged("staff mark the state busy");

        auto form = visitForm("WA", "Dee");
        form["priority"] = 2;
        QCOMPARE(typeOf(connectCaregiver(*m_server, "sam")->request("file_visit", form)),
                 std::string("visit_accepted"));
        expectConverged("staff file a visit with priority");

        QCOMPARE(typeOf(provider->request("set_availability", {{"status", "on_break"}})),
                 std::string("ok"));
        expectConverged("the provider takes a break");

        QCOMPARE(typeOf(provider->request("set_shift", {{"endsAt", shiftEnd()}})),
                 std::string("ok"));
        expectConverged("the provider sets the end of their shift");

        QCOMPARE(typeOf(provider->request("set_availability", {{"status", "offline"}})),
                 std::string("ok"));
        expectConverged("the provider goes offline");

        offer(*ada, "TX", true);
        expectConverged("an admin starts offering a state");

        offer(*ada, "TX", false);
        expectConverged("an admin stops offering a state");

        QVERIFY2(m_deltas >= 14, std::to_string(m_deltas).c_str());
    }

    void cleanup() {
        m_board.reset();
        m_server.reset();
    }
};

QTEST_GUILESS_MAIN(BoardConvergenceTest)
#include "tst_BoardConvergence.moc"
