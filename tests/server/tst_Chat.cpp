// Chat over the wire: a patient and the care team in one thread per visit,
// each message stored once under its sender's id and acknowledged after
// commit, one order for everyone, notes that never reach the patient, who may
// read what, the limits, the thread list, claiming and transfers.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "storage/DatabasePool.h"

#include <QtTest>
#include <pqxx/pqxx>
#include <set>
#include <thread>

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

struct Patient {
    std::unique_ptr<WsTestClient> client;
    std::int64_t visitId = 0;
    std::string token;
};

json send(WsTestClient &client, std::int64_t visitId, const std::string &clientId,
          const std::string &body, const std::string &kind = "text") {
    return client.request(
        "chat_send",
        {{"visitId", visitId}, {"clientMessageId", clientId}, {"kind", kind}, {"body", body}});
}

// The next push of `type` within a few seconds, skipping other pushes.
json nextOfType(WsTestClient &client, const std::string &type, int timeoutMs = 5000) {
    for (int i = 0; i < 100; ++i) {
        auto message = client.next(timeoutMs);
        if (message.is_null())
            return nullptr;
        if (typeOf(message) == type)
            return message;
    }
    return nullptr;
}

// Bodies of the chat_message pushes that arrive within timeoutMs.
std::vector<json> drainMessages(WsTestClient &client, int timeoutMs = 600) {
    std::vector<json> out;
    while (true) {
        auto message = client.next(timeoutMs);
        if (message.is_null())
            return out;
        if (typeOf(message) == "chat_message")
            out.push_back(message["body"]);
    }
}
} // namespace

class ChatTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_providerId = 0;
    std::int64_t m_samId = 0;
    std::int64_t m_kimId = 0;

    std::unique_ptr<WsTestClient> caregiver(const std::string &user) {
        return caredesk::test::connectCaregiver(*m_server, user);
    }
    Patient patient(const std::string &name) {
        Patient p;
        p.client = caredesk::test::connectPatient(*m_server);
        const auto accepted = p.client->request("visit_request", visitForm("WA", name));
        if (typeOf(accepted) != "visit_accepted")
            qFatal("intake refused: %s", accepted.dump().c_str());
        p.visitId = accepted["body"]["visit"]["visitId"];
        p.token = accepted["body"]["token"];
        return p;
    }
    std::int64_t count(const std::string &sql) { return caredesk::test::countOf(*m_server, sql); }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_samId = m_server->addCaregiver("sam", kTestPassword, {Role::Support});
        m_kimId = m_server->addCaregiver("kim", kTestPassword, {Role::Support});
        m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
        m_providerId = m_server->addCaregiver("drlee", kTestPassword, {Role::Provider});
        m_server->addCaregiver("drno", kTestPassword, {Role::Provider});
        caredesk::test::openAroundTheClockWith(*m_server, "WA", m_providerId);
    }
    void cleanup() { m_server.reset(); }

    void patientAndStaffTalk() {
        auto ann = patient("Ann");
        const auto opened =
            ann.client->request("chat_open", {{"visitId", ann.visitId}, {"limit", 50}});
        QCOMPARE(typeOf(opened), std::string("chat_history"));
        QCOMPARE(opened["body"]["messages"].size(), std::size_t(0));
        QCOMPARE(opened["body"]["readOnly"], json(false));

        const auto ack = send(*ann.client, ann.visitId, "p-1", "Hello, <b>anyone</b> there?");
        QCOMPARE(typeOf(ack), std::string("chat_ack"));
        QCOMPARE(ack["body"]["seq"], json(1));
        QCOMPARE(ack["body"]["clientMessageId"], json("p-1"));
        // The sender's own follow gets the message too, with the same seq.
        const auto echo = nextOfType(*ann.client, "chat_message");
        QCOMPARE(echo["body"]["message"]["seq"], json(1));

        auto sam = caregiver("sam");
        const auto history = sam->request("chat_open", {{"visitId", ann.visitId}, {"limit", 50}});
        QCOMPARE(typeOf(history), std::string("chat_history"));
        QCOMPARE(history["body"]["messages"].size(), std::size_t(1));
        const auto first = history["body"]["messages"][0];
        QCOMPARE(first["sender"], json("patient"));
        QCOMPARE(first["body"], json("Hello, <b>anyone</b> there?")); // stored as typed
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'chat.read'"), 1);

        QCOMPARE(typeOf(send(*sam, ann.visitId, "s-1", "Hi Ann, I am here.")),
                 std::string("chat_ack"));
        QCOMPARE(typeOf(send(*sam, ann.visitId, "s-2", "Seems anxious", "note")),
                 std::string("chat_ack"));
        QCOMPARE(typeOf(send(*sam, ann.visitId, "s-3", "Someone will see you soon.")),
                 std::string("chat_ack"));

        // The patient gets the replies, never the note, and not who wrote them.
        const auto toAnn = drainMessages(*ann.client);
        QCOMPARE(toAnn.size(), std::size_t(2));
        QCOMPARE(toAnn[0]["message"]["seq"], json(2));
        QCOMPARE(toAnn[1]["message"]["seq"], json(4));
        QCOMPARE(toAnn[0]["message"]["sender"], json("caregiver"));
        QVERIFY(!toAnn[0]["message"].contains("senderName"));
        QVERIFY(!toAnn[0]["message"].contains("senderId"));
        // Staff see the note and who wrote each message.
        const auto toSam = drainMessages(*sam);
        QCOMPARE(toSam.size(), std::size_t(3));
        QCOMPARE(toSam[1]["message"]["kind"], json("note"));
        QCOMPARE(toSam[0]["message"]["senderName"], json("Test sam"));
        // Paging back as the patient skips the note too.
        const auto page = ann.client->request(
            "chat_page",
            {{"visitId", ann.visitId}, {"afterSeq", 0}, {"beforeSeq", 100}, {"limit", 10}});
        QCOMPARE(page["body"]["messages"].size(), std::size_t(3));
        QCOMPARE(page["body"]["lastSeq"], json(4));
    }

    void sameClientIdIsStoredOnce() {
        auto bo = patient("Bo");
        const auto one = send(*bo.client, bo.visitId, "same-id", "first try");
        const auto two = send(*bo.client, bo.visitId, "same-id", "first try");
        QCOMPARE(typeOf(two), std::string("chat_ack"));
        QCOMPARE(two["body"]["seq"], one["body"]["seq"]);
        QCOMPARE(two["body"]["sentAt"], one["body"]["sentAt"]);
        // From another connection after a reconnect, too.
        auto again = caredesk::test::connectPatient(*m_server);
        QCOMPARE(typeOf(again->request("visit_resume", {{"token", bo.token}})),
                 std::string("visit_status"));
        QCOMPARE(send(*again, bo.visitId, "same-id", "first try")["body"]["seq"],
                 one["body"]["seq"]);
        QCOMPARE(count("SELECT count(*) FROM chat_messages WHERE visit_id = " +
                       std::to_string(bo.visitId)),
                 1);
        // A caregiver may use the same id: ids are per sender.
        auto sam = caregiver("sam");
        QCOMPARE(send(*sam, bo.visitId, "same-id", "hello")["body"]["seq"], json(2));
    }

    void onlyThoseAllowedReadAThread() {
        auto ann = patient("Ann");
        auto bo = patient("Bo");
        // Another patient's visit.
        for (const char *type : {"chat_open", "chat_read"}) {
            json body = {{"visitId", bo.visitId}, {"limit", 50}};
            if (std::string(type) == "chat_read")
                body = {{"visitId", bo.visitId}, {"seq", 1}};
            const auto refused = ann.client->request(type, body);
            QCOMPARE(codeOf(refused), std::string("forbidden"));
            QCOMPARE(fieldOf(refused), std::string("body.visitId"));
        }
        QCOMPARE(codeOf(send(*ann.client, bo.visitId, "x-1", "hi")), std::string("forbidden"));
        QCOMPARE(codeOf(ann.client->request(
                     "chat_page", {{"visitId", bo.visitId}, {"afterSeq", 0}, {"limit", 10}})),
                 std::string("forbidden"));
        // A connection with neither a visit nor a session.
        auto nobody = caredesk::test::connectPatient(*m_server);
        QCOMPARE(codeOf(nobody->request("chat_open", {{"visitId", ann.visitId}, {"limit", 50}})),
                 std::string("not_authenticated"));
        // Patients write no notes; providers see only their own visits' threads.
        QCOMPARE(codeOf(send(*ann.client, ann.visitId, "n-1", "psst", "note")),
                 std::string("forbidden"));
        auto drno = caregiver("drno");
        QCOMPARE(codeOf(drno->request("chat_open", {{"visitId", ann.visitId}, {"limit", 50}})),
                 std::string("forbidden"));
        QCOMPARE(codeOf(drno->request("chat_claim", {{"visitId", ann.visitId}})),
                 std::string("forbidden"));
        auto sam = caregiver("sam");
        QCOMPARE(codeOf(sam->request("chat_open", {{"visitId", 999999}, {"limit", 50}})),
                 std::string("not_found"));
        QCOMPARE(count("SELECT count(*) FROM chat_messages"), 0);

        // Once the visit is assigned to them, the provider reads its history.
        QCOMPARE(typeOf(send(*ann.client, ann.visitId, "a-1", "my throat hurts")),
                 std::string("chat_ack"));
        auto drlee = caregiver("drlee");
        QCOMPARE(typeOf(drlee->request("set_availability", {{"status", "available"}})),
                 std::string("ok"));
        const auto taken = drlee->request("take_next_visit");
        QCOMPARE(taken["body"]["visit"]["id"].get<std::int64_t>(), ann.visitId);
        const auto history = drlee->request("chat_open", {{"visitId", ann.visitId}, {"limit", 50}});
        QCOMPARE(typeOf(history), std::string("chat_history"));
        QCOMPARE(history["body"]["messages"][0]["body"], json("my throat hurts"));
        // The assignment is in the thread, as the server wrote it.
        QCOMPARE(history["body"]["messages"][1]["sender"], json("system"));
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'chat.read' "
                       "AND actor_id = " +
                       std::to_string(m_providerId)),
                 1);
    }

    void limitsAreClearErrors() {
        auto cy = patient("Cy");
        const auto tooLong = send(*cy.client, cy.visitId, "long-1", std::string(4001, 'a'));
        QCOMPARE(codeOf(tooLong), std::string("out_of_range"));
        QCOMPARE(fieldOf(tooLong), std::string("body.body"));
        // 4,000 characters of two bytes each are within the limit.
        std::string accents;
        for (int i = 0; i < 4000; ++i)
            accents += "\xc3\xa9";
        QCOMPARE(typeOf(send(*cy.client, cy.visitId, "long-2", accents)), std::string("chat_ack"));
        QCOMPARE(codeOf(send(*cy.client, cy.visitId, "bad id!", "x")), std::string("out_of_range"));

        // A burst of 10, then the patient is asked to wait.
        int acked = 1;
        json refused;
        for (int i = 0; i < 20 && refused.is_null(); ++i) {
            const auto reply = send(*cy.client, cy.visitId, "burst-" + std::to_string(i), "hi");
            if (typeOf(reply) == "chat_ack")
                ++acked;
            else
                refused = reply;
        }
        QCOMPARE(codeOf(refused), std::string("throttled"));
        QVERIFY(refused["body"]["retryAfterSeconds"].get<int>() >= 1);
        QVERIFY2(acked >= 10 && acked <= 11, std::to_string(acked).c_str());
        // A resend of a stored message is still acknowledged.
        QCOMPARE(typeOf(send(*cy.client, cy.visitId, "burst-0", "hi")), std::string("chat_ack"));
    }

    void closedVisitIsReadOnly() {
        auto di = patient("Di");
        QCOMPARE(typeOf(send(*di.client, di.visitId, "d-1", "bye soon")), std::string("chat_ack"));
        QCOMPARE(typeOf(di.client->request("visit_cancel")), std::string("visit_status"));
        const auto refused = send(*di.client, di.visitId, "d-2", "one more");
        QCOMPARE(codeOf(refused), std::string("invalid_transition"));
        // The last message's retry still gets its acknowledgement.
        QCOMPARE(send(*di.client, di.visitId, "d-1", "bye soon")["body"]["seq"], json(1));
        auto sam = caregiver("sam");
        const auto history = sam->request("chat_open", {{"visitId", di.visitId}, {"limit", 50}});
        QCOMPARE(history["body"]["readOnly"], json(true));
        QCOMPARE(history["body"]["messages"].size(), std::size_t(1));
    }

    void concurrentSendersGetOneOrder() {
        auto eve = patient("Eve");
        auto watcher = caregiver("ada");
        QCOMPARE(typeOf(watcher->request("chat_open", {{"visitId", eve.visitId}, {"limit", 50}})),
                 std::string("chat_history"));
        QCOMPARE(
            typeOf(eve.client->request("chat_open", {{"visitId", eve.visitId}, {"limit", 50}})),
            std::string("chat_history"));
        auto sam = caregiver("sam");
        auto kim = caregiver("kim");
        // Three senders at once, each sending without waiting for its acks.
        constexpr int kEach = 8;
        std::vector<WsTestClient *> senders{eve.client.get(), sam.get(), kim.get()};
        for (int i = 0; i < kEach; ++i)
            for (std::size_t s = 0; s < senders.size(); ++s)
                senders[s]->sendText(
                    json{{"type", "chat_send"},
                         {"id", "r" + std::to_string(i)},
                         {"body",
                          {{"visitId", eve.visitId},
                           {"clientMessageId", "s" + std::to_string(s) + "-" + std::to_string(i)},
                           {"kind", "text"},
                           {"body", "m" + std::to_string(i)}}}}
                        .dump());
        const auto seen = [&](WsTestClient &client, std::size_t expected) {
            std::vector<std::int64_t> seqs;
            std::set<std::string> ids;
            while (seqs.size() < expected) {
                auto message = client.next(5000);
                if (message.is_null())
                    break;
                if (typeOf(message) != "chat_message")
                    continue;
                seqs.push_back(message["body"]["message"]["seq"]);
                ids.insert(message["body"]["message"]["clientMessageId"]);
            }
            return std::make_pair(seqs, ids);
        };
        const auto [watched, watchedIds] = seen(*watcher, 3 * kEach);
        QCOMPARE(watched.size(), std::size_t(3 * kEach));
        QCOMPARE(watchedIds.size(), std::size_t(3 * kEach));
        for (std::size_t i = 0; i < watched.size(); ++i)
            QCOMPARE(watched[i], std::int64_t(i + 1)); // 1..24, in order, no gap, no double
        const auto [patientSaw, patientIds] = seen(*eve.client, 3 * kEach);
        QCOMPARE(patientSaw, watched);
    }

    void missedMessagesAreFilledAfterReconnect() {
        auto fay = patient("Fay");
        QCOMPARE(
            typeOf(fay.client->request("chat_open", {{"visitId", fay.visitId}, {"limit", 50}})),
            std::string("chat_history"));
        auto sam = caregiver("sam");
        QCOMPARE(typeOf(send(*sam, fay.visitId, "s-1", "one")), std::string("chat_ack"));
        QCOMPARE(nextOfType(*fay.client, "chat_message")["body"]["message"]["seq"], json(1));
        fay.client->close();
        for (int i = 2; i <= 4; ++i)
            QCOMPARE(typeOf(send(*sam, fay.visitId, "s-" + std::to_string(i), "while away")),
                     std::string("chat_ack"));
        auto back = caredesk::test::connectPatient(*m_server);
        QCOMPARE(typeOf(back->request("visit_resume", {{"token", fay.token}})),
                 std::string("visit_status"));
        const auto gap =
            back->request("chat_page", {{"visitId", fay.visitId}, {"afterSeq", 1}, {"limit", 50}});
        QCOMPARE(gap["body"]["messages"].size(), std::size_t(3));
        QCOMPARE(gap["body"]["messages"][0]["seq"], json(2));
        QCOMPARE(gap["body"]["more"], json(false));
        QCOMPARE(typeOf(back->request("chat_open", {{"visitId", fay.visitId}, {"limit", 50}})),
                 std::string("chat_history"));
        QCOMPARE(typeOf(send(*sam, fay.visitId, "s-5", "welcome back")), std::string("chat_ack"));
        QCOMPARE(nextOfType(*back, "chat_message")["body"]["message"]["seq"], json(5));
    }

    void threadListClaimAndTransfer() {
        auto gus = patient("Gus");
        auto sam = caregiver("sam");
        const auto snapshot = sam->request("chat_subscribe");
        QCOMPARE(typeOf(snapshot), std::string("chat_threads"));
        QCOMPARE(snapshot["seq"], json(0));
        QCOMPARE(snapshot["body"]["threads"].size(), std::size_t(0));

        QCOMPARE(typeOf(send(*gus.client, gus.visitId, "g-1", "anyone?")), std::string("chat_ack"));
        auto delta = nextOfType(*sam, "chat_threads_delta");
        QCOMPARE(delta["seq"], json(1));
        auto row = delta["body"]["threads"][0];
        QCOMPARE(row["visitId"].get<std::int64_t>(), gus.visitId);
        QCOMPARE(row["unread"], json(1));
        QCOMPARE(row["preview"], json("anyone?"));
        QCOMPARE(row["patientName"], json("Gus Patient"));
        QVERIFY(!row.contains("ownerId"));

        // Two staff claim at once: one wins.
        auto kim = caregiver("kim");
        sam->sendText(
            json{{"type", "chat_claim"}, {"id", "c1"}, {"body", {{"visitId", gus.visitId}}}}
                .dump());
        kim->sendText(
            json{{"type", "chat_claim"}, {"id", "c1"}, {"body", {{"visitId", gus.visitId}}}}
                .dump());
        const auto replyTo = [](WsTestClient &client) {
            for (int i = 0; i < 20; ++i) {
                auto m = client.next(5000);
                if (m.is_null() || m.value("id", "") == "c1")
                    return m;
            }
            return json();
        };
        const auto samClaim = replyTo(*sam);
        const auto kimClaim = replyTo(*kim);
        std::multiset<std::string> outcomes{typeOf(samClaim), typeOf(kimClaim)};
        QCOMPARE(outcomes, (std::multiset<std::string>{"chat_threads", "error"}));
        const auto &winner = typeOf(samClaim) == "chat_threads" ? samClaim : kimClaim;
        const auto &loser = typeOf(samClaim) == "chat_threads" ? kimClaim : samClaim;
        QCOMPARE(codeOf(loser), std::string("conflict"));
        // From here on Sam owns it: hand it over if Kim won.
        if (winner["body"]["threads"][0]["ownerId"] == json(m_kimId))
            QCOMPARE(typeOf(kim->request("chat_transfer", {{"visitId", gus.visitId},
                                                           {"expectedOwnerId", m_kimId},
                                                           {"toCaregiverId", m_samId}})),
                     std::string("chat_threads"));
        const int ownerChanges = winner["body"]["threads"][0]["ownerId"] == json(m_kimId) ? 3 : 2;

        // The patient is told someone joined; the owner reads, unread drops.
        QCOMPARE(
            typeOf(gus.client->request("chat_open", {{"visitId", gus.visitId}, {"limit", 50}})),
            std::string("chat_history"));
        QCOMPARE(typeOf(sam->request("chat_read", {{"visitId", gus.visitId}, {"seq", 2}})),
                 std::string("ok"));
        bool readSeen = false;
        for (int i = 0; i < 10 && !readSeen; ++i) {
            const auto d = nextOfType(*sam, "chat_threads_delta");
            QVERIFY(!d.is_null());
            readSeen = d["body"]["threads"][0]["unread"] == json(0) &&
                       d["body"]["threads"][0]["ownerId"] == json(m_samId);
        }
        QVERIFY(readSeen);
        // The patient sees "seen".
        const auto update = nextOfType(*gus.client, "chat_read_update");
        QCOMPARE(update["body"]["staffReadSeq"], json(2));

        // Transfer to a colleague who is not staff: refused. To Kim: done.
        const auto toProvider = sam->request("chat_transfer", {{"visitId", gus.visitId},
                                                               {"expectedOwnerId", m_samId},
                                                               {"toCaregiverId", m_providerId}});
        QCOMPARE(codeOf(toProvider), std::string("not_found"));
        QCOMPARE(fieldOf(toProvider), std::string("body.toCaregiverId"));
        const auto stale =
            kim->request("chat_transfer", {{"visitId", gus.visitId}, {"toCaregiverId", m_kimId}});
        QCOMPARE(codeOf(stale), std::string("conflict"));
        const auto moved = sam->request(
            "chat_transfer",
            {{"visitId", gus.visitId}, {"expectedOwnerId", m_samId}, {"toCaregiverId", m_kimId}});
        QCOMPARE(typeOf(moved), std::string("chat_threads"));
        QCOMPARE(moved["body"]["threads"][0]["ownerName"], json("Test kim"));
        const auto staff = sam->request("list_chat_staff");
        QCOMPARE(typeOf(staff), std::string("chat_staff_list"));
        bool kimListed = false;
        for (const auto &member : staff["body"]["staff"])
            if (member["id"] == json(m_kimId))
                kimListed = member["threads"] == json(1) && member["online"] == json(true);
        QVERIFY(kimListed);

        // The patient learns only that someone else continues.
        const auto toGus = drainMessages(*gus.client);
        QVERIFY(!toGus.empty());
        for (const auto &m : toGus) {
            QCOMPARE(m["message"]["sender"], json("system"));
            QVERIFY(m["message"]["body"].get<std::string>().find("kim") == std::string::npos);
        }
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'chat.owner_changed'"),
                 ownerChanges);
    }

    void lifecycleMessagesReachThePatient() {
        auto hal = patient("Hal");
        auto quiet = patient("Ivy"); // never chats: gets no thread for it
        QCOMPARE(
            typeOf(hal.client->request("chat_open", {{"visitId", hal.visitId}, {"limit", 50}})),
            std::string("chat_history"));
        auto sam = caregiver("sam");
        QCOMPARE(typeOf(sam->request("set_state_status", {{"state", "WA"}, {"status", "busy"}})),
                 std::string("ok"));
        auto drlee = caregiver("drlee");
        QCOMPARE(typeOf(drlee->request("set_availability", {{"status", "available"}})),
                 std::string("ok"));
        QCOMPARE(typeOf(drlee->request("assign_visit",
                                       {{"visitId", hal.visitId}, {"providerId", m_providerId}})),
                 std::string("error")); // only staff assign
        QCOMPARE(typeOf(sam->request("assign_visit",
                                     {{"visitId", hal.visitId}, {"providerId", m_providerId}})),
                 std::string("ok"));
        QCOMPARE(typeOf(drlee->request("advance_visit",
                                       {{"visitId", hal.visitId}, {"status", "in_visit"}})),
                 std::string("ok"));
        const auto pushed = drainMessages(*hal.client);
        QCOMPARE(pushed.size(), std::size_t(3));
        for (const auto &m : pushed)
            QCOMPARE(m["message"]["sender"], json("system"));
        QVERIFY(pushed[0]["message"]["body"].get<std::string>().find("busier") !=
                std::string::npos);
        QVERIFY(pushed[1]["message"]["body"].get<std::string>().find("assigned") !=
                std::string::npos);
        QVERIFY(pushed[2]["message"]["body"].get<std::string>().find("joining") !=
                std::string::npos);
        QCOMPARE(count("SELECT count(*) FROM chat_threads WHERE visit_id = " +
                       std::to_string(quiet.visitId)),
                 0);
    }
};

QTEST_GUILESS_MAIN(ChatTest)
#include "tst_Chat.moc"
