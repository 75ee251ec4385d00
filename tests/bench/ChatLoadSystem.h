#pragma once

#include <QUrl>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

class QProcess;

namespace caredesk::server {
class EmbeddedPostgres;
}

namespace caredesk::bench {

// What the chat load runs against: its own PostgreSQL cluster and a
// caredesk-server process on it, accounts and visits put straight into the
// database (intake is not what is measured), CPU and memory read from /proc,
// and pgbench on the same database for comparison.
class ChatLoadSystem {
public:
    static constexpr const char *kStaffPassword = "a long load password";

    struct Visit {
        std::int64_t id = 0;
        std::string token; // the patient's, for visit_resume
    };
    struct Sample {
        double wallSeconds = 0;
        double serverCpuSeconds = 0;
        double postgresCpuSeconds = 0; // the postmaster and its live children
        double clientCpuSeconds = 0;   // this process
        std::int64_t serverPeakRssKiB = 0;
    };

    // fsync off makes PostgreSQL's commits cheap (and unsafe on a power cut).
    // dbThreads: the server's --db-threads (0: its default).
    ChatLoadSystem(bool fsync, int dbThreads);
    ~ChatLoadSystem();

    void start();
    QUrl wsUrl() const;
    std::vector<std::string> addStaff(int count);
    std::vector<Visit> addVisits(int count);
    Sample sample() const;
    void stopServer();
    // Transactions per second pgbench reaches with the statements the server
    // runs to store one message (the same visits).
    double runPgbench(int seconds, int clients);

private:
    std::filesystem::path m_root;
    std::unique_ptr<server::EmbeddedPostgres> m_postgres;
    std::unique_ptr<QProcess> m_server;
    std::uint16_t m_port = 0;
    int m_dbThreads = 0;
    std::int64_t m_firstVisit = 0;
    std::int64_t m_lastVisit = 0;
};

} // namespace caredesk::bench
