// The audit trail's tamper evidence on a real PostgreSQL: the tables refuse
// changes, the sealer chains every event (late commits too), and the
// verifier finds an event changed or deleted behind the triggers' back, a cut
// chain, and a wrong key.

#include "storage/ApplicationRole.h"
#include "storage/AuditChain.h"
#include "storage/AuditLog.h"
#include "storage/AuditSealer.h"

#include "VisitTestData.h"

#include <QTemporaryDir>
#include <fstream>
#include <QtTest>

using namespace caredesk::test;
using caredesk::server::AuditChain;
using caredesk::server::AuditEvent;
using caredesk::server::AuditLog;
using caredesk::server::AuditSealer;

namespace {

void appendEvents(SchedulingDatabase &db, int count, const std::string &action = "chat.read") {
    db.write([&](pqxx::work &tx) {
        for (int i = 0; i < count; ++i) {
            AuditEvent event;
            event.actorKind = AuditEvent::Actor::Caregiver;
            event.actorId = 7;
            event.action = action;
            event.subjectType = "visit";
            event.subjectId = std::to_string(100 + i);
            event.clientAddress = "10.0.0.8";
            event.detail = {{"seq", i}, {"note", "ünïcode ✓"}};
            AuditLog::append(tx, event);
        }
    });
}

std::size_t seal(SchedulingDatabase &db, const AuditChain &chain) {
    return db.write([&](pqxx::work &tx) { return chain.sealPending(tx); });
}

AuditChain::Verification verify(SchedulingDatabase &db, const AuditChain &chain) {
    return db.write([&](pqxx::work &tx) { return chain.verify(tx); });
}

// What only someone who can switch the triggers off (a superuser) can do.
void behindTheTriggers(SchedulingDatabase &db, const std::string &sql) {
    db.write([&](pqxx::work &tx) {
        tx.exec0("SET LOCAL session_replication_role = replica");
        tx.exec0(sql);
    });
}

} // namespace

class AuditChainTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void tablesRefuseUpdateAndDelete() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        appendEvents(db, 2);
        QCOMPARE(seal(db, chain), std::size_t{2});
        for (const char *sql :
             {"UPDATE audit_events SET action = 'nothing.happened'", "DELETE FROM audit_events",
              "TRUNCATE audit_events CASCADE", "UPDATE audit_seals SET sealed_at = now()",
              "DELETE FROM audit_seals", "TRUNCATE audit_seals",
              "DELETE FROM audit_chain_key"}) {
            bool refused = false;
            try {
                db.write([&](pqxx::work &tx) { tx.exec0(sql); });
            } catch (const pqxx::sql_error &e) {
                refused = QString::fromUtf8(e.what()).contains(QLatin1String("append-only"));
            }
            QVERIFY2(refused, sql);
        }
        QVERIFY(verify(db, chain).intact);
    }

    // The server's own role is refused by privilege, before any trigger runs:
    // even with the triggers switched off it could not change the trail.
    void applicationRoleMayOnlyAppend() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        appendEvents(db, 2);
        QCOMPARE(seal(db, chain), std::size_t{2});
        std::string asApplication;
        {
            pqxx::connection owner(db.connectionString());
            asApplication =
                caredesk::server::applicationConnectionString(owner, db.connectionString());
        }
        pqxx::connection application(asApplication);
        QCOMPARE(pqxx::work(application).exec1("SELECT current_user")[0].as<std::string>(),
                 std::string("caredesk_app"));
        for (const char *sql :
             {"UPDATE audit_events SET action = 'nothing.happened'", "DELETE FROM audit_events",
              "TRUNCATE audit_events", "UPDATE audit_seals SET sealed_at = now()",
              "DELETE FROM audit_seals", "DELETE FROM audit_chain_key",
              "UPDATE visit_events SET reason = 'x'", "DELETE FROM schema_migrations",
              "SET session_replication_role = replica", "ALTER TABLE audit_events DISABLE TRIGGER ALL",
              "DROP TABLE audit_events CASCADE"}) {
            bool refused = false;
            try {
                pqxx::work tx(application);
                tx.exec0(sql);
                tx.commit();
            } catch (const pqxx::sql_error &e) {
                const QString why = QString::fromUtf8(e.what());
                refused = why.contains(QLatin1String("permission denied")) ||
                          why.contains(QLatin1String("must be owner"));
                if (!refused)
                    qWarning() << sql << why;
            }
            QVERIFY2(refused, sql);
        }
        // What the server does need, it may: append and read.
        pqxx::work tx(application);
        AuditEvent event;
        event.action = "test.appended";
        AuditLog::append(tx, event);
        QCOMPARE(tx.exec1("SELECT count(*) FROM audit_events")[0].as<int>(), 3);
        tx.commit();
        QVERIFY(verify(db, chain).intact);
    }

    void sealsEveryEventOnceAndVerifies() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        QVERIFY(verify(db, chain).intact); // empty is intact
        appendEvents(db, 30);
        QCOMPARE(db.write([&](pqxx::work &tx) { return chain.sealPending(tx, 10); }),
                 std::size_t{10});
        auto partial = verify(db, chain);
        QVERIFY(partial.intact);
        QCOMPARE(partial.sealed, 10);
        QCOMPARE(partial.unsealed, 20);
        QCOMPARE(seal(db, chain), std::size_t{20});
        QCOMPARE(seal(db, chain), std::size_t{0});
        const auto full = verify(db, chain);
        QVERIFY2(full.intact, full.problem.c_str());
        QCOMPARE(full.sealed, 30);
        QCOMPARE(full.unsealed, 0);
    }

    void lateCommitIsSealedInALaterRound() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        // A transaction takes an id, then waits while a later one commits and is sealed.
        pqxx::connection slow(db.connectionString());
        pqxx::work late(slow);
        AuditEvent first;
        first.action = "visit.read";
        AuditLog::append(late, first);
        appendEvents(db, 3);
        QCOMPARE(seal(db, chain), std::size_t{3});
        late.commit();
        QCOMPARE(seal(db, chain), std::size_t{1});
        const auto result = verify(db, chain);
        QVERIFY2(result.intact, result.problem.c_str());
        QCOMPARE(result.sealed, 4);
        QCOMPARE(result.unsealed, 0);
    }

    void changedEventBreaksTheChainThere() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        appendEvents(db, 5);
        seal(db, chain);
        const auto third = db.write([](pqxx::work &tx) {
            return tx.exec1("SELECT event_id FROM audit_seals WHERE seq = 3")[0].as<std::int64_t>();
        });
        behindTheTriggers(db, "UPDATE audit_events SET detail = '{\"seq\": 99}' WHERE id = " +
                                  std::to_string(third));
        const auto result = verify(db, chain);
        QVERIFY(!result.intact);
        QCOMPARE(result.brokenAtSeq, std::optional<std::int64_t>(3));
        QCOMPARE(result.eventId, std::optional<std::int64_t>(third));
        QCOMPARE(result.sealed, 2);
        QVERIFY2(result.problem.find("changed") != std::string::npos, result.problem.c_str());
    }

    void deletedEventAndCutChainAreFound() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        appendEvents(db, 6);
        seal(db, chain);
        behindTheTriggers(db, "DELETE FROM audit_seals WHERE seq = 4");
        auto result = verify(db, chain);
        QVERIFY(!result.intact);
        QCOMPARE(result.brokenAtSeq, std::optional<std::int64_t>(4));
        QVERIFY2(result.problem.find("missing") != std::string::npos, result.problem.c_str());

        SchedulingDatabase other;
        appendEvents(other, 3);
        seal(other, chain);
        behindTheTriggers(other, "DELETE FROM audit_events WHERE id = (SELECT event_id FROM "
                                 "audit_seals WHERE seq = 2)");
        result = verify(other, chain);
        QVERIFY(!result.intact);
        QCOMPARE(result.brokenAtSeq, std::optional<std::int64_t>(2));
        QVERIFY2(result.problem.find("deleted") != std::string::npos, result.problem.c_str());
    }

    void anotherKeyNeitherSealsNorVerifies() {
        SchedulingDatabase db;
        const AuditChain chain(AuditChain::randomKey());
        const AuditChain stranger(AuditChain::randomKey());
        appendEvents(db, 2);
        seal(db, chain);
        appendEvents(db, 1);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, seal(db, stranger));
        const auto result = verify(db, stranger);
        QVERIFY(!result.intact);
        QVERIFY2(result.problem.find("another key") != std::string::npos, result.problem.c_str());
        QCOMPARE(seal(db, chain), std::size_t{1}); // the right key carries on
    }

    void keyFileIsMadeOnceAndReadBack() {
        QTemporaryDir folder;
        const std::filesystem::path path = folder.filePath(QStringLiteral("keys/audit-key")).toStdString();
        const auto made = AuditChain::loadOrCreateKey(path);
        QCOMPARE(AuditChain::loadOrCreateKey(path), made);
        QCOMPARE(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        {
            std::ofstream broken(path, std::ios::trunc);
            broken << "not hex\n";
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, AuditChain::loadOrCreateKey(path));
    }

    void sealerSealsInTheBackground() {
        SchedulingDatabase db;
        const auto key = AuditChain::randomKey();
        AuditSealer sealer(db.connectionString(), key, std::chrono::milliseconds(50));
        sealer.start();
        appendEvents(db, 25);
        const AuditChain chain(key);
        QTRY_COMPARE_WITH_TIMEOUT(verify(db, chain).sealed, 25, 10'000);
        sealer.stop();
        QVERIFY(verify(db, chain).intact);
    }
};

QTEST_GUILESS_MAIN(AuditChainTest)
#include "AuditChainTest.moc"
