#include "scheduling/Presence.h"

#include "app/Logging.h"
#include "storage/DatabasePool.h"

#include <algorithm>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <spdlog/spdlog.h>
#include <string>
#include <vector>

namespace caredesk::server {

namespace {

using namespace std::chrono_literals;

std::shared_ptr<spdlog::logger> logger() {
    return subsystemLogger("sched");
}

std::string joined(const std::vector<std::int64_t> &ids) {
    std::string text;
    for (const auto id : ids)
        text += (text.empty() ? "" : ",") + std::to_string(id);
    return text;
}

} // namespace

PresenceOptions PresenceOptions::forGrace(std::chrono::seconds grace) {
    PresenceOptions options;
    options.grace = grace;
    const auto quarter = std::chrono::duration_cast<std::chrono::milliseconds>(grace) / 4;
    options.stampInterval = std::clamp<std::chrono::milliseconds>(quarter, 100ms, 20s);
    options.sweepInterval = std::clamp<std::chrono::milliseconds>(quarter, 100ms, 15s);
    return options;
}

Presence::Presence(DatabasePool &database, PresenceOptions options, PresenceRules rules)
    : m_database(database)
    , m_options(options)
    , m_rules(std::move(rules)) {}

Presence::~Presence() {
    stop();
}

void Presence::start() {
    std::lock_guard lock(m_mutex);
    if (m_timer.joinable())
        return;
    m_stopping = false;
    m_timer = std::thread([this] { runTimers(); });
}

void Presence::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_timer.joinable())
        m_timer.join();
    std::unique_lock lock(m_mutex);
    m_jobsDone.wait(lock, [this] { return m_jobsInFlight == 0; });
}

void Presence::watch(const std::shared_ptr<ClientConnection> &connection, std::int64_t subjectId) {
    const std::uint64_t connectionId = connection->id();
    std::optional<std::int64_t> replaced;
    {
        std::lock_guard lock(m_mutex);
        auto &watched = m_watched[connectionId];
        if (watched.subjectId != 0 && watched.subjectId != subjectId)
            replaced = watched.subjectId;
        watched.connection = connection;
        watched.subjectId = subjectId;
    }
    connection->setOnGone(
        [this, connectionId, subjectId] { connectionGone(connectionId, subjectId); });
    // The connection moved to another subject: the last one was there until now.
    if (replaced)
        stampOnce(*replaced);
}

void Presence::unwatch(std::uint64_t connectionId) {
    std::optional<std::int64_t> subjectId;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_watched.find(connectionId);
        if (it == m_watched.end())
            return;
        subjectId = it->second.subjectId;
        m_watched.erase(it);
    }
    stampOnce(*subjectId);
}

void Presence::connectionGone(std::uint64_t connectionId, std::int64_t subjectId) {
    // Runs in ClientConnection's destructor: nothing may escape.
    try {
        bool watched = false;
        {
            std::lock_guard lock(m_mutex);
            const auto it = m_watched.find(connectionId);
            if (it != m_watched.end() && it->second.subjectId == subjectId) {
                m_watched.erase(it);
                watched = true;
            }
        }
        if (watched)
            stampOnce(subjectId);
    } catch (const std::exception &error) {
        logger()->error("{}={} presence not stamped at disconnect: {}", m_rules.subject, subjectId,
                        error.what());
    }
}

void Presence::stampOnce(std::int64_t subjectId) {
    m_database.submit([this, subjectId](pqxx::work &tx) { m_rules.stamp(tx, {subjectId}); },
                      [this, subjectId](std::optional<protocol::Error> failure) {
                          if (failure)
                              logger()->warn("{}={} presence not stamped at disconnect: {}",
                                             m_rules.subject, subjectId, failure->message);
                      });
}

void Presence::runTimers() {
    using Clock = std::chrono::steady_clock;
    auto nextStamp = Clock::now() + m_options.stampInterval;
    auto nextSweep = Clock::now() + m_options.sweepInterval;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_until(lock, std::min(nextStamp, nextSweep),
                          [this] { return m_stopping || m_sweepAgain; });
        if (m_stopping)
            break;
        const auto now = Clock::now();
        const bool stampDue = now >= nextStamp;
        const bool sweepDue = now >= nextSweep || m_sweepAgain;
        m_sweepAgain = false;
        if (stampDue)
            nextStamp = now + m_options.stampInterval;
        if (sweepDue)
            nextSweep = now + m_options.sweepInterval;
        lock.unlock();
        if (stampDue)
            stampWatched();
        if (sweepDue)
            sweep();
        lock.lock();
    }
}

void Presence::stampWatched() {
    auto subjectIds = std::make_shared<std::vector<std::int64_t>>();
    {
        std::lock_guard lock(m_mutex);
        // A stamp still running (a slow database) is not queued behind.
        if (m_stampInFlight)
            return;
        // A connection on its way out is left to connectionGone, which stamps
        // its subject and forgets it.
        for (const auto &entry : m_watched)
            if (!entry.second.connection.expired())
                subjectIds->push_back(entry.second.subjectId);
        if (subjectIds->empty())
            return;
        m_stampInFlight = true;
        ++m_jobsInFlight;
    }
    auto stamped = std::make_shared<std::vector<std::int64_t>>();
    m_database.submit(
        [this, subjectIds, stamped](pqxx::work &tx) { *stamped = m_rules.stamp(tx, *subjectIds); },
        [this, subjectIds, stamped](std::optional<protocol::Error> failure) {
            // Subjects no longer worth stamping (a visit over): stop watching them.
            std::set<std::int64_t> done;
            if (failure)
                logger()->warn("{} presence not stamped for {} subjects: {}", m_rules.subject,
                               subjectIds->size(), failure->message);
            else
                done.insert(subjectIds->begin(), subjectIds->end());
            for (const auto id : *stamped)
                done.erase(id);
            {
                std::lock_guard lock(m_mutex);
                std::erase_if(m_watched, [&](const auto &entry) {
                    return done.count(entry.second.subjectId) > 0;
                });
                m_stampInFlight = false;
            }
            jobFinished();
        });
}

void Presence::sweep() {
    {
        std::lock_guard lock(m_mutex);
        if (m_sweepInFlight)
            return;
        m_sweepInFlight = true;
        ++m_jobsInFlight;
    }
    const auto grace = m_options.grace;
    const int batch = m_options.sweepBatch;
    auto moved = std::make_shared<std::vector<std::int64_t>>();
    m_database.submit(
        [this, grace, batch, moved](pqxx::work &tx) {
            *moved = m_rules.sweep(tx, grace, batch); // a retried transaction starts over
        },
        [this, batch, moved](std::optional<protocol::Error> failure) {
            if (failure)
                logger()->warn("sweep for {}s who left failed: {}", m_rules.subject,
                               failure->message);
            else if (!moved->empty())
                logger()->info("{}s {} gone longer than {} s: moved", m_rules.subject,
                               joined(*moved), m_options.grace.count());
            {
                std::lock_guard lock(m_mutex);
                m_sweepInFlight = false;
                m_sweepAgain = !failure && static_cast<int>(moved->size()) >= batch;
            }
            m_wake.notify_all();
            jobFinished();
        });
}

void Presence::jobFinished() {
    {
        std::lock_guard lock(m_mutex);
        --m_jobsInFlight;
    }
    m_jobsDone.notify_all();
}

} // namespace caredesk::server
