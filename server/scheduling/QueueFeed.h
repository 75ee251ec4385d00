#pragma once

#include "handlers/ClientConnection.h"
#include "protocol/Messages.h"
#include "scheduling/QueueBoard.h"
#include "storage/ChangeListener.h"
#include "storage/VisitRepository.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace caredesk::server {

// Live queue data for this instance's clients: caregivers' queue boards
// (one snapshot, then deltas) and patients' own visit status.
//
// Every change to visits or states is announced with NOTIFY in the writer's
// transaction (notifyQueueChange), so every instance hears of it after commit.
// The feed then reloads the board (a fixed number of queries) and sends each
// board subscriber the rows that differ from the previous board: upserts of
// whole rows and removed visit ids. Snapshots are read on the same thread as
// the deltas, so a delta never carries older rows than a snapshot sent before
// it: applying a subscriber's deltas to its snapshot gives the current board.
// A tick of the listener refreshes the board too, since waits and estimates
// move with time.
class QueueFeed {
public:
    QueueFeed(std::string connectionString, const domain::TimeZoneDatabase &zones,
              std::chrono::seconds refreshInterval = std::chrono::seconds(15));
    ~QueueFeed(); // stop()

    void start();
    void stop();

    // Sends the snapshot as the reply to requestId, then deltas, until the
    // connection goes away or subscribes again (which starts a new stream).
    void subscribeBoard(const std::shared_ptr<ClientConnection> &connection,
                        const std::string &requestId);
    // Pushes visit_status to the patient whenever their visit or its state changes.
    void followVisit(const std::shared_ptr<ClientConnection> &connection, std::int64_t visitId);
    void forget(std::uint64_t connectionId);

    // In a writer's transaction, after changing a visit or a state.
    static void notifyQueueChange(pqxx::transaction_base &tx, const std::string &what);

    // The patient's view of their visit on this board (nullopt: visit not open).
    static std::optional<protocol::PatientVisit> patientView(const QueueBoard &board,
                                                             std::int64_t visitId);
    // The patient's view of a visit that is off the board (over), or of any
    // visit when no position or estimate is needed.
    static protocol::PatientVisit closedView(const VisitRecord &visit, const QueueBoard &board);

private:
    struct Subscriber {
        std::weak_ptr<ClientConnection> connection;
        bool board = false;
        std::optional<std::int64_t> visitId;
        std::int64_t seq = 0;
    };

    void reload(pqxx::connection_base &connection);
    void publish(pqxx::connection_base &connection, const QueueBoard &board);

    std::string m_connectionString;
    const domain::TimeZoneDatabase &m_zones;
    std::chrono::seconds m_refreshInterval;
    std::unique_ptr<ChangeListener> m_listener;

    // Touched only on the listener thread.
    std::optional<QueueBoard> m_lastBoard;

    std::mutex m_mutex;
    std::map<std::uint64_t, Subscriber> m_subscribers;
};

} // namespace caredesk::server
