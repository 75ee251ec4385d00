// Caregiver accounts and state licenses over the wire, on a real PostgreSQL:
// an admin creates an account and its one-time activation code, the caregiver
// activates it with a password that meets the policy, deactivation and reset
// end every session at once (live connections too) and take a provider out of
// routing; licenses are recorded, reviewed and audited with before/after, and
// only verified ones route.

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
using caredesk::test::countOf;
using caredesk::test::fieldOf;
using caredesk::test::kTestPassword;
using caredesk::test::typeOf;

const std::string kNewPassword = "correct horse battery staple";

json profile(const std::string &name, const json &roles) {
    return {{"displayName", name}, {"roles", roles}, {"email", ""}, {"phone", ""}};
}

json createBody(const std::string &username, const std::string &name, const json &roles) {
    auto body = profile(name, roles);
    body["username"] = username;
    return body;
}

json licenseBody(std::int64_t caregiverId, const std::string &state, const std::string &number,
                 const std::string &status, const std::string &expiresOn = "2099-12-31") {
    return {{"caregiverId", caregiverId}, {"state", state},         {"number", number},
            {"type", "MD"},               {"expiresOn", expiresOn}, {"status", status},
            {"reviewNote", ""}};
}

// login on a client already past hello.
json signIn(WsTestClient &client, const std::string &username, const std::string &password) {
    return client.request("login", {{"username", username}, {"password", password}});
}

json accountNamed(const json &list, const std::string &username) {
    for (const auto &account : list["body"]["caregivers"]) {
        if (account["username"] == username)
            return account;
    }
    return nullptr;
}

// One text value read straight from the server's database.
std::string scalar(const ServerUnderTest &server, const std::string &sql) {
    std::string value;
    caredesk::server::DatabasePool::runOnce(server.connectionString(), [&](pqxx::work &tx) {
        value = tx.exec1(sql)[0].as<std::string>();
    });
    return value;
}

json accountIn(const json &list, std::int64_t id) {
    for (const auto &account : list["body"]["caregivers"]) {
        if (account["id"] == id)
            return account;
    }
    return nullptr;
}
} // namespace

class OnboardingTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_adaId = 0;
    std::int64_t m_leeId = 0;

    std::unique_ptr<WsTestClient> caregiver(const std::string &user) {
        return caredesk::test::connectCaregiver(*m_server, user);
    }

    // A client past hello, as the console is before anyone signs in.
    std::unique_ptr<WsTestClient> anonymous() { return caredesk::test::connectPatient(*m_server); }

    std::int64_t auditCount(const std::string &action, const std::string &subjectId) {
        return countOf(*m_server, "SELECT count(*) FROM audit_events WHERE action = '" + action +
                                      "' AND subject_id = '" + subjectId + "'");
    }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_adaId = m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
        m_server->addCaregiver("sam", kTestPassword, {Role::Support});
        m_leeId = m_server->addCaregiver("drlee", kTestPassword, {Role::Provider});
    }
    void cleanup() { m_server.reset(); }

    void inviteActivateSignIn() {
        auto ada = caregiver("ada");
        const auto created = ada->request(
            "create_caregiver", createBody("  Nurse.Kim ", "  Kim Park ", {"support", "provider"}));
        QCOMPARE(typeOf(created), std::string("caregiver_invite"));
        const auto &account = created["body"]["caregiver"];
        QCOMPARE(account["username"], json("Nurse.Kim")); // trimmed
        QCOMPARE(account["displayName"], json("Kim Park"));
        QCOMPARE(account["accountStatus"], json("invited"));
        const std::string code = created["body"]["inviteToken"];
        const std::int64_t kimId = account["id"];
        QVERIFY(created["body"]["inviteExpiresAt"].get<std::int64_t>() >
                QDateTime::currentMSecsSinceEpoch() + 71LL * 3600 * 1000);

        // The code is a secret: never in the audit trail or the database.
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM audit_events WHERE detail::text LIKE '%" +
                                        code + "%'"),
                 std::int64_t(0));
        QCOMPARE(auditCount("caregiver.created", std::to_string(kimId)), std::int64_t(1));
        QCOMPARE(auditCount("caregiver.invite_issued", std::to_string(kimId)), std::int64_t(1));

        // No password yet: nothing signs in, not even an empty one.
        auto kim = anonymous();
        QCOMPARE(codeOf(signIn(*kim, "nurse.kim", "anything at all here")),
                 std::string("invalid_credentials"));

        // A password against the policy is refused and the code stays good.
        const auto weak = kim->request("activate_account",
                                       {{"inviteToken", code}, {"password", "short"}});
        QCOMPARE(codeOf(weak), std::string("password_rejected"));
        QCOMPARE(fieldOf(weak), std::string("body.password"));
        const auto asName = kim->request("activate_account",
                                         {{"inviteToken", code}, {"password", "NURSE.KIM"}});
        QCOMPARE(codeOf(asName), std::string("password_rejected"));

        const auto activated = kim->request("activate_account",
                                            {{"inviteToken", code}, {"password", kNewPassword}});
        QCOMPARE(typeOf(activated), std::string("session"));
        QCOMPARE(activated["body"]["user"]["id"], json(kimId));
        QVERIFY(activated["body"].contains("token"));
        // Signed in on this connection: a request that needs a session works.
        QCOMPARE(typeOf(kim->request("list_canned_responses")), std::string("canned_responses"));

        // Spent: the same code again is refused, from anywhere.
        auto again = anonymous();
        const auto reused = again->request("activate_account",
                                           {{"inviteToken", code}, {"password", kNewPassword}});
        QCOMPARE(codeOf(reused), std::string("invalid_credentials"));
        QCOMPARE(fieldOf(reused), std::string("body.inviteToken"));

        auto later = anonymous();
        QCOMPARE(typeOf(signIn(*later, "NURSE.KIM", kNewPassword)), std::string("session"));
        const auto listed = ada->request("list_caregivers", {{"includeInactive", false}});
        const auto kimNow = accountIn(listed, kimId);
        QCOMPARE(kimNow["accountStatus"], json("active"));
        QVERIFY(!kimNow.contains("inviteExpiresAt"));
        QVERIFY(kimNow.contains("lastSignInAt"));
        QCOMPARE(auditCount("auth.activated", std::to_string(kimId)), std::int64_t(1));
    }

    // Many clients spend one code at the same instant: exactly one is signed in.
    // Many admins create one username at once: exactly one account.
    void racesSpendOneCodeOnceAndMakeOneAccount() {
        auto ada = caregiver("ada");
        const auto created =
            ada->request("create_caregiver", createBody("np.race", "Rae Race", {"provider"}));
        const std::string code = created["body"]["inviteToken"];
        // Five: wrong codes from one address are throttled after five failures,
        // and the winner may well run last.
        constexpr int kRacers = 5;
        std::vector<std::unique_ptr<WsTestClient>> racers;
        for (int i = 0; i < kRacers; ++i)
            racers.push_back(anonymous());
        for (int i = 0; i < kRacers; ++i)
            racers[i]->sendText(json({{"type", "activate_account"},
                                      {"id", "race"},
                                      {"body", {{"inviteToken", code},
                                                {"password", kNewPassword + std::to_string(i)}}}})
                                    .dump());
        int sessions = 0, refused = 0;
        for (auto &racer : racers) {
            const auto reply = racer->next(10000);
            sessions += typeOf(reply) == "session";
            refused += codeOf(reply) == "invalid_credentials";
        }
        QCOMPARE(sessions, 1);
        QCOMPARE(refused, kRacers - 1);

        std::vector<std::unique_ptr<WsTestClient>> admins;
        for (int i = 0; i < kRacers; ++i)
            admins.push_back(caregiver("ada"));
        for (auto &admin : admins)
            admin->sendText(json({{"type", "create_caregiver"},
                                  {"id", "race"},
                                  {"body", createBody("twin", "Twin", {"support"})}})
                                .dump());
        int accounts = 0, conflicts = 0;
        for (auto &admin : admins) {
            const auto reply = admin->next(10000);
            accounts += typeOf(reply) == "caregiver_invite";
            conflicts += codeOf(reply) == "conflict";
        }
        QCOMPARE(accounts, 1);
        QCOMPARE(conflicts, kRacers - 1);
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM caregivers WHERE username = 'twin'"),
                 std::int64_t(1));
    }

    void expiredOrVoidedCodesAreRefused() {
        auto ada = caregiver("ada");
        const auto created =
            ada->request("create_caregiver", createBody("np.ruiz", "Ana Ruiz", {"provider"}));
        const std::string first = created["body"]["inviteToken"];
        const std::int64_t id = created["body"]["caregiver"]["id"];

        // A new invitation voids the first.
        const auto reset = ada->request("reset_caregiver_access", {{"id", id}});
        QCOMPARE(typeOf(reset), std::string("caregiver_invite"));
        const std::string second = reset["body"]["inviteToken"];
        QVERIFY(first != second);
        auto client = anonymous();
        QCOMPARE(codeOf(client->request("activate_account",
                                        {{"inviteToken", first}, {"password", kNewPassword}})),
                 std::string("invalid_credentials"));

        // Past its expiry the second is refused too.
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            tx.exec_params0("UPDATE caregiver_invites SET expires_at = now() - interval '1 second' "
                            "WHERE caregiver_id = $1 AND used_at IS NULL AND voided_at IS NULL",
                            id);
        });
        QCOMPARE(codeOf(client->request("activate_account",
                                        {{"inviteToken", second}, {"password", kNewPassword}})),
                 std::string("invalid_credentials"));
    }

    void wrongCodesAreThrottled() {
        auto client = anonymous();
        std::string last;
        for (int attempt = 0; attempt < 8 && last != "throttled"; ++attempt) {
            last = codeOf(client->request(
                "activate_account",
                {{"inviteToken", "not-a-code-" + std::to_string(attempt) + "-xxxxxxxx"},
                 {"password", kNewPassword}}));
        }
        QCOMPARE(last, std::string("throttled"));
    }

    void accountFieldsAreChecked() {
        auto ada = caregiver("ada");
        const auto badName = ada->request("create_caregiver", createBody("has space", "X", {"support"}));
        QCOMPARE(codeOf(badName), std::string("out_of_range"));
        QCOMPARE(fieldOf(badName), std::string("body.username"));
        const auto noRole = ada->request("create_caregiver", createBody("kim", "Kim", json::array()));
        QCOMPARE(fieldOf(noRole), std::string("body.roles"));
        auto email = createBody("kim", "Kim", {"support"});
        email["email"] = "kim at example";
        QCOMPARE(fieldOf(ada->request("create_caregiver", email)), std::string("body.email"));
        auto phone = createBody("kim", "Kim", {"support"});
        phone["phone"] = "call me";
        QCOMPARE(fieldOf(ada->request("create_caregiver", phone)), std::string("body.phone"));
        const auto taken = ada->request("create_caregiver", createBody("DRLEE", "Other Lee", {"support"}));
        QCOMPARE(codeOf(taken), std::string("conflict"));
        QCOMPARE(fieldOf(taken), std::string("body.username"));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM caregivers"), std::int64_t(3));
    }

    void deactivationEndsSessionsAndRouting() {
        caredesk::test::openAroundTheClockWith(*m_server, "TX", m_leeId);
        auto patient = caredesk::test::connectPatient(*m_server);
        QCOMPARE(typeOf(patient->request("visit_request", caredesk::test::visitForm("TX", "Pat"))),
                 std::string("visit_accepted"));
        auto lee = caregiver("drlee");
        const auto taken = lee->request("take_next_visit");
        QCOMPARE(typeOf(taken), std::string("visit_assigned"));
        const std::int64_t visitId = taken["body"]["visit"]["id"];
        const auto leeLogin = caredesk::test::connectCaregiver(*m_server, "drlee");

        auto ada = caregiver("ada");
        const auto self = ada->request("set_caregiver_active", {{"id", m_adaId}, {"active", false}});
        QCOMPARE(codeOf(self), std::string("forbidden"));

        const auto off = ada->request("set_caregiver_active", {{"id", m_leeId}, {"active", false}});
        QCOMPARE(typeOf(off), std::string("caregiver_list"));
        QCOMPARE(off["body"]["caregivers"][0]["accountStatus"], json("deactivated"));

        // Both of Lee's live connections are closed by the server, at once.
        QVERIFY(lee->waitForDisconnect(5000));
        QCOMPARE(lee->closeCode(), 4001);
        QVERIFY(leeLogin->waitForDisconnect(5000));

        // The visit handed to Lee but not started is back in line; Lee is not
        // available and cannot sign in.
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM visits WHERE id = " +
                                        std::to_string(visitId) +
                                        " AND status = 'waiting' AND assigned_provider_id IS NULL"),
                 std::int64_t(1));
        QCOMPARE(countOf(*m_server,
                         "SELECT count(*) FROM provider_availability WHERE status = 'available'"),
                 std::int64_t(0));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM sessions WHERE caregiver_id = " +
                                        std::to_string(m_leeId) + " AND revoked_at IS NULL"),
                 std::int64_t(0));
        auto retry = anonymous();
        QCOMPARE(codeOf(signIn(*retry, "drlee", kTestPassword)), std::string("invalid_credentials"));
        const auto detail = json::parse(scalar(
            *m_server,
            "SELECT detail::text FROM audit_events WHERE action = 'caregiver.deactivated'"));
        QCOMPARE(detail["sessionsEnded"], json(2));
        QCOMPARE(detail["visitsReturned"], json(1));

        // Deactivating again changes nothing; reactivating lets Lee back in.
        QCOMPARE(typeOf(ada->request("set_caregiver_active", {{"id", m_leeId}, {"active", false}})),
                 std::string("caregiver_list"));
        QCOMPARE(auditCount("caregiver.deactivated", std::to_string(m_leeId)), std::int64_t(1));
        const auto on = ada->request("set_caregiver_active", {{"id", m_leeId}, {"active", true}});
        QCOMPARE(on["body"]["caregivers"][0]["accountStatus"], json("active"));
        QCOMPARE(typeOf(signIn(*retry, "drlee", kTestPassword)), std::string("session"));
    }

    // A support person's chats do not die with their account: they go back to
    // the pool, with a note for colleagues, where anyone can claim them.
    void deactivationReturnsChatsToThePool() {
        caredesk::test::openAroundTheClockWith(*m_server, "TX", m_leeId);
        auto patient = caredesk::test::connectPatient(*m_server);
        const auto accepted =
            patient->request("visit_request", caredesk::test::visitForm("TX", "Pat"));
        const std::int64_t visitId = accepted["body"]["visit"]["visitId"];
        QCOMPARE(typeOf(patient->request("chat_send", {{"visitId", visitId},
                                                       {"clientMessageId", "p-1"},
                                                       {"kind", "text"},
                                                       {"body", "is anyone there?"}})),
                 std::string("chat_ack"));
        auto sam = caregiver("sam");
        QCOMPARE(typeOf(sam->request("chat_claim", {{"visitId", visitId}})),
                 std::string("chat_threads"));
        const std::string thread = "SELECT count(*) FROM chat_threads WHERE visit_id = " +
                                   std::to_string(visitId);
        QCOMPARE(countOf(*m_server, thread + " AND owner_id IS NOT NULL"), std::int64_t(1));

        auto ada = caregiver("ada");
        const auto samId = countOf(*m_server, "SELECT id FROM caregivers WHERE username = 'sam'");
        QCOMPARE(typeOf(ada->request("set_caregiver_active", {{"id", samId}, {"active", false}})),
                 std::string("caregiver_list"));
        QCOMPARE(countOf(*m_server, thread + " AND owner_id IS NULL"), std::int64_t(1));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM chat_messages WHERE visit_id = " +
                                        std::to_string(visitId) +
                                        " AND kind = 'note' AND body = "
                                        "'Returned to the pool: Test sam''s account was "
                                        "deactivated.'"),
                 std::int64_t(1));
        const auto detail = json::parse(scalar(
            *m_server,
            "SELECT detail::text FROM audit_events WHERE action = 'caregiver.deactivated'"));
        QCOMPARE(detail["chatsReturned"], json(1));
    }

    // A revocation nobody heard (the listener was reconnecting) is found when
    // it is back: the instance asks the database which of its sessions ended.
    void revocationsMissedWhileDisconnectedAreFoundOnReconnect() {
        auto lee = caregiver("drlee");
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            const auto killed = tx.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        "WHERE query LIKE 'LISTEN%caredesk_sessions%'");
            QCOMPARE(killed.size(), pqxx::result::size_type(1));
            // Revoked behind the server's back: no announcement.
            tx.exec_params0("UPDATE sessions SET revoked_at = now() WHERE caregiver_id = $1",
                            m_leeId);
        });
        QVERIFY(lee->waitForDisconnect(10000));
        QCOMPARE(lee->closeCode(), 4001);
    }

    void resetEndsSessionsAndIssuesANewCode() {
        auto lee = caregiver("drlee");
        auto ada = caregiver("ada");
        QCOMPARE(codeOf(ada->request("reset_caregiver_access", {{"id", m_adaId}})),
                 std::string("forbidden"));
        const auto reset = ada->request("reset_caregiver_access", {{"id", m_leeId}});
        QCOMPARE(typeOf(reset), std::string("caregiver_invite"));
        QCOMPARE(reset["body"]["caregiver"]["accountStatus"], json("invited"));
        QVERIFY(lee->waitForDisconnect(5000));
        QCOMPARE(lee->closeCode(), 4001);

        auto client = anonymous();
        QCOMPARE(codeOf(signIn(*client, "drlee", kTestPassword)), std::string("invalid_credentials"));
        QCOMPARE(typeOf(client->request("activate_account",
                                        {{"inviteToken", reset["body"]["inviteToken"]},
                                         {"password", kNewPassword}})),
                 std::string("session"));
    }

    void profileUpdatesAreVersionedAndRoleChangesEndSessions() {
        auto ada = caregiver("ada");
        auto sam = caregiver("sam");
        const auto listed = ada->request("list_caregivers", {{"includeInactive", true}});
        const auto samAccount = accountNamed(listed, "sam");
        QVERIFY2(samAccount.is_object(), listed.dump().c_str());
        const std::int64_t samId = samAccount["id"];
        const std::int64_t version = samAccount["version"];

        // A new phone number: saved, audited with before/after, sessions kept.
        auto body = profile("Test sam", {"support"});
        body["id"] = samId;
        body["expectedVersion"] = version;
        body["phone"] = "+1 (555) 010-2000";
        const auto updated = ada->request("update_caregiver", body);
        QCOMPARE(typeOf(updated), std::string("caregiver_list"));
        QCOMPARE(updated["body"]["caregivers"][0]["phone"], json("+1 (555) 010-2000"));
        QCOMPARE(updated["body"]["caregivers"][0]["version"], json(version + 1));
        QVERIFY(sam->isConnected());
        const auto detail = json::parse(scalar(
            *m_server, "SELECT detail::text FROM audit_events WHERE action = 'caregiver.updated'"));
        QCOMPARE(detail["before"]["phone"], json(""));
        QCOMPARE(detail["after"]["phone"], json("+1 (555) 010-2000"));

        // The same version again: someone changed it since.
        body["phone"] = "+1 555 010 3000";
        const auto stale = ada->request("update_caregiver", body);
        QCOMPARE(codeOf(stale), std::string("conflict"));
        QCOMPARE(fieldOf(stale), std::string("body.expectedVersion"));

        // New roles end Sam's sessions: his console starts over with them.
        body["expectedVersion"] = version + 1;
        body["roles"] = {"support", "admin"};
        QCOMPARE(typeOf(ada->request("update_caregiver", body)), std::string("caregiver_list"));
        QVERIFY(sam->waitForDisconnect(5000));

        // Nobody takes the admin role from themselves.
        const auto adaNow = accountIn(ada->request("list_caregivers", {{"includeInactive", false}}),
                                      m_adaId);
        auto demote = profile("Test ada", {"support"});
        demote["id"] = m_adaId;
        demote["expectedVersion"] = adaNow["version"];
        QCOMPARE(codeOf(ada->request("update_caregiver", demote)), std::string("forbidden"));
    }

    void licensesAreReviewedAuditedAndOnlyVerifiedOnesRoute() {
        caredesk::test::openAroundTheClockWith(*m_server, "TX", m_leeId);
        auto patient = caredesk::test::connectPatient(*m_server);
        QCOMPARE(typeOf(patient->request("visit_request", caredesk::test::visitForm("TX", "Pat"))),
                 std::string("visit_accepted"));
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [](pqxx::work &tx) {
            tx.exec0("DELETE FROM licenses");
        });
        auto ada = caregiver("ada");
        auto lee = caregiver("drlee");

        auto all = ada->request("list_licenses");
        QCOMPARE(all["body"]["warnWithinDays"], json(30));
        QCOMPARE(all["body"]["providersWithoutLicense"].size(), std::size_t(1));
        QCOMPARE(all["body"]["providersWithoutLicense"][0]["id"], json(m_leeId));

        // Recorded but pending: not in force, does not route.
        const auto saved = ada->request("save_license", licenseBody(m_leeId, "TX", "TX-123", "pending"));
        QCOMPARE(typeOf(saved), std::string("license_list"));
        auto license = saved["body"]["licenses"][0];
        QCOMPARE(license["status"], json("pending"));
        QCOMPARE(license["inForce"], json(false));
        QVERIFY(!license.contains("reviewedBy"));
        QCOMPARE(codeOf(lee->request("take_next_visit")), std::string("not_found"));

        // Rejected: still nothing.
        auto change = licenseBody(m_leeId, "TX", "TX-123", "rejected");
        change["id"] = license["id"];
        change["expectedVersion"] = license["version"];
        change["reviewNote"] = "number not on the board's register";
        license = ada->request("save_license", change)["body"]["licenses"][0];
        QCOMPARE(license["status"], json("rejected"));
        QCOMPARE(license["reviewedBy"], json("Test ada"));
        QCOMPARE(codeOf(lee->request("take_next_visit")), std::string("not_found"));

        // Verified: in force, routes, and the provider is no longer listed as unlicensed.
        change["status"] = "verified";
        change["expectedVersion"] = license["version"];
        change["reviewNote"] = "";
        license = ada->request("save_license", change)["body"]["licenses"][0];
        QCOMPARE(license["status"], json("verified"));
        QCOMPARE(license["inForce"], json(true));
        QVERIFY(license["reviewedAt"].get<std::int64_t>() > 0);
        QCOMPARE(ada->request("list_licenses")["body"]["providersWithoutLicense"].size(),
                 std::size_t(0));
        QCOMPARE(typeOf(lee->request("take_next_visit")), std::string("visit_assigned"));

        // Every change audited with the values before and after.
        std::vector<std::string> trail;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            trail.clear();
            for (const auto &row : tx.exec("SELECT action || ' ' || detail::text FROM audit_events "
                                           "WHERE subject_type = 'license' ORDER BY id"))
                trail.push_back(row[0].as<std::string>());
        });
        QCOMPARE(trail.size(), std::size_t(3));
        QVERIFY(trail[0].rfind("license.created ", 0) == 0);
        const auto verify = json::parse(trail[2].substr(trail[2].find(' ') + 1));
        QCOMPARE(verify["before"]["status"], json("rejected"));
        QCOMPARE(verify["after"]["status"], json("verified"));

        // Stale version, duplicate number, unknown state, non-provider, bad dates.
        QCOMPARE(codeOf(ada->request("save_license", change)), std::string("conflict"));
        QCOMPARE(codeOf(ada->request("save_license",
                                     licenseBody(m_leeId, "TX", "TX-123", "pending"))),
                 std::string("conflict"));
        QCOMPARE(codeOf(ada->request("save_license",
                                     licenseBody(m_leeId, "ZZ", "ZZ-1", "pending"))),
                 std::string("not_found"));
        QCOMPARE(codeOf(ada->request("save_license",
                                     licenseBody(m_adaId, "TX", "TX-9", "pending"))),
                 std::string("not_a_provider"));
        auto backwards = licenseBody(m_leeId, "AZ", "AZ-1", "pending", "2030-01-01");
        backwards["issuedOn"] = "2031-01-01";
        const auto refused = ada->request("save_license", backwards);
        QCOMPARE(codeOf(refused), std::string("out_of_range"));
        QCOMPARE(fieldOf(refused), std::string("body.expiresOn"));
    }

    void providersSeeOnlyTheirOwnLicenses() {
        auto ada = caregiver("ada");
        const auto otherId = m_server->addCaregiver("drroe", kTestPassword, {Role::Provider});
        QCOMPARE(typeOf(ada->request("save_license", licenseBody(m_leeId, "TX", "L-1", "verified"))),
                 std::string("license_list"));
        QCOMPARE(typeOf(ada->request("save_license", licenseBody(otherId, "TX", "R-1", "verified"))),
                 std::string("license_list"));
        auto lee = caregiver("drlee");
        const auto own = lee->request("list_licenses");
        QCOMPARE(own["body"]["licenses"].size(), std::size_t(1));
        QCOMPARE(own["body"]["licenses"][0]["number"], json("L-1"));
        QCOMPARE(own["body"]["providersWithoutLicense"].size(), std::size_t(0));
        QCOMPARE(codeOf(lee->request("list_licenses", {{"caregiverId", otherId}})),
                 std::string("forbidden"));
        auto sam = caregiver("sam");
        QCOMPARE(codeOf(sam->request("list_licenses")), std::string("forbidden"));
        QCOMPARE(codeOf(lee->request("save_license", licenseBody(m_leeId, "TX", "L-2", "verified"))),
                 std::string("forbidden"));
    }
};

QTEST_MAIN(OnboardingTest)
#include "tst_Onboarding.moc"
