// Canned responses over the wire: listed to every caregiver by shortcut,
// saved and deleted by admins only, versioned against concurrent saves,
// checked with precise fields (characters counted, placeholders known), and
// every change audited with the text before and after.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "app/DemoData.h"
#include "app/ServerConfig.h"
#include "domain/CannedPlaceholders.h"
#include "security/PasswordHasher.h"
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

json newResponse(const std::string &shortcut, const std::string &body,
                 const std::string &title = "A title") {
    return {{"expectedVersion", 0}, {"shortcut", shortcut}, {"title", title}, {"body", body}};
}

// An edit of a listed (or saved) response.
json editOf(const json &response) {
    json edit = response;
    edit.erase("version");
    edit["expectedVersion"] = response["version"];
    return edit;
}

std::string repeated(const std::string &piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}
} // namespace

class CannedResponsesTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::int64_t m_adaId = 0;

    std::unique_ptr<WsTestClient> caregiver(const std::string &user) {
        return caredesk::test::connectCaregiver(*m_server, user);
    }
    // The saved response of a save reply (null when it was refused).
    static json savedOf(const json &reply) {
        if (typeOf(reply) != "canned_responses" || reply["body"]["responses"].size() != 1)
            return nullptr;
        return reply["body"]["responses"][0];
    }
    static json list(WsTestClient &client) {
        return client.request("list_canned_responses")["body"]["responses"];
    }
    std::int64_t count(const std::string &sql) { return caredesk::test::countOf(*m_server, sql); }
    json auditDetail(const std::string &action) {
        json detail;
        caredesk::server::DatabasePool::runOnce(m_server->connectionString(), [&](pqxx::work &tx) {
            detail = json::parse(
                tx.exec_params1("SELECT detail::text FROM audit_events WHERE action = $1 "
                                "ORDER BY id DESC LIMIT 1",
                                action)[0]
                    .as<std::string>());
        });
        return detail;
    }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_server->addCaregiver("sam", kTestPassword, {Role::Support});
        m_adaId = m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
        m_server->addCaregiver("ben", kTestPassword, {Role::Admin});
        m_server->addCaregiver("drlee", kTestPassword, {Role::Provider});
    }
    void cleanup() { m_server.reset(); }

    void adminCreatesListsUpdatesAndDeletes() {
        auto ada = caregiver("ada");
        QCOMPARE(list(*ada), json::array());
        const auto welcome = savedOf(
            ada->request("save_canned_response",
                         newResponse("welcome", "Hi {firstName}, thanks for waiting.", "Welcome")));
        QVERIFY2(!welcome.is_null(), welcome.dump().c_str());
        QVERIFY(welcome["id"].get<std::int64_t>() > 0);
        QCOMPARE(welcome["version"], json(1));
        QCOMPARE(welcome["title"], json("Welcome"));
        QCOMPARE(welcome["body"], json("Hi {firstName}, thanks for waiting."));
        const auto closing =
            savedOf(ada->request("save_canned_response", newResponse("closing", "Take care!")));
        QVERIFY(!closing.is_null());
        const auto aWait =
            savedOf(ada->request("save_canned_response", newResponse("a-wait_2", "{wait}")));
        QVERIFY(!aWait.is_null());

        // Listed by shortcut, to every caregiver role.
        auto sam = caregiver("sam");
        auto lee = caregiver("drlee");
        for (auto *client : {ada.get(), sam.get(), lee.get()}) {
            const auto rows = list(*client);
            QCOMPARE(rows.size(), std::size_t(3));
            QCOMPARE(rows[0]["shortcut"], json("a-wait_2"));
            QCOMPARE(rows[1]["shortcut"], json("closing"));
            QCOMPARE(rows[2], welcome);
        }

        auto edit = editOf(welcome);
        edit["shortcut"] = "hello";
        edit["title"] = "Hello";
        edit["body"] = "Hello {firstName}, I am {myName} and you are in {state}.";
        const auto updated = savedOf(ada->request("save_canned_response", edit));
        QVERIFY(!updated.is_null());
        QCOMPARE(updated["id"], welcome["id"]);
        QCOMPARE(updated["version"], json(2));
        QCOMPARE(updated["shortcut"], json("hello"));
        QCOMPARE(updated["body"], edit["body"]);
        const auto again = savedOf(ada->request("save_canned_response", editOf(updated)));
        QCOMPARE(again["version"], json(3));
        QCOMPARE(list(*sam)[2], again);
        const auto saved = auditDetail("canned_response.saved");
        QCOMPARE(saved["before"]["version"], json(2));
        QCOMPARE(saved["after"]["version"], json(3));

        const auto deleted =
            ada->request("delete_canned_response", {{"id", closing["id"]}, {"expectedVersion", 1}});
        QCOMPARE(typeOf(deleted), std::string("ok"));
        QCOMPARE(list(*lee).size(), std::size_t(2));
        QCOMPARE(codeOf(ada->request("delete_canned_response",
                                     {{"id", closing["id"]}, {"expectedVersion", 1}})),
                 std::string("not_found"));
        QCOMPARE(count("SELECT count(*) FROM canned_responses"), std::int64_t(2));
    }

    void everyChangeIsAudited() {
        auto ada = caregiver("ada");
        const auto created = savedOf(
            ada->request("save_canned_response", newResponse("wait", "About {wait}.", "Wait")));
        QVERIFY(!created.is_null());
        const auto id = std::to_string(created["id"].get<std::int64_t>());
        auto edit = editOf(created);
        edit["body"] = "It should be about {wait}.";
        const auto updated = savedOf(ada->request("save_canned_response", edit));
        QVERIFY(!updated.is_null());
        QCOMPARE(typeOf(ada->request("delete_canned_response",
                                     {{"id", updated["id"]}, {"expectedVersion", 2}})),
                 std::string("ok"));

        const std::string byAda = "SELECT count(*) FROM audit_events WHERE subject_type = "
                                  "'canned_response' AND actor_kind = 'caregiver' AND actor_id = ";
        QCOMPARE(count(byAda + std::to_string(m_adaId) + " AND subject_id = '" + id + "'"),
                 std::int64_t(3));
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'canned_response.saved'"),
                 std::int64_t(2));
        const auto removed = auditDetail("canned_response.deleted");
        QCOMPARE(removed["before"]["body"], json("It should be about {wait}."));
        QCOMPARE(removed["before"]["version"], json(2));
        QVERIFY(removed["after"].is_null());
        const auto saved = auditDetail("canned_response.saved");
        QCOMPARE(saved["before"]["body"], json("About {wait}."));
        QCOMPARE(saved["after"]["body"], json("It should be about {wait}."));
        QCOMPARE(saved["after"]["shortcut"], json("wait"));
    }

    void onlyAdminsSaveAndDelete() {
        auto ada = caregiver("ada");
        const auto created =
            savedOf(ada->request("save_canned_response", newResponse("state", "In {state}.")));
        QVERIFY(!created.is_null());
        for (const char *user : {"sam", "drlee"}) {
            auto client = caregiver(user);
            QCOMPARE(codeOf(client->request("save_canned_response", newResponse("mine", "x"))),
                     std::string("forbidden"));
            QCOMPARE(codeOf(client->request("save_canned_response", editOf(created))),
                     std::string("forbidden"));
            QCOMPARE(codeOf(client->request("delete_canned_response",
                                            {{"id", created["id"]}, {"expectedVersion", 1}})),
                     std::string("forbidden"));
            QCOMPARE(list(*client).size(), std::size_t(1));
        }
        auto anonymous = caredesk::test::connectPatient(*m_server);
        QCOMPARE(codeOf(anonymous->request("list_canned_responses")),
                 std::string("not_authenticated"));
        QCOMPARE(count("SELECT count(*) FROM canned_responses"), std::int64_t(1));
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE subject_type = 'canned_response'"),
                 std::int64_t(1));
    }

    void aTakenShortcutIsAConflict() {
        auto ada = caregiver("ada");
        QVERIFY(
            !savedOf(ada->request("save_canned_response", newResponse("welcome", "Hi!", "Welcome")))
                 .is_null());
        const auto twice = ada->request("save_canned_response", newResponse("welcome", "Hey"));
        QCOMPARE(codeOf(twice), std::string("conflict"));
        QCOMPARE(fieldOf(twice), std::string("body.shortcut"));
        const auto message = twice["body"]["message"].get<std::string>();
        QVERIFY2(message.find("/welcome") != std::string::npos &&
                     message.find("Welcome") != std::string::npos,
                 message.c_str());

        // Renaming onto a taken shortcut is refused the same way, and changes nothing.
        const auto other =
            savedOf(ada->request("save_canned_response", newResponse("other", "Other")));
        auto rename = editOf(other);
        rename["shortcut"] = "welcome";
        const auto renamed = ada->request("save_canned_response", rename);
        QCOMPARE(codeOf(renamed), std::string("conflict"));
        QCOMPARE(fieldOf(renamed), std::string("body.shortcut"));
        const auto rows = list(*ada);
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0], other);
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE subject_type = 'canned_response'"),
                 std::int64_t(2));
    }

    void aStaleOrUnknownVersionIsRefused() {
        auto ada = caregiver("ada");
        auto ben = caregiver("ben");
        const auto read =
            savedOf(ada->request("save_canned_response", newResponse("video-tips", "Use Wi-Fi.")));
        auto adaEdit = editOf(read);
        adaEdit["body"] = "Use Wi-Fi and headphones.";
        auto benEdit = editOf(read);
        benEdit["body"] = "Find a quiet room.";
        QVERIFY(!savedOf(ada->request("save_canned_response", adaEdit)).is_null());
        const auto late = ben->request("save_canned_response", benEdit);
        QCOMPARE(codeOf(late), std::string("conflict"));
        QCOMPARE(fieldOf(late), std::string("body.expectedVersion"));
        QCOMPARE(codeOf(ben->request("delete_canned_response",
                                     {{"id", read["id"]}, {"expectedVersion", 1}})),
                 std::string("conflict"));
        QCOMPARE(list(*ben)[0]["body"], json("Use Wi-Fi and headphones."));

        auto unknown = editOf(read);
        unknown["id"] = read["id"].get<std::int64_t>() + 1000;
        const auto missing = ben->request("save_canned_response", unknown);
        QCOMPARE(codeOf(missing), std::string("not_found"));
        QCOMPARE(fieldOf(missing), std::string("body.id"));
        auto versioned = newResponse("fresh", "x");
        versioned["expectedVersion"] = 3;
        QCOMPARE(fieldOf(ben->request("save_canned_response", versioned)),
                 std::string("body.expectedVersion"));
    }

    void mistakesNameTheirField_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown placeholder") << "body"
                                             << "Dear {firstName} {lastName}"
                                             << "out_of_range"
                                             << "body.body"
                                             << "{lastName}";
        QTest::newRow("unclosed placeholder") << "body"
                                              << "Hi {first"
                                              << "out_of_range"
                                              << "body.body"
                                              << "{first";
        QTest::newRow("blank body") << "body"
                                    << "  \n "
                                    << "out_of_range"
                                    << "body.body"
                                    << "";
        QTest::newRow("4001 characters")
            << "body" << QString(4001, QLatin1Char('a')) << "out_of_range"
            << "body.body"
            << "4001";
        QTest::newRow("4001 two-byte characters")
            << "body" << QString(4001, QChar(0xE9)) << "out_of_range"
            << "body.body"
            << "4001";
        QTest::newRow("blank title") << "title"
                                     << "   "
                                     << "out_of_range"
                                     << "body.title"
                                     << "";
        QTest::newRow("title of 101 bytes")
            << "title" << QString(101, QLatin1Char('t')) << "out_of_range"
            << "body.title"
            << "";
        QTest::newRow("upper-case shortcut") << "shortcut"
                                             << "Welcome"
                                             << "out_of_range"
                                             << "body.shortcut"
                                             << "";
        QTest::newRow("shortcut of 33")
            << "shortcut" << QString(33, QLatin1Char('s')) << "out_of_range"
            << "body.shortcut"
            << "";
        QTest::newRow("empty body") << "body"
                                    << ""
                                    << "out_of_range"
                                    << "body.body"
                                    << "";
    }

    void mistakesNameTheirField() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, code);
        QFETCH(QString, path);
        QFETCH(QString, mentions);
        auto ada = caregiver("ada");
        auto body = newResponse("welcome", "Hi {firstName}");
        body[field.toStdString()] = value.toStdString();
        const auto reply = ada->request("save_canned_response", body);
        QCOMPARE(codeOf(reply), code.toStdString());
        QCOMPARE(fieldOf(reply), path.toStdString());
        const auto message = reply["body"]["message"].get<std::string>();
        QVERIFY2(message.find(mentions.toStdString()) != std::string::npos, message.c_str());
        QCOMPARE(count("SELECT count(*) FROM canned_responses"), std::int64_t(0));
    }

    void lengthsAreCountedInCharacters() {
        auto ada = caregiver("ada");
        // 4,000 characters of two, three and four bytes each fit; the codec's
        // byte limit leaves room for them.
        for (const auto &[shortcut, character] :
             {std::pair<std::string, std::string>{"e-acute", "\xC3\xA9"},
              {"euro", "\xE2\x82\xAC"},
              {"smile", "\xF0\x9F\x98\x8A"},
              {"ascii", "a"}}) {
            const auto reply = ada->request(
                "save_canned_response", newResponse(shortcut, repeated(character, 4000), "Long"));
            const auto saved = savedOf(reply);
            const auto why = shortcut + ": " + reply.dump().substr(0, 300) + ", closed " +
                             std::to_string(ada->closeCode()) + " " +
                             ada->closeReason().toStdString();
            QVERIFY2(!saved.is_null(), why.c_str());
            QCOMPARE(saved["body"].get<std::string>().size(), character.size() * 4000);
        }
        const auto tooMany = ada->request(
            "save_canned_response", newResponse("four-byte", repeated("\xF0\x9F\x98\x8A", 4001)));
        QCOMPARE(fieldOf(tooMany), std::string("body.body"));
        QCOMPARE(count("SELECT count(*) FROM canned_responses WHERE char_length(body) = 4000"),
                 std::int64_t(4));
    }

    void concurrentSavesOneWins() {
        // Several admins save the same version at once: exactly one save lands.
        constexpr int kAdmins = 6;
        std::vector<std::unique_ptr<WsTestClient>> clients;
        for (int i = 0; i < kAdmins; ++i) {
            const auto name = "admin" + std::to_string(i);
            m_server->addCaregiver(name, kTestPassword, {Role::Admin});
            clients.push_back(caregiver(name));
        }
        const auto read = savedOf(
            clients.front()->request("save_canned_response", newResponse("wait", "{wait}")));
        QVERIFY(!read.is_null());
        for (int i = 0; i < kAdmins; ++i) {
            auto edit = editOf(read);
            edit["body"] = "About {wait}, says admin " + std::to_string(i);
            clients[static_cast<std::size_t>(i)]->sendText(
                json{{"type", "save_canned_response"}, {"id", "race"}, {"body", edit}}.dump());
        }
        // And several create the same new shortcut at once.
        for (int i = 0; i < kAdmins; ++i)
            clients[static_cast<std::size_t>(i)]->sendText(
                json{{"type", "save_canned_response"},
                     {"id", "create"},
                     {"body", newResponse("closing", "Bye from " + std::to_string(i))}}
                    .dump());
        int saved = 0;
        int conflicts = 0;
        int created = 0;
        int taken = 0;
        json winner;
        for (auto &client : clients) {
            int replies = 0;
            for (int i = 0; i < 30 && replies < 2; ++i) {
                const auto m = client->next(10000);
                QVERIFY(!m.is_null());
                const auto id = m.value("id", "");
                if (id != "race" && id != "create")
                    continue;
                ++replies;
                const bool won = typeOf(m) == "canned_responses";
                QVERIFY2(won || codeOf(m) == "conflict", m.dump().c_str());
                if (id == "race") {
                    saved += won;
                    conflicts += !won;
                    if (won)
                        winner = savedOf(m);
                } else {
                    created += won;
                    taken += !won;
                    if (!won)
                        QCOMPARE(fieldOf(m), std::string("body.shortcut"));
                }
            }
            QCOMPARE(replies, 2);
        }
        QCOMPARE(saved, 1);
        QCOMPARE(conflicts, kAdmins - 1);
        QCOMPARE(created, 1);
        QCOMPARE(taken, kAdmins - 1);
        QCOMPARE(winner["version"], json(2));
        const auto rows = list(*clients.front());
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[1], winner);
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = "
                       "'canned_response.saved'"),
                 std::int64_t(3));
    }

    void demoResponsesFollowTheRules() {
        const caredesk::server::PasswordHasher hasher(caredesk::server::passwordCost("minimum"));
        for (int run = 0; run < 2; ++run) // seeding again adds nothing
            caredesk::server::DatabasePool::runOnce(
                m_server->connectionString(), [&](pqxx::work &tx) {
                    caredesk::server::DemoData::seed(tx, hasher, kTestPassword);
                });
        auto sam = caregiver("sam");
        const auto rows = list(*sam);
        QVERIFY(rows.size() >= 4);
        for (const auto &row : rows) {
            const auto body = row["body"].get<std::string>();
            QVERIFY2(!caredesk::domain::validateCannedPlaceholders(body), body.c_str());
            QCOMPARE(row["version"], json(1));
        }
        QCOMPARE(rows.front()["shortcut"], json("closing"));
        // The demo admin edits a demo response like any other.
        auto admin = caregiver("admin");
        auto edit = editOf(rows.front());
        edit["title"] = "Goodbye";
        QCOMPARE(savedOf(admin->request("save_canned_response", edit))["version"], json(2));
    }
};

QTEST_GUILESS_MAIN(CannedResponsesTest)
#include "tst_CannedResponses.moc"
