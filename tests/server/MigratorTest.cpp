#include "storage/Migrator.h"

#include "TestDatabase.h"

#include <QtTest>
#include <latch>
#include <pqxx/pqxx>
#include <thread>

using caredesk::server::Migration;
using caredesk::server::MigrationReport;
using caredesk::server::Migrator;
using caredesk::test::TestCluster;
using caredesk::test::TestDatabase;

namespace {

bool tableExists(pqxx::connection &connection, const std::string &table) {
    pqxx::nontransaction tx(connection);
    return tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", table)[0].as<bool>();
}

int recordedMigrations(pqxx::connection &connection) {
    pqxx::nontransaction tx(connection);
    return tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<int>();
}

int schemaVersion(pqxx::connection &connection) {
    pqxx::work tx(connection);
    return Migrator::currentVersion(tx);
}

} // namespace

class MigratorTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void builtinMigrationsAreNumberedAscending() {
        const auto &migrations = caredesk::server::builtinMigrations();
        QVERIFY(migrations.size() >= 2);
        QCOMPARE(migrations[0].version, 1);
        QCOMPARE(migrations[0].name, std::string("accounts"));
        QCOMPARE(migrations[1].version, 2);
        QCOMPARE(migrations[1].name, std::string("jurisdictions"));
        for (std::size_t i = 0; i < migrations.size(); ++i) {
            QVERIFY(!migrations[i].sql.empty());
            if (i > 0)
                QVERIFY(migrations[i].version > migrations[i - 1].version);
        }
        QCOMPARE(Migrator().latestVersion(), migrations.back().version);
    }

    void emptyDatabaseHasVersionZero() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        QCOMPARE(schemaVersion(connection), 0);
    }

    void migratesAnEmptyDatabase() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        const Migrator migrator;

        const MigrationReport report = migrator.migrate(connection);

        QCOMPARE(report.versionBefore, 0);
        QCOMPARE(report.versionAfter, migrator.latestVersion());
        QCOMPARE(static_cast<int>(report.applied.size()),
                 static_cast<int>(caredesk::server::builtinMigrations().size()));
        for (const char *table : {"caregivers", "sessions", "login_attempts", "audit_events",
                                  "jurisdictions", "jurisdiction_hours", "licenses"})
            QVERIFY2(tableExists(connection, table), table);
        pqxx::nontransaction tx(connection);
        const auto rows = tx.exec("SELECT version, name, applied_at IS NOT NULL "
                                  "FROM schema_migrations ORDER BY version");
        QCOMPARE(static_cast<int>(rows.size()), static_cast<int>(report.applied.size()));
        QCOMPARE(rows[0][0].as<int>(), 1);
        QCOMPARE(rows[0][1].as<std::string>(), std::string("accounts"));
        QVERIFY(rows[0][2].as<bool>());
    }

    void rerunAppliesNothing() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        const Migrator migrator;
        migrator.migrate(connection);
        const int recorded = recordedMigrations(connection);

        const MigrationReport again = migrator.migrate(connection);

        QVERIFY(again.applied.empty());
        QCOMPARE(again.versionBefore, migrator.latestVersion());
        QCOMPARE(again.versionAfter, migrator.latestVersion());
        QCOMPARE(recordedMigrations(connection), recorded);
    }

    void appliesOnlyTheMissingMigrations() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        const Migration first{1, "first", "CREATE TABLE first_table (id int)"};
        const Migration second{2, "second", "CREATE TABLE second_table (id int)"};
        Migrator({first}).migrate(connection);

        const MigrationReport report = Migrator({first, second}).migrate(connection);

        QCOMPARE(report.versionBefore, 1);
        QCOMPARE(report.versionAfter, 2);
        QCOMPARE(report.applied, std::vector<int>{2});
        QVERIFY(tableExists(connection, "second_table"));
    }

    void refusesANewerSchema() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        const Migrator migrator;
        migrator.migrate(connection);
        {
            pqxx::work tx(connection);
            tx.exec(
                "INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')");
            tx.commit();
        }

        try {
            migrator.migrate(connection);
            QFAIL("a database newer than the binary was accepted");
        } catch (const std::runtime_error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains("999"), e.what());
            QVERIFY2(message.contains(QString::number(migrator.latestVersion())), e.what());
        }
        QCOMPARE(schemaVersion(connection), 999);
    }

    void failingMigrationRollsBackEverything() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        const Migration first{1, "first", "CREATE TABLE first_table (id int)"};
        const Migration second{2, "second",
                               "CREATE TABLE second_table (id int);"
                               "INSERT INTO second_table VALUES (1)"};
        const Migration broken{3, "broken", "CREATE TABLE third_table (id int); SELEC 1"};

        try {
            Migrator({first, second, broken}).migrate(connection);
            QFAIL("a failing migration was reported as applied");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("0003_broken"), e.what());
        }

        for (const char *table :
             {"first_table", "second_table", "third_table", "schema_migrations"})
            QVERIFY2(!tableExists(connection, table), table);
        QCOMPARE(schemaVersion(connection), 0);
    }

    void failingMigrationKeepsThePreviousVersion() {
        TestDatabase database;
        pqxx::connection connection(database.connectionString());
        const Migration first{1, "first", "CREATE TABLE first_table (id int)"};
        const Migration second{2, "second", "CREATE TABLE second_table (id int)"};
        const Migration broken{3, "broken", "ALTER TABLE no_such_table ADD COLUMN x int"};
        Migrator({first}).migrate(connection);

        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 Migrator({first, second, broken}).migrate(connection));

        QCOMPARE(schemaVersion(connection), 1);
        QCOMPARE(recordedMigrations(connection), 1);
        QVERIFY(tableExists(connection, "first_table"));
        QVERIFY(!tableExists(connection, "second_table"));
    }

    void concurrentMigratorsApplyOnce() {
        TestDatabase database;
        std::vector<Migration> migrations = caredesk::server::builtinMigrations();
        // Keeps the first migrator inside its transaction long enough for the
        // second to arrive and queue on the lock.
        migrations.push_back(Migration{1000, "slow", "SELECT pg_sleep(0.5)"});
        const Migrator migrator(migrations);

        std::latch ready(2);
        MigrationReport reports[2];
        std::string failures[2];
        std::vector<std::thread> threads;
        for (int i = 0; i < 2; ++i) {
            threads.emplace_back([&, i] {
                try {
                    pqxx::connection connection(database.connectionString());
                    ready.arrive_and_wait();
                    reports[i] = migrator.migrate(connection);
                } catch (const std::exception &e) {
                    failures[i] = e.what();
                }
            });
        }
        for (auto &thread : threads)
            thread.join();

        QVERIFY2(failures[0].empty(), failures[0].c_str());
        QVERIFY2(failures[1].empty(), failures[1].c_str());
        const bool firstApplied = !reports[0].applied.empty();
        const bool secondApplied = !reports[1].applied.empty();
        QVERIFY(firstApplied != secondApplied);
        const MigrationReport &winner = firstApplied ? reports[0] : reports[1];
        const MigrationReport &loser = firstApplied ? reports[1] : reports[0];
        QCOMPARE(winner.applied.size(), migrations.size());
        QCOMPARE(loser.versionBefore, 1000);
        QCOMPARE(loser.versionAfter, 1000);
        pqxx::connection connection(database.connectionString());
        QCOMPARE(recordedMigrations(connection), static_cast<int>(migrations.size()));
    }

    void rejectsDuplicateVersions() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Migrator({Migration{1, "a", "SELECT 1"},
                                                                  Migration{1, "b", "SELECT 1"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Migrator({Migration{0, "zero", "SELECT 1"}}));
    }
};

QTEST_GUILESS_MAIN(MigratorTest)
#include "MigratorTest.moc"
