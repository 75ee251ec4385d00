// How long a bulk import of caregivers takes through the real server on a
// real PostgreSQL: the largest file one frame carries, previewed, applied,
// and applied again (nothing to do), against the floor of writing the same
// rows with plain INSERTs in one transaction on the same cluster.
//
//   caredesk_import_bench [runs]     (default 3; prints medians)
//
// A measurement, not a test: docs/performance.md keeps its figures.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "protocol/AccountMessages.h"
#include "storage/DatabasePool.h"
#include "storage/Migrator.h"

#include <QCoreApplication>
#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using caredesk::test::ServerUnderTest;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

const char *const kStates[] = {"TX", "AZ", "CA", "WA", "OR", "NY", "FL", "CO"};

// As many caregivers as fit: each a provider with two licenses (two lines).
std::string roster(int &caregivers, int &lines) {
    std::string csv = "username,display_name,roles,email,phone,state,license_number,"
                      "license_type,issued_on,expires_on,license_status\n";
    caregivers = 0;
    lines = 0;
    for (int i = 0;; ++i) {
        std::string block;
        for (int l = 0; l < 2; ++l) {
            const std::string state = kStates[(i + l * 3) % 8];
            block += "np." + std::to_string(i) + ",Provider " + std::to_string(i) +
                     ",provider,np" + std::to_string(i) + "@example.org,," + state + "," + state +
                     "-" + std::to_string(100000 + i) + ",NP,2020-01-01,2030-12-31,verified\n";
        }
        // JSON escapes each newline as two bytes: keep the frame within 64 KiB.
        if (csv.size() + block.size() > caredesk::protocol::kMaxImportCsvBytes - 2000)
            break;
        csv += block;
        ++caregivers;
        lines += 2;
    }
    return csv;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

json timed(caredesk::test::WsTestClient &client, const std::string &csv, bool apply,
           double &ms) {
    const auto start = Clock::now();
    auto reply = client.request("import_caregivers", {{"csv", csv}, {"apply", apply}}, 120000);
    ms = millisecondsSince(start);
    if (caredesk::test::typeOf(reply) != "import_report" || reply["body"]["errors"] != 0) {
        std::fprintf(stderr, "import failed: %s\n", reply.dump().substr(0, 400).c_str());
        std::exit(1);
    }
    return reply;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    int caregivers = 0, lines = 0;
    const std::string csv = roster(caregivers, lines);

    std::vector<double> preview, apply, again, floor;
    for (int run = 0; run < runs; ++run) {
        ServerUnderTest server(caredesk::test::TestDatabase::create());
        server.addCaregiver("ada", caredesk::test::kTestPassword, {caredesk::domain::Role::Admin});
        auto ada = caredesk::test::connectCaregiver(server, "ada");
        double ms = 0;
        timed(*ada, csv, false, ms);
        preview.push_back(ms);
        timed(*ada, csv, true, ms);
        apply.push_back(ms);
        const auto unchanged = timed(*ada, csv, true, ms);
        again.push_back(ms);
        if (unchanged["body"]["unchanged"] != lines) {
            std::fprintf(stderr, "the second apply changed something\n");
            return 1;
        }

        // The floor: the same accounts and licenses, plain INSERTs, one transaction.
        const caredesk::test::TestDatabase other;
        {
            pqxx::connection db(other.connectionString());
            caredesk::server::Migrator().migrate(db);
        }
        const auto start = Clock::now();
        caredesk::server::DatabasePool::runOnce(other.connectionString(), [&](pqxx::work &tx) {
            for (int i = 0; i < caregivers; ++i) {
                const auto id =
                    tx.exec_params1("INSERT INTO caregivers (username, display_name, "
                                    "password_hash, roles, email) VALUES ($1, $2, '', "
                                    "ARRAY['provider'], $3) RETURNING id",
                                    "np." + std::to_string(i), "Provider " + std::to_string(i),
                                    "np" + std::to_string(i) + "@example.org")[0]
                        .as<std::int64_t>();
                for (int l = 0; l < 2; ++l) {
                    const std::string state = kStates[(i + l * 3) % 8];
                    tx.exec_params0("INSERT INTO licenses (caregiver_id, jurisdiction_code, "
                                    "license_number, license_type, issued_on, expires_on, "
                                    "verified_at) VALUES ($1, $2, $3, 'NP', '2020-01-01', "
                                    "'2030-12-31', now())",
                                    id, state, state + "-" + std::to_string(100000 + i));
                }
            }
        });
        floor.push_back(millisecondsSince(start));
    }

    std::printf("caregiver import: %d caregivers, %d lines, %zu bytes, median of %d runs\n",
                caregivers, lines, csv.size(), runs);
    std::printf("  preview (dry run)          %8.0f ms  %6.2f ms/line\n", median(preview),
                median(preview) / lines);
    std::printf("  apply                      %8.0f ms  %6.2f ms/line\n", median(apply),
                median(apply) / lines);
    std::printf("  apply again (unchanged)    %8.0f ms  %6.2f ms/line\n", median(again),
                median(again) / lines);
    std::printf("  floor: plain INSERTs       %8.0f ms  %6.2f ms/line\n", median(floor),
                median(floor) / lines);
    return 0;
}
