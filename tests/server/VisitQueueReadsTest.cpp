// The visits schema's own guarantees, the queue reads (snapshot, positions,
// counts, durations, arrivals), priority and provider availability.

#include "VisitTestData.h"

#include <QtTest>
#include <set>

using namespace caredesk::test;
using caredesk::domain::AvailabilityStatus;
using caredesk::domain::Role;
using caredesk::server::ProviderRepository;
using caredesk::server::VisitActor;
using caredesk::server::VisitRecord;
using caredesk::server::VisitRepository;
using caredesk::server::VisitScheduler;
using caredesk::server::VisitStatus;

namespace {

const VisitActor kStaff = VisitActor::caregiver(1, Role::Support, "10.0.0.9");

// Whether the statement fails with an error from PostgreSQL (in its own transaction).
bool refusedByDatabase(pqxx::connection &connection, const std::string &sql) {
    try {
        pqxx::work tx(connection);
        tx.exec(sql);
        tx.commit();
    } catch (const pqxx::sql_error &) {
        return true;
    }
    return false;
}

} // namespace

class VisitQueueReadsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void schemaRefusesInconsistentVisits() {
        SchedulingDatabase db;
        std::int64_t visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            visit = addVisit(tx, "WA", 1).id;
        });
        const std::string id = std::to_string(visit);
        auto &c = db.connection();
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET status = 'assigned' WHERE id = " + id));
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET status = 'removed', ended_at = now() "
                                     "WHERE id = " +
                                         id));
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET status = 'completed' WHERE id = " + id));
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET status = 'lost' WHERE id = " + id));
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET priority = 10 WHERE id = " + id));
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET started_at = now() WHERE id = " + id));
        QVERIFY(refusedByDatabase(c, "UPDATE visits SET patient_token_hash = '\\x00' WHERE id = " +
                                         id));
        QVERIFY(refusedByDatabase(c, "INSERT INTO visits (jurisdiction_code, first_name, "
                                     "last_name, date_of_birth, reason, contact, "
                                     "patient_token_hash) SELECT jurisdiction_code, first_name, "
                                     "last_name, date_of_birth, reason, contact, "
                                     "patient_token_hash FROM visits WHERE id = " +
                                         id));
        QVERIFY(refusedByDatabase(c, "UPDATE visit_events SET reason = 'edited'"));
        QVERIFY(refusedByDatabase(c, "DELETE FROM visit_events"));
        QVERIFY(refusedByDatabase(c, "TRUNCATE visit_events"));
        QVERIFY(!refusedByDatabase(c, "UPDATE visits SET status = 'ready' WHERE id = " + id));
    }

    void openVisitsIsOneSnapshotOfEveryUnfinishedVisit() {
        SchedulingDatabase db;
        std::int64_t provider = 0;
        std::vector<std::int64_t> wa, tx2;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "TX"});
            provider = tx.exec_params1("INSERT INTO caregivers (username, display_name, "
                                       "password_hash, roles) VALUES ('dr.m', 'Dr. Mei Chen', "
                                       "'x', '{provider}') RETURNING id")[0]
                           .as<std::int64_t>();
            ProviderRepository::setStatus(tx, provider, AvailabilityStatus::Available);
            addLicense(tx, provider, "WA");
            for (int i = 0; i < 4; ++i)
                wa.push_back(addVisit(tx, "WA", i).id);
            for (int i = 0; i < 2; ++i)
                tx2.push_back(addVisit(tx, "TX", 10 + i).id);
            setRequestedMinutesAgo(tx, wa[0], 40);
            setRequestedMinutesAgo(tx, wa[1], 30);
            setRequestedMinutesAgo(tx, wa[2], 20);
            setRequestedMinutesAgo(tx, wa[3], 10);
            VisitScheduler::setPriority(tx, wa[3], 5, kStaff);
            VisitScheduler::assign(tx, wa[0], provider, kStaff); // assigned
            VisitScheduler::transition(tx, wa[1], VisitStatus::Cancelled,
                                       VisitActor::patient(wa[1]));
            VisitScheduler::transition(tx, tx2[1], VisitStatus::Ready, VisitActor::system());
        });

        pqxx::work tx(db.connection());
        const auto open = VisitRepository::openVisits(tx);
        std::vector<std::int64_t> ids;
        for (const auto &entry : open)
            ids.push_back(entry.visit.id);
        // By state, then queue order; the cancelled visit is gone.
        const std::vector<std::int64_t> expected{tx2[0], tx2[1], wa[3], wa[0], wa[2]};
        QCOMPARE(ids, expected);
        QCOMPARE(open[0].position, std::optional<int>(1));
        QCOMPARE(open[1].position, std::optional<int>(2));
        QCOMPARE(open[1].visit.status, VisitStatus::Ready);
        QCOMPARE(open[2].position, std::optional<int>(1)); // priority first
        QCOMPARE(open[3].visit.status, VisitStatus::Assigned);
        QVERIFY(!open[3].position);
        QCOMPARE(open[3].providerName, std::optional<std::string>("Dr. Mei Chen"));
        QCOMPARE(open[4].position, std::optional<int>(2));
        QVERIFY(!open[4].providerName);
        for (const auto &entry : open) {
            QCOMPARE(VisitRepository::queuePosition(tx, entry.visit.id), entry.position);
            QCOMPARE(entry.visit.lastName, std::string("Lopez"));
        }
    }

    void queueSummariesCountEachState() {
        SchedulingDatabase db;
        std::int64_t provider = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "OR", "ID"});
            provider = addProvider(tx, "dr.wa");
            addLicense(tx, provider, "WA");
            const auto a = addVisit(tx, "WA", 1).id;
            const auto b = addVisit(tx, "WA", 2).id;
            const auto c = addVisit(tx, "WA", 3).id;
            addVisit(tx, "WA", 4);
            const auto d = addVisit(tx, "OR", 5).id;
            const auto e = addVisit(tx, "ID", 6).id;
            setRequestedMinutesAgo(tx, a, 90);
            setRequestedMinutesAgo(tx, b, 45);
            setRequestedMinutesAgo(tx, c, 5);
            setRequestedMinutesAgo(tx, d, 3);
            VisitScheduler::assign(tx, a, provider, kStaff);
            VisitScheduler::transition(tx, a, VisitStatus::InVisit, VisitActor::system());
            VisitScheduler::transition(tx, c, VisitStatus::Ready, VisitActor::system());
            VisitScheduler::transition(tx, e, VisitStatus::Left, VisitActor::system());
        });
        pqxx::work tx(db.connection());
        const auto summaries = VisitRepository::queueSummaries(tx);
        QCOMPARE(summaries.size(), std::size_t(2)); // ID has nothing open
        QCOMPARE(summaries[0].jurisdictionCode, std::string("OR"));
        QCOMPARE(summaries[0].waiting, 1);
        QVERIFY(summaries[0].longestWaitSeconds >= 180 && summaries[0].longestWaitSeconds < 240);
        const auto &wa = summaries[1];
        QCOMPARE(wa.jurisdictionCode, std::string("WA"));
        QCOMPARE(wa.waiting, 2);
        QCOMPARE(wa.ready, 1);
        QCOMPARE(wa.assigned, 0);
        QCOMPARE(wa.inVisit, 1);
        // The visit in progress no longer counts as waiting.
        QVERIFY(wa.longestWaitSeconds >= 45 * 60 && wa.longestWaitSeconds < 46 * 60);
        QVERIFY(wa.oldestRequestedAt);
    }

    void priorityReordersTheQueue() {
        SchedulingDatabase db;
        std::int64_t first = 0, second = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            first = addVisit(tx, "WA", 1).id;
            second = addVisit(tx, "WA", 2).id;
        });
        const auto raised = db.write(
            [&](pqxx::work &tx) { return VisitScheduler::setPriority(tx, second, 3, kStaff); });
        QCOMPARE(raised.priority, 3);
        QCOMPARE(raised.version, 2);
        {
            pqxx::work tx(db.connection());
            QCOMPARE(VisitRepository::queuePosition(tx, second), std::optional<int>(1));
            QCOMPARE(VisitRepository::queuePosition(tx, first), std::optional<int>(2));
            const auto audit = tx.exec1("SELECT actor_id, (detail->>'from')::int, "
                                        "(detail->>'to')::int FROM audit_events "
                                        "WHERE action = 'visit.priority'");
            QCOMPARE(audit[0].as<std::int64_t>(), *kStaff.id);
            QCOMPARE(audit[1].as<int>(), 0);
            QCOMPARE(audit[2].as<int>(), 3);
        }
        const auto priority = [&](std::int64_t id, int value) {
            return db.refusal(
                [&](pqxx::work &tx) { VisitScheduler::setPriority(tx, id, value, kStaff); });
        };
        QCOMPARE(codeOf(priority(first, VisitScheduler::kMaxPriority + 1)),
                 QStringLiteral("out_of_range"));
        QCOMPARE(codeOf(priority(first, -1)), QStringLiteral("out_of_range"));
        QCOMPARE(codeOf(priority(987654, 1)), QStringLiteral("not_found"));
        db.write([&](pqxx::work &tx) {
            VisitScheduler::transition(tx, first, VisitStatus::Cancelled,
                                       VisitActor::patient(first));
        });
        QCOMPARE(codeOf(priority(first, 1)), QStringLiteral("invalid_transition"));
    }

    void routableProvidersCountEachProviderOnce() {
        SchedulingDatabase db;
        std::int64_t both = 0, waOnly = 0, resting = 0, expired = 0, support = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "OR"});
            both = addProvider(tx, "both");
            waOnly = addProvider(tx, "wa.only");
            resting = addProvider(tx, "resting", false);
            expired = addProvider(tx, "expired");
            support = addCaregiver(tx, "support", {Role::Support});
            addLicense(tx, both, "WA");
            addLicense(tx, both, "OR");
            addLicense(tx, both, "OR", "2099-06-30"); // a second license for the same state
            addLicense(tx, waOnly, "WA");
            addLicense(tx, resting, "OR");
            addLicense(tx, expired, "OR", localDate(tx, "OR", -1));
            addLicense(tx, support, "OR");
            addVisit(tx, "OR", 1);
        });
        {
            pqxx::work tx(db.connection());
            const auto counts = ProviderRepository::routableCountsByState(tx);
            QCOMPARE(counts.size(), std::size_t(2));
            QCOMPARE(counts[0].jurisdictionCode, std::string("OR"));
            QCOMPARE(counts[0].providers, 1);
            QCOMPARE(counts[1].jurisdictionCode, std::string("WA"));
            QCOMPARE(counts[1].providers, 2);
            const auto providers = ProviderRepository::routableProviders(tx);
            QCOMPARE(providers.size(), std::size_t(2));
            QCOMPARE(providers[0].caregiverId, both);
            QCOMPARE(providers[0].states, (std::vector<std::string>{"OR", "WA"}));
            QVERIFY(!providers[0].currentVisitId);
            QCOMPARE(providers[1].caregiverId, waOnly);
            QCOMPARE(providers[1].states, std::vector<std::string>{"WA"});
        }
        const auto claimed =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, both); });
        QVERIFY(claimed);
        pqxx::work tx(db.connection());
        const auto providers = ProviderRepository::routableProviders(tx);
        QCOMPARE(providers[0].currentVisitId, std::optional<std::int64_t>(claimed->id));
        QCOMPARE(providers[0].currentSince, claimed->assignedAt);
    }

    void recentDurationsAreKeptPerState() {
        SchedulingDatabase db;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "OR"});
            const auto provider = addProvider(tx, "dr");
            addLicense(tx, provider, "WA");
            addLicense(tx, provider, "OR");
            // Minutes each visit lasted and how long ago it ended.
            const std::vector<std::tuple<const char *, int, int>> history{
                {"WA", 10, 50}, {"WA", 20, 40}, {"WA", 30, 30}, {"WA", 40, 5000}, {"OR", 15, 20}};
            int n = 0;
            for (const auto &[state, minutes, endedMinutesAgo] : history) {
                const auto id = addVisit(tx, state, ++n).id;
                VisitScheduler::assign(tx, id, provider, kStaff);
                VisitScheduler::transition(tx, id, VisitStatus::InVisit, VisitActor::system());
                VisitScheduler::transition(tx, id, VisitStatus::Completed,
                                           VisitActor::caregiver(99, Role::Admin));
                tx.exec_params0(
                    "UPDATE visits SET ended_at = now() - $2 * interval '1 minute', "
                    "  started_at = now() - ($2::integer + $3::integer) * interval '1 minute' "
                    "WHERE id = $1",
                    id, endedMinutesAgo, minutes);
            }
            // Visits that did not complete say nothing about durations.
            const auto gone = addVisit(tx, "WA", ++n).id;
            VisitScheduler::transition(tx, gone, VisitStatus::Left, VisitActor::system());
        });
        pqxx::work tx(db.connection());
        const auto durations = VisitRepository::recentDurations(tx, 2, std::chrono::hours(24));
        QCOMPARE(durations.size(), std::size_t(2));
        QCOMPARE(durations[0].jurisdictionCode, std::string("OR"));
        QCOMPARE(durations[0].seconds, std::vector<double>{15 * 60.0});
        QCOMPARE(durations[1].jurisdictionCode, std::string("WA"));
        // The two most recent, newest first; the one from three days ago is out of the window.
        QCOMPARE(durations[1].seconds, (std::vector<double>{30 * 60.0, 20 * 60.0}));
        const auto all = VisitRepository::recentDurations(tx, 10, std::chrono::hours(24 * 7));
        QCOMPARE(all[1].seconds.size(), std::size_t(4));
    }

    void arrivalsAreCountedInTheWindow() {
        SchedulingDatabase db;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "OR"});
            const int minutesAgo[] = {5, 30, 59, 61, 300};
            int n = 0;
            for (int minutes : minutesAgo)
                setRequestedMinutesAgo(tx, addVisit(tx, "WA", ++n).id, minutes);
            setRequestedMinutesAgo(tx, addVisit(tx, "WA", ++n, 4).id, 10); // a priority visit
            addVisit(tx, "OR", ++n);
        });
        pqxx::work tx(db.connection());
        const auto hour = std::chrono::hours(1);
        QCOMPARE(VisitRepository::arrivalsSince(tx, "WA", hour, true), 4);
        QCOMPARE(VisitRepository::arrivalsSince(tx, "WA", hour, false), 3);
        QCOMPARE(VisitRepository::arrivalsSince(tx, "OR", hour, true), 1);
        QCOMPARE(VisitRepository::arrivalsSince(tx, "ID", hour, true), 0);
    }

    void availabilityIsRecordedAndAudited() {
        SchedulingDatabase db;
        std::int64_t provider = 0, support = 0;
        db.write([&](pqxx::work &tx) {
            provider = addProvider(tx, "dr", false);
            support = addCaregiver(tx, "support", {Role::Support}, false);
        });
        const VisitActor self = VisitActor::caregiver(provider, Role::Provider, "198.51.100.7");
        {
            pqxx::work tx(db.connection());
            const auto never = ProviderRepository::availability(tx, provider);
            QVERIFY(never.status == AvailabilityStatus::Offline);
            QVERIFY(!never.changedAt);
        }
        const auto set = [&](std::int64_t who, AvailabilityStatus status) {
            return db.write([&](pqxx::work &tx) {
                return VisitScheduler::setAvailability(tx, who, status, self);
            });
        };
        QVERIFY(set(provider, AvailabilityStatus::Available));
        QVERIFY(!set(provider, AvailabilityStatus::Available)); // no change, no audit row
        QVERIFY(set(provider, AvailabilityStatus::OnBreak));
        {
            pqxx::work tx(db.connection());
            const auto now = ProviderRepository::availability(tx, provider);
            QVERIFY(now.status == AvailabilityStatus::OnBreak);
            QVERIFY(now.changedAt);
            const auto rows = tx.exec("SELECT actor_id, subject_id, detail->>'to', "
                                      "client_address FROM audit_events "
                                      "WHERE action = 'provider.availability' ORDER BY id");
            QCOMPARE(static_cast<int>(rows.size()), 2);
            QCOMPARE(rows[0][0].as<std::int64_t>(), provider);
            QCOMPARE(rows[0][1].as<std::string>(), std::to_string(provider));
            QCOMPARE(rows[0][2].as<std::string>(), std::string("available"));
            QCOMPARE(rows[0][3].as<std::string>(), std::string("198.51.100.7"));
            QCOMPARE(rows[1][2].as<std::string>(), std::string("on_break"));
        }
        const auto refusal = [&](std::int64_t who, AvailabilityStatus status) {
            return codeOf(db.refusal(
                [&](pqxx::work &tx) { VisitScheduler::setAvailability(tx, who, status, self); }));
        };
        QCOMPARE(refusal(support, AvailabilityStatus::Available), QStringLiteral("not_a_provider"));
        QCOMPARE(refusal(support, AvailabilityStatus::Offline), QStringLiteral("none"));
        QCOMPARE(refusal(987654, AvailabilityStatus::Available), QStringLiteral("not_found"));
        QCOMPARE(refusal(provider, AvailabilityStatus::InVisit), QStringLiteral("out_of_range"));
        db.write([&](pqxx::work &tx) {
            tx.exec_params0("UPDATE caregivers SET active = false WHERE id = $1", provider);
        });
        QCOMPARE(refusal(provider, AvailabilityStatus::Available),
                 QStringLiteral("not_a_provider"));
    }
};

QTEST_GUILESS_MAIN(VisitQueueReadsTest)
#include "VisitQueueReadsTest.moc"
