#include "storage/DatabasePool.h"

#include "TestDatabase.h"

#include <QtTest>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

using caredesk::protocol::Error;
using caredesk::protocol::ErrorCode;
using caredesk::server::DatabasePool;
using caredesk::server::DatabasePoolOptions;
using caredesk::server::RequestError;
using caredesk::test::TestCluster;
using caredesk::test::TestDatabase;
using namespace std::chrono_literals;

namespace {

// Collects the outcomes of completions, which arrive on worker threads.
class Outcomes {
public:
    DatabasePool::Completion record() {
        return [this](std::optional<Error> outcome) {
            std::lock_guard lock(m_mutex);
            m_outcomes.push_back(std::move(outcome));
            m_threads.push_back(std::this_thread::get_id());
            m_changed.notify_all();
        };
    }
    bool waitFor(std::size_t count, std::chrono::seconds timeout = 30s) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return m_outcomes.size() >= count; });
    }
    std::vector<std::optional<Error>> all() {
        std::lock_guard lock(m_mutex);
        return m_outcomes;
    }
    std::vector<std::thread::id> threads() {
        std::lock_guard lock(m_mutex);
        return m_threads;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::optional<Error>> m_outcomes;
    std::vector<std::thread::id> m_threads;
};

DatabasePoolOptions poolOptions(const TestDatabase &database, std::size_t threads) {
    DatabasePoolOptions options;
    options.connectionString = database.connectionString();
    options.threads = threads;
    options.retryBackoff = 10ms;
    return options;
}

void createCounterTable(const TestDatabase &database) {
    DatabasePool::runOnce(database.connectionString(), [](pqxx::work &tx) {
        tx.exec("CREATE TABLE entries (id serial PRIMARY KEY, label text NOT NULL)");
    });
}

int countEntries(const TestDatabase &database) {
    pqxx::connection connection(database.connectionString());
    pqxx::nontransaction tx(connection);
    return tx.exec1("SELECT count(*) FROM entries")[0].as<int>();
}

QString describe(const std::optional<Error> &outcome) {
    if (!outcome)
        return "success";
    return QString("%1: %2").arg(static_cast<int>(outcome->code)).arg(outcome->message.c_str());
}

} // namespace

class DatabasePoolTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void runsJobsOnWorkerThreads() {
        TestDatabase database;
        createCounterTable(database);
        DatabasePool pool(poolOptions(database, 3));
        pool.start();
        Outcomes outcomes;

        for (int i = 0; i < 30; ++i) {
            pool.submit(
                [i](pqxx::work &tx) {
                    tx.exec_params("INSERT INTO entries (label) VALUES ($1)", std::to_string(i));
                },
                outcomes.record());
        }

        QVERIFY(outcomes.waitFor(30));
        for (const auto &outcome : outcomes.all())
            QVERIFY2(!outcome, qPrintable(describe(outcome)));
        for (const auto &thread : outcomes.threads())
            QVERIFY(thread != std::this_thread::get_id());
        QCOMPARE(countEntries(database), 30);
    }

    void requestErrorReachesTheCompletionAndRollsBack() {
        TestDatabase database;
        createCounterTable(database);
        DatabasePool pool(poolOptions(database, 1));
        pool.start();
        Outcomes outcomes;
        Error refusal;
        refusal.code = ErrorCode::Forbidden;
        refusal.message = "not yours";
        refusal.field = "body.visit";

        pool.submit(
            [refusal](pqxx::work &tx) {
                tx.exec("INSERT INTO entries (label) VALUES ('rolled back')");
                throw RequestError{refusal};
            },
            outcomes.record());

        QVERIFY(outcomes.waitFor(1));
        QCOMPARE(outcomes.all().at(0), std::optional<Error>(refusal));
        QCOMPARE(countEntries(database), 0);
    }

    void otherExceptionsBecomeInternalWithoutDetail() {
        TestDatabase database;
        DatabasePool pool(poolOptions(database, 1));
        pool.start();
        Outcomes outcomes;

        pool.submit([](pqxx::work &) { throw std::runtime_error("secret detail"); },
                    outcomes.record());
        pool.submit([](pqxx::work &tx) { tx.exec("SELEC 1"); }, outcomes.record());
        pool.submit([](pqxx::work &) { throw 42; }, outcomes.record());

        QVERIFY(outcomes.waitFor(3));
        for (const auto &outcome : outcomes.all()) {
            QVERIFY(outcome);
            QCOMPARE(outcome->code, ErrorCode::Internal);
            QVERIFY(outcome->message.find("secret") == std::string::npos);
            QVERIFY(outcome->message.find("SELEC") == std::string::npos);
        }
    }

    void serializationFailureIsRetried() {
        TestDatabase database;
        DatabasePool pool(poolOptions(database, 1));
        pool.start();
        Outcomes outcomes;
        std::atomic<int> attempts = 0;

        pool.submit(
            [&attempts](pqxx::work &) {
                if (++attempts == 1)
                    throw pqxx::serialization_failure("could not serialize access");
            },
            outcomes.record());

        QVERIFY(outcomes.waitFor(1));
        QVERIFY2(!outcomes.all().at(0), qPrintable(describe(outcomes.all().at(0))));
        QCOMPARE(attempts.load(), 2);
    }

    void racingSerializableTransactionsBothLand() {
        TestDatabase database;
        createCounterTable(database);
        DatabasePool pool(poolOptions(database, 2));
        pool.start();
        Outcomes outcomes;
        std::atomic<int> attempts = 0;
        std::latch bothRead(2);

        // Write skew: each reads the whole table, then inserts. Under
        // SERIALIZABLE one of the two must fail the first time and succeed
        // when run again.
        for (int i = 0; i < 2; ++i) {
            pool.submit(
                [&](pqxx::work &tx) {
                    const bool first = attempts++ < 2;
                    tx.exec("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                    const int seen = tx.exec1("SELECT count(*) FROM entries")[0].as<int>();
                    if (first)
                        bothRead.arrive_and_wait();
                    tx.exec_params("INSERT INTO entries (label) VALUES ($1)",
                                   "saw " + std::to_string(seen));
                },
                outcomes.record());
        }

        QVERIFY(outcomes.waitFor(2));
        for (const auto &outcome : outcomes.all())
            QVERIFY2(!outcome, qPrintable(describe(outcome)));
        QCOMPARE(attempts.load(), 3);
        QCOMPARE(countEntries(database), 2);
    }

    void persistentConflictBecomesUnavailable() {
        TestDatabase database;
        auto options = poolOptions(database, 1);
        options.maxAttempts = 3;
        DatabasePool pool(options);
        pool.start();
        Outcomes outcomes;
        std::atomic<int> attempts = 0;

        pool.submit(
            [&attempts](pqxx::work &) {
                ++attempts;
                throw pqxx::deadlock_detected("deadlock detected");
            },
            outcomes.record());

        QVERIFY(outcomes.waitFor(1));
        const auto outcome = outcomes.all().at(0);
        QVERIFY(outcome);
        QCOMPARE(outcome->code, ErrorCode::Unavailable);
        QVERIFY(outcome->retryAfterSeconds.has_value());
        QCOMPARE(attempts.load(), 3);
    }

    void recoversFromALostConnection() {
        TestDatabase database;
        DatabasePool pool(poolOptions(database, 1));
        pool.start();
        Outcomes outcomes;
        std::atomic<int> firstBackend = 0;
        std::atomic<int> secondBackend = 0;

        pool.submit([&](pqxx::work &tx) { firstBackend = tx.conn().backendpid(); },
                    outcomes.record());
        QVERIFY(outcomes.waitFor(1));
        QVERIFY(firstBackend > 0);
        {
            pqxx::connection admin(database.connectionString());
            pqxx::nontransaction tx(admin);
            QVERIFY(tx.exec_params1("SELECT pg_terminate_backend($1)", firstBackend.load())[0]
                        .as<bool>());
        }

        pool.submit(
            [&](pqxx::work &tx) {
                secondBackend = tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
            },
            outcomes.record());

        QVERIFY(outcomes.waitFor(2));
        QVERIFY2(!outcomes.all().at(1), qPrintable(describe(outcomes.all().at(1))));
        QVERIFY(secondBackend > 0);
        QVERIFY(secondBackend != firstBackend);
    }

    void connectionLostDuringCommitIsNotRetried() {
        TestDatabase database;
        DatabasePool pool(poolOptions(database, 1));
        pool.start();
        Outcomes outcomes;
        std::atomic<int> attempts = 0;

        // The body's own backend dies after its work and before COMMIT: the
        // pool cannot know whether the commit happened, so it must not run
        // the body again.
        pool.submit(
            [&](pqxx::work &tx) {
                ++attempts;
                const int backend = tx.conn().backendpid();
                pqxx::connection admin(database.connectionString());
                pqxx::nontransaction adminTx(admin);
                adminTx.exec("SELECT pg_terminate_backend(" + std::to_string(backend) + ")");
                for (int i = 0; i < 250; ++i) {
                    if (adminTx
                            .exec("SELECT 1 FROM pg_stat_activity WHERE pid = " +
                                  std::to_string(backend))
                            .empty())
                        break;
                    std::this_thread::sleep_for(20ms);
                }
            },
            outcomes.record());

        QVERIFY(outcomes.waitFor(1));
        const auto outcome = outcomes.all().at(0);
        QVERIFY(outcome);
        QCOMPARE(outcome->code, ErrorCode::Unavailable);
        QCOMPARE(attempts.load(), 1);
    }

    void unreachableDatabaseBecomesUnavailable() {
        TestDatabase database;
        auto options = poolOptions(database, 1);
        options.maxAttempts = 2;
        DatabasePool pool(options);
        pool.start();
        Outcomes outcomes;
        {
            // FORCE also ends the pool's connection: reconnecting cannot succeed.
            pqxx::connection admin(TestCluster::instance().server().connectionString("postgres"));
            pqxx::nontransaction adminTx(admin);
            const std::string name = pqxx::connection(database.connectionString()).dbname();
            adminTx.exec("DROP DATABASE " + adminTx.quote_name(name) + " WITH (FORCE)");
        }

        pool.submit([](pqxx::work &tx) { tx.exec("SELECT 1"); }, outcomes.record());

        QVERIFY(outcomes.waitFor(1));
        const auto outcome = outcomes.all().at(0);
        QVERIFY(outcome);
        QCOMPARE(outcome->code, ErrorCode::Unavailable);
        QVERIFY(outcome->retryAfterSeconds.value_or(0) > 0);
    }

    void fullQueueIsOverloaded() {
        TestDatabase database;
        auto options = poolOptions(database, 1);
        options.maxQueuedJobs = 2;
        DatabasePool pool(options);
        pool.start();
        Outcomes outcomes;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::promise<void> busy;

        pool.submit(
            [&busy, released](pqxx::work &) {
                busy.set_value();
                released.wait();
            },
            outcomes.record());
        busy.get_future().wait(); // the only worker is now occupied
        pool.submit([](pqxx::work &) {}, outcomes.record());
        pool.submit([](pqxx::work &) {}, outcomes.record());
        QCOMPARE(pool.queuedJobs(), std::size_t(2));

        std::optional<Error> refused;
        std::thread::id refusedOn;
        pool.submit([](pqxx::work &) {},
                    [&](std::optional<Error> outcome) {
                        refused = std::move(outcome);
                        refusedOn = std::this_thread::get_id();
                    });

        QVERIFY(refused);
        QCOMPARE(refused->code, ErrorCode::Overloaded);
        QVERIFY(refused->retryAfterSeconds.has_value());
        QCOMPARE(refusedOn, std::this_thread::get_id());
        release.set_value();
        QVERIFY(outcomes.waitFor(3));
        for (const auto &outcome : outcomes.all())
            QVERIFY2(!outcome, qPrintable(describe(outcome)));
    }

    void stopFinishesQueuedJobs() {
        TestDatabase database;
        createCounterTable(database);
        DatabasePool pool(poolOptions(database, 1));
        pool.start();
        Outcomes outcomes;
        std::promise<void> busy;

        pool.submit(
            [&busy](pqxx::work &tx) {
                busy.set_value();
                std::this_thread::sleep_for(200ms);
                tx.exec("INSERT INTO entries (label) VALUES ('first')");
            },
            outcomes.record());
        busy.get_future().wait();
        for (int i = 0; i < 5; ++i) {
            pool.submit(
                [](pqxx::work &tx) { tx.exec("INSERT INTO entries (label) VALUES ('queued')"); },
                outcomes.record());
        }

        pool.stop();

        const auto finished = outcomes.all();
        QCOMPARE(finished.size(), std::size_t(6));
        for (const auto &outcome : finished)
            QVERIFY2(!outcome, qPrintable(describe(outcome)));
        QCOMPARE(countEntries(database), 6);

        std::optional<Error> late;
        pool.submit([](pqxx::work &) {}, [&](std::optional<Error> outcome) { late = outcome; });
        QVERIFY(late);
        QCOMPARE(late->code, ErrorCode::Unavailable);
        pool.stop(); // twice is harmless
    }

    void runOnceCommitsAndRethrows() {
        TestDatabase database;
        createCounterTable(database);

        DatabasePool::runOnce(database.connectionString(), [](pqxx::work &tx) {
            tx.exec("INSERT INTO entries (label) VALUES ('once')");
        });
        QCOMPARE(countEntries(database), 1);

        Error refusal;
        refusal.code = ErrorCode::OutOfRange;
        try {
            DatabasePool::runOnce(database.connectionString(), [&](pqxx::work &tx) {
                tx.exec("INSERT INTO entries (label) VALUES ('never')");
                throw RequestError{refusal};
            });
            QFAIL("runOnce swallowed the body's error");
        } catch (const RequestError &e) {
            QCOMPARE(e.error, refusal);
        }
        QCOMPARE(countEntries(database), 1);
    }

    void startFailsWhenTheDatabaseIsUnreachable() {
        DatabasePoolOptions options;
        options.connectionString = "host=/nonexistent-caredesk-socket port=5432 dbname=x user=x";
        DatabasePool pool(options);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.start());
    }
};

QTEST_GUILESS_MAIN(DatabasePoolTest)
#include "DatabasePoolTest.moc"
