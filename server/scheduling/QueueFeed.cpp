#include "scheduling/QueueFeed.h"

#include "app/Logging.h"
#include "chat/ChatFeed.h"
#include "domain/VisitStatus.h"
#include "storage/VisitRepository.h"

#include <pqxx/pqxx>
#include <set>

namespace caredesk::server {

namespace {

std::shared_ptr<spdlog::logger> logger() {
    return subsystemLogger("sched");
}

const char *noticeFor(const std::string &status) {
    if (status == "assigned")
        return "A provider is getting ready for your visit.";
    if (status == "in_visit")
        return "Your visit is starting.";
    if (status == "completed")
        return "Your visit is complete. Thank you.";
    if (status == "cancelled")
        return "You left the line.";
    if (status == "removed")
        return "Our staff closed this visit request. If you still need care, please request "
               "a new visit.";
    if (status == "no_show")
        return "We could not reach you when it was your turn.";
    if (status == "left")
        return "You were away too long, so you left the line.";
    return nullptr;
}

} // namespace

protocol::PatientVisit QueueFeed::closedView(const VisitRecord &visit, const QueueBoard &board) {
    protocol::PatientVisit view;
    view.visitId = visit.id;
    view.state = visit.jurisdictionCode;
    view.status = std::string(domain::visitStatusName(visit.status));
    const auto *state = board.state(visit.jurisdictionCode);
    view.stateStatus = state ? state->status : "closed";
    if (const char *notice = noticeFor(view.status))
        view.notice = notice;
    return view;
}

QueueFeed::QueueFeed(std::string connectionString, const domain::TimeZoneDatabase &zones,
                     std::chrono::seconds refreshInterval)
    : m_connectionString(std::move(connectionString))
    , m_zones(zones)
    , m_refreshInterval(refreshInterval) {}

QueueFeed::~QueueFeed() {
    stop();
}

void QueueFeed::notifyQueueChange(pqxx::transaction_base &tx, const std::string &what) {
    ChangeListener::notifyChange(tx, what);
    // A visit's status and provider show in its chat thread's row as well.
    static constexpr std::string_view kVisit = "visit:";
    if (what.rfind(kVisit, 0) == 0)
        ChatFeed::notifyThread(tx, std::stoll(what.substr(kVisit.size())));
}

std::optional<protocol::PatientVisit> QueueFeed::patientView(const QueueBoard &board,
                                                             std::int64_t visitId) {
    const auto *visit = board.visit(visitId);
    if (!visit)
        return std::nullopt;
    protocol::PatientVisit view;
    view.visitId = visit->id;
    view.state = visit->state;
    view.status = visit->status;
    view.position = visit->position;
    view.estimatedWaitSeconds = visit->estimatedWaitSeconds;
    const auto *state = board.state(visit->state);
    view.stateStatus = state ? state->status : "closed";
    if (const char *notice = noticeFor(view.status))
        view.notice = notice;
    else if (view.stateStatus == "busy")
        view.notice = "High demand right now: thank you for your patience.";
    return view;
}

void QueueFeed::start() {
    ChangeListener::Options options;
    options.connectionString = m_connectionString;
    // Waits and estimates move with time alone: the board is reloaded on a
    // tick too, while anyone is watching.
    options.tickInterval = m_refreshInterval;
    m_listener = std::make_unique<ChangeListener>(
        options,
        [this](pqxx::connection_base &connection, const std::vector<std::string> &) {
            reload(connection);
        },
        [this](pqxx::connection_base &connection) { reload(connection); },
        [this](pqxx::connection_base &connection) {
            bool anyone = false;
            {
                std::lock_guard lock(m_mutex);
                anyone = !m_subscribers.empty();
            }
            if (anyone)
                reload(connection);
        });
    m_listener->start();
}

void QueueFeed::stop() {
    if (m_listener)
        m_listener->stop();
}

void QueueFeed::subscribeBoard(const std::shared_ptr<ClientConnection> &connection,
                               const std::string &requestId) {
    std::weak_ptr<ClientConnection> weak = connection;
    m_listener->post([this, weak, requestId](pqxx::connection_base &db) {
        auto live = weak.lock();
        if (!live)
            return;
        try {
            pqxx::read_transaction tx(db);
            QueueBoard board = QueueBoard::load(tx, m_zones);
            tx.commit();
            // Existing subscribers first get what changed since their last delta,
            // so replacing the last board never hides a change from them.
            publish(db, board);
            m_lastBoard = std::move(board);
        } catch (const std::exception &error) {
            logger()->error("conn={} queue snapshot failed: {}", live->id(), error.what());
            live->send(
                protocol::encode(protocol::Error{protocol::ErrorCode::Unavailable,
                                                 "the queue could not be read; subscribe again",
                                                 {},
                                                 2},
                                 requestId));
            return;
        }
        protocol::QueueSnapshot snapshot;
        snapshot.seq = 0;
        snapshot.states = m_lastBoard->states();
        snapshot.visits = m_lastBoard->visits();
        snapshot.providers = m_lastBoard->providers();
        {
            std::lock_guard lock(m_mutex);
            auto &subscriber = m_subscribers[live->id()];
            subscriber.connection = weak;
            subscriber.board = true;
            subscriber.seq = 0;
        }
        live->send(protocol::encode(snapshot, requestId));
    });
}

void QueueFeed::followVisit(const std::shared_ptr<ClientConnection> &connection,
                            std::int64_t visitId) {
    std::lock_guard lock(m_mutex);
    auto &subscriber = m_subscribers[connection->id()];
    subscriber.connection = connection;
    subscriber.visitId = visitId;
}

void QueueFeed::forget(std::uint64_t connectionId) {
    std::lock_guard lock(m_mutex);
    m_subscribers.erase(connectionId);
}

void QueueFeed::reload(pqxx::connection_base &connection) {
    try {
        std::optional<QueueBoard> board;
        {
            pqxx::read_transaction tx(connection);
            board = QueueBoard::load(tx, m_zones);
        }
        publish(connection, *board);
        m_lastBoard = std::move(board);
    } catch (const pqxx::broken_connection &) {
        throw; // the listener reconnects and calls us again
    } catch (const std::exception &error) {
        logger()->error("queue reload failed: {}", error.what());
    }
}

void QueueFeed::publish(pqxx::connection_base &connection, const QueueBoard &board) {
    protocol::QueueDelta delta;
    std::set<std::string> changedStates;
    std::set<std::int64_t> changedVisits;
    for (const auto &state : board.states()) {
        const auto *before = m_lastBoard ? m_lastBoard->state(state.code) : nullptr;
        if (!before || !(*before == state)) {
            delta.states.push_back(state);
            changedStates.insert(state.code);
        }
    }
    for (const auto &visit : board.visits()) {
        const auto *before = m_lastBoard ? m_lastBoard->visit(visit.id) : nullptr;
        if (!before || !(*before == visit)) {
            delta.visits.push_back(visit);
            changedVisits.insert(visit.id);
        }
    }
    if (m_lastBoard) {
        for (const auto &visit : m_lastBoard->visits())
            if (!board.visit(visit.id)) {
                delta.removedVisitIds.push_back(visit.id);
                changedVisits.insert(visit.id);
            }
        for (const auto &state : m_lastBoard->states())
            if (!board.state(state.code))
                delta.removedStates.push_back(state.code);
        for (const auto &provider : m_lastBoard->providers())
            if (!board.provider(provider.id))
                delta.removedProviderIds.push_back(provider.id);
    }
    for (const auto &provider : board.providers()) {
        const auto *before = m_lastBoard ? m_lastBoard->provider(provider.id) : nullptr;
        if (!before || !(*before == provider))
            delta.providers.push_back(provider);
    }
    const bool boardChanged = !delta.states.empty() || !delta.visits.empty() ||
                              !delta.removedVisitIds.empty() || !delta.removedStates.empty() ||
                              !delta.providers.empty() || !delta.removedProviderIds.empty();

    std::vector<std::pair<std::shared_ptr<ClientConnection>, std::string>> sends;
    std::vector<std::pair<std::uint64_t, std::int64_t>> finished; // followers of closed visits
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_subscribers.begin(); it != m_subscribers.end();) {
            auto live = it->second.connection.lock();
            if (!live) {
                it = m_subscribers.erase(it);
                continue;
            }
            auto &subscriber = it->second;
            if (subscriber.board && boardChanged) {
                delta.seq = ++subscriber.seq;
                sends.emplace_back(live, protocol::encode(delta));
            }
            if (subscriber.visitId) {
                const auto *visit = board.visit(*subscriber.visitId);
                const bool touched = changedVisits.count(*subscriber.visitId) > 0 ||
                                     (visit && changedStates.count(visit->state) > 0);
                if (touched) {
                    if (auto view = patientView(board, *subscriber.visitId))
                        sends.emplace_back(live, protocol::encode(protocol::VisitStatus{*view}, {},
                                                                  ++subscriber.seq));
                    else
                        finished.emplace_back(it->first, *subscriber.visitId);
                }
            }
            ++it;
        }
    }
    for (auto &[target, frame] : sends)
        target->send(std::move(frame));
    if (finished.empty())
        return;
    // Visits that left the board: tell their patients how it ended.
    pqxx::read_transaction tx(connection);
    for (const auto &[connectionId, visitId] : finished) {
        const auto record = VisitRepository::find(tx, visitId);
        std::lock_guard lock(m_mutex);
        const auto it = m_subscribers.find(connectionId);
        if (!record || it == m_subscribers.end())
            continue;
        if (auto live = it->second.connection.lock())
            live->send(protocol::encode(protocol::VisitStatus{closedView(*record, board)}, {},
                                        ++it->second.seq));
        it->second.visitId.reset();
    }
}

} // namespace caredesk::server
