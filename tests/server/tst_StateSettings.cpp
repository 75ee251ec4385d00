// States' settings over the wire: every jurisdiction listed, an admin's save
// checked whole (fields named), versioned against a concurrent save, audited
// with before/after, and followed at once by intake, the board and patients.
// Also staff filing visits on a patient's behalf and the provider list.

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
using caredesk::test::visitForm;

json opening(const std::string &opens, const std::string &closes) {
    return {{"opens", opens}, {"closes", closes}};
}

const char *const kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                             "thursday", "friday", "saturday"};

// Every day the same openings.
json everyDay(const json &openings) {
    json weekly = json::object();
    for (const char *day : kDays)
        weekly[day] = openings;
    return weekly;
}

// An update body for `state` from the settings the server listed.
json editOf(const json &settings) {
    json edit = settings;
    for (const char *key :
         {"code", "name", "status", "timeZones", "version", "changedAt", "changedBy"})
        edit.erase(key);
    edit["state"] = settings["code"];
    edit["expectedVersion"] = settings["version"];
    return edit;
}
} // namespace

class StateSettingsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_providerId = 0;

    std::unique_ptr<WsTestClient> patient() { return caredesk::test::connectPatient(*m_server); }
    std::unique_ptr<WsTestClient> caregiver(const std::string &user) {
        return caredesk::test::connectCaregiver(*m_server, user);
    }
    // The settings of one state, as listed to `client`.
    static json settingsOf(WsTestClient &client, const std::string &code) {
        const auto list = client.request("list_state_settings");
        for (const auto &state : list["body"]["states"])
            if (state["code"] == code)
                return state;
        return nullptr;
    }
    // The first push of `type` within a few seconds (other pushes skipped).
    static json nextOfType(WsTestClient &c, const std::string &type) {
        for (int i = 0; i < 30; ++i) {
            auto m = c.next(5000);
            if (m.is_null())
                return nullptr;
            if (typeOf(m) == type)
                return m;
        }
        return nullptr;
    }
    template <class Rows>
    Rows query(const std::string &sql) {
        Rows rows;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(),
                                                [&](pqxx::work &tx) { rows = tx.exec(sql); });
        return rows;
    }
    std::int64_t count(const std::string &sql) { return caredesk::test::countOf(*m_server, sql); }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_server->addCaregiver("sam", kTestPassword, {Role::Support});
        m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
        m_server->addCaregiver("ben", kTestPassword, {Role::Admin});
        m_providerId = m_server->addCaregiver("drlee", kTestPassword, {Role::Provider});
        caredesk::test::openAroundTheClockWith(*m_server, "WA", m_providerId);
    }
    void cleanup() { m_server.reset(); }

    void everyJurisdictionIsListed() {
        auto sam = caregiver("sam");
        const auto list = sam->request("list_state_settings");
        QCOMPARE(typeOf(list), std::string("state_settings_list"));
        const auto &states = list["body"]["states"];
        QVERIFY(states.size() >= 51); // 50 states and DC, plus territories
        for (const auto &state : states) {
            const auto zones = state["timeZones"];
            QVERIFY2(std::find(zones.begin(), zones.end(), state["timeZone"]) != zones.end(),
                     state.dump().c_str());
        }
        const auto texas = settingsOf(*sam, "TX");
        QCOMPARE(texas["timeZone"], json("America/Chicago"));
        QVERIFY(texas["timeZones"].dump().find("America/Denver") != std::string::npos);
        QCOMPARE(texas["enabled"], json(false));
        const auto washington = settingsOf(*sam, "WA");
        QCOMPARE(washington["weekly"]["monday"], json::array({opening("00:00", "00:00")}));
        QCOMPARE(washington["version"], json(1));
    }

    void savedSettingsReadBackExactly() {
        auto ada = caregiver("ada");
        auto edit = editOf(settingsOf(*ada, "TX"));
        edit["enabled"] = true;
        edit["timeZone"] = "America/Denver";
        edit["weekly"] = everyDay(json::array({opening("08:00", "20:00")}));
        edit["weekly"]["friday"] =
            json::array({opening("08:00", "20:00"), opening("22:00", "02:00")});
        edit["weekly"]["sunday"] = json::array();
        edit["closures"] = json::array({{{"date", "2030-11-28"}, {"note", "Thanksgiving"}}});
        edit["specialHours"] = json::array(
            {{{"date", "2030-12-24"}, {"hours", json::array({opening("08:00", "12:00")})}}});
        edit["queueCap"] = 40;
        edit["busyMaxPerHour"] = 0;
        const auto reply = ada->request("update_state_settings", edit);
        QCOMPARE(typeOf(reply), std::string("state_settings_list"));
        const auto saved = reply["body"]["states"][0];
        QCOMPARE(saved["version"], json(2));
        QCOMPARE(saved["changedBy"], json("Test ada"));
        QVERIFY(saved.contains("changedAt"));
        auto expected = edit;
        auto readBack = editOf(saved);
        expected.erase("expectedVersion");
        readBack.erase("expectedVersion");
        QCOMPARE(readBack, expected);
        // A second reader sees the same.
        QCOMPARE(editOf(settingsOf(*caregiver("sam"), "TX")).dump(), editOf(saved).dump());

        // Audited with the values before and after.
        const auto audit =
            query<pqxx::result>("SELECT actor_id, detail FROM audit_events "
                                "WHERE action = 'state.settings_changed' AND subject_id = 'TX'");
        QCOMPARE(audit.size(), std::size_t(1));
        const auto detail = json::parse(audit[0][1].as<std::string>());
        QCOMPARE(detail["before"]["timeZone"], json("America/Chicago"));
        QCOMPARE(detail["after"]["timeZone"], json("America/Denver"));
        QCOMPARE(detail["after"]["queueCap"], json(40));
        QVERIFY(!detail["before"].contains("queueCap"));
    }

    void mistakesNameTheirField_data() {
        QTest::addColumn<QString>("path");  // JSON pointer into the edit
        QTest::addColumn<QString>("value"); // JSON
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("overlap") << "/weekly/monday"
                                 << "[{\"opens\":\"08:00\",\"closes\":\"12:00\"},"
                                    "{\"opens\":\"11:00\",\"closes\":\"13:00\"}]"
                                 << "out_of_range"
                                 << "body.weekly.monday[0]";
        QTest::newRow("overnight into next day") << "/weekly/tuesday"
                                                 << "[{\"opens\":\"20:00\",\"closes\":\"09:00\"}]"
                                                 << "out_of_range"
                                                 << "body.weekly.tuesday[0]";
        QTest::newRow("not this state's zone") << "/timeZone"
                                               << "\"Europe/Paris\""
                                               << "out_of_range"
                                               << "body.timeZone";
        QTest::newRow("holiday twice")
            << "/closures"
            << "[{\"date\":\"2030-07-04\",\"note\":\"\"},{\"date\":\"2030-07-04\",\"note\":\"x\"}]"
            << "out_of_range"
            << "body.closures[1].date";
        QTest::newRow("special day without hours") << "/specialHours"
                                                   << "[{\"date\":\"2030-07-03\",\"hours\":[]}]"
                                                   << "out_of_range"
                                                   << "body.specialHours[0].hours";
        QTest::newRow("special day overlapping")
            << "/specialHours"
            << "[{\"date\":\"2030-07-03\",\"hours\":[{\"opens\":\"08:00\",\"closes\":\"10:00\"},"
               "{\"opens\":\"09:00\",\"closes\":\"11:00\"}]}]"
            << "out_of_range"
            << "body.specialHours[0].hours[0]";
        QTest::newRow("bad time") << "/weekly/friday/0/opens"
                                  << "\"8am\""
                                  << "out_of_range"
                                  << "body.weekly.friday[0].opens";
        QTest::newRow("cap of zero") << "/queueCap"
                                     << "0"
                                     << "out_of_range"
                                     << "body.queueCap";
        QTest::newRow("unknown state") << "/state"
                                       << "\"ZZ\""
                                       << "not_found"
                                       << "body.state";
    }

    void mistakesNameTheirField() {
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QString, code);
        QFETCH(QString, field);
        auto ada = caregiver("ada");
        auto edit = editOf(settingsOf(*ada, "WA"));
        edit["weekly"] = everyDay(json::array({opening("08:00", "20:00")}));
        edit[json::json_pointer(path.toStdString())] = json::parse(value.toStdString());
        const auto reply = ada->request("update_state_settings", edit);
        QVERIFY2(codeOf(reply) == code.toStdString(), reply.dump().c_str());
        QVERIFY2(fieldOf(reply) == field.toStdString(), reply.dump().c_str());
        // Nothing was saved.
        QCOMPARE(settingsOf(*ada, "WA")["version"], json(1));
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'state.settings_changed'"),
                 std::int64_t(0));
    }

    void aStaleVersionIsAConflict() {
        auto ada = caregiver("ada");
        auto ben = caregiver("ben");
        const auto read = settingsOf(*ada, "WA");
        auto adaEdit = editOf(read);
        adaEdit["queueCap"] = 10;
        auto benEdit = editOf(read);
        benEdit["queueCap"] = 20;
        QCOMPARE(typeOf(ada->request("update_state_settings", adaEdit)),
                 std::string("state_settings_list"));
        const auto late = ben->request("update_state_settings", benEdit);
        QCOMPARE(codeOf(late), std::string("conflict"));
        QVERIFY(late["body"]["message"].get<std::string>().find("ada") != std::string::npos);
        QCOMPARE(settingsOf(*ben, "WA")["queueCap"], json(10));
    }

    void concurrentSavesOneWins() {
        // Several admins save the same version at once: exactly one save lands.
        constexpr int kAdmins = 6;
        std::vector<std::string> names;
        for (int i = 0; i < kAdmins; ++i) {
            names.push_back("admin" + std::to_string(i));
            m_server->addCaregiver(names.back(), kTestPassword, {Role::Admin});
        }
        std::vector<std::unique_ptr<WsTestClient>> clients;
        for (const auto &name : names)
            clients.push_back(caregiver(name));
        const auto read = settingsOf(*clients.front(), "WA");
        for (int i = 0; i < kAdmins; ++i) {
            auto edit = editOf(read);
            edit["queueCap"] = 100 + i;
            clients[static_cast<std::size_t>(i)]->sendText(
                json{{"type", "update_state_settings"}, {"id", "race"}, {"body", edit}}.dump());
        }
        int saved = 0;
        int conflicts = 0;
        std::int64_t winnerCap = 0;
        for (auto &client : clients) {
            json reply;
            for (int i = 0; i < 30 && reply.is_null(); ++i) {
                auto m = client->next(10000);
                QVERIFY(!m.is_null());
                if (m.value("id", "") == "race")
                    reply = m;
            }
            if (typeOf(reply) == "state_settings_list") {
                ++saved;
                winnerCap = reply["body"]["states"][0]["queueCap"];
            } else if (codeOf(reply) == "conflict") {
                ++conflicts;
            }
        }
        QCOMPARE(saved, 1);
        QCOMPARE(conflicts, kAdmins - 1);
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = "
                       "'state.settings_changed'"),
                 std::int64_t(1));
        QCOMPARE(settingsOf(*clients.front(), "WA")["queueCap"], json(winnerCap));
        QCOMPARE(settingsOf(*clients.front(), "WA")["version"], json(2));
    }

    void onlyAdminsSave() {
        auto sam = caregiver("sam");
        const auto edit = editOf(settingsOf(*sam, "WA"));
        QCOMPARE(codeOf(sam->request("update_state_settings", edit)), std::string("forbidden"));
        auto lee = caregiver("drlee");
        QCOMPARE(codeOf(lee->request("list_state_settings")), std::string("forbidden"));
        QCOMPARE(codeOf(lee->request("list_providers")), std::string("forbidden"));
        auto form = visitForm("WA", "Pat");
        form["priority"] = 0;
        QCOMPARE(codeOf(lee->request("file_visit", form)), std::string("forbidden"));
        auto anonymous = patient();
        QCOMPARE(codeOf(anonymous->request("list_state_settings")),
                 std::string("not_authenticated"));
        QCOMPARE(codeOf(anonymous->request("update_state_settings", edit)),
                 std::string("not_authenticated"));
    }

    void newHoursReachTheBoardAndThePatient() {
        auto ada = caregiver("ada");
        QCOMPARE(typeOf(ada->request("queue_subscribe")), std::string("queue_snapshot"));
        auto waiting = patient();
        QCOMPARE(typeOf(waiting->request("visit_request", visitForm("WA", "Wes"))),
                 std::string("visit_accepted"));
        QVERIFY(!nextOfType(*ada, "queue_delta").is_null()); // the new visit

        // No openings at all: WA is closed by its hours, though staff left it open.
        auto edit = editOf(settingsOf(*ada, "WA"));
        edit["weekly"] = everyDay(json::array());
        QCOMPARE(typeOf(ada->request("update_state_settings", edit)),
                 std::string("state_settings_list"));
        const auto delta = nextOfType(*ada, "queue_delta");
        QVERIFY(!delta.is_null());
        QCOMPARE(delta["body"]["states"][0]["code"], json("WA"));
        QCOMPARE(delta["body"]["states"][0]["status"], json("closed"));
        QCOMPARE(delta["body"]["states"][0]["manualStatus"], json("open"));
        // The waiting patient hears of it (after any earlier push).
        json push;
        do
            push = nextOfType(*waiting, "visit_status");
        while (!push.is_null() && push["body"]["visit"]["stateStatus"] != json("closed"));
        QVERIFY(!push.is_null());
        // A new patient is refused, with the reason.
        const auto refused = patient()->request("visit_request", visitForm("WA", "Una"));
        QCOMPARE(typeOf(refused), std::string("intake_refused"));
        QCOMPARE(refused["body"]["reason"], json("closed"));
    }

    void capAndBusyLimitFollowTheSettings() {
        auto ada = caregiver("ada");
        auto edit = editOf(settingsOf(*ada, "WA"));
        edit["queueCap"] = 1;
        edit["busyMaxPerHour"] = 0; // while busy: priority visits only
        QCOMPARE(typeOf(ada->request("update_state_settings", edit)),
                 std::string("state_settings_list"));
        QCOMPARE(typeOf(patient()->request("visit_request", visitForm("WA", "One"))),
                 std::string("visit_accepted"));
        const auto full = patient()->request("visit_request", visitForm("WA", "Two"));
        QCOMPARE(full["body"]["reason"], json("at_capacity"));

        edit = editOf(settingsOf(*ada, "WA"));
        edit.erase("queueCap");
        QCOMPARE(typeOf(ada->request("update_state_settings", edit)),
                 std::string("state_settings_list"));
        QCOMPARE(typeOf(ada->request("set_state_status", {{"state", "WA"}, {"status", "busy"}})),
                 std::string("ok"));
        const auto throttled = patient()->request("visit_request", visitForm("WA", "Three"));
        QCOMPARE(throttled["body"]["reason"], json("busy"));
        // Staff filing without priority meet the same limit; with priority, they pass it.
        auto sam = caregiver("sam");
        auto form = visitForm("WA", "Four");
        form["priority"] = 0;
        QCOMPARE(sam->request("file_visit", form)["body"]["reason"], json("busy"));
        form["priority"] = 3;
        const auto filed = sam->request("file_visit", form);
        QCOMPARE(typeOf(filed), std::string("visit_accepted"));
        // Ahead of the normal-priority patient already in line.
        QCOMPARE(filed["body"]["visit"]["position"], json(1));
    }

    void aFiledVisitIsThePatientsToFollow() {
        auto sam = caregiver("sam");
        auto form = visitForm("WA", "Fay");
        form["priority"] = 2;
        form["consent"] = false;
        const auto noConsent = sam->request("file_visit", form);
        QCOMPARE(codeOf(noConsent), std::string("out_of_range"));
        QCOMPARE(fieldOf(noConsent), std::string("body.consent"));
        form["consent"] = true;
        const auto filed = sam->request("file_visit", form);
        QCOMPARE(typeOf(filed), std::string("visit_accepted"));
        const std::int64_t visitId = filed["body"]["visit"]["visitId"];
        // The patient opens the link: the token resumes the visit.
        auto fay = patient();
        const auto resumed =
            fay->request("visit_resume", {{"token", filed["body"]["token"].get<std::string>()}});
        QCOMPARE(typeOf(resumed), std::string("visit_status"));
        QCOMPARE(resumed["body"]["visit"]["visitId"].get<std::int64_t>(), visitId);
        QCOMPARE(resumed["body"]["visit"]["status"], json("waiting"));
        // Filed by staff, on the record.
        QCOMPARE(
            count("SELECT count(*) FROM visit_events WHERE visit_id = " + std::to_string(visitId) +
                  " AND from_status IS NULL AND actor_kind = 'support'"),
            std::int64_t(1));
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'visit.create' "
                       "AND actor_kind = 'caregiver' AND subject_id = '" +
                       std::to_string(visitId) + "'"),
                 std::int64_t(1));
        QCOMPARE(count("SELECT priority FROM visits WHERE id = " + std::to_string(visitId)),
                 std::int64_t(2));
    }

    void disablingNeedsAnEmptyLine() {
        auto ada = caregiver("ada");
        QCOMPARE(typeOf(ada->request("queue_subscribe")), std::string("queue_snapshot"));
        auto wes = patient();
        QCOMPARE(typeOf(wes->request("visit_request", visitForm("WA", "Wes"))),
                 std::string("visit_accepted"));
        auto edit = editOf(settingsOf(*ada, "WA"));
        edit["enabled"] = false;
        const auto refused = ada->request("update_state_settings", edit);
        QCOMPARE(codeOf(refused), std::string("invalid_transition"));
        QCOMPARE(fieldOf(refused), std::string("body.enabled"));

        QCOMPARE(wes->request("visit_cancel")["body"]["visit"]["status"], json("cancelled"));
        QCOMPARE(typeOf(ada->request("update_state_settings", edit)),
                 std::string("state_settings_list"));
        // The board drops the state's row; patients no longer see it.
        bool removed = false;
        for (int i = 0; i < 10 && !removed; ++i) {
            const auto delta = nextOfType(*ada, "queue_delta");
            QVERIFY(!delta.is_null());
            removed = delta["body"]["removedStates"] == json::array({"WA"});
        }
        QVERIFY(removed);
        QCOMPARE(patient()->request("list_states")["body"]["states"].size(), std::size_t(0));

        // Offering it again brings the row back.
        edit = editOf(settingsOf(*ada, "WA"));
        edit["enabled"] = true;
        QCOMPARE(typeOf(ada->request("update_state_settings", edit)),
                 std::string("state_settings_list"));
        const auto back = nextOfType(*ada, "queue_delta");
        QVERIFY(!back.is_null());
        QCOMPARE(back["body"]["states"][0]["code"], json("WA"));
    }

    void providersAreListedForStaff() {
        m_server->addCaregiver("drnew", kTestPassword, {Role::Provider});
        auto sam = caregiver("sam");
        const auto list = sam->request("list_providers");
        QCOMPARE(typeOf(list), std::string("provider_list"));
        const auto &providers = list["body"]["providers"];
        QCOMPARE(providers.size(), std::size_t(2));
        QCOMPARE(providers[0]["displayName"], json("Test drlee"));
        QCOMPARE(providers[0]["available"], json(true));
        QCOMPARE(providers[0]["inVisit"], json(false));
        QCOMPARE(providers[0]["states"], json::array({"WA"}));
        QCOMPARE(providers[1]["displayName"], json("Test drnew"));
        QCOMPARE(providers[1]["available"], json(false));
        QCOMPARE(providers[1]["states"], json::array());
        // Taking a visit shows.
        QCOMPARE(typeOf(patient()->request("visit_request", visitForm("WA", "Ida"))),
                 std::string("visit_accepted"));
        QCOMPARE(typeOf(caregiver("drlee")->request("take_next_visit")),
                 std::string("visit_assigned"));
        QCOMPARE(sam->request("list_providers")["body"]["providers"][0]["inVisit"], json(true));
    }
};

QTEST_GUILESS_MAIN(StateSettingsTest)
#include "tst_StateSettings.moc"
