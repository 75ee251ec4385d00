// LISTEN/NOTIFY between server instances: delivered on commit only, batched,
// ordered with posted tasks, and rebuilt after the connection is lost.

#include "TestDatabase.h"

#include "storage/ChangeListener.h"
#include "storage/DatabasePool.h"

#include <QtTest>

#include <pqxx/pqxx>

#include <atomic>
#include <mutex>

using caredesk::server::ChangeListener;
using caredesk::server::DatabasePool;

namespace {
struct Recorder {
    std::mutex mutex;
    std::vector<std::string> payloads;
    std::vector<std::string> order; // "batch:<n>" and "task:<name>" as they ran
    std::atomic<int> resyncs{0};

    std::vector<std::string> snapshot() {
        std::lock_guard lock(mutex);
        return payloads;
    }
    std::vector<std::string> orderSnapshot() {
        std::lock_guard lock(mutex);
        return order;
    }
};

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 5000) {
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(10);
    }
    return true;
}
} // namespace

class ChangeListenerTest : public QObject {
    Q_OBJECT

private:
    std::string m_db;
    Recorder m_recorder;
    std::unique_ptr<ChangeListener> m_listener;

    void notify(const std::string &payload, bool commit = true) {
        if (commit) {
            DatabasePool::runOnce(m_db, [&](pqxx::work &tx) {
                ChangeListener::notifyChange(tx, payload);
            });
            return;
        }
        pqxx::connection connection(m_db);
        pqxx::work tx(connection);
        ChangeListener::notifyChange(tx, payload);
        tx.abort();
    }

private slots:
    void init() {
        m_db = caredesk::test::TestDatabase::create();
        m_recorder.payloads.clear();
        m_recorder.order.clear();
        m_recorder.resyncs = 0;
        ChangeListener::Options options;
        options.connectionString = m_db;
        m_listener = std::make_unique<ChangeListener>(
            options,
            [this](pqxx::connection_base &, const std::vector<std::string> &batch) {
                std::lock_guard lock(m_recorder.mutex);
                m_recorder.payloads.insert(m_recorder.payloads.end(), batch.begin(), batch.end());
                m_recorder.order.push_back("batch:" + std::to_string(batch.size()));
            },
            [this](pqxx::connection_base &) { ++m_recorder.resyncs; });
        m_listener->start();
    }
    void cleanup() { m_listener.reset(); }

    void deliversCommittedChangesOnly() {
        notify("rolled back", false);
        notify("visit:1");
        notify("state:WA");
        QVERIFY(waitFor([&] { return m_recorder.snapshot().size() == 2; }));
        QThread::msleep(200);
        QCOMPARE(m_recorder.snapshot(), (std::vector<std::string>{"visit:1", "state:WA"}));
    }

    void duplicatesInOneBatchAreMerged() {
        DatabasePool::runOnce(m_db, [](pqxx::work &tx) {
            for (int i = 0; i < 5; ++i)
                ChangeListener::notifyChange(tx, "state:OR");
        });
        QVERIFY(waitFor([&] { return !m_recorder.snapshot().empty(); }));
        QThread::msleep(200);
        QCOMPARE(m_recorder.snapshot(), std::vector<std::string>{"state:OR"});
    }

    void postedTasksRunOnTheListenerConnection() {
        std::atomic<bool> ran{false};
        std::string database;
        m_listener->post([&](pqxx::connection_base &connection) {
            pqxx::nontransaction tx(connection);
            database = tx.exec1("SELECT current_database()")[0].as<std::string>();
            ran = true;
        });
        QVERIFY(waitFor([&] { return ran.load(); }));
        QVERIFY(m_db.find(database) != std::string::npos);
    }

    void resyncsAfterTheConnectionIsLost() {
        DatabasePool::runOnce(m_db, [](pqxx::work &tx) {
            tx.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        });
        QVERIFY(waitFor([&] { return m_recorder.resyncs.load() == 1; }, 10000));
        // Listening again after the reconnect.
        notify("visit:2");
        QVERIFY(waitFor([&] {
            const auto p = m_recorder.snapshot();
            return std::find(p.begin(), p.end(), "visit:2") != p.end();
        }));
    }
};

QTEST_GUILESS_MAIN(ChangeListenerTest)
#include "tst_ChangeListener.moc"
