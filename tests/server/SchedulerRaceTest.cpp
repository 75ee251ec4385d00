// Many providers taking the next visit at once, and staff assigning against
// them, on a real PostgreSQL: nobody gets a visit twice or outside their licenses.

#include "VisitTestData.h"

#include <QtTest>
#include <chrono>
#include <latch>
#include <map>
#include <set>
#include <thread>
#include <tuple>

using namespace caredesk::test;
using caredesk::server::RequestError;
using caredesk::server::VisitActor;
using caredesk::server::VisitRecord;
using caredesk::server::VisitRepository;
using caredesk::server::VisitScheduler;
using caredesk::server::VisitStatus;
using namespace std::chrono_literals;

namespace {

const VisitActor kStaff = VisitActor::caregiver(1, caredesk::domain::Role::Support);

struct Claim {
    std::int64_t visitId = 0;
    std::string state;
    std::optional<std::int64_t> providerId;
    // Queue rank: priority (higher first), then arrival, then id.
    std::tuple<int, std::int64_t, std::int64_t> rank;
};

std::tuple<int, std::int64_t, std::int64_t> rankOf(const VisitRecord &visit) {
    return {-visit.priority, visit.requestedAt, visit.id};
}

std::unique_ptr<pqxx::connection> openConnection(const std::string &connectionString) {
    auto connection = std::make_unique<pqxx::connection>(connectionString);
    pqxx::nontransaction tx(*connection);
    tx.exec("SET lock_timeout = '10s'"); // a test that would hang fails instead
    return connection;
}

} // namespace

class SchedulerRaceTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void concurrentTakeNextAssignsEachVisitOnce() {
        constexpr int kThreads = 24;
        constexpr int kVisitsPerState = 300;
        const std::vector<std::string> states{"NY", "TX", "AZ", "CA"};
        // Nobody holds a usable California license: one has expired, one is unverified.
        struct ProviderSpec {
            const char *username;
            std::vector<std::string> licensed;
        };
        const std::vector<ProviderSpec> specs{
            {"ny", {"NY"}},
            {"tx", {"TX"}},
            {"az", {"AZ"}},
            {"ny.tx", {"NY", "TX"}},
            {"tx.az", {"TX", "AZ"}},
            {"ny.az", {"NY", "AZ"}},
            {"all", {"NY", "TX", "AZ"}},
            {"ny.ca.expired", {"NY"}},
            {"tx.ca.unverified", {"TX"}},
            {"az.ny", {"AZ", "NY"}},
            {"ny2", {"NY"}},
            {"az.tx", {"AZ", "TX"}},
        };

        SchedulingDatabase db;
        std::vector<std::int64_t> providerIds;
        std::map<std::int64_t, std::set<std::string>> licensed;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, states);
            for (const auto &spec : specs) {
                const auto id = addProvider(tx, spec.username);
                providerIds.push_back(id);
                for (const auto &state : spec.licensed)
                    addLicense(tx, id, state);
                licensed[id] = {spec.licensed.begin(), spec.licensed.end()};
            }
            addLicense(tx, providerIds[7], "CA", localDate(tx, "CA", -1));
            addLicense(tx, providerIds[8], "CA", "2099-12-31", false);
            for (int i = 0; i < kVisitsPerState; ++i) {
                for (const auto &state : states)
                    addVisit(tx, state, i, i % 5 == 0 ? (i / 5) % 4 : 0);
            }
            // Arrivals spread over two hours, in whole seconds so that ranks
            // compared in milliseconds agree with the database's.
            tx.exec("UPDATE visits SET requested_at = date_trunc('second', now()) "
                    "  - (random() * 7200)::int * interval '1 second'");
        });

        std::vector<std::vector<Claim>> claims(kThreads);
        std::vector<std::string> failures(kThreads);
        std::latch start(kThreads);
        const auto began = std::chrono::steady_clock::now();
        {
            std::vector<std::jthread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    const auto provider = providerIds[t % providerIds.size()];
                    try {
                        const auto connection = openConnection(db.connectionString());
                        start.arrive_and_wait();
                        for (;;) {
                            pqxx::work tx(*connection);
                            const auto visit = VisitScheduler::claimNext(tx, provider);
                            tx.commit();
                            if (!visit)
                                break;
                            claims[t].push_back({visit->id, visit->jurisdictionCode,
                                                 visit->assignedProviderId, rankOf(*visit)});
                        }
                    } catch (const RequestError &e) {
                        failures[t] = e.error.message;
                    } catch (const std::exception &e) {
                        failures[t] = e.what();
                    }
                });
            }
        }
        const auto elapsed = std::chrono::steady_clock::now() - began;

        std::map<std::int64_t, std::int64_t> claimedBy; // visit -> provider
        for (int t = 0; t < kThreads; ++t) {
            QVERIFY2(failures[t].empty(), failures[t].c_str());
            const auto provider = providerIds[t % providerIds.size()];
            for (std::size_t i = 0; i < claims[t].size(); ++i) {
                const auto &claim = claims[t][i];
                QCOMPARE(claim.providerId, std::optional<std::int64_t>(provider));
                QVERIFY2(licensed[provider].count(claim.state),
                         qPrintable(QStringLiteral("provider %1 got a visit in %2")
                                        .arg(provider)
                                        .arg(QString::fromStdString(claim.state))));
                QVERIFY2(claimedBy.emplace(claim.visitId, provider).second,
                         qPrintable(QStringLiteral("visit %1 claimed twice").arg(claim.visitId)));
                // Anything ranked ahead of an earlier pick was locked by a
                // caller that then took it, so each caller's picks come in
                // queue order.
                if (i > 0)
                    QVERIFY(claims[t][i - 1].rank < claim.rank);
            }
        }
        QCOMPARE(static_cast<int>(claimedBy.size()), 3 * kVisitsPerState);

        pqxx::work tx(db.connection());
        const auto rows = tx.exec("SELECT id, jurisdiction_code, status, assigned_provider_id "
                                  "FROM visits");
        for (const auto &row : rows) {
            const auto id = row[0].as<std::int64_t>();
            const auto state = row[1].as<std::string>();
            const auto status = row[2].as<std::string>();
            if (state == "CA") {
                QCOMPARE(status, std::string("waiting"));
                QVERIFY(!claimedBy.count(id));
            } else {
                QCOMPARE(status, std::string("assigned"));
                QCOMPARE(row[3].as<std::int64_t>(), claimedBy.at(id));
            }
        }
        QCOMPARE(countRows(tx, "SELECT count(*) FROM visit_events WHERE to_status = 'assigned'"),
                 3 * kVisitsPerState);
        QCOMPARE(countRows(tx, "SELECT count(*) FROM (SELECT visit_id FROM visit_events "
                               "  WHERE to_status = 'assigned' GROUP BY visit_id "
                               "  HAVING count(*) > 1) twice"),
                 0);
        QCOMPARE(countRows(tx, "SELECT count(*) FROM audit_events WHERE action = 'visit.assign'"),
                 3 * kVisitsPerState);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
        qInfo("%d threads took %d visits in %lld ms (%.0f/s)", kThreads, 3 * kVisitsPerState,
              static_cast<long long>(ms), 3 * kVisitsPerState * 1000.0 / std::max<double>(ms, 1));
    }

    void takeNextSkipsAVisitBeingAssigned() {
        SchedulingDatabase db;
        std::int64_t taker = 0, other = 0, older = 0, newer = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            taker = addProvider(tx, "taker");
            other = addProvider(tx, "other");
            addLicense(tx, taker, "WA");
            addLicense(tx, other, "WA");
            older = addVisit(tx, "WA", 1).id;
            newer = addVisit(tx, "WA", 2).id;
            setRequestedMinutesAgo(tx, older, 20);
            setRequestedMinutesAgo(tx, newer, 10);
        });
        const auto staffSide = openConnection(db.connectionString());
        const auto providerSide = openConnection(db.connectionString());

        pqxx::work staff(*staffSide);
        VisitScheduler::assign(staff, older, other, kStaff); // holds the row, uncommitted
        const auto began = std::chrono::steady_clock::now();
        pqxx::work provider(*providerSide);
        const auto taken = VisitScheduler::claimNext(provider, taker);
        QVERIFY(std::chrono::steady_clock::now() - began < 2s); // skipped, did not wait
        QVERIFY(taken);
        QCOMPARE(taken->id, newer);
        provider.commit();
        staff.commit();

        pqxx::work tx(db.connection());
        QCOMPARE(VisitRepository::find(tx, older)->assignedProviderId,
                 std::optional<std::int64_t>(other));
        QCOMPARE(VisitRepository::find(tx, newer)->assignedProviderId,
                 std::optional<std::int64_t>(taker));
    }

    void assignWaitsForATakeNextInFlight() {
        SchedulingDatabase db;
        std::int64_t taker = 0, other = 0, visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            taker = addProvider(tx, "taker");
            other = addProvider(tx, "other");
            addLicense(tx, taker, "WA");
            addLicense(tx, other, "WA");
            visit = addVisit(tx, "WA", 1).id;
        });
        const auto providerSide = openConnection(db.connectionString());
        const auto staffSide = openConnection(db.connectionString());

        pqxx::work provider(*providerSide);
        const auto taken = VisitScheduler::claimNext(provider, taker);
        QVERIFY(taken && taken->id == visit);

        std::optional<caredesk::protocol::Error> staffError;
        std::string unexpected;
        std::chrono::steady_clock::duration waited{};
        std::jthread staffThread([&] {
            const auto began = std::chrono::steady_clock::now();
            try {
                pqxx::work staff(*staffSide);
                VisitScheduler::assign(staff, visit, other, kStaff);
                staff.commit();
            } catch (const RequestError &e) {
                staffError = e.error;
            } catch (const std::exception &e) {
                unexpected = e.what();
            }
            waited = std::chrono::steady_clock::now() - began;
        });
        std::this_thread::sleep_for(300ms);
        provider.commit();
        staffThread.join();

        QVERIFY2(unexpected.empty(), unexpected.c_str());
        QCOMPARE(codeOf(staffError), QStringLiteral("invalid_transition"));
        QVERIFY(waited >= 250ms); // it waited for the row, then saw the visit taken
        pqxx::work tx(db.connection());
        QCOMPARE(VisitRepository::find(tx, visit)->assignedProviderId,
                 std::optional<std::int64_t>(taker));
        QCOMPARE(VisitRepository::events(tx, visit).size(), std::size_t(2));
    }

    void assignAndTakeNextRaceForOneVisit() {
        constexpr int kRounds = 40;
        SchedulingDatabase db;
        std::int64_t taker = 0, assignee = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            taker = addProvider(tx, "taker");
            assignee = addProvider(tx, "assignee");
            addLicense(tx, taker, "WA");
            addLicense(tx, assignee, "WA");
        });
        const auto providerSide = openConnection(db.connectionString());
        const auto staffSide = openConnection(db.connectionString());
        int takerWins = 0, staffWins = 0;
        for (int round = 0; round < kRounds; ++round) {
            const auto visit =
                db.write([&](pqxx::work &tx) { return addVisit(tx, "WA", round).id; });
            std::latch go(2);
            std::optional<VisitRecord> taken;
            std::optional<caredesk::protocol::Error> staffError;
            std::string unexpected;
            {
                std::jthread provider([&] {
                    try {
                        pqxx::work tx(*providerSide);
                        go.arrive_and_wait();
                        taken = VisitScheduler::claimNext(tx, taker);
                        tx.commit();
                    } catch (const std::exception &e) {
                        unexpected = e.what();
                    }
                });
                std::jthread staff([&] {
                    try {
                        pqxx::work tx(*staffSide);
                        go.arrive_and_wait();
                        VisitScheduler::assign(tx, visit, assignee, kStaff);
                        tx.commit();
                    } catch (const RequestError &e) {
                        staffError = e.error;
                    }
                });
            }
            QVERIFY2(unexpected.empty(), unexpected.c_str());
            const bool takerWon = taken.has_value();
            const bool staffWon = !staffError;
            QVERIFY2(takerWon != staffWon, qPrintable(QStringLiteral("round %1").arg(round)));
            if (takerWon) {
                QCOMPARE(taken->id, visit);
                QCOMPARE(codeOf(staffError), QStringLiteral("invalid_transition"));
                ++takerWins;
            } else {
                ++staffWins;
            }
            pqxx::work tx(db.connection());
            QCOMPARE(VisitRepository::find(tx, visit)->assignedProviderId,
                     std::optional<std::int64_t>(takerWon ? taker : assignee));
            QCOMPARE(countRows(tx, "SELECT count(*) FROM visit_events WHERE to_status = "
                                   "'assigned' AND visit_id = " +
                                       std::to_string(visit)),
                     1);
        }
        qInfo("take-next won %d rounds, staff %d", takerWins, staffWins);
    }
};

QTEST_GUILESS_MAIN(SchedulerRaceTest)
#include "SchedulerRaceTest.moc"
