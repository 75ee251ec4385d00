// Bulk import of caregivers and licenses from CSV, over the wire, on a real
// PostgreSQL: a dry run says what would happen line by line and changes
// nothing; applying is all or nothing; the same file twice changes nothing the
// second time; files that are not CSV, or too large, are refused naming the line.

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

// Three people, four lines: Dr. Chen holds two licenses, the nurse none.
const std::string kRoster =
    "\xEF\xBB\xBFusername,display_name,roles,email,phone,state,license_number,license_type,"
    "issued_on,expires_on,license_status\r\n"
    "dr.chen,\"Chen, Wei\",provider,wei.chen@example.org,,TX,TX-4411,MD,2020-01-15,2099-06-30,"
    "verified\r\n"
    "dr.chen,\"Chen, Wei\",provider,wei.chen@example.org,,AZ,AZ-17,MD,,2099-01-31,pending\r\n"
    "np.ruiz,Ana Ruiz,provider;support,,+1 555 010 2000,TX,TX-NP-9,NP,,2099-03-01,\r\n"
    "\r\n"
    "rn.ito,Ken Ito,support,ken.ito@example.org,,,,,,,\r\n";

std::vector<std::string> column(const json &report, const char *key) {
    std::vector<std::string> values;
    for (const auto &line : report["body"]["lines"])
        values.push_back(line[key].get<std::string>());
    return values;
}

using Strings = std::vector<std::string>;
} // namespace

class CaregiverImportTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;

    std::unique_ptr<WsTestClient> admin() { return caredesk::test::connectCaregiver(*m_server, "ada"); }

    json import(WsTestClient &client, const std::string &csv, bool apply) {
        return client.request("import_caregivers", {{"csv", csv}, {"apply", apply}});
    }

    std::int64_t caregivers() { return countOf(*m_server, "SELECT count(*) FROM caregivers"); }
    std::int64_t licenses() { return countOf(*m_server, "SELECT count(*) FROM licenses"); }
    std::int64_t auditEvents() { return countOf(*m_server, "SELECT count(*) FROM audit_events"); }

private slots:
    void init() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        m_server->addCaregiver("ada", kTestPassword, {Role::Admin});
    }
    void cleanup() { m_server.reset(); }

    void previewThenApplyThenApplyAgain() {
        auto ada = admin();
        const auto before = auditEvents();

        const auto preview = import(*ada, kRoster, false);
        QCOMPARE(typeOf(preview), std::string("import_report"));
        QCOMPARE(preview["body"]["applied"], json(false));
        QCOMPARE(preview["body"]["errors"], json(0));
        QCOMPARE(column(preview, "caregiver"), (Strings{"create", "unchanged", "create", "create"}));
        QCOMPARE(column(preview, "license"), (Strings{"create", "create", "create", "none"}));
        QCOMPARE(preview["body"]["lines"][3]["line"], json(6)); // the blank line is skipped
        QCOMPARE(preview["body"]["caregiversCreated"], json(3));
        QCOMPARE(preview["body"]["licensesCreated"], json(3));
        QCOMPARE(preview["body"]["invites"].size(), std::size_t(0));
        // A dry run writes nothing, not even to the audit trail.
        QCOMPARE(caregivers(), std::int64_t(1));
        QCOMPARE(licenses(), std::int64_t(0));
        QCOMPARE(auditEvents(), before);

        const auto applied = import(*ada, kRoster, true);
        QCOMPARE(applied["body"]["applied"], json(true));
        QCOMPARE(column(applied, "caregiver"), column(preview, "caregiver"));
        QCOMPARE(column(applied, "license"), column(preview, "license"));
        QCOMPARE(applied["body"]["invites"].size(), std::size_t(3));
        QCOMPARE(applied["body"]["invites"][0]["username"], json("dr.chen"));
        QCOMPARE(applied["body"]["invites"][0]["displayName"], json("Chen, Wei"));
        QCOMPARE(caregivers(), std::int64_t(4));
        QCOMPARE(licenses(), std::int64_t(3));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM licenses WHERE status = 'verified' "
                                    "AND verified_by IS NOT NULL"),
                 std::int64_t(1));
        QCOMPARE(countOf(*m_server,
                         "SELECT count(*) FROM caregivers WHERE username = 'np.ruiz' AND "
                         "roles @> ARRAY['provider', 'support'] AND phone = '+1 555 010 2000'"),
                 std::int64_t(1));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM audit_events WHERE action = "
                                    "'caregivers.imported'"),
                 std::int64_t(1));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM audit_events WHERE action = "
                                    "'license.created'"),
                 std::int64_t(3));

        // The invitation works.
        auto chen = caredesk::test::connectPatient(*m_server);
        QCOMPARE(typeOf(chen->request("activate_account",
                                      {{"inviteToken", applied["body"]["invites"][0]["inviteToken"]},
                                       {"password", "a passphrase for chen"}})),
                 std::string("session"));

        // Once more: nothing to do, no new invitations, nothing written.
        const auto invitesBefore = countOf(*m_server, "SELECT count(*) FROM caregiver_invites");
        const auto auditBefore = auditEvents();
        const auto again = import(*ada, kRoster, true);
        QCOMPARE(again["body"]["applied"], json(true));
        QCOMPARE(column(again, "caregiver"),
                 (Strings{"unchanged", "unchanged", "unchanged", "unchanged"}));
        QCOMPARE(column(again, "license"), (Strings{"unchanged", "unchanged", "unchanged", "none"}));
        QCOMPARE(again["body"]["unchanged"], json(4));
        QCOMPARE(again["body"]["invites"].size(), std::size_t(0));
        QCOMPARE(caregivers(), std::int64_t(4));
        QCOMPARE(licenses(), std::int64_t(3));
        QCOMPARE(countOf(*m_server, "SELECT count(*) FROM caregiver_invites"), invitesBefore);
        // Only the import itself is on the trail.
        QCOMPARE(auditEvents(), auditBefore + 1);

        // A changed expiry and phone: exactly those lines update.
        std::string renewed = kRoster;
        renewed.replace(renewed.find("2099-01-31"), 10, "2100-01-31");
        renewed.replace(renewed.find("+1 555 010 2000"), 15, "+1 555 010 3000");
        const auto changed = import(*ada, renewed, true);
        QCOMPARE(column(changed, "caregiver"),
                 (Strings{"unchanged", "unchanged", "update", "unchanged"}));
        QCOMPARE(column(changed, "license"), (Strings{"unchanged", "update", "unchanged", "none"}));
    }

    void anyErrorAppliesNothingAndEveryErrorIsListed() {
        auto ada = admin();
        const std::string csv =
            "username,display_name,roles,state,license_number,expires_on\n"
            "good.one,Good One,support,,,\n"                        // line 2: fine
            "bad name,Bad Name,support,,,\n"                        // line 3: username
            "no.role,No Role,,,,\n"                                 // line 4: roles
            "sup.lic,Support Only,support,TX,TX-1,2099-01-01\n"     // line 5: not a provider
            "dr.date,Dr Date,provider,TX,TX-2,2099-02-30\n"         // line 6: no such day
            "dr.half,Dr Half,provider,TX,,2099-01-01\n"             // line 7: license incomplete
            "dr.zz,Dr Zz,provider,ZZ,ZZ-1,2099-01-01\n"             // line 8: unknown state
            "good.one,Other Name,support,,,\n"                      // line 9: differs from line 2
            "odd,Odd\n"                                             // line 10: field count
            "nurse.x,Nurse X,support;nurse,,,\n";                   // line 11: no such role
        const auto report = import(*ada, csv, true);
        QCOMPARE(typeOf(report), std::string("import_report"));
        QCOMPARE(report["body"]["applied"], json(false));
        QCOMPARE(report["body"]["errors"], json(9));
        QCOMPARE(report["body"]["invites"].size(), std::size_t(0));
        std::map<int, std::string> errors;
        for (const auto &line : report["body"]["lines"])
            errors[line["line"].get<int>()] = line["error"].get<std::string>();
        QCOMPARE(errors.at(2), std::string());
        const auto starts = [&](int line, const std::string &prefix) {
            const auto &error = errors.at(line);
            if (error.rfind(prefix, 0) != 0)
                qWarning() << "line" << line << "says" << error.c_str();
            return error.rfind(prefix, 0) == 0;
        };
        QVERIFY(starts(3, "username: "));
        QCOMPARE(errors.at(4), std::string("roles must name at least one role"));
        QVERIFY(errors.at(11).rfind("roles (item 2) is not one of", 0) == 0);
        QVERIFY(errors.at(5).find("not a provider") != std::string::npos);
        QCOMPARE(errors.at(6), std::string("expires_on is not a day of the calendar"));
        QVERIFY(starts(7, "license_number: "));
        QVERIFY(starts(8, "state: "));
        QVERIFY(errors.at(9).find("line 2") != std::string::npos);
        QVERIFY(errors.at(10).find("fields") != std::string::npos);
        // Nothing of it landed, not even the good line.
        QCOMPARE(caregivers(), std::int64_t(1));
        QCOMPARE(licenses(), std::int64_t(0));
    }

    void filesThatAreNotCsvAreRefusedClearly() {
        auto ada = admin();
        const auto refused = [&](const std::string &csv) {
            const auto reply = import(*ada, csv, false);
            if (codeOf(reply) != "out_of_range" || fieldOf(reply) != "body.csv")
                qWarning() << reply.dump().c_str();
            return reply["body"]["message"].get<std::string>();
        };
        const std::string header = "username,display_name,roles\n";
        QVERIFY(refused(header + "a,\"unterminated,support\nb,B,support\n").rfind("line 2:", 0) == 0);
        QVERIFY(refused(header + "a,A\"x,support\n").rfind("line 2:", 0) == 0);
        QVERIFY(refused("username,display_name,shoe_size\n").find("shoe_size") != std::string::npos);
        QVERIFY(refused("username,display_name\n").find("roles") != std::string::npos);
        QVERIFY(refused(header).find("no caregivers") != std::string::npos);
        // (Text that is not UTF-8 cannot travel in a JSON frame at all; the
        // CSV reader's own refusal of it is tested in domain_csv_table.)

        // Larger than one frame may carry: refused by size, before any parsing.
        std::string huge = header;
        while (huge.size() <= 60000)
            huge += "user" + std::to_string(huge.size()) + ",Some Body,support\n";
        const auto tooBig = import(*ada, huge, false);
        QCOMPARE(codeOf(tooBig), std::string("out_of_range"));
        QCOMPARE(fieldOf(tooBig), std::string("body.csv"));
        QCOMPARE(caregivers(), std::int64_t(1));
    }
};

QTEST_MAIN(CaregiverImportTest)
#include "tst_CaregiverImport.moc"
