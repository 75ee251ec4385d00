// Patient presence against a real PostgreSQL: the sweep's locking, stamps from
// one instance seen by another, and sweepers of several instances at once.

#include "scheduling/PatientPresence.h"

#include "VisitTestData.h"
#include "handlers/ClientConnection.h"
#include "storage/PatientPresenceRepository.h"

#include <QtTest>

using namespace caredesk;
using namespace std::chrono_literals;
using server::PatientPresence;
using server::PatientPresenceOptions;
using server::PatientPresenceRepository;

namespace {

// A connection with no network behind it: only its lifetime matters here.
class SilentLink final : public server::ClientLink {
public:
    explicit SilentLink(std::uint64_t id)
        : m_id(id) {}
    void sendText(std::string) override {}
    void close(std::uint16_t, std::string) override {}
    std::uint64_t connectionId() const override { return m_id; }
    const std::string &remoteAddress() const override { return m_address; }

private:
    std::uint64_t m_id;
    std::string m_address = "192.0.2.1";
};

std::shared_ptr<server::ClientConnection> connection(std::uint64_t id) {
    return std::make_shared<server::ClientConnection>(std::make_shared<SilentLink>(id));
}

// One server instance's share of the work: its own pool and presence.
struct Instance {
    Instance(const std::string &connectionString, PatientPresenceOptions options)
        : pool([&] {
            server::DatabasePoolOptions o;
            o.connectionString = connectionString;
            o.threads = 2;
            return o;
        }())
        , presence(pool, options) {
        pool.start();
        presence.start();
    }
    ~Instance() {
        presence.stop();
        pool.stop();
    }
    server::DatabasePool pool;
    PatientPresence presence;
};

PatientPresenceOptions options(std::chrono::seconds grace, std::chrono::milliseconds stamp,
                               std::chrono::milliseconds sweep) {
    PatientPresenceOptions o;
    o.grace = grace;
    o.stampInterval = stamp;
    o.sweepInterval = sweep;
    return o;
}

} // namespace

class PatientPresenceTest : public QObject {
    Q_OBJECT

    std::unique_ptr<test::SchedulingDatabase> m_db;

    std::string statusOf(std::int64_t visitId) {
        return m_db->write([&](pqxx::work &tx) {
            return tx.exec_params1("SELECT status FROM visits WHERE id = $1", visitId)[0]
                .as<std::string>();
        });
    }
    // A queued visit whose patient connected, last seen `secondsAgo` ago.
    std::int64_t visitSeen(int n, int secondsAgo) {
        return m_db->write([&](pqxx::work &tx) {
            const auto visit = test::addVisit(tx, "WA", n);
            PatientPresenceRepository::markSeen(tx, visit.id);
            tx.exec_params0("UPDATE patient_presence SET seen_at = now() - $2 * interval '1 s' "
                            "WHERE visit_id = $1",
                            visit.id, secondsAgo);
            return visit.id;
        });
    }
    int count(const std::string &sql) {
        return m_db->write([&](pqxx::work &tx) { return test::countRows(tx, sql); });
    }

private slots:
    void init() {
        m_db = std::make_unique<test::SchedulingDatabase>();
        m_db->write([](pqxx::work &tx) { test::enableStates(tx, {"WA"}); });
    }
    void cleanup() { m_db.reset(); }

    void intervalsFollowTheGrace() {
        const auto standard = PatientPresenceOptions::forGrace(120s);
        QCOMPARE(standard.stampInterval, std::chrono::milliseconds(20s));
        QCOMPARE(standard.sweepInterval, std::chrono::milliseconds(15s));
        const auto quick = PatientPresenceOptions::forGrace(2s);
        QCOMPARE(quick.grace, 2s);
        QCOMPARE(quick.stampInterval, 500ms);
        QCOMPARE(quick.sweepInterval, 500ms);
    }

    void sweepSkipsVisitsOthersHold() {
        const auto gone = visitSeen(1, 3600);
        const auto recent = visitSeen(2, 0);
        pqxx::connection second(m_db->connectionString());

        pqxx::work first(m_db->connection());
        QCOMPARE(PatientPresenceRepository::lockGone(first, 60s, 10),
                 std::vector<std::int64_t>{gone});
        {
            // Another instance sweeping at the same moment finds nothing to do.
            pqxx::work other(second);
            QVERIFY(PatientPresenceRepository::lockGone(other, 60s, 10).empty());
        }
        server::VisitScheduler::transition(first, gone, domain::VisitStatus::Left,
                                           server::VisitActor::system(), "gone");
        first.commit();
        {
            pqxx::work other(second);
            QVERIFY(PatientPresenceRepository::lockGone(other, 60s, 10).empty());
        }
        QCOMPARE(statusOf(gone), std::string("left"));
        QCOMPARE(statusOf(recent), std::string("waiting"));
    }

    void stampInProgressKeepsTheVisit() {
        const auto visit = visitSeen(1, 3600);
        pqxx::connection second(m_db->connectionString());
        pqxx::work stamp(m_db->connection());
        QCOMPARE(PatientPresenceRepository::markStillSeen(stamp, {visit}),
                 std::vector<std::int64_t>{visit});
        {
            pqxx::work sweep(second);
            QVERIFY(PatientPresenceRepository::lockGone(sweep, 60s, 10).empty());
        }
        stamp.commit();
        pqxx::work sweep(second);
        QVERIFY(PatientPresenceRepository::lockGone(sweep, 60s, 10).empty());
    }

    void onlyQueuedVisitsWithAPresenceAreSwept() {
        const auto waiting = visitSeen(1, 3600);
        const auto ready = visitSeen(2, 3600);
        const auto assigned = visitSeen(3, 3600);
        const auto neverConnected = m_db->write([](pqxx::work &tx) {
            const auto visit = test::addVisit(tx, "WA", 4);
            test::setRequestedMinutesAgo(tx, visit.id, 600);
            return visit.id;
        });
        m_db->write([&](pqxx::work &tx) {
            const auto provider = test::addProvider(tx, "drgo");
            test::addLicense(tx, provider, "WA");
            tx.exec_params0("UPDATE visits SET status = 'ready' WHERE id = $1", ready);
            server::VisitScheduler::assign(tx, assigned, provider, server::VisitActor::system());
        });
        pqxx::work tx(m_db->connection());
        auto swept = PatientPresenceRepository::lockGone(tx, 60s, 10);
        std::sort(swept.begin(), swept.end());
        QCOMPARE(swept, (std::vector<std::int64_t>{waiting, ready}));
        QCOMPARE(test::countRows(tx, "SELECT count(*) FROM patient_presence WHERE visit_id = " +
                                         std::to_string(neverConnected)),
                 0);
    }

    void connectedOnOneInstanceIsNotSweptByAnother() {
        // Instance A only stamps; instance B only sweeps, with a one-second grace.
        Instance a(m_db->connectionString(), options(1s, 100ms, 1h));
        Instance b(m_db->connectionString(), options(1s, 1h, 100ms));
        const auto connected = visitSeen(1, 0);
        const auto away = visitSeen(2, 0);
        auto patient = connection(7);
        a.presence.watch(patient, connected);

        // B has swept past the grace: the patient nobody watches is gone...
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(away), std::string("left"), 15000);
        // ...while A's stamps kept the other one in line.
        QCOMPARE(statusOf(connected), std::string("waiting"));

        // When A's connection goes, its last stamp starts the grace; then B moves it.
        patient.reset();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(connected), std::string("left"), 15000);
        QCOMPARE(count("SELECT count(*) FROM visit_events e JOIN patient_presence p "
                       "ON p.visit_id = e.visit_id WHERE e.to_status = 'left' "
                       "AND e.occurred_at - p.seen_at < interval '1 s'"),
                 0);
    }

    void sweepersOfManyInstancesMoveEachVisitOnce() {
        constexpr int kVisits = 60;
        m_db->write([&](pqxx::work &tx) {
            for (int i = 0; i < kVisits; ++i) {
                const auto visit = test::addVisit(tx, "WA", i);
                PatientPresenceRepository::markSeen(tx, visit.id);
            }
            tx.exec0("UPDATE patient_presence SET seen_at = now() - interval '1 hour'");
        });
        std::vector<std::unique_ptr<Instance>> instances;
        auto sweeping = options(60s, 1h, 20ms);
        sweeping.sweepBatch = 7; // several transactions each, interleaved
        for (int i = 0; i < 4; ++i)
            instances.push_back(std::make_unique<Instance>(m_db->connectionString(), sweeping));
        QTRY_COMPARE_WITH_TIMEOUT(count("SELECT count(*) FROM visits WHERE status = 'left'"),
                                  kVisits, 20000);
        instances.clear();
        QCOMPARE(count("SELECT count(*) FROM visit_events WHERE to_status = 'left'"), kVisits);
        QCOMPARE(count("SELECT count(DISTINCT visit_id) FROM visit_events "
                       "WHERE to_status = 'left' AND from_status = 'waiting' "
                       "AND actor_kind = 'system'"),
                 kVisits);
        QCOMPARE(count("SELECT count(*) FROM audit_events WHERE action = 'visit.status' "
                       "AND actor_kind = 'system' AND detail->>'to' = 'left'"),
                 kVisits);
    }
};

QTEST_GUILESS_MAIN(PatientPresenceTest)
#include "PatientPresenceTest.moc"
