#pragma once

#include "handlers/ClientConnection.h"
#include "storage/ChatRepository.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace caredesk::server {

// Stores chat messages in batches: one transaction, hence one flush of the
// write-ahead log, for every message that arrived while the previous batch
// was committing. A commit per message would cap a server at what the disk
// can flush (a few hundred a second on cloud disks), however many threads
// it ran; batching keeps the promise (acknowledged = committed) and lets the
// flushes carry many messages at once.
//
// Each message runs in a savepoint, so a refused one (visit over, body too
// long) does not undo the others. Messages are stored in the order they were
// submitted, so a sender's messages keep their order. The acknowledgement
// (or the refusal) goes to the sender's connection after the commit.
class ChatWriter {
public:
    struct Append {
        std::weak_ptr<ClientConnection> connection;
        std::string requestId;
        std::int64_t visitId = 0;
        ChatParticipant sender;
        std::string clientMessageId;
        ChatMessageKind kind = ChatMessageKind::Text;
        std::string body;
        // After the batch: whether the message counts against the sender's
        // rate limit (false: a repeat of a stored message, or refused).
        std::function<void(bool counted)> settled;
    };

    explicit ChatWriter(std::string connectionString, std::size_t maxBatch = 128);
    ~ChatWriter(); // stop()
    ChatWriter(const ChatWriter &) = delete;
    ChatWriter &operator=(const ChatWriter &) = delete;

    void start();
    // Messages still queued are answered `unavailable` (the client resends).
    void stop();
    void submit(Append append);

private:
    struct Outcome;

    void run();
    std::vector<Outcome> writeBatch(pqxx::connection_base &db, const std::vector<Append> &batch);
    std::vector<Outcome> writeEach(pqxx::connection_base &db, const std::vector<Append> &batch);
    static void answer(const Append &append, const Outcome &outcome);

    std::string m_connectionString;
    std::size_t m_maxBatch;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Append> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace caredesk::server
