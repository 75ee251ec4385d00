#include "scheduling/PatientPresence.h"

#include "app/Logging.h"
#include "scheduling/QueueFeed.h"
#include "scheduling/VisitScheduler.h"
#include "storage/DatabasePool.h"
#include "storage/PatientPresenceRepository.h"

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

PatientPresenceOptions PatientPresenceOptions::forGrace(std::chrono::seconds grace) {
    PatientPresenceOptions options;
    options.grace = grace;
    const auto quarter = std::chrono::duration_cast<std::chrono::milliseconds>(grace) / 4;
    options.stampInterval = std::clamp<std::chrono::milliseconds>(quarter, 100ms, 20s);
    options.sweepInterval = std::clamp<std::chrono::milliseconds>(quarter, 100ms, 15s);
    return options;
}

PatientPresence::PatientPresence(DatabasePool &database, PatientPresenceOptions options)
    : m_database(database)
    , m_options(options) {}

PatientPresence::~PatientPresence() {
    stop();
}

void PatientPresence::start() {
    std::lock_guard lock(m_mutex);
    if (m_timer.joinable())
        return;
    m_stopping = false;
    m_timer = std::thread([this] { runTimers(); });
}

void PatientPresence::stop() {
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

void PatientPresence::watch(const std::shared_ptr<ClientConnection> &connection,
                            std::int64_t visitId) {
    const std::uint64_t connectionId = connection->id();
    std::optional<std::int64_t> replaced;
    {
        std::lock_guard lock(m_mutex);
        auto &watched = m_watched[connectionId];
        if (watched.visitId != 0 && watched.visitId != visitId)
            replaced = watched.visitId;
        watched.connection = connection;
        watched.visitId = visitId;
    }
    connection->setOnGone([this, connectionId, visitId] { connectionGone(connectionId, visitId); });
    // The connection moved to another visit: its patient was there until now.
    if (replaced)
        stampOnce(*replaced);
}

void PatientPresence::connectionGone(std::uint64_t connectionId, std::int64_t visitId) {
    // Runs in ClientConnection's destructor: nothing may escape.
    try {
        bool watched = false;
        {
            std::lock_guard lock(m_mutex);
            const auto it = m_watched.find(connectionId);
            if (it != m_watched.end() && it->second.visitId == visitId) {
                m_watched.erase(it);
                watched = true;
            }
        }
        if (watched)
            stampOnce(visitId);
    } catch (const std::exception &error) {
        logger()->error("visit={} presence not stamped at disconnect: {}", visitId, error.what());
    }
}

void PatientPresence::stampOnce(std::int64_t visitId) {
    m_database.submit(
        [visitId](pqxx::work &tx) { PatientPresenceRepository::markStillSeen(tx, {visitId}); },
        [visitId](std::optional<protocol::Error> failure) {
            if (failure)
                logger()->warn("visit={} presence not stamped at disconnect: {}", visitId,
                               failure->message);
        });
}

void PatientPresence::runTimers() {
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

void PatientPresence::stampWatched() {
    auto visitIds = std::make_shared<std::vector<std::int64_t>>();
    {
        std::lock_guard lock(m_mutex);
        // A stamp still running (a slow database) is not queued behind.
        if (m_stampInFlight)
            return;
        // A connection on its way out is left to connectionGone, which stamps
        // its visit and forgets it.
        for (const auto &entry : m_watched)
            if (!entry.second.connection.expired())
                visitIds->push_back(entry.second.visitId);
        if (visitIds->empty())
            return;
        m_stampInFlight = true;
        ++m_jobsInFlight;
    }
    auto stamped = std::make_shared<std::vector<std::int64_t>>();
    m_database.submit(
        [visitIds, stamped](pqxx::work &tx) {
            *stamped = PatientPresenceRepository::markStillSeen(tx, *visitIds);
        },
        [this, visitIds, stamped](std::optional<protocol::Error> failure) {
            // Visits over by now need no stamps: stop watching them.
            std::set<std::int64_t> over;
            if (failure)
                logger()->warn("patient presence not stamped for {} visits: {}", visitIds->size(),
                               failure->message);
            else
                over.insert(visitIds->begin(), visitIds->end());
            for (const auto id : *stamped)
                over.erase(id);
            {
                std::lock_guard lock(m_mutex);
                std::erase_if(m_watched,
                              [&](const auto &entry) { return over.count(entry.second.visitId); });
                m_stampInFlight = false;
            }
            jobFinished();
        });
}

void PatientPresence::sweep() {
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
        [grace, batch, moved](pqxx::work &tx) {
            moved->clear(); // a retried transaction starts over
            const std::string reason =
                "patient disconnected for more than " + std::to_string(grace.count()) + " s";
            for (const auto visitId : PatientPresenceRepository::lockGone(tx, grace, batch)) {
                const auto visit = VisitScheduler::transition(tx, visitId, VisitStatus::Left,
                                                              VisitActor::system(), reason);
                QueueFeed::notifyQueueChange(tx, "visit:" + std::to_string(visit.id));
                moved->push_back(visit.id);
            }
        },
        [this, batch, moved](std::optional<protocol::Error> failure) {
            if (failure)
                logger()->warn("sweep for patients who left failed: {}", failure->message);
            else if (!moved->empty())
                logger()->info("visits {} left the line: patient away longer than {} s",
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

void PatientPresence::jobFinished() {
    {
        std::lock_guard lock(m_mutex);
        --m_jobsInFlight;
    }
    m_jobsDone.notify_all();
}

} // namespace caredesk::server
