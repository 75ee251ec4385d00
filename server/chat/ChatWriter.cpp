#include "chat/ChatWriter.h"

#include "app/Logging.h"
#include "chat/ChatFeed.h"
#include "protocol/Messages.h"
#include "storage/DatabasePool.h"

#include <optional>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

std::shared_ptr<spdlog::logger> logger() {
    return subsystemLogger("chat");
}

protocol::Error unavailable() {
    return {protocol::ErrorCode::Unavailable,
            "the message could not be stored just now; send it again (same id)", "", 1};
}

// The repository names fields inside the message; replies name them from the
// envelope ("body.body"), as the codec does.
protocol::Error inEnvelope(protocol::Error error) {
    if (!error.field.empty() && error.field.rfind("body.", 0) != 0)
        error.field = "body." + error.field;
    return error;
}

} // namespace

struct ChatWriter::Outcome {
    std::optional<ChatAppend> stored;
    std::optional<protocol::Error> refused;
};

ChatWriter::ChatWriter(std::string connectionString, std::size_t maxBatch)
    : m_connectionString(std::move(connectionString))
    , m_maxBatch(maxBatch) {}

ChatWriter::~ChatWriter() {
    stop();
}

void ChatWriter::start() {
    m_thread = std::thread([this] { run(); });
}

void ChatWriter::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::deque<Append> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_queue);
    }
    for (const auto &append : left)
        answer(append, Outcome{std::nullopt, unavailable()});
}

void ChatWriter::submit(Append append) {
    bool queued = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_queue.push_back(std::move(append));
            queued = true;
        }
    }
    if (!queued) {
        answer(append, Outcome{std::nullopt, unavailable()});
        return;
    }
    m_wake.notify_one();
}

void ChatWriter::run() {
    std::unique_ptr<pqxx::connection> db;
    auto backoff = std::chrono::milliseconds(100);
    while (true) {
        std::vector<Append> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            while (!m_queue.empty() && batch.size() < m_maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        std::vector<Outcome> outcomes;
        for (int attempt = 0; attempt < 2 && outcomes.empty(); ++attempt) {
            try {
                if (!db)
                    db = std::make_unique<pqxx::connection>(m_connectionString);
                outcomes = attempt == 0 ? writeBatch(*db, batch) : writeEach(*db, batch);
                backoff = std::chrono::milliseconds(100);
            } catch (const pqxx::broken_connection &error) {
                logger()->warn("chat writer lost its database connection: {}", error.what());
                db.reset();
                std::this_thread::sleep_for(backoff);
                backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
            } catch (const std::exception &error) {
                // One message may have failed the whole batch: store them one
                // by one on the second attempt.
                logger()->error("chat batch of {} failed: {}", batch.size(), error.what());
            }
        }
        if (outcomes.size() != batch.size())
            outcomes.assign(batch.size(), Outcome{std::nullopt, unavailable()});
        for (std::size_t i = 0; i < batch.size(); ++i)
            answer(batch[i], outcomes[i]);
    }
}

std::vector<ChatWriter::Outcome> ChatWriter::writeBatch(pqxx::connection_base &db,
                                                        const std::vector<Append> &batch) {
    std::vector<Outcome> outcomes;
    outcomes.reserve(batch.size());
    pqxx::work tx(db);
    for (const auto &append : batch) {
        tx.exec0("SAVEPOINT chat_append");
        try {
            auto stored = ChatRepository::append(tx, append.visitId, append.sender,
                                                 append.clientMessageId, append.kind, append.body);
            if (stored.inserted)
                ChatFeed::notifyMessage(tx, append.visitId, stored.message.seq);
            tx.exec0("RELEASE SAVEPOINT chat_append");
            outcomes.push_back({std::move(stored), std::nullopt});
        } catch (const RequestError &error) {
            tx.exec0("ROLLBACK TO SAVEPOINT chat_append");
            outcomes.push_back({std::nullopt, inEnvelope(error.error)});
        }
    }
    tx.commit();
    return outcomes;
}

// Each message in a transaction of its own: what the first failed batch
// could not tell apart. A message that fails alone is answered as such.
std::vector<ChatWriter::Outcome> ChatWriter::writeEach(pqxx::connection_base &db,
                                                       const std::vector<Append> &batch) {
    std::vector<Outcome> outcomes;
    outcomes.reserve(batch.size());
    for (const auto &append : batch) {
        try {
            pqxx::work tx(db);
            auto stored = ChatRepository::append(tx, append.visitId, append.sender,
                                                 append.clientMessageId, append.kind, append.body);
            if (stored.inserted)
                ChatFeed::notifyMessage(tx, append.visitId, stored.message.seq);
            tx.commit();
            outcomes.push_back({std::move(stored), std::nullopt});
        } catch (const RequestError &error) {
            outcomes.push_back({std::nullopt, inEnvelope(error.error)});
        } catch (const pqxx::broken_connection &) {
            throw;
        } catch (const std::exception &error) {
            logger()->error("chat message of visit {} failed: {}", append.visitId, error.what());
            outcomes.push_back({std::nullopt, unavailable()});
        }
    }
    return outcomes;
}

void ChatWriter::answer(const Append &append, const Outcome &outcome) {
    if (append.settled)
        append.settled(outcome.stored && outcome.stored->inserted);
    auto connection = append.connection.lock();
    if (!connection)
        return; // the client resends after reconnecting; the stored copy answers it
    if (outcome.stored) {
        const auto &message = outcome.stored->message;
        connection->send(protocol::encode(protocol::ChatAck{append.visitId, append.clientMessageId,
                                                            message.seq, message.createdAt},
                                          append.requestId));
    } else {
        connection->send(protocol::encode(*outcome.refused, append.requestId));
    }
}

} // namespace caredesk::server
