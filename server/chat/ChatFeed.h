#pragma once

#include "handlers/ClientConnection.h"
#include "storage/ChangeListener.h"
#include "storage/ChatRepository.h"
#include "storage/ChatViews.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace caredesk::server {

// Live chat for this instance's clients: followers of a thread get its new
// messages, read positions and typing; caregivers' thread lists get deltas.
//
// Writers announce chat changes with NOTIFY on a channel of its own (so a
// chat message never makes the queue board reload) in the transaction that
// makes them; every instance hears of them after commit, in commit order,
// which for one thread is seq order (appends hold the thread's row lock).
// A follower's first page is read on the listener's thread, as are the
// pushes, and each follower remembers the last seq it was sent: a message
// committed around the time of the open is sent exactly once, after the page.
class ChatFeed {
public:
    // Typing notices carry no data worth a round trip; a follower who misses
    // one loses nothing. Everything else is recoverable with chat_page.
    explicit ChatFeed(std::string connectionString);
    ~ChatFeed(); // stop()
    ChatFeed(const ChatFeed &) = delete;
    ChatFeed &operator=(const ChatFeed &) = delete;

    void start();
    void stop();

    // --- in a writer's transaction ---
    static void notifyMessage(pqxx::transaction_base &tx, std::int64_t visitId, std::int64_t seq);
    // The thread's row changed: owner, opened, the visit's status or provider.
    static void notifyThread(pqxx::transaction_base &tx, std::int64_t visitId);
    static void notifyRead(pqxx::transaction_base &tx, std::int64_t visitId);
    static void notifyTyping(pqxx::transaction_base &tx, std::int64_t visitId,
                             const ChatParticipant &who);
    // A lifecycle message from the server into the visit's thread, if it has
    // one (a visit whose patient never chatted gets no thread for it).
    static void postSystemMessage(pqxx::transaction_base &tx, std::int64_t visitId,
                                  const std::string &eventKey, const std::string &text);

    // Replies to requestId with the caregiver's thread list (chat_threads,
    // envelope seq 0), then pushes chat_threads_delta. assignedTo limits the
    // list to the visits assigned to that provider.
    void subscribeThreads(const std::shared_ptr<ClientConnection> &connection,
                          const std::string &requestId, std::int64_t caregiverId,
                          std::optional<std::int64_t> assignedTo);
    // Replies to requestId with the thread's newest messages (chat_history),
    // then pushes what follows.
    void follow(const std::shared_ptr<ClientConnection> &connection, const std::string &requestId,
                std::int64_t visitId, const ChatParticipant &reader, int limit);
    void unfollow(std::uint64_t connectionId, std::int64_t visitId);

private:
    struct ListSubscriber {
        std::weak_ptr<ClientConnection> connection;
        std::int64_t caregiverId = 0;
        std::optional<std::int64_t> assignedTo;
        std::uint64_t seq = 0;
        std::set<std::int64_t> shown; // visit ids of the rows the client holds
    };
    struct Follower {
        std::weak_ptr<ClientConnection> connection;
        ChatParticipant reader;
        std::int64_t lastSentSeq = 0;
    };
    struct Changes; // one batch of notifications, parsed

    void handle(pqxx::connection_base &db, const std::vector<std::string> &payloads);
    void pruneGone();
    void resync(pqxx::connection_base &db);
    void pushMessages(pqxx::transaction_base &tx, const std::vector<ChatMessage> &messages);
    void pushThreads(const std::vector<ChatThreadRow> &rows, bool everyRow);
    void pushPendingThreads(pqxx::transaction_base &tx);
    void pushReads(pqxx::transaction_base &tx, const std::set<std::int64_t> &visits);
    void pushTyping(pqxx::transaction_base &tx, const Changes &changes);
    std::string caregiverName(pqxx::transaction_base &tx, std::int64_t caregiverId);
    static bool sees(const ListSubscriber &subscriber, const ChatThreadRow &row);

    std::string m_connectionString;
    std::unique_ptr<ChangeListener> m_listener;

    std::mutex m_mutex;
    std::map<std::uint64_t, ListSubscriber> m_lists;                       // by connection
    std::map<std::int64_t, std::map<std::uint64_t, Follower>> m_followers; // by visit, connection
    // Listener thread only.
    std::map<std::int64_t, std::string> m_names;
    static constexpr std::chrono::milliseconds kThreadsInterval{200};
    std::set<std::int64_t> m_pendingThreads;
    std::chrono::steady_clock::time_point m_lastThreadsPush;
    static constexpr int kPruneEveryBatches = 256;
    int m_batchesSincePrune = 0;
};

} // namespace caredesk::server
